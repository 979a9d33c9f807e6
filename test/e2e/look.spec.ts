// What people see, read from the browser: the NHS font on screen and on paper, the
// leaflets printed to PDF as a professional would print them, and the header's
// account area for someone who is not signed in.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { site } from '../../src/content/guidance.ts';
import { baseUrl, sitemapPaths } from './site.ts';

/** The font family a paragraph asks for, and the faces Chromium really drew it with. */
async function fontsOf(page: Page, selector: string) {
  const element = page.locator(selector).first();
  const family = await element.evaluate((node) => getComputedStyle(node).fontFamily);
  const session = await page.context().newCDPSession(page);
  await session.send('DOM.enable');
  await session.send('CSS.enable');
  const { root } = await session.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await session.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await session.send('CSS.getPlatformFontsForNode', { nodeId });
  await session.detach();
  return { family, drawnWith: fonts.map((font) => font.familyName) };
}

const serif = /serif/i;
const sansSerif = /sans|arial|helvetica|frutiger/i;

test.describe('the NHS font: Frutiger, falling back to Arial', () => {
  // Styles alone decide the font; without scripts no island redraws the node being read.
  test.use({ javaScriptEnabled: false });
  for (const [path, selector] of [
    ['/about/', 'main p'],
    ['/easy-read/the-dsr-and-you/', '.dsr-article__body p:not(:has(img))'],
    ['/refer/', 'main .nhsuk-label'],
  ] as const) {
    test(`${path}: body text asks for the NHS font stack and is drawn in a sans-serif face`, async ({ page }) => {
      await page.goto(baseUrl() + path);
      const { family, drawnWith } = await fontsOf(page, selector);
      expect(family).toBe('"Frutiger W01", arial, sans-serif');
      expect(drawnWith.length).toBeGreaterThan(0);
      for (const face of drawnWith) {
        expect(face).toMatch(sansSerif);
        expect(face.replace(/sans/i, '')).not.toMatch(serif);
      }
    });
  }

  test('printed, body text is in a system sans-serif font (Arial)', async ({ page }) => {
    await page.emulateMedia({ media: 'print' });
    await page.goto(`${baseUrl()}/leaflets/guide-for-families/`);
    const { family, drawnWith } = await fontsOf(page, '.dsr-article__body p');
    expect(family).toBe('arial, sans-serif');
    for (const face of drawnWith) expect(face).toMatch(sansSerif);
  });
});

const leafletPaths = sitemapPaths().filter((path) => /^\/leaflets\/.+\//.test(path));

/** Runs a poppler-utils tool (pdfinfo, pdffonts, pdftotext) on a PDF. */
function poppler(tool: string, ...args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${tool} is missing: install poppler-utils (apt-get install -y poppler-utils; .ci/run does).`);
    throw error;
  }
}

test('there are leaflets to print, one for professionals and one for families', () => {
  expect(leafletPaths).toEqual(expect.arrayContaining(['/leaflets/what-is-the-dsr/', '/leaflets/guide-for-families/']));
});

for (const path of leafletPaths) {
  test(`${path} prints on at most two A4 sides, in sans-serif, with the public address and the review date`, async ({ page }) => {
    await page.goto(baseUrl() + path);
    const folder = mkdtempSync(join(tmpdir(), 'dsr-leaflet-'));
    try {
      const pdf = join(folder, 'leaflet.pdf');
      // As the browser's print dialog does: the page's own A4 size and margins.
      writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
      const info = poppler('pdfinfo', pdf);
      const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(pages).toBeLessThanOrEqual(2);
      expect(info).toMatch(/^Page size:.*\(A4\)$/m);

      const fonts = poppler('pdffonts', pdf).split('\n').slice(2).filter(Boolean).map((line) => line.split(/\s+/)[0]?.replace(/^[A-Z]{6}\+/, '') ?? '');
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font).toMatch(sansSerif);
        expect(font.replace(/sans/i, '')).not.toMatch(serif);
      }

      const text = poppler('pdftotext', '-layout', pdf, '-').replace(/\s+/g, ' ');
      expect(text).not.toMatch(/127\.0\.0\.1|localhost/);
      expect(text).toContain(new URL(site.webAddress).href);
      expect(text).toMatch(/Next review due: \d{1,2} \w+ \d{4}/);
      expect(text).toContain(`Contact the DSR team`);
      expect(text).toContain(site.team.email);
      expect(text).toContain(site.team.phone ?? '');
      if (path === '/leaflets/what-is-the-dsr/') expect(text).toContain('For professionals');
      if (path === '/leaflets/guide-for-families/') {
        expect(text).toContain('For families and carers');
        for (const heading of ['What the register is', 'What should happen', 'Questions to ask', 'Saying no, and changing your mind']) expect(text).toContain(heading);
        // How to withdraw, with the form's full address.
        expect(text).toContain(new URL('/withdraw/', site.webAddress).href);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
}

test.describe('the header for someone who is not signed in', () => {
  test('with JavaScript: GET /api/session is answered without an error and read, and the header offers "Sign in"', async ({ page }) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    const session = page.waitForResponse((response) => response.url().endsWith('/api/session'));
    await page.goto(`${baseUrl()}/refer/`);
    const answer = await session;
    expect(answer.status()).toBe(200);
    expect(await answer.json()).toEqual({ signedIn: false });
    // Every request the page made has finished: none left open.
    await page.waitForLoadState('networkidle');
    const account = page.getByRole('navigation', { name: 'Account' });
    await expect(account.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await expect(account.getByRole('button', { name: 'Sign out' })).toBeHidden();
    expect(problems).toEqual([]);
  });

  test.describe('with JavaScript off', () => {
    test.use({ javaScriptEnabled: false });
    test('the header never offers "Sign out"; the sign-in page does', async ({ page }) => {
      await page.goto(`${baseUrl()}/refer/`);
      const account = page.getByRole('navigation', { name: 'Account' });
      await expect(account.getByRole('button', { name: 'Sign out' })).toBeHidden();
      await expect(account.getByRole('link', { name: 'Sign in' })).toBeVisible();
      await page.goto(`${baseUrl()}/sign-in/`);
      await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('button', { name: 'Sign out' })).toBeHidden();
      await expect(page.getByRole('main').getByRole('button', { name: 'Sign out' })).toBeVisible();
    });
  });
});
