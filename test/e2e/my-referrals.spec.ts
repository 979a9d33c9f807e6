// A professional's own page in a browser, once with JavaScript on and once with it off:
// they refer someone, open /my-referrals/ and see the referral; "Refer again" opens the
// referral form filled in from their own record; they change the rating and send it; the
// confirmation says it updated the entry, from the rating before to the rating now, and
// /my-referrals/ shows the new rating. axe finds nothing; nothing runs off at 320 px.
// With MY_REFERRALS_SHOTS=<folder>, the pages are saved at 1280 and 320 px to be looked at.
import { join } from 'node:path';
import { drawnPages } from './drawn-pages.ts';
import { expect, type Page } from '@playwright/test';
import { consent as consentAnswers, referral as referralAnswers } from '../support/answers.ts';
import { baseUrl } from './site.ts';
import { birthDateForAge, choose, daysAgo, expectAccessible, expectNothingCutOff, fillDate, linkIn, newWorkEmail, sentEmails, signInThroughApi, test } from './form-helpers.ts';

async function shoot(page: Page, name: string) {
  const folder = process.env.MY_REFERRALS_SHOTS;
  if (!folder) return;
  const size = page.viewportSize();
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(folder, `${name}-${width}.png`), fullPage: true });
  }
  if (size) await page.setViewportSize(size);
}

