// The DSR team console in a browser, in the team's words: a RED referral arrives; the
// first team member (added by `npm run team:add`) signs in with the emailed link, sees
// it first on Today, opens the person's record and acknowledges the referral. With
// JavaScript off, at 320 px wide, by keyboard only, and axe finds nothing on any page.
import { drawnPages } from './drawn-pages.ts';
import { expect, request } from '@playwright/test';
import { baseUrl } from './site.ts';
import { referral as referralAnswers } from '../support/answers.ts';
import { uniqueNhsNumber } from '../support/unique-referrals.ts';
import { agreedToday, refer, shoot, signInAsTeamMember } from './console-helpers.ts';
import { expectAccessible, expectErrorSummary, expectFieldError, expectNothingCutOff, linkIn, newAddress, newWorkEmail, professional, signInThroughApi, tabTo, test, waitForEmail } from './form-helpers.ts';

test.use({ javaScriptEnabled: false, viewport: { width: 320, height: 900 } });

test('a RED referral arrives; a team member signs in, sees it first on Today, opens the record and acknowledges it', async ({ page }) => {
  // Three pages through axe, and the HTML checker once: longer than a single form's test.
  test.setTimeout(180_000);
  // Two referrals from a professional: AMBER first, then RED.
  const { api } = await signInThroughApi(newWorkEmail('referrer'));
  const amber = await refer(api, 'amber', 'Amberley');
  const red = await refer(api, 'red', 'Redfern');
  await api.dispose();

  await signInAsTeamMember(page, 'Tess Teamworth');

  // Today: the RED referral first, with how long ago it arrived.
  await expect(page).toHaveURL(/\/team\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Today');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  // The menu says where they are: Today is the current page, and only it.
  await expect(page.locator('nav[aria-label="DSR team console"] a[aria-current]')).toHaveCount(1);
  await expect(page.locator('nav[aria-label="DSR team console"] a[aria-current="page"]')).toHaveText('Today');
  const rows = page.getByRole('table', { name: 'New referrals, RED first' }).getByRole('row');
  await expect(rows.nth(1)).toContainText('RED');
  const references = await rows.allInnerTexts();
  const position = (reference: string) => references.findIndex((text) => text.includes(reference));
  expect(position(red)).toBeGreaterThan(0);
  expect(position(red)).toBeLessThan(position(amber));
  await expect(rows.nth(position(red))).toContainText(/less than 1 hour ago|1 hour ago/);
  await expectAccessible(page);
  await expectNothingCutOff(page);
  await shoot(page, 'team-today');
  const drawn = drawnPages('console');
  await drawn.keep(page, 'today');

  // The person's record, by keyboard.
  await tabTo(page, `a[href="/team/people/${red}/"]`);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/team/people/${red}/$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alex Redfern');
  await expect(page.getByText('Tess Teamworth, ', { exact: false }).last()).toBeVisible();
  await expectAccessible(page);
  await expectNothingCutOff(page);
  await shoot(page, 'team-person-record');
  await drawn.keep(page, 'record');

  // Acknowledge: the button posts, and the record says who acknowledged it.
  await tabTo(page, 'main form[action$="/acknowledge/"] button');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/team/people/${red}/$`));
  await expect(page.getByRole('button', { name: /Acknowledge referral/ })).toHaveCount(0);
  await expect(page.locator('.nhsuk-summary-list__row', { hasText: 'Acknowledged' }).first()).toContainText('by Tess Teamworth');
  await expectAccessible(page);

  // Back on Today, it is no longer waiting. Never cached, never indexed, under wrangler as in production.
  const todayAgain = await page.goto(baseUrl() + '/team/');
  expect(todayAgain?.headers()['cache-control']).toBe('no-store');
  expect(todayAgain?.headers()['x-robots-tag']).toContain('noindex');
  await expect(page.getByRole('main')).not.toContainText(red);
  await expect(page.getByRole('main')).toContainText(amber);

  // The drawn pages are valid HTML, as every built page is (built-site.spec.ts).
  await drawn.expectValid();
});

test('a professional signed in cannot open the console (403), and nobody signed in is sent to sign in', async ({ page, context }) => {
  const anonymous = await page.goto(baseUrl() + '/team/');
  expect(anonymous?.url()).toContain('/sign-in/');
  const { storageState, api } = await signInThroughApi(newWorkEmail('not.team'));
  await api.dispose();
  await context.addCookies(storageState.cookies);
  const refused = await page.goto(baseUrl() + '/team/');
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You cannot open this page');
  await expectAccessible(page);
});

test('a possible duplicate: the team member compares the two entries on the record and keeps them apart', async ({ page }) => {
  test.setTimeout(180_000);
  // The same name and date of birth, neither with an NHS number: the register asks the team.
  const familyName = `Doubleday${Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
  const { api } = await signInThroughApi(newWorkEmail('twice'));
  const first = await refer(api, 'green', familyName);
  const second = await refer(api, 'amber', familyName);
  await api.dispose();

  await signInAsTeamMember(page, 'Dev Decider');
  const questions = page.getByRole('table', { name: 'Possible duplicates and NHS number conflicts' });
  await expect(questions).toContainText(second);
  await tabTo(page, `a[href="/team/people/${second}/"]`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Possible duplicates to decide' })).toBeVisible();
  await expect(page.locator('.nhsuk-card')).toContainText(first);
  await expectAccessible(page);
  await expectNothingCutOff(page);
  await shoot(page, 'team-person-record-duplicate');

  await tabTo(page, 'main button[value="keep_apart"]');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/team/people/${second}/$`));
  await expect(page.getByRole('heading', { level: 2, name: 'Possible duplicates to decide' })).toHaveCount(0);
  await page.goto(baseUrl() + '/team/');
  // The question is answered: it is no longer on Today (the referral itself still waits to be acknowledged).
  await expect(page.locator('table').filter({ hasText: 'Possible duplicates and NHS number conflicts' }).filter({ hasText: second })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'New referrals, RED first' })).toContainText(second);
});

test('a team member reviews the rating on the record by keyboard: errors first, then the new rating kept as history', async ({ page }) => {
  test.setTimeout(180_000);
  const { api } = await signInThroughApi(newWorkEmail('lead'));
  const reference = await refer(api, 'amber', 'Reviewson');
  await api.dispose();

  await signInAsTeamMember(page, 'Rory Reviewer');
  await page.goto(baseUrl() + `/team/people/${reference}/`);
  await expect(page.getByRole('heading', { level: 2, name: 'Review the rating' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Rating history, the latest agreed first' }).getByRole('row')).toHaveCount(2);
  await shoot(page, 'review-record');

  // Sent with nothing chosen: the error summary, each question's own error, nothing kept.
  await tabTo(page, 'main form[action$="/rating/"] textarea[name="reason"]');
  await page.keyboard.type('Settled since the move; agreed at the C(E)TR.');
  await tabTo(page, 'main form[action$="/rating/"] button[type="submit"]');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'There is a problem' })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator('.nhsuk-error-summary__list li')).toHaveText([
    'Select the rating that was agreed',
    'Enter the date the rating was agreed',
    'Select what prompted the review',
  ]);
  await expect(page.locator('textarea[name="reason"]')).toHaveValue('Settled since the move; agreed at the C(E)TR.');
  await expectAccessible(page);
  await expectNothingCutOff(page);
  await shoot(page, 'review-errors');

  // Answered by keyboard.
  // Tab reaches a radio group once, at its first radio; the arrow keys choose within it.
  await tabTo(page, 'input[name="rating"][value="red"]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('input[name="rating"][value="green"]')).toBeChecked();
  await tabTo(page, 'input[name="ratingAgreedOn-day"]');
  await page.keyboard.type(agreedToday['ratingAgreedOn-day']);
  await page.keyboard.press('Tab');
  await page.keyboard.type(agreedToday['ratingAgreedOn-month']);
  await page.keyboard.press('Tab');
  await page.keyboard.type(agreedToday['ratingAgreedOn-year']);
  await tabTo(page, 'input[name="promptedBy"][value="cetr"]');
  await page.keyboard.press('Space');
  await expect(page.locator('input[name="promptedBy"][value="cetr"]')).toBeChecked();
  await tabTo(page, 'main form[action$="/rating/"] button[type="submit"]');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/team/people/${reference}/#rating-history$`));
  const history = page.getByRole('table', { name: 'Rating history, the latest agreed first' }).getByRole('row');
  await expect(history).toHaveCount(3);
  await expect(history.nth(1)).toContainText('GREEN');
  await expect(history.nth(1)).toContainText('Rory Reviewer');
  await expect(history.nth(1)).toContainText('Settled since the move');
  await expect(history.nth(2)).toContainText('AMBER');
  await expect(page.locator('.nhsuk-summary-list__row', { hasText: 'Current rating' })).toContainText('GREEN');
  await expectAccessible(page);
  await expectNothingCutOff(page);
  await shoot(page, 'review-history');
});

/** A council worker registers from an address outside the allowed domains and follows the first link: their account waits for the team. */
async function waitingAccount(label: string, organisation: string): Promise<string> {
  const email = `${label}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.org`;
  const api = await request.newContext({ baseURL: baseUrl(), extraHTTPHeaders: { accept: 'application/json', 'cf-connecting-ip': newAddress() } });
  try {
    expect((await api.post('/api/register', { data: { ...professional, email, organisation } })).status()).toBe(202);
    const link = new URL(linkIn(await waitForEmail((sent) => sent.to.includes(email) && sent.text.includes('/sign-in/confirm/')), '/sign-in/confirm/'));
    expect((await api.post('/api/sign-in/confirm', { data: { token: link.searchParams.get('token'), email, next: '/refer/' } })).status()).toBeLessThan(500);
  } finally {
    await api.dispose();
  }
  return email;
}

test('a waiting council account is approved and another refused, from Accounts', async ({ page }) => {
  test.setTimeout(180_000);
  // A long address with nowhere to break it (a dot is not a place to wrap): the tables must
  // still fit a 320 px screen.
  const approve = await waitingAccount('approve.me.an.address.with.no.place.to.break', 'Riverton City Council');
  const refuse = await waitingAccount('refuse.me', 'Unknown Agency');
  await signInAsTeamMember(page, 'Ada Accounts');

  // From Today's "Accounts waiting for approval" row to the account on Accounts.
  await page.getByRole('main').getByRole('link', { name: approve }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/team\/accounts\/#professional-/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accounts');
  await expectAccessible(page);
  await expectNothingCutOff(page);
  await shoot(page, 'accounts');

  const approveCard = page.locator('.nhsuk-card', { hasText: approve });
  await approveCard.getByRole('button', { name: /Approve account/ }).click();
  await expect(page).toHaveURL(/\/team\/accounts\/$/);
  await expect(page.getByRole('table', { name: 'Active accounts' })).toContainText(approve);
  await expectNothingCutOff(page);
  expect((await waitForEmail((sent) => sent.to.includes(approve) && sent.subject.includes('ready'))).text).toContain('approved your account');

  // Refusing without a reason: the error summary, nothing changed.
  const refuseCard = page.locator('.nhsuk-card', { hasText: refuse });
  await refuseCard.locator('summary').click();
  await refuseCard.getByRole('button', { name: /Refuse account/ }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Enter why the account is not approved');
  await expectAccessible(page);
  await shoot(page, 'accounts-error');
  await page.locator('.nhsuk-card', { hasText: refuse }).getByLabel('Why is this account not approved?').fill('Not an organisation we share the register with');
  await page.locator('.nhsuk-card', { hasText: refuse }).getByRole('button', { name: /Refuse account/ }).click();
  await expect(page).toHaveURL(/\/team\/accounts\/$/);
  await expect(page.getByRole('table', { name: 'Refused accounts' })).toContainText(refuse);
  const refusal = await waitForEmail((sent) => sent.to.includes(refuse) && sent.subject.includes('not approved'));
  expect(refusal.text).not.toContain('share the register');
  await expectAccessible(page);
});

test('the register: a team member filters it to AMBER in one area and finds a person by NHS number, by keyboard, with JavaScript off', async ({ page }) => {
  test.setTimeout(180_000);
  // Two people in Riverton East (AMBER and RED) and one AMBER elsewhere, each with an NHS number.
  const { api } = await signInThroughApi(newWorkEmail('register.referrer'));
  const made: Record<string, { reference: string; nhs: string }> = {};
  for (const [key, rating, area] of [
    ['amberEast', 'amber', 'Riverton East'],
    ['redEast', 'red', 'Riverton East'],
    ['amberCity', 'amber', 'Riverton City'],
  ] as const) {
    const nhs = uniqueNhsNumber();
    const response = await api.post('/api/referrals', {
      data: { ...referralAnswers, ...agreedToday, rating, area, familyName: `Registerton${key}`, nhsNumberKnown: 'yes', nhsNumber: nhs },
    });
    expect(response.status()).toBe(201);
    made[key] = { reference: String(((await response.json()) as { reference: string }).reference), nhs };
  }
  await api.dispose();

  await signInAsTeamMember(page, 'Rhian Register');
  // From Today's menu to the register, by keyboard.
  await tabTo(page, 'nav[aria-label="DSR team console"] a[href="/team/register/"]');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/team\/register\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Register');
  await expect(page.getByText(/^Showing 1 to \d+ of \d+\./)).toBeVisible();
  await expectAccessible(page);
  await expectNothingCutOff(page);

  // Filter: AMBER in Riverton East. Options chosen with the arrow keys, the form sent with Enter.
  await tabTo(page, 'select#area');
  for (let n = 0; n < 5; n++) await page.keyboard.press('ArrowDown');
  await tabTo(page, 'select#rating');
  for (let n = 0; n < 2; n++) await page.keyboard.press('ArrowDown');
  await tabTo(page, 'main form[aria-label="Filter and sort the register"] button[type="submit"]');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/area=Riverton\+East/);
  await expect(page).toHaveURL(/rating=amber/);
  const results = page.getByRole('table');
  await expect(results).toContainText(made['amberEast']!.reference);
  await expect(results).not.toContainText(made['redEast']!.reference);
  await expect(results).not.toContainText(made['amberCity']!.reference);
  await expect(page.locator('select#area')).toHaveValue('Riverton East');
  await shoot(page, 'team-register');

  // A mistyped NHS number: the error summary, the register as it was.
  await tabTo(page, 'input#q');
  await page.keyboard.type('943 476');
  await page.keyboard.press('Enter');
  await expectErrorSummary(page);
  await expectFieldError(page, 'q', 'Enter a 10-digit NHS number, like 943 476 5919, or a DSR reference, like DSR-7K3M-Q9PA');
  // Nothing else changed: the same filters, the same list.
  await expect(page.locator('select#area')).toHaveValue('Riverton East');
  await expect(page.locator('select#rating')).toHaveValue('amber');
  await expect(page.getByRole('table')).toContainText(made['amberEast']!.reference);
  await expect(page.getByRole('table')).not.toContainText(made['amberCity']!.reference);
  await expectAccessible(page);
  await expectNothingCutOff(page);
  await shoot(page, 'team-register-error');

  // Found by NHS number (typed with spaces, as it is printed), within the filters: one row, linking to the record.
  await tabTo(page, 'input#q');
  await page.keyboard.press('ControlOrMeta+a');
  const nhs = made['amberEast']!.nhs;
  await page.keyboard.type(`${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: /^Found \(1\)$/ })).toBeVisible();
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('table')).toContainText('AMBER');
  await tabTo(page, `main table a[href="/team/people/${made['amberEast']!.reference}/"]`);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/team/people/${made['amberEast']!.reference}/$`));
  // The RED person is found by their NHS number across the whole register (no filters).
  await page.goto(baseUrl() + `/team/register/?q=${made['redEast']!.nhs}`);
  await expect(page.getByRole('table')).toContainText(made['redEast']!.reference);
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(2);

  // Ratings due for review: the same list, overdue first.
  const due = await page.goto(baseUrl() + '/team/register/due/');
  expect(due?.status()).toBe(200);
  expect(due?.headers()['cache-control']).toBe('no-store');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ratings due for review');
  await expect(page.locator('select#sort')).toHaveValue('due');
  await expectAccessible(page);
  await shoot(page, 'team-ratings-due');
});
