// The pages the functions draw (the console, /my-referrals/) are not in the build, so the
// Nu HTML Checker that passes every built page (built-site.spec.ts) never sees them: a
// journey keeps each page as the browser had it, and checks them all once at its end
// (the checker is a Java program: one run for many pages).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { nuHtmlCheckerErrors } from '../support/built-site.ts';

export function drawnPages(journey: string) {
  const folder = mkdtempSync(join(tmpdir(), `${journey}-html-`));
  const files: string[] = [];
  return {
    /** Keeps the page's HTML as it is now, under `name`. */
    async keep(page: Page, name: string) {
      const file = join(folder, `${name}.html`);
      writeFileSync(file, await page.content());
      files.push(file);
    },
    /** Every kept page passes the Nu HTML Checker with no errors. */
    async expectValid() {
      expect(files.length, 'no page was kept').toBeGreaterThan(0);
      expect((await nuHtmlCheckerErrors(files)).map((error) => `${error.url}: ${error.message}`)).toEqual([]);
    },
  };
}
