// `npm test`: every stage in order, then one line that sums them all:
// "N passed, N failed". Any failure makes the run exit non-zero.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { build } from './build.ts';
import { ensureChromium } from './chromium.ts';
import { run } from './processes.ts';
import { safetyCheck } from './safety-check.ts';
import { describeFailures, playwrightFailures, type Failure } from './test-failures.ts';
import { e2eReport, playwrightConfig, resultsDir, vitestFailuresReport, vitestReport, vitestSuites } from './test-suites.ts';

let passed = 0;
let failed = 0;
const failures: string[] = [];
/** Each failed test and its error, printed again at the end, where CI's tail shows it. */
const reasons: Failure[] = [];

function count(stage: string, stagePassed: number, stageFailed: number) {
  passed += stagePassed;
  failed += stageFailed;
  if (stageFailed > 0) failures.push(`${stage}: ${stageFailed} failed`);
  console.log(`\n── ${stage}: ${stagePassed} passed, ${stageFailed} failed\n`);
}

/** A stage that is one check: it passes or fails as a whole. */
async function single(stage: string, work: () => Promise<boolean>) {
  console.log(`\n── ${stage}`);
  const ok = await work().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    return false;
  });
  count(stage, ok ? 1 : 0, ok ? 0 : 1);
  return ok;
}

async function readJson(file: string): Promise<any> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

await rm(resultsDir, { recursive: true, force: true });
await mkdir(resultsDir, { recursive: true });

await single('Content check (npm run check:content)', async () => (await run('node', ['scripts/check-content.ts'])) === 0);
await single('Type check (astro check)', async () => (await run('astro', ['check', '--minimumSeverity', 'warning'])) === 0);

{
  const stage = 'Unit, database and function tests (vitest)';
  console.log(`\n── ${stage}`);
  const code = await run('vitest', [
    'run', ...vitestSuites, '--passWithNoTests',
    '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`, '--reporter=./scripts/vitest-failures.ts',
    '--testTimeout=30000', '--hookTimeout=120000',
  ]);
  const results = await readJson(vitestReport);
  const stagePassed = results?.numPassedTests ?? 0;
  // A crash that wrote no report still counts as a failure.
  const stageFailed = (results?.numFailedTests ?? 0) + (code !== 0 && !results?.numFailedTests ? 1 : 0);
  reasons.push(...((await readJson(vitestFailuresReport)) ?? []));
  count(stage, stagePassed, stageFailed);
}

const built = await single('Build (astro build + pagefind)', build);

{
  const stage = 'Browser tests (Playwright on Chromium, with axe)';
  console.log(`\n── ${stage}`);
  if (!built) {
    count(stage, 0, 1);
  } else {
    const chromium = await ensureChromium().catch((error: Error) => {
      console.error(error.message);
      return undefined;
    });
    if (!chromium) {
      count(stage, 0, 1);
    } else {
      const code = await run('playwright', ['test', '-c', playwrightConfig], {
        CHROMIUM_PATH: chromium,
        PLAYWRIGHT_JSON_OUTPUT_FILE: e2eReport,
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
      });
      const report = await readJson(e2eReport);
      const stats = report?.stats;
      reasons.push(...playwrightFailures(report));
      const stagePassed = (stats?.expected ?? 0) + (stats?.flaky ?? 0);
      const stageFailed = (stats?.unexpected ?? 0) + (code !== 0 && !stats?.unexpected ? 1 : 0);
      count(stage, stagePassed, stageFailed);
    }
  }
}

// Last, because it reads the reports the two test stages wrote: every test the hazard
// log names must be in them and have passed (docs/clinical-safety/).
await single('Hazard controls (npm run safety:check)', async () => safetyCheck('reports'));

const why = describeFailures(reasons);
if (why) console.log(why);
if (failures.length > 0) console.log(`Failed stages:\n  ${failures.join('\n  ')}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
