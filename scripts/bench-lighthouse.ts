// `npm run bench:lighthouse`: Lighthouse (the npm package, pinned) on every form page
// and its confirmation page, in Debian's Chromium, with Lighthouse's default mobile
// settings: a mid-range phone on a slow 4G connection, simulated throttling (the page
// loads at full speed on loopback and Lighthouse works out how long it would take on
// the phone). Each page is run LIGHTHOUSE_RUNS times (3 unless set) and the median
// run is written, with the load on the machine beside it.
// Run after a build (`npm run build`); OUT_DIR points it at another build.
import { cpus, loadavg } from 'node:os';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { writeBenchmarkSection } from './benchmarks-file.ts';
import { outDir } from './build.ts';
import { chromiumArgs, ensureChromium } from './chromium.ts';
import { serveStatic } from './static-server.ts';
import { portFrom } from './processes.ts';
import { formPageAddresses } from '../src/forms/index.ts';

const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const port = await portFrom(process.env.BENCH_LIGHTHOUSE_PORT);
/** Issue 17's goals for every form page. */
const goals = { performance: 100, totalBlockingTimeMs: 50, largestContentfulPaintMs: 1500 };

interface Run {
  performance: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  si: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const pages = formPageAddresses().map(({ address }) => address);
const loadBefore = loadavg()[0]!;
const { server } = await serveStatic(outDir, port);
const chrome = await launch({ chromePath: await ensureChromium(), chromeFlags: chromiumArgs });
const results = new Map<string, Run[]>();
let version = '';
try {
  for (const page of pages) {
    for (let run = 0; run < runs; run++) {
      const result = await lighthouse(`http://127.0.0.1:${port}${page}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
      if (!result) throw new Error(`Lighthouse gave no result for ${page}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse could not measure ${page}: ${lhr.runtimeError.message}`);
      version = `Lighthouse ${lhr.lighthouseVersion}, ${lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}`;
      const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
      const measured: Run = {
        performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        fcp: audit('first-contentful-paint'),
        lcp: audit('largest-contentful-paint'),
        tbt: audit('total-blocking-time'),
        cls: audit('cumulative-layout-shift'),
        si: audit('speed-index'),
      };
      results.set(page, [...(results.get(page) ?? []), measured]);
      console.log(`${page} run ${run + 1}: performance ${measured.performance}, LCP ${measured.lcp.toFixed(0)} ms, TBT ${measured.tbt.toFixed(0)} ms`);
    }
  }
} finally {
  await chrome.kill();
  await new Promise((resolve) => server.close(resolve));
}
const loadAfter = loadavg()[0]!;

const rows = pages.map((page) => {
  const measured = results.get(page) ?? [];
  const of = (key: keyof Run) => median(measured.map((run) => run[key]));
  const met = of('performance') >= goals.performance && of('tbt') <= goals.totalBlockingTimeMs && of('lcp') <= goals.largestContentfulPaintMs;
  const worst = Math.min(...measured.map((run) => run.performance));
  return `| \`${page}\` | **${of('performance')}** (lowest ${worst}) | ${of('fcp').toFixed(0)} | **${of('lcp').toFixed(0)}** | **${of('tbt').toFixed(0)}** | ${of('si').toFixed(0)} | ${of('cls').toFixed(3)} | ${met ? 'met' : '**not met**'} |`;
});
const body = [
  `${version}, mobile (Lighthouse's defaults: a mid-range phone, slow 4G, 4× CPU slowdown, simulated throttling), performance category only; the built site served statically on loopback with gzip for text. Median of ${runs} runs a page. Load average (1 min) before and after: ${loadBefore.toFixed(1)} and ${loadAfter.toFixed(1)} on ${cpus().length} cores.`,
  '',
  `Goal (issue 17), every form page: performance ${goals.performance}, Total Blocking Time ≤ ${goals.totalBlockingTimeMs} ms, Largest Contentful Paint ≤ ${goals.largestContentfulPaintMs} ms.`,
  '',
  '| page | performance | FCP ms | LCP ms | TBT ms | Speed Index ms | CLS | goal |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ...rows,
].join('\n');
console.log(body);
if (!process.argv.includes('--no-write')) await writeBenchmarkSection('Form pages on a phone (Lighthouse)', 'npm run build && npm run bench:lighthouse', body);
