// What the form tests share: the emails the site sent (from the loopback Resend
// stand-in), filling in the NHS design system's questions by their labels, reading
// errors where the person sees them, and the accessibility checks.
import { test as base, expect, request, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { axeTags, baseUrl } from './site.ts';
import { todayInEngland } from '../../src/forms/dates.ts';

let addresses = 0;
/**
 * A network address for one person in a test. The service limits how often one address
 * may send its forms; the tests stand for many people, so each gets its own address
 * (wrangler passes CF-Connecting-IP through, as Cloudflare sets it in production).
 */
export function newAddress(): string {
  addresses += 1;
  return `10.${process.pid % 250}.${Math.floor(addresses / 250) % 250}.${(addresses % 250) + 1}`;
}

/** Playwright's test, with each test's browser coming from its own network address. */
export const test = base.extend({
  extraHTTPHeaders: async ({}, use) => use({ 'cf-connecting-ip': newAddress() }),
});

export interface SentEmail {
  to: string[];
  subject: string;
  text: string;
}

function resendUrl(): string {
  const url = process.env.E2E_RESEND_URL;
  if (!url) throw new Error('E2E_RESEND_URL is not set: run the browser tests through test/e2e/playwright.config.ts');
  return url;
}

/** Every email the site has sent so far (GET /emails on the stand-in lists them). */
export async function sentEmails(): Promise<SentEmail[]> {
  const response = await fetch(`${resendUrl()}/emails`);
  if (!response.ok) throw new Error(`The Resend stand-in answered ${response.status} to GET /emails`);
  return (await response.json()) as SentEmail[];
}

/** Emails go out just after the response: wait for the one wanted. */
export async function waitForEmail(match: (email: SentEmail) => boolean, timeoutMs = 20_000): Promise<SentEmail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await sentEmails()).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error('The expected email did not arrive');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A work email address nobody else in this run uses. */
export function newWorkEmail(label: string): string {
  return `${label}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@nhs.net`;
}

/** The first link in an email that starts with this site's address and this path. */
export function linkIn(email: SentEmail, path: string): string {
  const link = email.text.match(new RegExp(`https?://[^\\s]+${path.replace(/[/?]/g, '\\$&')}[^\\s]*`))?.[0];
  if (!link) throw new Error(`No ${path} link in the email "${email.subject}"`);
  // The site is served on a port chosen for the test run: keep the path and query only.
  const url = new URL(link);
  return baseUrl() + url.pathname + url.search;
}

/** A date of birth that makes someone `years` old today (a month past their birthday). */
export function birthDateForAge(years: number): { day: string; month: string; year: string; iso: string } {
  const now = new Date();
  const born = new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate()));
  born.setUTCDate(born.getUTCDate() - 31);
  const iso = born.toISOString().slice(0, 10);
  return { day: String(born.getUTCDate()), month: String(born.getUTCMonth() + 1), year: String(born.getUTCFullYear()), iso };
}

/**
 * A day counted from today in England, as the three boxes of a date question: the register
 * counts days in London (a referral's day is its day there), and in British Summer Time
 * UTC's today is London's yesterday for an hour.
 */
export function dayFromToday(days: number): { day: string; month: string; year: string } {
  const [year = 0, month = 1, day = 1] = todayInEngland().split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return { day: String(date.getUTCDate()), month: String(date.getUTCMonth() + 1), year: String(date.getUTCFullYear()) };
}

/** A date `days` before today, as the three boxes. */
export const daysAgo = (days: number) => dayFromToday(-days);

export const question = (page: Page | Locator, legend: string) => page.getByRole('group', { name: legend, exact: true });

export async function fillDate(page: Page | Locator, legend: string, date: { day: string; month: string; year: string }) {
  const group = question(page, legend);
  await group.getByLabel('Day', { exact: true }).fill(date.day);
  await group.getByLabel('Month', { exact: true }).fill(date.month);
  await group.getByLabel('Year', { exact: true }).fill(date.year);
}

export async function choose(page: Page | Locator, legend: string, option: string) {
  await question(page, legend).getByLabel(option, { exact: true }).check();
}

