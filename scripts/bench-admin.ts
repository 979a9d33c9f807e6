// `npm run build && npm run bench:admin`: what the browser editor (/admin/) makes a
// browser load, counted in Chromium, cold cache, no network beyond the site: every
// response, text compressed with gzip as bench:pages counts it, fonts and WebAssembly
// as they are. Two moments: the sign-in screen, and a page open for editing with its
// preview (Sveltia CMS's test back end, on the project's content). The site is served
// by `wrangler pages dev`, with its headers, as Cloudflare Pages serves it.
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { writeBenchmarkSection } from './benchmarks-file.ts';
import { outDir } from './build.ts';
import { chromiumArgs, ensureChromium } from './chromium.ts';
import { projectRoot } from './database.ts';
import { freePort, serveSite } from './processes.ts';
import { filesUnder, openEditor, previewOf, seedTestRepository, useTestBackend } from '../test/support/admin-editor.ts';

const KB = 1024;
const compressedOnTheWay = /\.(js|mjs|css|json|html|svg)$|\/$/;

interface Loaded {
  path: string;
  bytes: number;
}

/** Records every response of the page from now on, by what it costs to send. */
function weigh(page: Page): Loaded[] {
  const loaded: Loaded[] = [];
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (url.protocol !== 'http:' || response.status() >= 300) return;
    const body = await response.body().catch(() => undefined);
    if (!body) return;
    const bytes = compressedOnTheWay.test(url.pathname) ? gzipSync(body, { level: 9 }).length : body.length;
    loaded.push({ path: url.pathname, bytes });
  });
  return loaded;
}

const kindOf = (path: string) =>
  /\.m?js$/.test(path) ? 'JS' : /\.css$/.test(path) ? 'CSS' : /\.(woff2?|ttf)$/.test(path) ? 'fonts' : 'other';

function summary(moment: string, loaded: Loaded[]) {
  const sums: Record<string, number> = { JS: 0, CSS: 0, fonts: 0, other: 0 };
  for (const { path, bytes } of loaded) sums[kindOf(path)]! += bytes;
  const total = loaded.reduce((sum, { bytes }) => sum + bytes, 0);
  const kb = (n: number) => (n / KB).toFixed(1);
  return {
    row: `| ${moment} | ${loaded.length} | ${kb(sums['JS']!)} | ${kb(sums['CSS']!)} | ${kb(sums['fonts']!)} | ${kb(sums['other']!)} | **${kb(total)}** |`,
    largest: [...loaded].sort((a, b) => b.bytes - a.bytes).slice(0, 5).map(({ path, bytes }) => `\`${path}\` ${kb(bytes)} KB`),
  };
}

const site = await serveSite({ dir: outDir, port: await freePort(), bindings: {}, onOutput: () => undefined });
const browser = await chromium.launch({ executablePath: await ensureChromium(), args: chromiumArgs });
try {
  const rows: ReturnType<typeof summary>[] = [];

  let context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  let page = await context.newPage();
  let loaded = weigh(page);
  await page.goto(`${site.url}/admin/`);
  await page.getByRole('button', { name: /GitHub/ }).waitFor();
  await page.waitForLoadState('networkidle');
  rows.push(summary('sign-in screen', loaded));
  await context.close();

  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  page = await context.newPage();
  await useTestBackend(page);
  await page.goto(`${site.url}/favicon.svg`);
  await seedTestRepository(page, filesUnder(projectRoot, 'content'));
  loaded = weigh(page);
  await openEditor(page, site.url);
  await page.goto(`${site.url}/admin/#/collections/pages/entries/about`);
  await previewOf(page).getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  rows.push(summary('a page open for editing, with its preview', loaded));
  await context.close();

  const table = [
    '| moment (cold cache) | responses | JS | CSS | fonts | other | total KB (gzip) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(({ row }) => row),
    '',
    ...rows.map(({ largest }, index) => `Largest, ${index === 0 ? 'sign-in screen' : 'editing'}: ${largest.join(', ')}.`),
    '',
    'Public pages load none of it: the editor is only on /admin/ (their weights are under Page weight).',
  ].join('\n');
  console.log(table);
  await writeBenchmarkSection('Browser editor weight', 'npm run build && npm run bench:admin', table);
} finally {
  await browser.close();
  await site.stop();
}
