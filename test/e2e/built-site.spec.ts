// The built site as files and as the Cloudflare runtime serves it: valid HTML on
// every page (the Nu HTML Checker, once over all of them), the public address and
// never this machine's, pictures that say their size, titles that name the service
// once, true wording in every page's words, and a real "Page not found" with 404.
// No browser: these read dist/ or fetch from `wrangler pages dev`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publicAddress as webAddress } from '../../src/content/public-address.ts';
import { expect, test } from '@playwright/test';
import { outDir } from '../../scripts/build.ts';
import { site } from '../../src/content/guidance.ts';
import { checkWording } from '../../src/content/check/wording.ts';
import { builtPages, filesUnder, nuHtmlCheckerErrors, readText, routeOf, visibleWords } from '../support/built-site.ts';
import { baseUrl, sitemapPaths } from './site.ts';

const pages = builtPages(outDir);
/** The address the build was given: SITE_URL when set, else content/site.json. */
const publicAddress = webAddress();

test('every built page is listed, the 404 page among them', () => {
  const routes = pages.map((page) => routeOf(outDir, page));
  expect(routes).toEqual(expect.arrayContaining(['/', '/404.html', '/about/', '/refer/', '/leaflets/guide-for-families/']));
  // Every page in the sitemap was built; the 404 page is not in the sitemap.
  for (const path of sitemapPaths()) expect(routes).toContain(path);
  expect(sitemapPaths()).not.toContain('/404/');
});

test('every built page passes the Nu HTML Checker with no errors', async () => {
  test.setTimeout(180_000);
  const errors = await nuHtmlCheckerErrors(pages);
  const summary = errors.map((error) => `${routeOf(outDir, new URL(error.url).pathname)}:${error.lastLine ?? '?'}: ${error.message}`);
  expect(summary).toEqual([]);
});

test("the built site carries its public address and never this machine's", () => {
  const loopback = /\b(?:127\.0\.0\.1|localhost|0\.0\.0\.0)(?::\d+)?\b|\[::1\]/;
  // The editor's own code (Sveltia CMS, built into /admin/) names localhost for its local-repository
  // mode; that is the CMS's, not an address the site gives anyone, so only its configuration is read.
  const thirdParty = (path: string) => path.includes('/pagefind/') || path.includes('/admin/assets/') || path.endsWith('/admin/editor.js');
  const textFiles = filesUnder(outDir).filter((path) => /\.(html|xml|txt|css|js|mjs|json|webmanifest)$/.test(path) && !thirdParty(path));
  const found = textFiles.filter((path) => loopback.test(readText(path))).map((path) => routeOf(outDir, path));
  expect(found).toEqual([]);

  expect(readText(join(outDir, 'about/index.html'))).toContain(`<link rel="canonical" href="${publicAddress}/about/">`);
  expect(readText(join(outDir, 'sitemap-0.xml'))).toContain(`<loc>${publicAddress}/about/</loc>`);
  expect(readText(join(outDir, 'robots.txt'))).toContain(`Sitemap: ${publicAddress}/sitemap-index.xml`);
  expect(visibleWords(readText(join(outDir, 'leaflets/guide-for-families/index.html')))).toContain(`${publicAddress}/`);
});

test('every picture says its width and height', () => {
  const unsized = pages.flatMap((page) =>
    [...readText(page).matchAll(/<img\b[^>]*>/g)].map((match) => match[0]).filter((tag) => !/\swidth="\d+"/.test(tag) || !/\sheight="\d+"/.test(tag)).map((tag) => `${routeOf(outDir, page)}: ${tag}`),
  );
  expect(unsized).toEqual([]);
});

test('each page title says nothing twice ("Page - Service", the home page the service alone)', () => {
  const titles = pages.map((page) => ({ route: routeOf(outDir, page), title: /<title>([^<]*)<\/title>/.exec(readText(page))?.[1] ?? '' }));
  expect(titles.find(({ route }) => route === '/')?.title).toBe(site.serviceName);
  for (const { route, title } of titles) {
    const parts = title.split(' - ');
    expect(new Set(parts).size, `${route}: ${title}`).toBe(parts.length);
    expect(parts.at(-1), `${route}: ${title}`).toBe(site.serviceName);
  }
});

test('the words on every page pass the wording rules (src/content/check/wording.ts)', () => {
  const problems = pages.flatMap((page) => {
    const route = routeOf(outDir, page);
    return checkWording(visibleWords(readText(page)), { easyRead: /^\/easy-read\/.+\//.test(route) }).map((problem) => `${route}: ${problem.message}`);
  });
  expect(problems).toEqual([]);
});

test('an address that is not a page gets the NHS "Page not found" page with status 404, under wrangler pages dev', async () => {
  for (const path of ['/no-such-page/', '/leaflets/no-such-leaflet/', '/api/no-such-route', '/refer/confirmation/no/such/']) {
    const response = await fetch(baseUrl() + path);
    const html = await response.text();
    expect(response.status, path).toBe(404);
    expect(html, path).toContain('<h1>Page not found</h1>');
    expect(html, path).toContain('<meta name="robots" content="noindex">');
  }
});

test('robots.txt is served, points at the sitemap and keeps crawlers out of the API', async () => {
  const response = await fetch(`${baseUrl()}/robots.txt`);
  expect(response.status).toBe(200);
  const robots = await response.text();
  expect(robots).toMatch(/^User-agent: \*$/m);
  expect(robots).toMatch(/^Disallow: \/api\/$/m);
  expect(robots).toContain(`Sitemap: ${publicAddress}/sitemap-index.xml`);
  expect(readFileSync(join(outDir, 'robots.txt'), 'utf8')).toBe(robots);
});
