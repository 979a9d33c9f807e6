// The tests that exist, by the full title the hazard log names them with
// ("test/db/referrals.test.ts > referrals on PGlite > …"), read from the test runners
// themselves rather than from the source: after `npm test`, from the JSON reports it
// wrote (with each test's result); on its own, from `vitest list` and
// `playwright test --list` (existence only, nothing is run).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { projectRoot } from '../database.ts';
import { e2eReport, playwrightConfig, vitestReport, vitestSuites } from '../test-suites.ts';
import { eachPlaywrightTest, type PlaywrightReport } from '../playwright-report.ts';

/** "listed": the test exists, but this inventory does not say how it went. */
export type TestStatus = 'passed' | 'failed' | 'skipped' | 'listed';

export interface TestInventory {
  /** Every test by its full title. */
  tests: Map<string, TestStatus>;
  /** Titles that two tests share, so a name in the log could mean either. */
  ambiguous: Set<string>;
  /** Where the inventory came from, for the check's output. */
  sources: string[];
}

export function emptyInventory(): TestInventory {
  return { tests: new Map(), ambiguous: new Set(), sources: [] };
}

/** Adds a test by its file (absolute, or from the project folder) and its titles. */
function add(inventory: TestInventory, file: string, titlePath: string[], status: TestStatus) {
  const title = [relative(projectRoot, resolve(projectRoot, file)), ...titlePath].join(' > ');
  if (inventory.tests.has(title)) inventory.ambiguous.add(title);
  inventory.tests.set(title, status);
}

interface VitestReport {
  testResults: { name: string; assertionResults: { ancestorTitles: string[]; title: string; status: string }[] }[];
}

/** vitest's `--reporter=json` output (what `npm test` writes to test-results/vitest.json). */
export function addVitestReport(inventory: TestInventory, report: VitestReport, source: string) {
  for (const file of report.testResults) {
    for (const result of file.assertionResults) {
      const status = result.status === 'passed' ? 'passed' : result.status === 'failed' ? 'failed' : 'skipped';
      add(inventory, file.name, [...result.ancestorTitles, result.title], status);
    }
  }
  inventory.sources.push(source);
}

/** `vitest list --json`: each test's file and its titles joined by " > ". Skipped tests are not listed. */
export function addVitestList(inventory: TestInventory, list: { file: string; name: string }[], source: string) {
  for (const test of list) add(inventory, test.file, [test.name], 'listed');
  inventory.sources.push(source);
}

/** Playwright's JSON reporter: of a run (with results) or of `--list` (without). */
export function addPlaywrightReport(inventory: TestInventory, report: PlaywrightReport, source: string, listed: boolean) {
  if (report.errors?.length) {
    throw new Error(`Playwright could not load its tests (${source}): ${report.errors.map((error) => error.message).join('; ')}`);
  }
  eachPlaywrightTest(report, (test, _spec, file, titles) => {
    const status: TestStatus = listed
      ? 'listed'
      : test.status === 'expected' || test.status === 'flaky'
        ? 'passed'
        : test.status === 'skipped'
          ? 'skipped'
          : 'failed';
    add(inventory, file, titles, status);
  });
  inventory.sources.push(source);
}

function tool(name: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(join(projectRoot, 'node_modules', '.bin', name), args, {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status ?? 1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** Lists the vitest tests without running them (`--staticParse=false`: titles as they run, parameters filled in). */
function listVitest(inventory: TestInventory, scratch: string) {
  const file = join(scratch, 'vitest-list.json');
  const { code, output } = tool('vitest', ['list', ...vitestSuites, '--staticParse=false', `--json=${file}`]);
  if (code !== 0 || !existsSync(file)) throw new Error(`vitest list failed:\n${output.slice(-2000)}`);
  addVitestList(inventory, JSON.parse(readFileSync(file, 'utf8')), 'vitest list');
}

/** Lists the browser tests without running them. They are drawn from the built site's sitemap, so the site must be built. */
function listPlaywright(inventory: TestInventory, scratch: string) {
  const file = join(scratch, 'e2e-list.json');
  const { output } = tool('playwright', ['test', '-c', playwrightConfig, '--list', '--reporter=json'], {
    PLAYWRIGHT_JSON_OUTPUT_FILE: file,
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  });
  if (!existsSync(file)) throw new Error(`playwright test --list failed:\n${output.slice(-2000)}`);
  try {
    addPlaywrightReport(inventory, JSON.parse(readFileSync(file, 'utf8')), 'playwright test --list', true);
  } catch (error) {
    throw new Error(`${(error as Error).message}\nThe browser tests are listed from the built site: run \`npm run build\` first.`);
  }
}

/**
 * Every test of the suite. `from: 'reports'` reads what the last `npm test` wrote (and
 * lists a runner whose report is missing, because its stage did not run); `'lists'`
 * asks the runners.
 */
export function readInventory(from: 'reports' | 'lists'): TestInventory {
  const inventory = emptyInventory();
  const scratch = mkdtempSync(join(tmpdir(), 'dsr-safety-'));
  try {
    if (from === 'reports' && existsSync(vitestReport)) {
      addVitestReport(inventory, JSON.parse(readFileSync(vitestReport, 'utf8')), relative(projectRoot, vitestReport));
    } else {
      listVitest(inventory, scratch);
    }
    if (from === 'reports' && existsSync(e2eReport)) {
      addPlaywrightReport(inventory, JSON.parse(readFileSync(e2eReport, 'utf8')), relative(projectRoot, e2eReport), false);
    } else {
      listPlaywright(inventory, scratch);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return inventory;
}
