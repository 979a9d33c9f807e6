// The form pages at a 320 px wide screen and at 200% zoom (a 1280 px window zoomed to
// 640 CSS pixels): nothing scrolls sideways and nothing is cut off, with the questions,
// with errors, on the check page and on the confirmation.
import { expect, type Page } from '@playwright/test';
import { baseUrl } from './site.ts';
import { choose, daysAgo, expectErrorSummary, expectNothingCutOff, fillDate, fillValidReferral, newAddress, newWorkEmail, signInThroughApi, test } from './form-helpers.ts';

const screens = [
  { name: '320 px wide', viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 },
  { name: '200% zoom', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
];

const pages = [
  { path: '/register/', button: 'Register' },
  { path: '/sign-in/', button: 'Send me a sign-in link' },
  { path: '/withdraw/', button: 'Send the request' },
  { path: '/consent/', button: 'Continue' },
  { path: '/refer/', button: 'Continue' },
];

for (const screen of screens) {
  test.describe(screen.name, () => {
    test.use({ viewport: screen.viewport, deviceScaleFactor: screen.deviceScaleFactor });

    test('every form page, empty and with its errors', async ({ browser }) => {
      test.setTimeout(180_000);
      const { api, storageState } = await signInThroughApi(newWorkEmail('layout'));
      await api.dispose();
      const context = await browser.newContext({ viewport: screen.viewport, deviceScaleFactor: screen.deviceScaleFactor, storageState, extraHTTPHeaders: { 'cf-connecting-ip': newAddress() } });
      const page = await context.newPage();
      try {
        for (const { path, button } of pages) {
          await page.goto(baseUrl() + path);
          await expectNothingCutOff(page);
          await page.getByRole('button', { name: button, exact: true }).click();
          await expectErrorSummary(page);
          await expectNothingCutOff(page);
        }
        for (const path of ['/sign-in/confirm/', '/refer/confirmation/', '/consent/confirmation/', '/withdraw/confirmation/', '/register/confirmation/', '/sign-in/check-your-email/']) {
          await page.goto(baseUrl() + path);
          await expectNothingCutOff(page);
        }
      } finally {
        await context.close();
      }
    });

    test('the referral check page and confirmation', async ({ browser }) => {
      test.setTimeout(180_000);
      const { api, storageState } = await signInThroughApi(newWorkEmail('layout-check'));
      await api.dispose();
      const context = await browser.newContext({ viewport: screen.viewport, deviceScaleFactor: screen.deviceScaleFactor, storageState, extraHTTPHeaders: { 'cf-connecting-ip': newAddress() } });
      const page: Page = await context.newPage();
      try {
        await page.goto(baseUrl() + '/refer/');
        // A long word in an answer must wrap, not push the page sideways.
        await fillValidReferral(page, 'Maximiliana-Bartholomew-Featherstonehaugh');
        await page.getByRole('button', { name: 'Continue' }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending the referral');
        await expectNothingCutOff(page);
        await page.getByRole('button', { name: 'Send the referral' }).click();
        await expect(page.locator('.nhsuk-panel h1')).toHaveText('Referral sent');
        await expectNothingCutOff(page);
      } finally {
        await context.close();
      }
    });
  });
}

test.describe('320 px wide', () => {
  test('the consent check page', async ({ browser }) => {
    test.setTimeout(120_000);
    const { api, storageState } = await signInThroughApi(newWorkEmail('layout-consent'));
    await api.dispose();
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, storageState, extraHTTPHeaders: { 'cf-connecting-ip': newAddress() } });
    const page = await context.newPage();
    try {
      await page.goto(baseUrl() + '/consent/');
      await page.getByLabel('Full name', { exact: true }).fill('Robin Example');
      await fillDate(page, 'Date of birth', { day: '4', month: '3', year: '2010' });
      await choose(page, 'How was the decision made?', 'They gave their consent');
      await fillDate(page, 'Date of the decision', daysAgo(2));
      await choose(page, 'Who may the information be shared with?', 'Council social care');
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending the consent record');
      await expectNothingCutOff(page);
    } finally {
      await context.close();
    }
  });
});
