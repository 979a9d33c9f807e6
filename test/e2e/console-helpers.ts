// What the console's browser tests share: adding a team member with `npm run team:add`,
// signing them in by keyboard, a referral from a professional, SQL against the run's
// database, and screenshots to look at.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import postgres from 'postgres';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { baseUrl } from './site.ts';
import { projectRoot } from '../../scripts/database.ts';
import { referral as referralAnswers } from '../support/answers.ts';
import { dayFromToday, linkIn, newWorkEmail, tabTo, waitForEmail } from './form-helpers.ts';

/** The test run's database, which the site under test uses (set by test/e2e/playwright.config.ts). */
function databaseUrl(): string {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error('E2E_DATABASE_URL is not set: run the browser tests through test/e2e/playwright.config.ts');
  return url;
}

/** Runs SQL against the test run's database (a short-lived connection: the embedded database serves few at once). */
export async function withDatabase<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

/** `npm run team:add -- EMAIL NAME` against the test run's database. */
export function addTeamMember(email: string, name: string) {
  return execFileSync(process.execPath, [join(projectRoot, 'scripts', 'team-add.ts'), email, name], {
    env: { ...process.env, DATABASE_URL: databaseUrl() },
    encoding: 'utf8',
  });
}

/** With CONSOLE_SHOTS=<folder>, the page is also saved at 1280 and 320 px wide, to be looked at. */
export async function shoot(page: Page, name: string) {
  const folder = process.env.CONSOLE_SHOTS;
  if (!folder) return;
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(folder, `${name}-${width}.png`), fullPage: true });
  }
}

const today = dayFromToday(0);
export const agreedToday = { 'ratingAgreedOn-day': today.day, 'ratingAgreedOn-month': today.month, 'ratingAgreedOn-year': today.year };

/** A referral from a professional, without an NHS number: its DSR reference. */
export async function refer(api: APIRequestContext, rating: string, familyName: string, overrides: Record<string, string> = {}): Promise<string> {
  const response = await api.post('/api/referrals', {
    data: { ...referralAnswers, ...agreedToday, rating, familyName, nhsNumberKnown: 'no', nhsNumber: '', nhsNumberUnknownReason: 'Not known yet', ...overrides },
  });
  expect(response.status()).toBe(201);
  return String(((await response.json()) as { reference: string }).reference);
}

/** Adds a team member with `npm run team:add`, then signs them in by keyboard: the email address, then the link's button. */
export async function signInAsTeamMember(page: Page, name: string) {
  const email = newWorkEmail('dsr.team');
  expect(addTeamMember(email, name)).toContain('added');
  await page.goto(baseUrl() + '/sign-in/');
  await tabTo(page, 'input[name="email"]');
  await page.keyboard.type(email);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
  const link = linkIn(await waitForEmail((sent) => sent.to.includes(email) && sent.text.includes('/sign-in/confirm/')), '/sign-in/confirm/');
  await page.goto(link);
  await tabTo(page, 'main button[type="submit"]');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/team\/$/);
}
