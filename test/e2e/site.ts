// What the browser tests share: the address of the running site and its pages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outDir } from '../../scripts/build.ts';

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run the browser tests through test/e2e/playwright.config.ts');
  return url;
}

/** Every page path in the built sitemap, e.g. "/about/". */
export function sitemapPaths(): string[] {
  const xml = readFileSync(join(outDir, 'sitemap-0.xml'), 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1] ?? '/').pathname);
}

/** The WCAG 2.2 AA rule sets every page is checked against, plus axe's best practices. */
export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
