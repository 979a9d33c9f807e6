// The look of each page template at 1280 px and 320 px wide, compared with the
// committed baselines in test/e2e/screenshots/ (Playwright's toHaveScreenshot). A
// change of font, spacing, colour or layout fails here until someone has looked at
// it and accepted it: `npm run screenshots:update` redraws every baseline (after a
// change to the forms too); look at each changed picture before committing it.
//
// The baselines are drawn by Debian's Chromium with the Debian fonts .ci/run pins
// (Arial is Liberation Sans): another browser or font version draws other pixels.
// What changes from run to run is fixed (a reference) or masked (an age worked out from today).
import { expect, type Locator, type Page } from '@playwright/test';
import { baseUrl } from './site.ts';
import { choose, fillDate, newAddress, newWorkEmail, signInThroughApi, test } from './form-helpers.ts';

const widths = [1280, 320] as const;

/** Both widths of one template, each the whole page, under `name`-1280.png and `name`-320.png. */
async function expectLook(page: Page, name: string, mask: Locator[] = []) {
  // Nothing is focused (an error summary takes focus) and the pointer hovers over nothing:
  // focus and hover styles are the design system's, and would move with the last click.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(0, 0);
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await expect(page).toHaveScreenshot(`${name}-${width}.png`, { fullPage: true, mask });
  }
}

/** Opens a page and waits until it has finished loading, its scripts included. */
async function open(page: Page, path: string) {
  await page.goto(baseUrl() + path);
  await page.waitForLoadState('networkidle');
}

const submit = (page: Page) => page.locator('main form button.nhsuk-button[type="submit"]').first();

test.describe('content pages', () => {
  for (const [name, path] of [
    ['home', '/'],
    ['content-page', '/about/'],
    ['easy-read-guide', '/easy-read/the-dsr-and-you/'],
    ['leaflet', '/leaflets/guide-for-families/'],
    ['page-not-found', '/no-such-page/'],
  ] as const) {
    test(`${name} (${path})`, async ({ page }) => {
      await open(page, path);
      await expectLook(page, name);
    });
  }

  test('search, with results', async ({ page }) => {
    await open(page, '/search/?q=keyworker');
    await expect(page.locator('.dsr-search__result').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectLook(page, 'search');
  });
});

test.describe('forms anyone can use', () => {
  for (const [name, path] of [
    ['register', '/register/'],
    ['sign-in', '/sign-in/'],
    ['withdraw', '/withdraw/'],
  ] as const) {
    test(`${name}: as it opens, and sent with nothing answered`, async ({ page }) => {
      await open(page, path);
      await expectLook(page, `form-${name}`);
      await submit(page).click();
      await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
      await expectLook(page, `form-${name}-errors`);
    });
  }

  test('withdraw: the confirmation', async ({ page }) => {
    await open(page, '/withdraw/');
    await page.getByLabel('Their full name', { exact: true }).fill('Robin Example');
    await fillDate(page, 'Their date of birth', { day: '4', month: '3', year: '2010' });
    await choose(page, 'Who are you?', 'I am their parent or carer');
    await page.getByLabel('Your full name', { exact: true }).fill('Pat Example');
    await page.getByLabel('Your email address', { exact: true }).fill(newWorkEmail('screenshot').replace('@nhs.net', '@example.com'));
    await page.locator('[name="understandsSupportContinues"]').check();
    await submit(page).click();
    await expect(page.locator('.dsr-reference')).toHaveText(/^WDR-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // Each request gets a new reference, in letters of different widths: draw a fixed one in its place.
    await page.locator('.dsr-reference').evaluate((reference) => (reference.textContent = 'WDR-2345-6789'));
    await expectLook(page, 'confirmation');
  });
});

test.describe('forms for professionals, signed in', () => {
  test.use({ storageState: async ({}, use) => use((await signInThroughApi(newWorkEmail('screenshots'), newAddress())).storageState) });

  test('consent: as it opens, and sent with nothing answered', async ({ page }) => {
    await open(page, '/consent/');
    await expectLook(page, 'form-consent');
    await submit(page).click();
    await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
    await expectLook(page, 'form-consent-errors');
  });

  test('refer: as it opens, sent with nothing answered, and the check-your-answers page', async ({ page }) => {
    await open(page, '/refer/');
    await expectLook(page, 'form-refer');
    await submit(page).click();
    await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
    await expectLook(page, 'form-refer-errors');

    await open(page, '/refer/');
    await page.getByLabel('Given name', { exact: true }).fill('Alex');
    await page.getByLabel('Family name', { exact: true }).fill('Example');
    await fillDate(page, 'Date of birth', { day: '4', month: '3', year: '2004' });
    await choose(page, 'Do they have an education, health and care plan (EHCP)?', 'No');
    await choose(page, 'Do you know their NHS number?', 'Yes');
    await page.getByLabel('NHS number', { exact: true }).fill('943 476 5919');
    await page.getByLabel('Postcode', { exact: true }).fill('LS1 4AP');
    await choose(page, 'Which area do they live in?', 'Northshire Coast');
    await choose(page, 'Do they have a learning disability, autism or both?', 'A learning disability');
    await choose(page, 'Where do they live now?', 'In the community');
    await choose(page, 'What rating did the multidisciplinary team (MDT) agree?', 'GREEN');
    await fillDate(page, 'Date the rating was agreed', { day: '2', month: '11', year: '2026' });
    await page.getByLabel('Why was this rating agreed?', { exact: true }).fill('Risks are known and well managed at the moment.');
    await choose(page, 'How was consent given to be on the register?', 'They gave their consent');
    await page.getByLabel('Which family members, advocates or carers are involved?', { exact: true }).fill('Their mother');
    await choose(page, 'Which services are involved?', 'GP');
    await choose(page, 'Have they had a CETR, CTR or LEAP meeting before?', 'None');
    await submit(page).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Check your answers/);
    // The keyworker advice gives the person's age today, which changes with the date.
    await expectLook(page, 'check-answers', [page.locator('.dsr-keyworker-advice')]);
  });
});
