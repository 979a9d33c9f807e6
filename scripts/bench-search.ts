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
import { portFrom } from './processes.ts';

const visits = Number(process.env.BENCH_SEARCH_VISITS ?? 20);
const port = await portFrom(process.env.BENCH_SEARCH_PORT);
/** Issue 17's goals: the first query of a visit shows results within 300 ms of Enter (median) and fetches at most 100 KB. */
const goals = { firstResultsMs: 300, firstQueryKB: 100 };

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
        // The status names the query once the search has run ("12 results for “keyworker”"), and
        // results are drawn as their excerpts arrive: timed to the first result on screen (or "No results").
        const named = (status.textContent ?? '').includes(`for “${query}”`);
        if (named && (/^No results/.test(status.textContent ?? '') || document.querySelector('.dsr-search__result'))) {
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
  // The rest of the best results arrive after the first; the bytes count them all.
  await page.waitForFunction(() => {
    const total = Number(/^(\d+) results? for/.exec(document.querySelector('.dsr-search__status')?.textContent ?? '')?.[1] ?? 0);
    return document.querySelectorAll('.dsr-search__results > li').length >= Math.min(total, 10);
  });
  const results = await page.locator('.dsr-search__results > li').count();
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
  '| measure | result | goal (issue 17) |',
  '| --- | ---: | --- |',
  `| Pagefind index on disk | **${kb(totalIndex)} KB** in ${[...kinds.values()].reduce((sum, kind) => sum + kind.files, 0)} files | — |`,
  `| bytes fetched for the first query of a visit (median) | **${kb(firstBytes)} KB** | at most ${goals.firstQueryKB} KB: ${verdict(firstBytes / 1024 <= goals.firstQueryKB)} |`,
  `| bytes fetched for a second query (median) | **${kb(median(second.map((run) => run.bytes)))} KB** | — |`,
  `| Enter → results on screen, first query of a visit (median of ${visits}) | **${firstMs.toFixed(0)} ms** (fastest ${Math.min(...first.map((run) => run.ms)).toFixed(0)}, slowest ${Math.max(...first.map((run) => run.ms)).toFixed(0)}) | at most ${goals.firstResultsMs} ms: ${verdict(firstMs <= goals.firstResultsMs)} |`,
  `| Enter → results on screen, second query (median of ${visits}) | **${median(second.map((run) => run.ms)).toFixed(0)} ms** | — |`,
  `| the /search/ page itself (HTML, CSS, JS, gzip; median) | ${kb(median(pageLoadBytes))} KB | see Page weight |`,
  '',
  '| index file kind | files | KB on disk |',
  '| --- | ---: | ---: |',
  ...[...kinds].sort((a, b) => b[1].bytes - a[1].bytes).map(([kind, sum]) => `| ${kind} | ${sum.files} | ${kb(sum.bytes)} |`),
  '',
  'The island starts loading Pagefind (its script, WebAssembly and metadata) when the search box gets focus or the browser is idle after the page has loaded, and the index chunks for the words as they are typed; the page-load row counts what it fetched while idle (the bench waits for the network to be quiet before typing). The first query then fetches what is left: the chunks for the whole words and the fragments of the best results, each result drawn as its fragment arrives; the time is Enter → the first result on screen.',
].join('\n');
console.log(table);
await writeBenchmarkSection('Search', 'npm run bench:search', table);