/**
 * No accessibility problems on the page as it is now (WCAG 2.2 AA and axe's best practice).
 * axe runs as a script in the page, which a page with JavaScript off cannot do: its HTML
 * is then checked in a second page of the same browser, served at the same address
 * with the site's own scripts blocked, so axe sees exactly what the person sees.
 */
export async function expectAccessible(page: Page) {
  // With JavaScript off, Playwright can still evaluate, but the page's timers never fire (and axe waits on them).
  const javaScriptOn = await Promise.race([
    page.evaluate(() => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0))).catch(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1500)),
  ]);
  let target = page;
  let close = async () => {};
  if (!javaScriptOn) {
    const html = await page.content();
    const url = page.url();
    const context = await page.context().browser()!.newContext({ javaScriptEnabled: true, viewport: page.viewportSize() });
    await context.route('**/*', (route) => {
      const request = route.request();
      if (request.url() === url) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      if (request.resourceType() === 'script') return route.abort();
      return route.continue();
    });
    target = await context.newPage();
    await target.goto(url);
    close = () => context.close();
  }
  try {
    const results = await new AxeBuilder({ page: target }).withTags(axeTags).analyze();
    const problems = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(problems, `axe on ${page.url()}`).toEqual([]);
  } finally {
    await close();
  }
}

/** The error summary: focused, titled "There is a problem", and the page title starts "Error: ". */
export async function expectErrorSummary(page: Page) {
  const summary = page.locator('.nhsuk-error-summary');
  await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: /);
  return summary;
}

/**
 * The message is in the error summary, linking to the question, and beside the
 * question itself (its error message, which the question's box is described by).
 */
export async function expectFieldError(page: Page, field: string, message: string) {
  const summary = page.locator('.nhsuk-error-summary');
  // Found by where it goes: two dates may share the words "Year must include 4 numbers".
  const link = summary.locator(`a[href="#${field}"], a[href="#${field}-day"], a[href="#${field}-month"], a[href="#${field}-year"]`);
  await expect(link, `summary link for ${field}`).toHaveCount(1);
  await expect(link, `summary link for ${field}`).toHaveText(message);
  await expect(link).toBeVisible();
  const href = await link.getAttribute('href');
  await expect(page.locator(href!), `the box the summary links to for ${field}`).toHaveCount(1);
  const beside = page.locator(`#${field}-error`);
  await expect(beside, `message beside ${field}`).toHaveText(`Error: ${message}`);
  await expect(beside).toBeVisible();
}

/** Submits with the keyboard's Enter-free path: focus the button and press Space, as a keyboard user would. */
export async function pressButton(page: Page, name: string) {
  const button = page.getByRole('button', { name, exact: true });
  await button.focus();
  await page.keyboard.press('Space');
}

/** Answers for a professional's registration, through the API (JSON, as the island sends). */
export const professional = {
  fullName: 'Casey Helper',
  jobTitle: 'Social worker',
  organisation: 'Northshire Council',
  area: 'Northshire North',
  agreedToResponsibilities: 'yes',
};

/** Registers and signs in through the API, from the emailed link: the cookies, for a browser context. */
export async function signInThroughApi(email: string, address = newAddress()) {
  const api = await request.newContext({ baseURL: baseUrl(), extraHTTPHeaders: { accept: 'application/json', 'cf-connecting-ip': address } });
  try {
    expect((await api.post('/api/register', { data: { ...professional, email } })).status()).toBe(202);
    expect((await api.post('/api/sign-in', { data: { email } })).status()).toBe(202);
    const link = new URL(linkIn(await waitForEmail((sent) => sent.to.includes(email) && sent.text.includes('/sign-in/confirm/')), '/sign-in/confirm/'));
    const confirmed = await api.post('/api/sign-in/confirm', { data: { token: link.searchParams.get('token'), email, next: '/refer/' } });
    expect(confirmed.status()).toBe(200);
    return { api, storageState: await api.storageState() };
  } catch (error) {
    await api.dispose();
    throw error;
  }
}

