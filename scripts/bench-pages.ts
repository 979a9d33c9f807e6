// `npm run bench:pages`: what a browser transfers for each built page (HTML, CSS,
// JavaScript and fonts, gzip), against the budgets: content pages 30 KB with no
// JavaScript beyond the design system's; form pages, search and the keyworking
// checklist (the pages with a React island), and the frames the functions draw the
// console and a professional's own page into, 120 KB.
// Run after a build (`npm run build`); OUT_DIR points it at another build.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { consoleRegionStart } from '../src/forms/console.ts';
import { myReferralsRegionStart } from '../src/forms/my-referrals.ts';
import { writeBenchmarkSection } from './benchmarks-file.ts';
import { outDir as dist } from './build.ts';

const KB = 1024;
export const budgets = { content: 30 * KB, interactive: 120 * KB } as const;

/** The two guidance pages that may load an island (issue 3): weighed like form pages, as interactive. */
const islandPages = new Set(['/search/', '/keyworking/']);

/** The design system's own script, the only JavaScript a content page may load. */
const isDesignSystemScript = (path: string) => /\/nhsuk-frontend[^/]*\.js$/.test(path);

const gzipSize = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    // The browser editor (/admin/) is the comms team's tool, not a page readers load: bench:admin weighs it.
    if (statSync(path).isDirectory()) return entry === 'pagefind' || entry === '_astro' || entry === 'admin' ? [] : htmlFiles(path);
    return entry.endsWith('.html') ? [path] : [];
  });
}

/**
 * A JavaScript file and every module it imports, as site paths: statically (`from "…"`)
 * and, with `later`, what it may import when it runs (`import(`…`)`): the form pages
 * fetch their island on first use (src/islands/forms/start.ts), and that counts too.
 * Of the forms' own components (RegisterForm.….js, …) a page fetches only its own, `onlyForm`.
 */
function withImports(path: string, seen = new Set<string>(), later?: { into: Set<string>; onlyForm?: string | undefined }): Set<string> {
  if (seen.has(path) || later?.into.has(path)) return seen;
  seen.add(path);
  const file = join(dist, path);
  if (!existsSync(file)) return seen;
  const code = readFileSync(file, 'utf8');
  for (const match of code.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) {
    const target = match[1] ?? '';
    withImports(target.startsWith('/') ? target : posix.join(posix.dirname(path), target), seen, later);
  }
  if (later) {
    for (const match of code.matchAll(/import\(\s*[`"']([^`"']+\.js)[`"']\s*\)/g)) {
      const target = match[1] ?? '';
      const form = /(?:^|\/)([A-Z]\w*Form)\.[^/]*\.js$/.exec(target)?.[1];
      if (form && form !== later.onlyForm) continue;
      withImports(target.startsWith('/') ? target : posix.join(posix.dirname(path), target), later.into, later);
    }
  }
  return seen;
}

export interface PageWeight {
  path: string;
  kind: 'content' | 'interactive';
  html: number;
  css: number;
  js: number;
  /** Of `js`, what is fetched only when the page is first used (a form page's island). */
  jsLater: number;
  fonts: number;
  total: number;
  foreignScripts: string[];
  problems: string[];
}

export function weighPage(file: string): PageWeight {
  const html = readFileSync(file);
  const text = html.toString();
  const path = '/' + relative(dist, file).replace(/index\.html$/, '');
  const styles = [...text.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1] ?? '');
  const scripts = new Set<string>();
  const later = new Set<string>();
  // A form page's island is its form's component: "referral" is ReferralForm.
  const form = /data-form="(\w+)"/.exec(text)?.[1];
  const onlyForm = form ? `${form[0]!.toUpperCase()}${form.slice(1)}Form` : undefined;
  for (const m of text.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) withImports(m[1] ?? '', scripts, { into: later, onlyForm });
  for (const path of scripts) later.delete(path);
  for (const m of text.matchAll(/(?:component-url|renderer-url)="([^"]+)"/g)) withImports(m[1] ?? '', scripts);
  const inline = [...text.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
  const fonts = new Set<string>();
  let css = 0;
  for (const sheet of styles) {
    const content = readFileSync(join(dist, sheet));
    css += gzipSize(content);
    for (const m of content.toString().matchAll(/url\(([^)]+\.(?:woff2?|ttf|otf))\)/g)) fonts.add((m[1] ?? '').replace(/["']/g, ''));
  }
  const size = (paths: Iterable<string>) =>
    [...paths].reduce((sum, p) => sum + (existsSync(join(dist, p)) ? gzipSize(readFileSync(join(dist, p))) : 0), 0);
  const jsLater = size(later);
  const js = size(scripts) + jsLater;
  const fontBytes = size(fonts);
  const hasForm = /<form(?![^>]*id="search")/.test(text);
  // A frame the functions draw each page into (the console, a professional's own page):
  // its pages are forms and tables, so it is judged as a form page is, though it loads no script.
  const framed = [consoleRegionStart, myReferralsRegionStart].some((mark) => text.includes(mark));
  const kind = hasForm || framed || islandPages.has(path) ? 'interactive' : 'content';
  const total = gzipSize(html) + css + js + fontBytes;
  const foreignScripts = [...scripts, ...later].filter((s) => !isDesignSystemScript(s));
  if (kind === 'content' && inline.some((code) => code.trim() !== '')) foreignScripts.push('(inline script)');
  const problems: string[] = [];
  if (total > budgets[kind]) problems.push(`${(total / KB).toFixed(1)} KB is over the ${budgets[kind] / KB} KB budget`);
  if (kind === 'content' && foreignScripts.length > 0) problems.push(`loads JavaScript that is not the design system's: ${foreignScripts.join(', ')}`);
  return { path, kind, html: gzipSize(html), css, js, jsLater, fonts: fontBytes, total, foreignScripts, problems };
}

export function weighSite(): PageWeight[] {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`No built site in ${dist}: run \`npm run build\` first.`);
  return htmlFiles(dist)
    .map(weighPage)
    .sort((a, b) => a.path.localeCompare(b.path));
}

if (import.meta.main) {
  const pages = weighSite();
  const kb = (n: number) => (n / KB).toFixed(1);
  const rows = pages.map(
    (p) =>
      `| \`${p.path}\` | ${p.kind} | ${kb(p.html)} | ${kb(p.css)} | ${kb(p.js)} | ${kb(p.jsLater)} | ${kb(p.fonts)} | **${kb(p.total)}** | ${budgets[p.kind] / KB} | ${p.problems.length ? 'over: ' + p.problems.join('; ') : 'within'} |`,
  );
  const table = [
    '| page | kind | HTML | CSS | JS | of which JS on first use | fonts | total KB (gzip) | budget KB | result |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    'JS counts everything a page may fetch: what loads with it, and what a form page fetches when the person first uses it or the browser is idle (its island: React and that form\'s component).',
  ].join('\n');
  console.log(table);
  await writeBenchmarkSection('Page weight', 'npm run build && npm run bench:pages', table);
  const failing = pages.filter((p) => p.problems.length > 0);
  if (failing.length > 0) {
    console.error(`\n${failing.length} page(s) break their budget:`);
    for (const p of failing) console.error(`  ${p.path}: ${p.problems.join('; ')}`);
    process.exit(1);
  }
  console.log(`\nAll ${pages.length} pages are within their budgets.`);
}
