// `npm run bench:search`: site search on the 1,000-page build (`npm run bench:build`
// leaves it in the system's temporary folder; it is built here if missing).
// Measures, with the real /search/ page and its island (src/islands/Search.tsx) in
// Chromium, the site served statically on loopback with gzip as a CDN would:
//   - the Pagefind index: its size on disk, by kind of file;
//   - the bytes fetched for the first query of a visit (Pagefind's script, its
//     WebAssembly, the index chunks and the result fragments), and for a second query;
//   - the time from pressing Enter in the search box (the island searches on submit)
//     to the results on screen: the first query of a fresh visit, median of 20
//     visits, each a new browser context with an empty cache, and a second query.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { benchSite, buildSyntheticSite } from './bench-build.ts';
import { writeBenchmarkSection } from './benchmarks-file.ts';
import { chromiumArgs, ensureChromium } from './chromium.ts';
import { serveStatic } from './static-server.ts';

const visits = Number(process.env.BENCH_SEARCH_VISITS ?? 20);
const port = Number(process.env.BENCH_SEARCH_PORT ?? 55810);
/** The issue sets no goal for search; these are ours: results within a second of pressing Enter on a cold visit, a first query under 300 KB. */
const goals = { firstResultsMs: 1000, firstQueryKB: 300 };

const queries = [
  'keyworker', 'blue rating', 'crisis plan', 'hospital admission', 'consent', 'advocate', 'care education treatment review',
  'amber', 'social worker', 'housing', 'young person', 'autism', 'learning disability', 'withdraw', 'referral pathway',
  'family carer', 'school college', 'community team', 'early help', 'capacity decision',
];

function indexSize(dir: string) {
  const kinds = new Map<string, { files: number; bytes: number }>();
  const visit = (path: string) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) {
        visit(full);
        continue;
      }
      const kind = full.includes('/fragment/')
        ? 'result fragments'
        : full.includes('/index/')
          ? 'index chunks'
          : full.includes('/filter/')
            ? 'filters'
            : /wasm/.test(entry)
              ? 'WebAssembly'
              : /\.pf_meta$/.test(entry)
                ? 'metadata'
                : /^pagefind-(ui|modular-ui|component-ui|highlight)\./.test(entry)
                  ? "Pagefind's ready-made interfaces (not used: the site has its own island)"
                  : 'pagefind.js, its worker and entry';
      const sum = kinds.get(kind) ?? { files: 0, bytes: 0 };
      sum.files++;
      sum.bytes += statSync(full).size;
      kinds.set(kind, sum);
    }
  };
  visit(dir);
  return kinds;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

if (!existsSync(join(benchSite, 'pagefind', 'pagefind.js')) || !existsSync(join(benchSite, 'search', 'index.html'))) {
  console.log(`No 1,000-page build at ${benchSite}: building it (npm run bench:build does the same)…`);
  await buildSyntheticSite();
}
const syntheticPages = readdirSync(join(benchSite, 'synthetic')).filter((entry) => entry.startsWith('page-')).length;

// Other work on the machine slows every figure: the load is written beside them.
const loadBefore = loadavg()[0]!;
const { server, log } = await serveStatic(benchSite, port);
const browser = await chromium.launch({ executablePath: await ensureChromium(), args: chromiumArgs });
const browserVersion = browser.version();
const first: { ms: number; bytes: number; results: number }[] = [];
const second: { ms: number; bytes: number }[] = [];
const pageLoadBytes: number[] = [];

