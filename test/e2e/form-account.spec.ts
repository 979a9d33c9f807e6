// Accounts around the forms: signed out, the referral and consent pages say why an
// account is needed and link to signing in and registering, which bring the person
// back; a session that ends while a form is being filled loses none of the answers.
import { expect } from '@playwright/test';
import { baseUrl } from './site.ts';
import {
  choose,
  expectAccessible,
  expectErrorSummary,
  fillValidReferral,
  freshSignInLink,
  linkIn,
  newAddress,
  newWorkEmail,
  professional,
  signInThroughApi,
  test,
  waitForEmail,
} from './form-helpers.ts';

test.describe('signed out, with JavaScript on', () => {
  for (const { page: path, form, heading } of [
    { page: '/refer/', form: 'referral', heading: 'Refer someone to the DSR' },
    { page: '/consent/', form: 'consent', heading: 'Record consent or a Best Interests Decision' },
  ]) {
    test(`${path} explains why an account is needed, and signing in comes back to it`, async ({ page }) => {
      test.setTimeout(180_000);
      await page.goto(baseUrl() + path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expect(page.getByRole('heading', { name: 'You need an account' })).toBeVisible();
      await expect(page.getByRole('main').locator('form')).toHaveCount(0);
      await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', `/sign-in/?next=${encodeURIComponent(path)}`);
      await expect(page.getByRole('link', { name: 'Register for an account' })).toHaveAttribute('href', `/register/?next=${encodeURIComponent(path)}`);
      await expectAccessible(page);

      // Register from here, then sign in: the emailed link brings the person back to this form.
      const email = newWorkEmail(`back-${form}`);
      await page.getByRole('link', { name: 'Register for an account' }).click();
      // The way back is kept by the page's script (without it, signing in lands on the referral form): wait for it to take over.
      await expect(page.locator('main form input[type="hidden"][name="next"]')).toHaveValue(path);
      await page.getByLabel('Full name', { exact: true }).fill(professional.fullName);
      await page.getByLabel('Work email address', { exact: true }).fill(email);
      await page.getByLabel('Job title', { exact: true }).fill(professional.jobTitle);
      await page.getByLabel('Organisation', { exact: true }).fill(professional.organisation);
      await choose(page, 'Which area do you mainly work in?', professional.area);
      await page.getByRole('group', { name: 'Looking after the information' }).getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Register', exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
      // The email after registering is the first sign-in link. It opens in a new tab, as it would from an email program.
      const link = linkIn(await waitForEmail((sent) => sent.to.includes(email) && sent.text.includes('/sign-in/confirm/')), '/sign-in/confirm/');
      const fromEmail = await page.context().newPage();
      await fromEmail.goto(link);
      await expect(fromEmail.locator('main form input[type="hidden"][name="next"]')).toHaveValue(path);
      await fromEmail.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(fromEmail).toHaveURL(baseUrl() + path);
      await expect(fromEmail.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expect(fromEmail.getByRole('navigation', { name: 'Account' })).toContainText(`Signed in as ${professional.fullName}`);
      await expect(fromEmail.getByRole('heading', { name: 'You need an account' })).toHaveCount(0);
      await expect(fromEmail.getByRole('main').locator('form')).toHaveCount(1);
    });
  }
});

test.describe('signed out, with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });
  test('/refer/ says an account is needed, with links to sign in and register that name the way back', async ({ page }) => {
    await page.goto(baseUrl() + '/refer/');
    const notice = page.locator('.nhsuk-inset-text').filter({ hasText: 'You need to be signed in' });
    await expect(notice).toBeVisible();
    await expect(notice.getByRole('link', { name: 'sign in' })).toHaveAttribute('href', '/sign-in/?next=%2Frefer%2F');
    await expect(notice.getByRole('link', { name: 'register for an account' })).toHaveAttribute('href', '/register/?next=%2Frefer%2F');
    await expectAccessible(page);
  });
});

for (const javaScript of [true, false]) {
  test(`a session that ends while the referral is filled in loses no answers (JavaScript ${javaScript ? 'on' : 'off'})`, async ({ browser }) => {
    test.setTimeout(180_000);
    const email = newWorkEmail(javaScript ? 'expired-js' : 'expired-nojs');
    const { api, storageState } = await signInThroughApi(email);
    await api.dispose();
    const context = await browser.newContext({ javaScriptEnabled: javaScript, storageState, extraHTTPHeaders: { 'cf-connecting-ip': newAddress() } });
    const page = await context.newPage();
    try {
      await page.goto(baseUrl() + '/refer/');
      const givenName = javaScript ? 'Wrenna' : 'Ossian';
      await fillValidReferral(page, givenName);

      // The session ends (it expired, or the person signed out in another tab).
      await context.clearCookies();
      await page.getByRole('button', { name: 'Continue' }).click();
      const summary = await expectErrorSummary(page);
      await expect(summary).toContainText('You have been signed out, so your answers have not been sent');
      const signInAgain = summary.getByRole('link', { name: 'Sign in again (opens in a new tab)' });
      await expect(signInAgain).toHaveAttribute('target', '_blank');
      await expect(page.getByLabel('Given name', { exact: true })).toHaveValue(givenName);
      await expect(page.getByLabel('Why was this rating agreed?', { exact: true })).toHaveValue('Risks are known and well managed at the moment.');
      await expectAccessible(page);

      if (javaScript) {
        // Answers are kept in this tab even if the page is reloaded.
        await page.reload();
        await expect(page.getByLabel('Given name', { exact: true })).toHaveValue(givenName);
        await expect(page.getByRole('group', { name: 'What rating did the multidisciplinary team (MDT) agree?' }).getByLabel('GREEN', { exact: true })).toBeChecked();
      }

      // Signing in again in another tab, then sending from this one.
      const other = await context.newPage();
      await other.goto(await freshSignInLink(email));
      await other.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(other).toHaveURL(/\/refer\/$/);
      await other.close();

      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending the referral');
      await expect(page.getByRole('main')).toContainText(givenName);
      await page.getByRole('button', { name: 'Send the referral' }).click();
      await expect(page.locator('.nhsuk-panel h1')).toHaveText('Referral sent');
      await expect(page.getByRole('main')).toContainText('The referral was rated GREEN');
      await expect(page.locator('.dsr-keyworker-result')).toContainText('not among those that must be assessed for a keyworker');
    } finally {
      await context.close();
    }
  });
}
