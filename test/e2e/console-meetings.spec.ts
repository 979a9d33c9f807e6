// Meetings in a browser, in the team's words: a team member schedules the Riverton City
// tracking meeting; its agenda lists the AMBER people there and an overdue action from
// the last meeting; they record it (one rating changed, two actions agreed) and later mark
// an action done. A RED referral that arrived yesterday had its meeting by exception the
// same day, recorded the next day. JavaScript off, 320 px wide, axe finds nothing on any
// page, and every page passes the Nu HTML Checker. Today's meeting is scheduled, one
// person's outcome recorded and the action marked done by keyboard alone.
import { expect } from '@playwright/test';
import { formatDate } from '../../src/forms/dates.ts';
import { baseUrl } from './site.ts';
import { refer, shoot, signInAsTeamMember, withDatabase } from './console-helpers.ts';
import { drawnPages } from './drawn-pages.ts';
import { dayFromToday, expectAccessible, expectErrorSummary, expectNothingCutOff, newWorkEmail, signInThroughApi, tabTo, test } from './form-helpers.ts';
import type { Page } from '@playwright/test';

test.use({ javaScriptEnabled: false, viewport: { width: 320, height: 900 } });

/** A day from today, in the three boxes of a date question. */
async function fillDate(page: Page, prefix: string, daysFromToday: number) {
  const date = dayFromToday(daysFromToday);
  await page.fill(`#${prefix}-day`, date.day);
  await page.fill(`#${prefix}-month`, date.month);
  await page.fill(`#${prefix}-year`, date.year);
}

/** A day as the console writes it: 30 November 2026. */
const inWords = (date: { day: string; month: string; year: string }) => formatDate(`${date.year}-${date.month}-${date.day}`);

async function schedule(page: Page, daysFromToday: number) {
  await page.goto(baseUrl() + '/team/meetings/');
  await page.getByLabel('Riverton City').check();
  await fillDate(page, 'heldOn', daysFromToday);
  await page.getByRole('button', { name: 'Schedule the meeting' }).click();
  await expect(page).toHaveURL(/\/team\/meetings\/[0-9a-f-]{36}\/$/);
}

/** The same as schedule(), by keyboard alone: Tab to the areas, arrows to the one wanted, the day typed, Enter. */
async function scheduleByKeyboard(page: Page, area: string, daysFromToday: number) {
  await page.goto(baseUrl() + '/team/meetings/');
  await tabTo(page, 'input[name="area"]');
  for (let presses = 0; presses < 10; presses++) {
    if (await page.evaluate((wanted) => document.querySelector<HTMLInputElement>('input[name="area"]:checked')?.value === wanted, area)) break;
    await page.keyboard.press('ArrowDown');
  }
  await expect(page.getByLabel(area)).toBeChecked();
  const date = dayFromToday(daysFromToday);
  await tabTo(page, '#heldOn-day');
  await page.keyboard.type(date.day);
  await page.keyboard.press('Tab');
  await page.keyboard.type(date.month);
  await page.keyboard.press('Tab');
  await page.keyboard.type(date.year);
  await tabTo(page, 'main form[action="/team/meetings/"] button[type="submit"]');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/team\/meetings\/[0-9a-f-]{36}\/$/);
}

