// The browser editor (/admin/) as the comms team uses it, in Chromium with no network.
// Sveltia CMS's test back end stands in for GitHub (test/support/admin-editor.ts): it
// starts from a temporary copy of the project's content/, and what the editor saves is
// copied back there, checked with check:content and built. The repository's own
// content/ is never touched.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { adminHeaders, securityHeaders } from '../../src/server/http/headers.ts';
import { outDir } from '../../scripts/build.ts';
import { copyProject, filesUnder, openEditor, previewOf, readTestRepository, seedTestRepository, useTestBackend } from '../support/admin-editor.ts';
import { axeTags, baseUrl, sitemapPaths } from './site.ts';

test.describe.configure({ mode: 'serial' });

const aboutFile = 'content/pages/about.md';
const ratingsFile = 'content/ratings.json';
const newSummary = 'What the register is, who it is for and why it exists, as changed in the browser editor.';
const newAmberWords = 'The person is likely to be admitted soon unless help changes quickly, in words changed in the browser editor.';
/** Where the screenshots go: the test's report, and docs/admin/ when ADMIN_SCREENSHOTS=1 (for CONTENT.md). */
const docsShots = process.env.ADMIN_SCREENSHOTS ? join(import.meta.dirname, '../../docs/admin') : undefined;

let project: ReturnType<typeof copyProject>;
let before: Record<string, string>;
let page: Page;
const policyViolations: string[] = [];

test.beforeAll(async ({ browser }) => {
  project = copyProject();
  before = filesUnder(project.dir, 'content');
  // A context of its own (axe opens a page in it to gather its results).
  page = await (await browser.newContext({ viewport: { width: 1024, height: 720 } })).newPage();
  page.on('console', (message) => {
    // The bundle also names its fonts on jsDelivr; the policy blocks those, and the same fonts come from the site.
    if (/Content Security Policy/i.test(message.text()) && !/cdn\.jsdelivr\.net\/fontsource/.test(message.text())) {
      policyViolations.push(message.text());
    }
  });
  await useTestBackend(page);
  await page.goto(`${baseUrl()}/favicon.svg`);
  await seedTestRepository(page, before);
});

test.afterAll(async () => {
  await page?.context().close();
  project?.remove();
});

/** Runs one of the project's scripts in the copy, as `npm run` would. */
function runInCopy(script: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [script], { cwd: project.dir, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Every line that differs between the copy's files as they were and as they are now. */
function changedLines(after: Record<string, string>): string[] {
  const changes: string[] = [];
  for (const [file, text] of Object.entries(after)) {
    const old = (before[file] ?? '').split('\n');
    const now = text.split('\n');
    if (old.length !== now.length) changes.push(`${file}: ${old.length} lines became ${now.length}`);
    else now.forEach((line, index) => line !== old[index] && changes.push(`${file}:${index + 1}: ${line.trim()}`));
  }
  return changes.sort();
}

/** Opens a file in the editor, from a fresh load of /admin/ (still signed in to the test back end). */
async function openEntry(collection: string, file: string) {
  await page.goto(`${baseUrl()}/admin/#/collections/${collection}/entries/${file}`);
  await page.reload();
  await page.getByRole('group', { name: /^Edit/ }).waitFor();
}

/** Saves the entry open in the editor, and waits for the editor to say it is saved. */
async function save() {
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Entry saved')).toBeVisible();
  await expect(page.getByText('Entry saved')).toBeHidden({ timeout: 15_000 });
}

async function screenshot(name: string) {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path });
  await test.info().attach(name, { path, contentType: 'image/png' });
  if (docsShots) {
    mkdirSync(docsShots, { recursive: true });
    await page.screenshot({ path: join(docsShots, `${name}.jpg`), type: 'jpeg', quality: 50 });
  }
}

