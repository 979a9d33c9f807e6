// Which addresses exist on the built site, so links in content can be checked
// without building it: the route files in src/pages/, the pages made from
// content/, and the files in public/.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { entryId, entryRoute, markdownCollections, type MarkdownCollection } from '../routes.ts';

/** Files under a folder, as paths relative to it with forward slashes. */
export function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(folder, path)).isFile())
    .map((path) => path.split(sep).join('/'))
    .sort();
}

/** Addresses of the route files in src/pages/ that are not built from content (e.g. /refer/). */
export function staticRoutes(pagesFolder: string): Map<string, string> {
  const routes = new Map<string, string>();
  for (const path of filesUnder(pagesFolder)) {
    if (!/\.(astro|md|mdx|html)$/.test(path) || path.includes('[') || path.split('/').some((part) => part.startsWith('_'))) continue;
    const route = `/${path.replace(/\.(astro|md|mdx|html)$/, '').replace(/(^|\/)index$/, '')}/`.replace(/\/+/g, '/');
    routes.set(route, relative(process.cwd(), join(pagesFolder, path)));
  }
  return routes;
}

/** Addresses of the Markdown entries in a content folder, each with its file. */
export function contentRoutes(contentFolder: string): Map<string, { collection: MarkdownCollection; path: string }> {
  const routes = new Map<string, { collection: MarkdownCollection; path: string }>();
  for (const collection of Object.keys(markdownCollections) as MarkdownCollection[]) {
    const folder = join(contentFolder, markdownCollections[collection].folder);
    for (const path of filesUnder(folder).filter((file) => /\.mdx?$/.test(file))) {
      routes.set(entryRoute(collection, entryId(path)), { collection, path: join(folder, path) });
    }
  }
  return routes;
}

/** Addresses of the files in public/, e.g. /images/easy-read/home.svg. */
export function publicFiles(publicFolder: string): Set<string> {
  return new Set(filesUnder(publicFolder).map((path) => `/${path}`));
}

export interface SiteAddresses {
  pages: Set<string>;
  files: Set<string>;
}

export type LinkVerdict = { ok: true } | { ok: false; reason: 'broken' | 'no-slash'; suggestion?: string };

/**
 * Whether a link in content leads somewhere on this site. Links to other sites,
 * email and phone links are not checked; a link into a page checks the page, not the #section.
 */
export function checkInternalLink(href: string, fromRoute: string, site: SiteAddresses): LinkVerdict {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//') || href.startsWith('#') || href === '') return { ok: true };
  const absolute = new URL(href, `https://site.invalid${fromRoute}`).pathname;
  const path = decodeURI(absolute);
  if (site.pages.has(path) || site.files.has(path)) return { ok: true };
  if (!path.endsWith('/') && site.pages.has(`${path}/`)) return { ok: false, reason: 'no-slash', suggestion: `${path}/` };
  return { ok: false, reason: 'broken' };
}