async function openPerson(page: Page, reference: string) {
  await page.getByRole('link', { name: new RegExp(`Record what was agreed for ${reference}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/people/${reference}/$`));
}

test('a tracking meeting is scheduled, its agenda drawn, the meeting recorded and an action done later; a RED referral gets its meeting by exception', async ({ page }) => {
  test.setTimeout(240_000);
  const { api } = await signInThroughApi(newWorkEmail('referrer'));
  const amber = await refer(api, 'amber', 'Ambridge');
  const amberToo = await refer(api, 'amber', 'Amberton');
  const yesterday = dayFromToday(-1);
  const red = await refer(api, 'red', 'Redcliffe', { 'ratingAgreedOn-day': yesterday.day, 'ratingAgreedOn-month': yesterday.month, 'ratingAgreedOn-year': yesterday.year });
  await api.dispose();
  // The RED referral arrived yesterday (the site cannot be sent one in the past: the test moves it back a day).
  // (A day in London, as the register counts days, not 24 hours: the clocks may have changed.)
  await withDatabase((sql) => sql`update private.referrals set created_at = ((created_at at time zone 'Europe/London') - interval '1 day') at time zone 'Europe/London' where reference = ${red}`);
  const drawn = drawnPages('console-meetings');
  // The action's words name this run's person, so a run beside another finds only its own.
  const hours = `Confirm the extra support hours for ${amber}`;
  await signInAsTeamMember(page, 'Mina Meetings');

  // The last meeting, a week ago, agreed an action due yesterday: overdue now.
  await schedule(page, -7);
  await openPerson(page, amber);
  await page.getByLabel('What was agreed').fill('Placement holding; agreed extra support hours.');
  await page.locator('#actions-0-what').fill(hours);
  await page.locator('#actions-0-owner').fill('Riverton Care Agency');
  await fillDate(page, 'actions-0-dueOn', -1);
  await page.getByRole('button', { name: 'Record what was agreed' }).click();

  // Menu, then Meetings: bad input is an error summary, nothing scheduled.
  await page.getByRole('link', { name: 'Meetings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meetings');
  await page.getByRole('button', { name: 'Schedule the meeting' }).click();
  await expectErrorSummary(page);
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Choose the area of the meeting');
  await expectAccessible(page);
  await shoot(page, 'meetings-error');
  await drawn.keep(page, 'meetings-error');

  // Today's Riverton City meeting, by keyboard: the AMBER people there, and the overdue action.
  await scheduleByKeyboard(page, 'Riverton City', 0);
  const agenda = page.getByRole('table', { name: 'People on the agenda' });
  await expect(agenda).toContainText(amber);
  await expect(agenda).toContainText(amberToo);
  const amberRow = agenda.getByRole('row').filter({ hasText: amber });
  await expect(amberRow).toContainText('Action due');
  await expect(amberRow).toContainText(hours);
  // At 320 px each cell stacks under its heading; the name and its reference stay on two lines, not run together.
  const person = amberRow.locator('td').first();
  const name = await person.getByRole('link').boundingBox();
  const reference = await person.locator('.nhsuk-body-s').boundingBox();
  expect(reference!.y, 'the reference sits below the name').toBeGreaterThanOrEqual(name!.y + name!.height - 1);
  await expectAccessible(page);
  // A meeting is within Meetings, as the menu says.
  await expect(page.locator('nav[aria-label="DSR team console"] a[aria-current="true"]')).toHaveText('Meetings');
  await shoot(page, 'meeting');
  await drawn.keep(page, 'meeting');
  const meetingUrl = page.url();

  // The printable agenda, with names and with references only.
  await page.getByRole('link', { name: 'with names' }).click();
  await expect(page.getByText('OFFICIAL-SENSITIVE').first()).toBeVisible();
  await expect(page.getByRole('table')).toContainText('Ambridge');
  await expectAccessible(page);
  await shoot(page, 'agenda');
  await drawn.keep(page, 'agenda');
  await page.getByRole('link', { name: 'The agenda with references only' }).click();
  await expect(page.getByRole('table')).toContainText(amber);
  await expect(page.getByRole('table')).not.toContainText('Ambridge');
  await shoot(page, 'agenda-references-only');
  await drawn.keep(page, 'agenda-references-only');

  // Recorded: one rating changed (AMBER to RED), two actions agreed; the other confirmed.
  await page.goto(meetingUrl);
  await openPerson(page, amber);
  await page.getByRole('button', { name: 'Record what was agreed' }).click();
  await expectErrorSummary(page);
  await expectAccessible(page);
  await page.getByLabel('What was agreed').fill('Placement at risk of breaking down; escalate to RED.');
  await page.getByLabel('RED', { exact: true }).check();
  await page.locator('#actions-0-what').fill('Arrange a C(E)TR');
  await page.locator('#actions-0-owner').fill('ICB commissioner');
  await fillDate(page, 'actions-0-dueOn', 7);
  await page.locator('#actions-1-what').fill('Refer to the intensive support team');
  await page.locator('#actions-1-owner').fill('Community learning disability team');
  await fillDate(page, 'actions-1-dueOn', 3);
  await shoot(page, 'meeting-person');
  await drawn.keep(page, 'meeting-person');
  await page.getByRole('button', { name: 'Record what was agreed' }).click();
  await expect(page).toHaveURL(new RegExp(`${meetingUrl}#agenda$`));
  await expect(agenda.getByRole('row').filter({ hasText: amber })).toContainText('Rating changed to');
  // The other, by keyboard: the link, the outcome typed, the button.
  await tabTo(page, `main a[href*="/meetings/"][href$="/people/${amberToo}/"]`);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/people/${amberToo}/$`));
  await tabTo(page, '#outcome');
  await page.keyboard.type('Stable; stays AMBER.');
  await tabTo(page, 'main form[action$="/record/"] button[type="submit"]');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${meetingUrl}#agenda$`));
  await expect(agenda.getByRole('row').filter({ hasText: amberToo })).toContainText('Stable; stays AMBER.');

  // The rating history keeps the earlier rating.
  await page.goto(baseUrl() + `/team/people/${amber}/`);
  const history = page.getByRole('table', { name: 'Rating history, the latest agreed first' });
  await expect(history.getByRole('row').nth(1)).toContainText('A tracking meeting');
  await expect(history).toContainText('AMBER');

  // Later: Actions, the overdue first; one marked done.
  await page.getByRole('link', { name: 'Actions', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Actions');
  const first = page.locator('.nhsuk-card').filter({ hasText: hours });
  await expect(first).toContainText('Overdue');
  await expectAccessible(page);
  await shoot(page, 'actions');
  await drawn.keep(page, 'actions');
  // Marked done by keyboard: the note typed, then its own button.
  const note = await first.getByLabel('What was done').getAttribute('id');
  await tabTo(page, `#${note}`);
  await page.keyboard.type('Hours confirmed with the agency.');
  await tabTo(page, `main form:has(#${note}) button[type="submit"]`);
  await page.keyboard.press('Enter');
  await expect(page.locator('.nhsuk-card').filter({ hasText: hours })).toHaveCount(0);

  // The RED referral that arrived yesterday: its meeting by exception was held the same day,
  // and is recorded today, the next day. A day before the referral arrived is refused.
  await page.goto(baseUrl() + `/team/people/${red}/`);
  await expect(page.getByRole('heading', { name: 'Convene a meeting by exception' })).toBeVisible();
  await shoot(page, 'record-with-exception');
  await fillDate(page, 'heldOn', -2);
  await page.getByRole('button', { name: 'Convene a meeting by exception' }).click();
  await expectErrorSummary(page);
  await expect(page.locator('.nhsuk-error-summary')).toContainText('on or after the day their first referral arrived');
  await expectAccessible(page);
  await drawn.keep(page, 'exception-error');
  await fillDate(page, 'heldOn', -1);
  await page.getByRole('button', { name: 'Convene a meeting by exception' }).click();
  await expect(page).toHaveURL(new RegExp(`/team/meetings/[0-9a-f-]{36}/people/${red}/$`));
  await expect(page.getByText('Meeting by exception').first()).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('What was agreed').fill('Crisis plan agreed; stays RED.');
  await page.locator('#actions-0-what').fill('Daily check-in with the family');
  await page.locator('#actions-0-owner').fill('Keyworker');
  await fillDate(page, 'actions-0-dueOn', 1);
  await page.getByRole('button', { name: 'Record what was agreed' }).click();
  await expect(page.getByRole('table', { name: 'People on the agenda' })).toContainText('Crisis plan agreed; stays RED.');
  await expect(page.locator('main')).toContainText(inWords(yesterday));
  await expectAccessible(page);
  await expectNothingCutOff(page);
  await shoot(page, 'meeting-by-exception');
  await drawn.keep(page, 'meeting-by-exception');
  await drawn.expectValid();
});
