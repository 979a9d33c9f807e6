// C(E)TRs and the figures in a browser, in the team's words: a team member opens a
// person's record, records the CETR held in hospital with two recommendations and the
// rating it agreed (kept in the rating history), marks one recommendation done, and sees
// when the next CETR is due; then opens Figures, whose counts are the counts a direct SQL
// count of the register gives, and downloads the month ends' CSV (counts only). With
// JavaScript off, at 320 px wide; axe finds nothing on any page, and every page passes the
// Nu HTML Checker.
import { expect } from '@playwright/test';
import { baseUrl } from './site.ts';
import { agreedToday, refer, shoot, signInAsTeamMember, withDatabase } from './console-helpers.ts';
import { drawnPages } from './drawn-pages.ts';
import { expectAccessible, expectErrorSummary, expectNothingCutOff, newWorkEmail, signInThroughApi, tabTo, test } from './form-helpers.ts';

test.use({ javaScriptEnabled: false, viewport: { width: 320, height: 900 } });

test('a CETR’s recommendations are recorded and the rating reviewed; the figures show the counts a direct SQL count gives', async ({ page }) => {
  test.setTimeout(180_000);
  const { api } = await signInThroughApi(newWorkEmail('referrer'));
  const reference = await refer(api, 'amber', 'Cetrington');
  await api.dispose();
  const drawn = drawnPages('console-cetrs');
  await signInAsTeamMember(page, 'Cara Cetr');

  // From the record to its C(E)TRs.
  await page.goto(`${baseUrl()}/team/people/${reference}/`);
  await page.getByRole('link', { name: /See the C\(E\)TRs and record a C\(E\)TR/ }).click();
  await expect(page).toHaveURL(new RegExp(`/team/people/${reference}/cetrs/$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Cetrington');
  await expect(page.getByText('No C(E)TR has been recorded for this person yet.')).toBeVisible();
  await expectAccessible(page);
  await expectNothingCutOff(page);
  await shoot(page, 'team-cetrs-empty');
  await drawn.keep(page, 'team-cetrs-empty');

  // Saved with no answers: the error summary, and nothing kept.
  await page.getByRole('button', { name: 'Save the C(E)TR' }).click();
  const summary = await expectErrorSummary(page);
  await expect(summary.getByRole('link')).toHaveText(['Select whether it was a CETR or a CTR', 'Select where the C(E)TR was held', 'Enter the date the C(E)TR was held', 'Select the rating the C(E)TR agreed', 'Say why this rating was agreed']);
  expect(await withDatabase((sql) => sql`select 1 from private.cetrs as c join private.referrals as r on r.person_id = c.person_id where r.reference = ${reference}`)).toEqual([]);
  await expectAccessible(page);
  await shoot(page, 'team-cetrs-errors');
  await drawn.keep(page, 'team-cetrs-errors');

  // The CETR, held in hospital today, two recommendations, the rating it agreed.
  await page.getByLabel('Care, Education and Treatment Review (CETR)').check();
  await page.getByLabel('In hospital (inpatient)').check();
  await page.getByLabel('Day').fill(agreedToday['ratingAgreedOn-day']);
  await page.getByLabel('Month').fill(agreedToday['ratingAgreedOn-month']);
  await page.getByLabel('Year').fill(agreedToday['ratingAgreedOn-year']);
  await page.getByRole('group', { name: 'Rating agreed at the C(E)TR' }).getByLabel(/^RED/).check();
  await page.getByLabel('Why this rating was agreed').fill('Two placement breakdowns; the panel agreed RED.');
  await page.locator('#recommendation1').fill('Find a community placement near family.');
  await page.locator('#owner1').fill('Social worker, Riverton Council');
  await page.locator('#recommendation2').fill('Review medication with the family.');
  await page.locator('#owner2').fill('Consultant psychiatrist');
  await page.getByRole('button', { name: 'Save the C(E)TR' }).click();
  await expect(page).toHaveURL(new RegExp(`/team/people/${reference}/cetrs/#cetrs$`));
  const table = page.getByRole('table', { name: /Recommendations of the CETR/ });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table).toContainText('Find a community placement near family.');
  await expect(page.locator('#next-due + p')).toContainText('at least every 3 months for someone in hospital');

  // One recommendation done, by keyboard: its history kept.
  const markDone = page.getByRole('button', { name: /^Mark as done \(recommendation: Find a community placement near family\.\)$/ });
  const action = await markDone.evaluate((button) => button.closest('form')!.getAttribute('action'));
  await tabTo(page, `main form[action="${action}"] button[type="submit"]`);
  await page.keyboard.press('Enter');
  await expect(table.getByRole('row').nth(1)).toContainText('Done');
  await expect(table.getByRole('row').nth(1)).toContainText(/Open: .*Cara Cetr/);
  await expect(table.getByRole('row').nth(1)).toContainText(/Done: .*Cara Cetr/);
  await expectAccessible(page);
  await expectNothingCutOff(page);
  await shoot(page, 'team-cetrs');
  await drawn.keep(page, 'team-cetrs');

  // The rating review is in the record's rating history, prompted by the C(E)TR.
  const reviews = await withDatabase((sql) => sql`select v.rating, v.prompted_by from private.rating_reviews as v
    join private.referrals as r on r.person_id = v.person_id where r.reference = ${reference}`);
  expect(reviews).toEqual([{ rating: 'red', prompted_by: 'cetr' }]);
  await page.goto(`${baseUrl()}/team/people/${reference}/`);
  await expect(page.locator('main')).toContainText('Two placement breakdowns; the panel agreed RED.');

  // Figures: the counts are those a direct count gives.
  await page.getByRole('link', { name: 'Figures' }).first().click();
  await expect(page).toHaveURL(/\/team\/figures\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Figures');
  // Other tests add people to the same register meanwhile: the page is compared with the counts
  // taken just before and just after it was drawn, once those two agree.
  const count = async () => JSON.stringify(await withDatabase((sql) => sql`select rating, count(*)::int as n from private.people_now group by rating order by rating`));
  let drawnBetween: string | undefined;
  for (let attempt = 0; attempt < 20 && drawnBetween === undefined; attempt++) {
    const before = await count();
    await page.reload();
    if ((await count()) === before) drawnBetween = before;
  }
  if (drawnBetween === undefined) throw new Error('The register kept changing while the figures were drawn');
  const direct = JSON.parse(drawnBetween) as { rating: string; n: number }[];
  const total = direct.reduce((sum, row) => sum + row.n, 0);
  await expect(page.locator('#now ~ p.nhsuk-body-l strong').first()).toHaveText(String(total));
  const byRating = page.getByRole('table', { name: 'People on the register now, by rating' });
  for (const [name, id] of [['RED', 'red'], ['AMBER', 'amber'], ['GREEN', 'green'], ['BLUE', 'blue']]) {
    const expected = direct.find((row) => row.rating === id)?.n ?? 0;
    await expect(byRating.getByRole('row', { name: `${name} ${expected}`, exact: true })).toHaveCount(1);
  }
  await expectAccessible(page);
  await expectNothingCutOff(page);
  await shoot(page, 'team-figures');
  await drawn.keep(page, 'team-figures');

  // The CSV: an attachment, not stored, counts only.
  const csv = await page.request.get(`${baseUrl()}/team/figures/month-ends.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-disposition']).toMatch(/^attachment;/);
  expect(csv.headers()['cache-control']).toBe('no-store');
  const text = await csv.text();
  expect(text.split('\r\n')[0]).toBe('month_end,dimension,value,people,kept_on');
  expect(text).not.toContain('Cetrington');
  expect(text).not.toContain('DSR-');

  // The register offers the export, saying it is OFFICIAL-SENSITIVE and audited.
  await page.goto(`${baseUrl()}/team/register/`);
  await expect(page.locator('#export ~ .nhsuk-warning-callout')).toContainText('Every download is audited');
  await expectAccessible(page);
  await shoot(page, 'team-register-export');
  await drawn.keep(page, 'team-register-export');
  const exported = await page.request.get(`${baseUrl()}/team/register/export.csv`);
  expect(exported.headers()['content-disposition']).toMatch(/^attachment;/);
  const exportedText = await exported.text();
  expect(exportedText).toContain('Cetrington');
  // The audit counts the rows this download held (other tests add people meanwhile, so not the count above).
  const exportedRows = exportedText.trim().split(/\r?\n/).length - 1;
  expect(exportedRows).toBeGreaterThanOrEqual(total);
  const audited = await withDatabase((sql) => sql`select detail from private.audit_events where action = 'register_exported' order by happened_at desc limit 1`);
  expect(audited[0]!['detail']).toEqual({ rows: exportedRows });
  await drawn.expectValid();
});
