// `npm run build`: the content check, the static site, then its search index. OUT_DIR
// changes where the site goes (benchmarks and parallel builds); dist/ otherwise.
// Cloudflare Pages runs this for every branch and pull request, so content that
// fails `npm run check:content` stops the build and is never published.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { functionAddresses } from '../src/forms/index.ts';
import { projectRoot } from './database.ts';
import { newestChange, run } from './processes.ts';
import { checkAndReport } from './check-content.ts';

export const outDir = resolve(projectRoot, process.env.OUT_DIR ?? 'dist');
/** Written last, so a build that stopped half way is never taken for a finished one. */
const stampFile = join(outDir, '.build-complete');

/** What a build reads: when any of it is newer than the last build, the site is stale. */
const buildInputs = ['src', 'content', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json'].map((path) =>
  join(projectRoot, path),
);

export function isBuildStale(): boolean {
  const built = newestChange([stampFile]);
  return built === 0 || newestChange(buildInputs) > built;
}

/** Cloudflare Pages' _routes.json: only the forms' addresses run functions (src/forms/index.ts); every other page is a static file with the headers of public/_headers. */
export function routesFile(): string {
  const routes = {
    version: 1,
    description: 'Written by npm run build from the forms in src/forms: only these paths run functions.',
    include: functionAddresses(),
    exclude: [],
  };
  return `${JSON.stringify(routes, null, 2)}\n`;
}

export async function build(): Promise<boolean> {
  if (!checkAndReport(join(projectRoot, 'content'))) return false;
  const env = { ASTRO_TELEMETRY_DISABLED: '1', OUT_DIR: outDir };
  if ((await run('astro', ['build'], env)) !== 0) return false;
  if ((await run('pagefind', ['--site', outDir], env)) !== 0) return false;
  await writeFile(join(outDir, '_routes.json'), routesFile());
  await writeFile(stampFile, new Date().toISOString());
  return true;
}

if (import.meta.main) {
  process.exit((await build()) ? 0 : 1);
}
