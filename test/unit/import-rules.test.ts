// Dependencies point one way (DESIGN.md, Layout): functions/ → src/server/ → src/forms/,
// and pages and islands use src/forms/ too. Nothing in src/forms/ imports server code;
// the server draws islands through one render function only; inside the server, the
// layers point down: routes → submission → emails → http → platform. Every import of
// every file is read and checked against these rules (as withastro/starlight checks
// its own), so an import against the direction fails here.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { filesUnder } from '../../src/content/check/links.ts';

const root = resolve(import.meta.dirname, '../..');

/** Where a file sits, for the rules: its top folder, and its layer inside src/server. */
function placeOf(path: string): string {
  const [top, second, third] = path.split('/');
  if (top === 'functions') return 'functions';
  if (top === 'content') return 'content files';
  if (top !== 'src') return top ?? path;
  if (second === 'server') return `server/${third}`;
  if (second === 'content') return third === 'check' ? 'content/check' : third === 'grammar.ts' ? 'content/grammar' : 'content';
  if (second === 'content.config.ts') return 'content';
  return (second ?? path).replace(/\.tsx?$/, '');
}

/** What each place may import from the project (anything from node_modules is allowed). */
const allowed: Record<string, readonly string[]> = {
  // Small rules of English ("an AMBER"): nothing but words, so anything may use them.
  'content/grammar': [],
  functions: ['server/routes', 'server/http', 'server/platform', 'forms'],
  'server/routes': ['server/routes', 'server/submission', 'server/emails', 'server/http', 'server/platform', 'forms', 'content', 'content/grammar'],
  'server/submission': ['server/submission', 'server/emails', 'server/http', 'server/platform', 'forms'],
  'server/emails': ['server/emails', 'server/platform', 'forms', 'content', 'content/grammar'],
  'server/http': ['server/http', 'server/platform', 'forms', 'islands (render.tsx only)'],
  'server/platform': ['server/platform'],
  forms: ['forms', 'content', 'content files', 'content/grammar'],
  // The browser loads islands: not the content modules, which check their files with zod.
  islands: ['islands', 'forms', 'content files', 'content/grammar', 'layouts', 'styles'],
  content: ['content', 'content files', 'content/grammar'],
  // The content checker checks links against every page, the forms' included.
  'content/check': ['content/check', 'content', 'forms', 'content/grammar'],
  pages: ['pages', 'layouts', 'components', 'islands', 'forms', 'content', 'content/grammar', 'content files', 'styles', 'navigation', 'admin'],
  // The browser editor at /admin/: configured from the content schemas and the checker's list of files.
  admin: ['admin', 'content', 'content/check', 'content/grammar', 'content files', 'styles'],
  layouts: ['layouts', 'components', 'styles', 'content', 'content files', 'islands', 'navigation', 'content/grammar'],
  components: ['components', 'layouts', 'content', 'content files', 'islands', 'styles', 'navigation', 'content/grammar'],
  // The site's menus and footer links.
  navigation: ['navigation', 'content files'],
  styles: ['styles'],
};

/** The one module through which the server draws an island, and the one file that may import it. */
const renderFunction = 'src/islands/forms/render.tsx';
const renderCaller = 'src/server/http/render.ts';

/** Every relative import of a file: static imports, re-exports, dynamic imports, and Astro's script imports. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)].map(
    (match) => match[1] ?? match[2] ?? match[3]!,
  );
  return specifiers.filter((specifier) => specifier.startsWith('.')).map((specifier) => relative(root, resolve(dirname(join(root, file)), specifier)).split('\\').join('/'));
}

const sourceFiles = [...filesUnder(join(root, 'src')).map((path) => `src/${path}`), ...filesUnder(join(root, 'functions')).map((path) => `functions/${path}`)].filter((path) =>
  /\.(ts|tsx|astro)$/.test(path),
);

/** What breaks the rules: "from → to" for each import against the direction. */
function violations(files: readonly string[], imports: (file: string) => string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const from = placeOf(file);
    for (const target of imports(file)) {
      const to = placeOf(target);
      if (to === 'islands' && from.startsWith('server/')) {
        if (target !== renderFunction || file !== renderCaller) found.push(`${file} → ${target} (the server draws islands through ${renderFunction}, from ${renderCaller} only)`);
        continue;
      }
      if (!(allowed[from] ?? []).includes(to)) found.push(`${file} → ${target} (${from} may not import ${to})`);
    }
  }
  return found;
}

describe('the direction of imports', () => {
  test('every source file sits somewhere the rules know', () => {
    expect(sourceFiles.filter((file) => !(placeOf(file) in allowed))).toEqual([]);
    expect(sourceFiles.length).toBeGreaterThan(100);
  });

  test('no import runs against the direction in DESIGN.md', () => {
    expect(violations(sourceFiles, importsOf)).toEqual([]);
  });

  test('the reading of imports finds them all, so a wrong one would be seen', () => {
    expect(importsOf('src/server/http/render.ts')).toContain(renderFunction);
    expect(importsOf('functions/[[path]].ts')).toContain('src/server/routes/forms.ts');
    expect(importsOf('src/islands/forms/FormPage.astro')).toContain('src/islands/forms/start.ts');
  });

  test('imports against the direction are caught: forms importing the server, the server an island, platform importing http', () => {
    const made: Record<string, string[]> = {
      'src/forms/referral.ts': ['src/server/platform/database.ts'],
      'src/server/routes/records.ts': ['src/islands/forms/FormFlow.tsx'],
      'src/server/submission/pipeline.ts': [renderFunction],
      'src/server/platform/mail.ts': ['src/server/http/responses.ts'],
      'src/islands/forms/views.tsx': ['src/content/ratings.ts'],
    };
    expect(violations(Object.keys(made), (file) => made[file]!)).toHaveLength(5);
  });
});
