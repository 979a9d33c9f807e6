// The keyworking minimum standards checklist: a commissioner ticks standards in
// the page, the ticks survive a reload (kept in this browser only), and without
// JavaScript the standards are a plain numbered list.
import { test, expect } from '@playwright/test';
import { baseUrl } from './site.ts';

const standards = [
  '1. The service is planned and built together',
  '2. There is a clear service specification',
  '3. There are standard operating procedures',
  '4. Referrals come through the DSR',
  '5. People know the service exists',
  '6. How well the service works is checked',
  '7. Keyworkers can raise concerns',
] as const;

test('ticks persist across a reload, and can be cleared', async ({ page }) => {
  await page.goto(`${baseUrl()}/keyworking/`);
  const checklist = page.getByRole('group', { name: 'Tick each standard that is in place' });
  await expect(checklist.getByRole('checkbox')).toHaveCount(7);
  await checklist.getByRole('checkbox', { name: standards[0] }).check();
  await checklist.getByRole('checkbox', { name: standards[2] }).check();
  await expect(page.getByText('2 of 7 standards ticked')).toBeVisible();

  await page.reload();
  await expect(checklist.getByRole('checkbox', { name: standards[0] })).toBeChecked();
  await expect(checklist.getByRole('checkbox', { name: standards[1] })).not.toBeChecked();
  await expect(checklist.getByRole('checkbox', { name: standards[2] })).toBeChecked();
  await expect(page.getByText('2 of 7 standards ticked')).toBeVisible();
  // Kept in this browser: the ids of the ticked standards, nothing else.
  const saved = await page.evaluate(() => localStorage.getItem('dsr-keyworking-checklist-v1'));
  expect(JSON.parse(saved ?? '[]')).toEqual(['plan-the-service-together', 'standard-operating-procedures']);

  await checklist.getByRole('checkbox', { name: standards[0] }).uncheck();
  await page.reload();
  await expect(checklist.getByRole('checkbox', { name: standards[0] })).not.toBeChecked();
  await expect(checklist.getByRole('checkbox', { name: standards[2] })).toBeChecked();

  await page.getByRole('button', { name: 'Clear all ticks' }).click();
  await page.reload();
  for (const name of standards) await expect(checklist.getByRole('checkbox', { name })).not.toBeChecked();
});

test('the buttons are left off the printed page', async ({ page }) => {
  await page.goto(`${baseUrl()}/keyworking/`);
  await expect(page.getByRole('button', { name: 'Print the checklist' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print the checklist' })).toBeHidden();
  await expect(page.getByRole('checkbox', { name: standards[6] })).toBeVisible();
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the seven standards are a plain list, with no tick boxes that could not be kept', async ({ page }) => {
    await page.goto(`${baseUrl()}/keyworking/`);
    await expect(page.getByRole('checkbox')).toHaveCount(0);
    const list = page.locator('ol.dsr-standards > li');
    await expect(list).toHaveCount(7);
    for (const [index, name] of standards.entries()) await expect(list.nth(index).getByRole('heading', { level: 3 })).toHaveText(name);
  });
});