/** A valid NHS number (Modulus 11) in the 999 range used for testing, different each run. */
function testNhsNumber(): string {
  for (;;) {
    const first = `999${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    const total = [...first].reduce((sum, digit, i) => sum + Number(digit) * (10 - i), 0);
    const check = 11 - (total % 11);
    if (check !== 10) return `${first}${check === 11 ? 0 : check}`;
  }
}

test('signed out, /my-referrals/ sends the professional to sign in and back', async ({ page }) => {
  const email = newWorkEmail('mine-return');
  const { api } = await signInThroughApi(email);
  await api.dispose();
  await page.goto(baseUrl() + '/my-referrals/');
  await expect(page).toHaveURL(/\/sign-in\/\?next=%2Fmy-referrals%2F$/);
  const before = (await sentEmails()).length;
  await page.getByRole('textbox', { name: 'Sign in Work email address' }).fill(email);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
  await expect.poll(async () => (await sentEmails()).slice(before).some((sent) => sent.to.includes(email) && sent.text.includes('/sign-in/confirm/')), { timeout: 20_000 }).toBe(true);
  const sent = (await sentEmails()).slice(before).find((message) => message.to.includes(email) && message.text.includes('/sign-in/confirm/'))!;
  // The link opens in another tab as often as not: the page to come back to is kept in the browser, not the link.
  await page.goto(linkIn(sent, '/sign-in/confirm/'));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/my-referrals\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your referrals and consent records');
});

test('the consent confirmation’s "Refer this person" opens the referral form filled in from that consent record', async ({ browser }) => {
  const { api, storageState } = await signInThroughApi(newWorkEmail('mine-consent'));
  const decided = daysAgo(2);
  const saved = await api.post('/api/consents', {
    data: {
      ...consentAnswers, personName: 'Ada Mae Consentwell', decision: 'consented',
      'decisionDate-day': decided.day, 'decisionDate-month': decided.month, 'decisionDate-year': decided.year,
    },
  });
  expect(saved.status()).toBe(201);
  const reference = String(((await saved.json()) as { reference: string }).reference);
  await api.dispose();
  const context = await browser.newContext({ storageState, javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto(`${baseUrl()}/consent/confirmation/?reference=${reference}`);
    await page.getByRole('button', { name: 'Refer this person' }).click();
    await expect(page).toHaveURL(new RegExp(`/refer/\\?consent=${reference}$`));
    await expect(page.getByLabel('Given name', { exact: true })).toHaveValue('Ada Mae');
    await expect(page.getByLabel('Family name', { exact: true })).toHaveValue('Consentwell');
    await expect(page.getByLabel('Consent record reference (optional)', { exact: true })).toHaveValue(reference);
    await expect(page.getByRole('group', { name: 'How was consent given to be on the register?', exact: true }).getByRole('radio', { name: 'They gave their consent' })).toBeChecked();
  } finally {
    await context.close();
  }
});

for (const javaScript of [true, false]) {
  test.describe(`with JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test('a professional refers, finds the referral on /my-referrals/, refers again with the details filled in and a new rating', async ({ browser }) => {
      test.setTimeout(240_000);
      const email = newWorkEmail(javaScript ? 'mine-js' : 'mine-nojs');
      const { api, storageState } = await signInThroughApi(email);
      const nhsNumber = testNhsNumber();
      const spaced = nhsNumber.replace(/(\d{3})(\d{3})(\d{4})/, '$1 $2 $3');
      const person = { given: javaScript ? 'Wren' : 'Linnet', family: javaScript ? 'Againsworth' : 'Oncemore', born: birthDateForAge(15) };
      const agreed = daysAgo(5);
      const first = await api.post('/api/referrals', {
        data: {
          ...referralAnswers, givenName: person.given, familyName: person.family, nhsNumber: spaced,
          'dateOfBirth-day': person.born.day, 'dateOfBirth-month': person.born.month, 'dateOfBirth-year': person.born.year,
          'ratingAgreedOn-day': agreed.day, 'ratingAgreedOn-month': agreed.month, 'ratingAgreedOn-year': agreed.year, rating: 'amber',
        },
      });
      expect(first.status()).toBe(201);
      const reference = String(((await first.json()) as { reference: string }).reference);
      await api.dispose();

      const context = await browser.newContext({ storageState, javaScriptEnabled: javaScript, viewport: { width: 320, height: 900 } });
      const page = await context.newPage();
      // Without JavaScript, the pages as the server drew them, for the Nu HTML Checker at the end.
      const drawn = drawnPages('my-referrals');
      const keep = async (name: string) => {
        if (!javaScript) await drawn.keep(page, name);
      };
      try {
        // Their page: the referral, with where it stands and its rating now.
        await page.goto(baseUrl() + '/my-referrals/');
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your referrals and consent records');
        await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
        await expect(page).toHaveTitle('Your referrals and consent records - For professionals - Dynamic Support Register');
        const row = page.getByRole('row').filter({ hasText: reference });
        await expect(row).toContainText(`${person.given} ${person.family}`);
        await expect(row).toContainText('Received, not acknowledged yet');
        await expect(row).toContainText('AMBER');
        await expectAccessible(page);
        await expectNothingCutOff(page);
        await shoot(page, `my-referrals-${javaScript ? 'js' : 'nojs'}`);
        await keep('my-referrals');

        // "Refer again": the form filled in from their own referral; the address carries only the reference.
        await row.getByRole('link', { name: /Refer again/ }).click();
        await expect(page).toHaveURL(new RegExp(`/refer/\\?from=${reference}$`));
        await expect(page.locator('[data-filled-from]')).toContainText(`We have filled in what you told us in ${reference}.`);
        await expect(page.locator('[data-account-notice]')).toHaveCount(0);
        // With JavaScript the header fills in who is signed in: axe looks once the page has settled.
        if (javaScript) await expect(page.getByRole('navigation', { name: 'Account' })).toContainText('Signed in as');
        await expect(page.getByLabel('Given name', { exact: true })).toHaveValue(person.given);
        await expect(page.getByLabel('Family name', { exact: true })).toHaveValue(person.family);
        await expect(page.getByLabel('NHS number', { exact: true })).toHaveValue(spaced);
        await expect(page.getByLabel('Postcode', { exact: true })).toHaveValue('LS1 4AP');
        // The rating is for the MDT to agree again: nothing chosen.
        await expect(page.getByRole('group', { name: 'What rating did the multidisciplinary team (MDT) agree?', exact: true }).getByRole('radio', { checked: true })).toHaveCount(0);
        await expectAccessible(page);
        await shoot(page, `refer-again-${javaScript ? 'js' : 'nojs'}`);
        await keep('refer-again');

        await choose(page, 'What rating did the multidisciplinary team (MDT) agree?', 'RED');
        await fillDate(page, 'Date the rating was agreed', daysAgo(0));
        await page.getByLabel('Why was this rating agreed?', { exact: true }).fill('Two crises this week; the placement has given notice.');
        await choose(page, 'Have they had a CETR, CTR or LEAP meeting before?', 'None');
        await page.getByRole('button', { name: 'Continue' }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending the referral');
        await expect(page.getByRole('main')).toContainText(spaced);
        await page.getByRole('button', { name: 'Send the referral' }).click();
        await expect(page.locator('.nhsuk-panel h1')).toHaveText('Referral sent');
        if (javaScript) await expect(page.getByRole('navigation', { name: 'Account' })).toContainText('Signed in as');
        await expect(page.locator('.dsr-entry-updated')).toHaveText('This referral updated the entry of someone you referred before. Their rating on the register was AMBER and is now RED.');
        await expectAccessible(page);
        await shoot(page, `re-referral-confirmation-${javaScript ? 'js' : 'nojs'}`);

        // Back on their page: both referrals, the person's rating now RED.
        await page.getByRole('link', { name: 'See your referrals and consent records' }).click();
        await expect(page).toHaveURL(/\/my-referrals\/$/);
        const rows = page.getByRole('row').filter({ hasText: person.family });
        await expect(rows).toHaveCount(2);
        await expect(rows.nth(1)).toContainText(reference);
        await expect(rows.nth(1)).toContainText('RED');
        await expect(rows.nth(1)).toContainText('Changed since your referral (you sent AMBER)');
        await expectAccessible(page);
        await expectNothingCutOff(page);
        await shoot(page, `my-referrals-after-${javaScript ? 'js' : 'nojs'}`);
        await keep('my-referrals-after');
        // The drawn pages are valid HTML, as every built page is (built-site.spec.ts).
        if (!javaScript) await drawn.expectValid();
      } finally {
        await context.close();
      }
    });
  });
}