/** Asks for a sign-in link for an existing account and returns it (for signing in again). */
export async function freshSignInLink(email: string): Promise<string> {
  const api = await request.newContext({ baseURL: baseUrl(), extraHTTPHeaders: { accept: 'application/json', 'cf-connecting-ip': newAddress() } });
  const before = (await sentEmails()).length;
  expect((await api.post('/api/sign-in', { data: { email } })).status()).toBe(202);
  await api.dispose();
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = (await sentEmails()).slice(before).find((sent) => sent.to.includes(email) && sent.text.includes('/sign-in/confirm/'));
    if (found) return linkIn(found, '/sign-in/confirm/');
    if (Date.now() > deadline) throw new Error('No new sign-in link arrived');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Presses Tab until the element matching `selector` has focus: how a keyboard user gets there. */
export async function tabTo(page: Page, selector: string, most = 250) {
  for (let presses = 0; presses < most; presses++) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** No sideways scrolling, and nothing clipped by a box too narrow for it. */
export async function expectNothingCutOff(page: Page) {
  // After a form's post the new page's text can be there before its stylesheet is: measured
  // then, an unstyled table runs hundreds of pixels off the page.
  await page.waitForLoadState('load');
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) found.push(`the page scrolls sideways by ${root.scrollWidth - root.clientWidth}px`);
    const width = root.clientWidth;
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden' || element.closest('.nhsuk-u-visually-hidden, [hidden]')) continue;
      // Inside something visually hidden by the design system's mixin rather than its class
      // (a responsive table's headings on a narrow screen): a 1 px box that clips.
      let hiddenBy: Element | null = element.parentElement;
      while (hiddenBy && !(hiddenBy.getBoundingClientRect().width <= 1 && getComputedStyle(hiddenBy).overflow === 'hidden')) hiddenBy = hiddenBy.parentElement;
      if (hiddenBy) continue;
      const box = element.getBoundingClientRect();
      // Visually hidden text (and the skip link until it has focus) is a 1 px box on purpose.
      if (box.width <= 1 || box.height <= 1) continue;
      const clips = ['hidden', 'clip'].includes(style.overflowX) && element.scrollWidth > element.clientWidth + 1;
      if (clips) found.push(`${element.tagName.toLowerCase()}.${element.className} clips its content`);
      // Text of its own (not only its children's) that runs past the edge: a leaf, or a table
      // cell holding its repeated heading and then the text.
      const ownText = Array.from(element.childNodes).filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent ?? '').join('').trim();
      if (box.right > width + 1 && ownText !== '') {
        found.push(`"${ownText.slice(0, 40)}" runs off the page`);
      }
    }
    return found;
  });
  expect(problems, page.url()).toEqual([]);
}

/** A whole, valid referral of a 22-year-old rated GREEN, filled in by its labels. */
export async function fillValidReferral(page: Page, givenName: string) {
  await page.getByLabel('Given name', { exact: true }).fill(givenName);
  await page.getByLabel('Family name', { exact: true }).fill('Lostnot');
  await fillDate(page, 'Date of birth', birthDateForAge(22));
  await choose(page, 'Do they have an education, health and care plan (EHCP)?', 'No');
  await choose(page, 'Do you know their NHS number?', 'No');
  await page.getByLabel('Why is the NHS number not known?', { exact: true }).fill('Recently moved to the area.');
  await page.getByLabel('Postcode', { exact: true }).fill('LS1 4AP');
  await choose(page, 'Which area do they live in?', 'Northshire Coast');
  await choose(page, 'Do they have a learning disability, autism or both?', 'A learning disability');
  await choose(page, 'Where do they live now?', 'In the community');
  await choose(page, 'What rating did the multidisciplinary team (MDT) agree?', 'GREEN');
  await fillDate(page, 'Date the rating was agreed', daysAgo(1));
  await page.getByLabel('Why was this rating agreed?', { exact: true }).fill('Risks are known and well managed at the moment.');
  await choose(page, 'How was consent given to be on the register?', 'They gave their consent');
  await page.getByLabel('Which family members, advocates or carers are involved?', { exact: true }).fill('Nobody at the moment');
  await choose(page, 'Which services are involved?', 'GP');
  await choose(page, 'Have they had a CETR, CTR or LEAP meeting before?', 'I do not know');
}
