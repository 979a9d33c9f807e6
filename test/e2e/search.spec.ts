// Site search: the header's box sends the reader to /search/?q=…, the page runs
// the query with Pagefind, announces how many results there are, and each result
// leads to the right page and section. Without JavaScript the page lists every page.
import { test, expect, type Page } from '@playwright/test';
import { baseUrl } from './site.ts';

async function searchFromHeader(page: Page, query: string) {
  await page.goto(`${baseUrl()}/about/`);
  await page.locator('#search-field').fill(query);
  await page.locator('#search-field').press('Enter');
  await expect(page).toHaveURL(new RegExp(`/search/\\?q=${query}$`));
  await expect(page.locator('#search-page-query')).toHaveValue(query);
  await expect(page.locator('[aria-live="polite"]').first()).toHaveText(new RegExp(`^\\d+ results? for “${query}”`));
}

/** The pages of the results, in order, once all the best ones have arrived (each is drawn as its excerpt arrives, after the count). */
async function resultPages(page: Page) {
  await page.waitForFunction(() => {
    const total = Number(/^(\d+) results? for/.exec(document.querySelector('.dsr-search__status')?.textContent ?? '')?.[1] ?? 0);
    return document.querySelectorAll('.dsr-search__results > li').length >= Math.min(total, 10);
  });
  return page.locator('.dsr-search__result h2 a').evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
}

/** The section links under the result for one page. */
function sectionsOf(page: Page, path: string) {
  return page.locator('.dsr-search__result').filter({ has: page.locator(`h2 a[href="${path}"]`) }).locator('.dsr-search__sections a');
}

test('"keyworker" finds the keyworking page first, and its section on who must be assessed for one', async ({ page }) => {
  await searchFromHeader(page, 'keyworker');
  expect((await resultPages(page))[0]).toBe('/keyworking/');
  const section = sectionsOf(page, '/keyworking/').filter({ hasText: 'Who must be assessed for a keyworker' });
  await section.click();
  await expect(page).toHaveURL(/\/keyworking\/#who-must-be-assessed-for-a-keyworker$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Keyworking for children and young people');
  await expect(page.getByRole('heading', { name: 'Who must be assessed for a keyworker' })).toBeInViewport();
});

test('"withdraw" finds the pages that explain withdrawing consent, and the sections about it', async ({ page }) => {
  await searchFromHeader(page, 'withdraw');
  const pages = (await resultPages(page)).slice(0, 5);
  expect(pages).toContain('/professionals/consent-and-capacity/');
  expect(pages).toContain('/families/');
  await sectionsOf(page, '/professionals/consent-and-capacity/').filter({ hasText: 'Withdrawing consent' }).click();
  await expect(page).toHaveURL(/\/professionals\/consent-and-capacity\/#withdrawing-consent$/);
  await expect(page.getByRole('heading', { name: 'Withdrawing consent' })).toBeInViewport();
  await expect(page.getByRole('link', { name: 'Ask for consent to be withdrawn' }).first()).toHaveAttribute('href', '/withdraw/');
});

test('"blue" finds the ratings page first, and takes the reader to the BLUE rating', async ({ page }) => {
  await searchFromHeader(page, 'blue');
  expect((await resultPages(page))[0]).toBe('/ratings/');
  await sectionsOf(page, '/ratings/').filter({ hasText: 'BLUE' }).click();
  await expect(page).toHaveURL(/\/ratings\/#blue$/);
  const heading = page.locator('#blue');
  await expect(heading).toContainText('BLUE');
  await expect(heading).toContainText('In a mental health hospital now');
  await expect(heading).toBeInViewport();
});

test('a search typed on the search page updates the address and announces the count politely', async ({ page }) => {
  await page.goto(`${baseUrl()}/search/`);
  const status = page.locator('.dsr-search__status');
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await page.locator('#search-page-query').fill('training');
  await page.getByRole('button', { name: 'Search', exact: true }).last().click();
  await expect(status).toHaveText(/^\d+ results? for “training”/);
  await expect(page).toHaveURL(/\/search\/\?q=training$/);
  expect(await resultPages(page)).toContain('/professionals/training/');
});

test('words typed before the search script has loaded are still searched', async ({ page }) => {
  // Hold the island's script back, as a slow connection would, while the reader types.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_astro\/Search\.[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${baseUrl()}/search/`, { waitUntil: 'domcontentloaded' });
  await page.locator('#search-page-query').fill('training');
  release();
  await expect(page.getByText('Search needs JavaScript')).toBeHidden();
  await page.getByRole('button', { name: 'Search', exact: true }).last().click();
  await expect(page.locator('.dsr-search__status')).toHaveText(/^\d+ results? for “training”/);
  await expect(page).toHaveURL(/\/search\/\?q=training$/);
});

test('a search with no matches says so', async ({ page }) => {
  await page.goto(`${baseUrl()}/search/?q=xylophone`);
  await expect(page.locator('.dsr-search__status')).toHaveText('No results for “xylophone”. Check the spelling or try other words.');
  await expect(page.locator('.dsr-search__result')).toHaveCount(0);
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the search page explains that search needs JavaScript and lists every page instead', async ({ page }) => {
    await page.goto(`${baseUrl()}/search/?q=blue`);
    await expect(page.getByText('Search needs JavaScript')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'All pages' })).toBeVisible();
    for (const [name, href] of [
      ['The DSR ratings', '/ratings/'],
      ['Keyworking for children and young people', '/keyworking/'],
      ['Ask for consent to be withdrawn', '/withdraw/'],
    ] as const) {
      await expect(page.locator('main').getByRole('link', { name, exact: true })).toHaveAttribute('href', href);
    }
  });
});