test('an editor changes a page summary and a rating: only those lines change, the check passes, the built pages show them', async () => {
  test.setTimeout(240_000);
  await openEditor(page, baseUrl());
  await screenshot('collections');

  // A page's summary, with the page drawn beside it in the site's own styles.
  await openEntry('pages', 'about');
  const summary = page.getByRole('textbox', { name: 'Summary' });
  await summary.fill(newSummary);
  await expect(previewOf(page).getByRole('heading', { level: 1, name: 'About the Dynamic Support Register' })).toBeVisible();
  await screenshot('editor');
  await save();
  expect((await readTestRepository(page, [aboutFile]))[aboutFile]).toContain(newSummary);

  // AMBER's words, in the list of ratings.
  await openEntry('data', 'data-ratings');
  // The editor draws list items as they scroll into view.
  const amberWords = page.getByRole('textbox', { name: 'Who it describes' }).nth(1);
  await page.mouse.move(300, 600);
  await expect(async () => {
    await page.mouse.wheel(0, 300);
    await expect(amberWords).toBeAttached({ timeout: 500 });
  }).toPass();
  await expect(page.getByRole('textbox', { name: 'Name', exact: true }).nth(1)).toHaveValue('AMBER');
  await amberWords.fill(newAmberWords);
  await save();
  expect((await readTestRepository(page, [ratingsFile]))[ratingsFile]).toContain(newAmberWords);

  // The preview of a page that shows data: each component is a box saying what goes there.
  await openEntry('pages', 'ratings');
  await expect(previewOf(page).getByText('RatingsList', { exact: true })).toBeVisible();
  await screenshot('preview');

  // What the editor wrote, copied into the project copy: exactly the two lines changed.
  const after = await readTestRepository(page, Object.keys(before));
  for (const [file, text] of Object.entries(after)) writeFileSync(join(project.dir, file), text);
  // AMBER is the second rating: its "describes" line, wherever other fields put it.
  const amberLine = (before[ratingsFile] ?? '').split('\n').flatMap((line, index) => (line.includes('"describes"') ? [index + 1] : []))[1];
  expect(changedLines(after)).toEqual([
    `${aboutFile}:4: description: ${newSummary}`,
    `${ratingsFile}:${amberLine}: "describes": "${newAmberWords}",`,
  ]);

  const check = runInCopy('scripts/check-content.ts');
  expect(check.output).toContain('no problems');
  expect(check.code).toBe(0);

  const built = runInCopy('scripts/build.ts', { OUT_DIR: join(project.dir, 'dist') });
  expect(built.code, built.output.slice(-3000)).toBe(0);
  expect(readFileSync(join(project.dir, 'dist/about/index.html'), 'utf8')).toContain(`<meta name="description" content="${newSummary}">`);
  expect(readFileSync(join(project.dir, 'dist/ratings/index.html'), 'utf8')).toContain(newAmberWords);
  expect(policyViolations).toEqual([]);
});

test('an emptied summary is refused with a message; written anyway, it fails check:content and the build in the same words', async () => {
  test.setTimeout(120_000);
  await openEntry('pages', 'about');
  const summary = page.getByRole('textbox', { name: 'Summary' });
  await summary.fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  const field = page.getByRole('group', { name: /Summary/ });
  await expect(field.getByText('This field is required.')).toBeVisible();
  await screenshot('refused');
  // Nothing was saved.
  expect((await readTestRepository(page, [aboutFile]))[aboutFile]).toContain(`description: ${newSummary}`);

  // The same file with its summary emptied by hand.
  const path = join(project.dir, aboutFile);
  writeFileSync(path, readFileSync(path, 'utf8').replace(/^description: .*$/m, "description: ''"));
  const check = runInCopy('scripts/check-content.ts');
  expect(check.code).toBe(1);
  const problem = [
    `Problem in ${aboutFile}, line 4`,
    '  In the browser editor: Pages › About the Dynamic Support Register (/about/)',
    '  Field: description',
    '  Summary (description) is empty.',
  ].join('\n');
  expect(check.output).toContain(problem);

  const built = runInCopy('scripts/build.ts', { OUT_DIR: join(project.dir, 'dist-broken') });
  expect(built.code).toBe(1);
  expect(built.output).toContain(problem);
  expect(built.output).toContain('The site will not be published until they are fixed.');
  expect(policyViolations).toEqual([]);
});

test('is served with its own policy, not indexed, in neither the sitemap nor site search; axe findings recorded', async ({ request }) => {
  const response = await request.get(`${baseUrl()}/admin/`);
  expect(response.status()).toBe(200);
  const headers = response.headersArray().filter(({ name }) => name.toLowerCase() === 'content-security-policy');
  expect(headers.map(({ value }) => value)).toEqual([adminHeaders['Content-Security-Policy']]);
  expect(response.headers()['x-robots-tag']).toBe('noindex, nofollow');
  expect(response.headers()['cross-origin-opener-policy']).toBe('same-origin-allow-popups');
  const html = await response.text();
  expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
  expect(html).not.toContain('data-pagefind-body');
  expect(sitemapPaths().filter((path) => path.startsWith('/admin/'))).toEqual([]);
  // A public page keeps the site's policy.
  const about = await request.get(`${baseUrl()}/about/`);
  expect(about.headers()['content-security-policy']).toBe(securityHeaders['Content-Security-Policy']);
  expect(readFileSync(join(outDir, 'admin/index.html'), 'utf8')).toBe(html);

  // axe on the editor: Sveltia CMS's markup is not ours to fix, so its findings are reported, not failed.
  const axe = async () =>
    (await new AxeBuilder({ page }).withTags(axeTags).analyze()).violations.map((v) => `${v.id} (${v.impact}): ${v.help}, ${v.nodes.length} element(s)`);
  const findings: Record<string, string[]> = {};
  await openEntry('pages', 'about');
  await expect(page.getByRole('textbox', { name: 'Summary' })).toBeVisible();
  findings['page editor'] = await axe();
  // What an editor sees first: the sign-in screen, as configured for GitHub.
  await page.unrouteAll();
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${baseUrl()}/admin/`);
  await page.getByRole('button', { name: /GitHub/ }).waitFor();
  await screenshot('sign-in');
  findings['sign-in screen'] = await axe();
  await test.info().attach('axe findings on /admin/', { body: JSON.stringify(findings, null, 2), contentType: 'application/json' });
  console.log(`axe on /admin/:\n${JSON.stringify(findings, null, 2)}`);
});