/** Types the query, presses Enter, and times Enter → results on screen (measured in the page). */
async function search(page: import('@playwright/test').Page, query: string): Promise<{ ms: number; bytes: number; results: number }> {
  await page.fill('#search-page-query', '');
  const from = log.length;
  await page.evaluate((query) => {
    const box = document.querySelector<HTMLInputElement>('#search-page-query')!;
    const status = document.querySelector('.dsr-search__status')!;
    const timing: { pressed?: number; shown?: Promise<number> } = {};
    (window as unknown as { searchTiming: typeof timing }).searchTiming = timing;
    box.addEventListener('keydown', (event) => (event.key === 'Enter' ? (timing.pressed = performance.now()) : undefined), { capture: true, once: false });
    timing.shown = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        // The status names the query once its results are shown ("12 results for “keyworker”").
        if ((status.textContent ?? '').includes(`for “${query}”`)) {
          observer.disconnect();
          // Wait for the frame that shows them.
          requestAnimationFrame(() => resolve(performance.now()));
        }
      });
      observer.observe(document.querySelector('.dsr-search')!, { subtree: true, childList: true, characterData: true });
    });
  }, query);
  await page.type('#search-page-query', query);
  await page.press('#search-page-query', 'Enter');
  const ms = await page.evaluate(async () => {
    const timing = (window as unknown as { searchTiming: { pressed: number; shown: Promise<number> } }).searchTiming;
    return (await timing.shown) - timing.pressed;
  });
  const results = await page.locator('.dsr-search__results > li').count();
  // Result fragments are fetched before the results are drawn; give stragglers a moment.
  await page.waitForTimeout(100);
  const bytes = log.slice(from).reduce((sum, entry) => sum + entry.bytes, 0);
  return { ms, bytes, results };
}

try {
  for (let visit = 0; visit < visits; visit++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const loadFrom = log.length;
    await page.goto(`http://127.0.0.1:${port}/search/`, { waitUntil: 'networkidle' });
    // The island has run when its note for browsers without JavaScript is gone.
    await page.waitForFunction(() => !document.querySelector('.dsr-search .nhsuk-inset-text'));
    pageLoadBytes.push(log.slice(loadFrom).reduce((sum, entry) => sum + entry.bytes, 0));
    const query = queries[visit % queries.length]!;
    const cold = await search(page, query);
    if (cold.results === 0) throw new Error(`No results for “${query}”: the index or the island is not working`);
    first.push(cold);
    second.push(await search(page, queries[(visit + 7) % queries.length]!));
    await context.close();
  }
} finally {
  await browser.close();
  await new Promise((resolve) => server.close(resolve));
}

const kinds = indexSize(join(benchSite, 'pagefind'));
const totalIndex = [...kinds.values()].reduce((sum, kind) => sum + kind.bytes, 0);
const firstMs = median(first.map((run) => run.ms));
const firstBytes = median(first.map((run) => run.bytes));
const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
const table = [
  `The real \`/search/\` page and its island, on the ${syntheticPages}-page synthetic build plus the site's own pages, served statically on loopback with gzip for text; Chromium ${browserVersion} headless; ${visits} visits, each a fresh browser context with an empty cache. Load average (1 min) before and after: ${loadBefore.toFixed(1)} and ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores.`,
  '',
  '| measure | result | goal (ours: the issue sets none) |',
  '| --- | ---: | --- |',
  `| Pagefind index on disk | **${kb(totalIndex)} KB** in ${[...kinds.values()].reduce((sum, kind) => sum + kind.files, 0)} files | — |`,
  `| bytes fetched for the first query of a visit (median) | **${kb(firstBytes)} KB** | under ${goals.firstQueryKB} KB: ${verdict(firstBytes / 1024 < goals.firstQueryKB)} |`,
  `| bytes fetched for a second query (median) | **${kb(median(second.map((run) => run.bytes)))} KB** | — |`,
  `| Enter → results on screen, first query of a visit (median of ${visits}) | **${firstMs.toFixed(0)} ms** (fastest ${Math.min(...first.map((run) => run.ms)).toFixed(0)}, slowest ${Math.max(...first.map((run) => run.ms)).toFixed(0)}) | under ${goals.firstResultsMs} ms: ${verdict(firstMs < goals.firstResultsMs)} |`,
  `| Enter → results on screen, second query (median of ${visits}) | **${median(second.map((run) => run.ms)).toFixed(0)} ms** | — |`,
  `| the /search/ page itself (HTML, CSS, JS, gzip; median) | ${kb(median(pageLoadBytes))} KB | see Page weight |`,
  '',
  '| index file kind | files | KB on disk |',
  '| --- | ---: | ---: |',
  ...[...kinds].sort((a, b) => b[1].bytes - a[1].bytes).map(([kind, sum]) => `| ${kind} | ${sum.files} | ${kb(sum.bytes)} |`),
  '',
  'The island loads Pagefind only when someone searches, so the first query of a visit pays for Pagefind\'s script and WebAssembly as well as the index chunks and fragments it needs; later queries fetch only new chunks and fragments.',
].join('\n');
console.log(table);
await writeBenchmarkSection('Search', 'npm run bench:search', table);
