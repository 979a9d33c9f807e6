// The console's inbox in a browser, in the team's words: a family withdraws consent for
// someone on the register; a team member opens the request from Today, sees the likely
// match, matches it and completes the request: the person's record is gone, no table that
// erasure rewrites mentions them, and the family gets the email that it is done. Another
// request is closed as "no entry found". A parent asks for their son at /ask/, the team
// decides that a professional will refer, and the parent gets the outcome by email; an
// email that failed is sent again from Today. With JavaScript off, at 320 px wide, by
// keyboard for every team action, and axe finds nothing on any page or error state.
import { expect, type Page } from '@playwright/test';
import { drawnPages } from './drawn-pages.ts';
import { baseUrl } from './site.ts';
import { refer, shoot, signInAsTeamMember, withDatabase } from './console-helpers.ts';
import { birthDateForAge, choose, expectAccessible, expectErrorSummary, expectNothingCutOff, fillDate, newWorkEmail, question, signInThroughApi, tabTo, test, waitForEmail } from './form-helpers.ts';

test.use({ javaScriptEnabled: false, viewport: { width: 320, height: 900 } });

const uniqueName = (stem: string) => `${stem}${Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;

/** The family's withdrawal form, filled in by its labels: the WDR reference. */
async function withdraw(page: Page, personName: string, born: { day: string; month: string; year: string }, requesterEmail: string) {
  await page.goto(baseUrl() + '/withdraw/');
  await page.getByLabel('Their full name', { exact: true }).fill(personName);
  await fillDate(page, 'Their date of birth', born);
  await choose(page, 'Who are you?', 'I am their parent or carer');
  await page.getByLabel('Your full name', { exact: true }).fill('Pat Parent');
  await page.getByLabel('Your email address', { exact: true }).fill(requesterEmail);
  await question(page, 'Support will carry on').getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Send the request' }).click();
  await expect(page.locator('.nhsuk-panel h1')).toHaveText('Request sent');
  return ((await page.locator('.dsr-reference').textContent()) ?? '').trim();
}

test('a family withdraws consent; the team matches the likely match and completes it, and the person is erased; another request is closed as no entry found', async ({ page, context }) => {
  test.setTimeout(240_000);
  const familyName = uniqueName('Withdrawn');
  // On the register: Alex <familyName>, born 4 March 2010 (test/support/answers.ts).
  const { api } = await signInThroughApi(newWorkEmail('referrer'));
  const dsr = await refer(api, 'amber', familyName);
  await api.dispose();

  const familyEmail = `family.${Date.now().toString(36)}@example.com`;
  const reference = await withdraw(page, `Alex ${familyName}`, { day: '4', month: '3', year: '2010' }, familyEmail);
  const nobodyEmail = `family.nobody.${Date.now().toString(36)}@example.com`;
  const nobody = await withdraw(page, `Nobody ${uniqueName('Known')}`, { day: '9', month: '9', year: '1999' }, nobodyEmail);
  await page.context().clearCookies();

  await signInAsTeamMember(page, 'Wren Withdrawals');
  await expect(page.getByRole('table', { name: 'Open withdrawal requests' })).toContainText(reference);
  await tabTo(page, `a[href="/team/withdrawals/${reference}/"]`);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/team/withdrawals/${reference}/$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Withdrawal request ${reference}`);
  const likely = page.getByRole('table', { name: 'Entries that may be the person' });
  await expect(likely).toContainText(dsr);
  await expect(likely).toContainText('The same full name and date of birth');
  await expect(likely).toContainText('AMBER');
  await expect(likely).toContainText('Riverton City');
  // Nothing is matched until the team chooses.
  await expect(page.getByRole('button', { name: /Complete and erase/ })).toHaveCount(0);
  await expectAccessible(page);
  await expectNothingCutOff(page);
  await shoot(page, 'withdrawal-request');
  const drawn = drawnPages('console-inbox');
  await drawn.keep(page, 'withdrawal-request');

  await tabTo(page, 'main form[action$="/match/"] button');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/team/withdrawals/${reference}/#matched$`));
  await expect(page.getByRole('table', { name: 'Entries matched to this request' })).toContainText('Wren Withdrawals');
  await expectAccessible(page);
  await expectNothingCutOff(page);
  await shoot(page, 'withdrawal-matched');
  await drawn.keep(page, 'withdrawal-matched');

  // Another team member has the same request open in another tab.
  const other = await context.newPage();
  await other.goto(baseUrl() + `/team/withdrawals/${reference}/`);

  await tabTo(page, 'main form[action$="/complete/"] button');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/team/withdrawals/${reference}/$`));
  await expect(page.getByRole('main')).toContainText('Completed: the matched entries were erased');
  await expect(page.getByRole('main')).not.toContainText(familyName);
  await expectAccessible(page);
  await shoot(page, 'withdrawal-completed');

  // The second press: nothing was changed, and why.
  await other.getByRole('button', { name: /Complete and erase/ }).click();
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Nothing was changed');
  await expect(other.getByRole('main')).toContainText('Another team member has already finished this request');
  await expectAccessible(other);
  await shoot(other, 'withdrawal-conflict');
  await other.close();

  // The record is gone, and nothing erasure rewrites mentions them.
  expect((await page.goto(baseUrl() + `/team/people/${dsr}/`))?.status()).toBe(404);
  const mentions = await withDatabase(async (sql) => {
    const [row] = await sql`select private.erased_tables() as tables`;
    const found: string[] = [];
    for (const table of row!['tables'] as string[]) {
      const [schema, name] = table.split('.') as [string, string];
      const [counted] = await sql`select count(*)::int as n from ${sql(schema)}.${sql(name)} as scanned
                                   where strpos(lower(scanned::text), lower(${familyName})) > 0 or strpos(scanned::text, ${dsr}) > 0`;
      if ((counted!['n'] as number) > 0) found.push(table);
    }
    return { tables: (row!['tables'] as string[]).length, found };
  });
  expect(mentions.tables).toBeGreaterThan(5);
  expect(mentions.found).toEqual([]);
  const done = await waitForEmail((sent) => sent.to.includes(familyEmail) && sent.subject.includes('done'));
  expect(done.text).toContain(reference);
  expect(`${done.subject}\n${done.text}`).not.toContain(familyName);

  // The other request matches nobody: closed as no entry found.
  await page.goto(baseUrl() + `/team/withdrawals/${nobody}/`);
  await expect(page.getByRole('main')).toContainText('No entry on the register has the DSR reference they gave');
  await tabTo(page, 'main form[action$="/close/"] button');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toContainText('Closed: no entry found');
  await expectAccessible(page);
  const noEntry = await waitForEmail((sent) => sent.to.includes(nobodyEmail) && sent.subject.startsWith('About your request'));
  expect(noEntry.text).toContain(nobody);
  await drawn.keep(page, 'withdrawal-closed');
  await drawn.expectValid();
});

test('a parent asks for their son at /ask/; the team decides a professional will refer; the parent is emailed the outcome; a failed email is sent again', async ({ page }) => {
  test.setTimeout(240_000);
  const parentEmail = `parent.${Date.now().toString(36)}@example.com`;
  const son = `Rowan ${uniqueName('Askwith')}`;
  await page.goto(baseUrl() + '/ask/');
  await choose(page, 'Who is asking?', 'I am their parent or carer');
  await page.getByLabel('Their full name', { exact: true }).fill(son);
  await fillDate(page, 'Their date of birth', birthDateForAge(14));
  await choose(page, 'Which area do they live in?', 'Riverton City');
  await page.getByLabel('What is worrying you now?', { exact: true }).fill('He has been excluded from school and hurt himself twice this week.');
  await choose(page, 'Does the person know you are asking, and do they agree?', 'Yes, they know and they agree');
  await page.getByLabel('Your full name', { exact: true }).fill('Morwenna Askwith');
  await page.getByLabel('Your email address', { exact: true }).fill(parentEmail);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Send the request' }).click();
  await expect(page.locator('.nhsuk-panel h1')).toHaveText('Request sent');
  const reference = ((await page.locator('.dsr-reference').textContent()) ?? '').trim();
  await waitForEmail((sent) => sent.to.includes(parentEmail) && sent.subject.includes('We have your request'));

  await signInAsTeamMember(page, 'Ravi Requests');
  const requests = page.getByRole('table', { name: 'Requests to be considered, oldest first' });
  await expect(requests).toContainText(reference);
  await expect(requests.getByRole('row', { name: new RegExp(reference) })).toContainText('A parent or carer');
  await tabTo(page, `a[href="/team/requests/${reference}/"]`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Request ${reference}`);
  await expect(page.getByRole('main')).toContainText(son);
  await expectAccessible(page);
  await expectNothingCutOff(page);
  await shoot(page, 'request');

  // Recorded without saying who will refer: the error summary, nothing recorded.
  await tabTo(page, 'main form:has(input[value="professional_will_refer"]) button');
  await page.keyboard.press('Enter');
  await expectErrorSummary(page);
  await expect(page.locator('.nhsuk-error-summary__list li')).toHaveText(['Enter which service or professional will refer them']);
  await expectAccessible(page);
  await expectNothingCutOff(page);
  await shoot(page, 'request-error');
  const drawn = drawnPages('console-inbox');
  await drawn.keep(page, 'request-error');

  await tabTo(page, '#note-professional_will_refer');
  await page.keyboard.type('The school nurse will refer him to the community team this week.');
  await tabTo(page, 'main form:has(input[value="professional_will_refer"]) button');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/team/requests/${reference}/#decision$`));
  await expect(page.locator('.nhsuk-summary-list__row', { hasText: 'Decision' })).toContainText('A professional will refer them');
  await expect(page.getByRole('main')).toContainText('The school nurse will refer him');
  const outcome = await waitForEmail((sent) => sent.to.includes(parentEmail) && sent.subject.includes('What happens next'));
  expect(outcome.text).toContain(reference);
  expect(outcome.text).toContain('A professional who knows the person will make a referral');
  for (const personal of [son, 'school nurse', 'Morwenna']) expect(`${outcome.subject}\n${outcome.text}`).not.toContain(personal);
  // When the parent was told, from the outbox.
  await expect(async () => {
    await page.reload();
    await expect(page.locator('.nhsuk-summary-list__row', { hasText: 'The asker' })).toContainText('Emailed the outcome', { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expectAccessible(page);
  await expectNothingCutOff(page);
  await shoot(page, 'request-decided');
  await drawn.keep(page, 'request-decided');
  await page.goto(baseUrl() + '/team/');
  await expect(page.getByRole('main')).not.toContainText(reference);

  // The acknowledgement failed for good (as if the provider refused it): Today shows it, without the address.
  const [failed] = await withDatabase((sql) => sql`update private.outbox set status = 'failed', sent_at = null, needs_attention = true, attempts = 10, last_error = 'resend 422: validation_error'
                                                    where about_reference = ${reference} and kind = 'request_acknowledgement' returning id`);
  await page.goto(baseUrl() + '/team/');
  const emails = page.getByRole('table', { name: 'Emails that need attention' });
  await expect(emails).toContainText(reference);
  await expect(emails).toContainText('resend 422: validation_error');
  await expect(page.getByRole('main')).not.toContainText(parentEmail);
  await expectAccessible(page);
  await expectNothingCutOff(page);
  await shoot(page, 'today-inbox');
  await drawn.keep(page, 'today-inbox');
  await tabTo(page, `main form[action="/team/emails/${failed!['id'] as string}/send-again/"] button`);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/team\/#emails$/);
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('main')).not.toContainText(reference, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await drawn.expectValid();
});
