// Every page in the sitemap: no accessibility violations, readable and navigable
// with JavaScript off, and no sideways scrolling on a 320 px wide screen.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { axeTags, baseUrl, sitemapPaths } from './site.ts';

const paths = sitemapPaths();

test('the sitemap lists the home page and every route of the design', () => {
  for (const path of ['/', '/about/', '/ratings/', '/professionals/', '/families/', '/search/', '/withdraw/', '/refer/']) {
    expect(paths).toContain(path);
  }
});

for (const path of paths) {
  test.describe(path, () => {
    test('has no axe violations', async ({ page }) => {
      await page.goto(baseUrl() + path);
      const results = await new AxeBuilder({ page }).withTags(axeTags).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      expect(summary).toEqual([]);
    });

    test.describe('with JavaScript off', () => {
      test.use({ javaScriptEnabled: false });
      test('shows its heading, the menu, the skip link and the footer', async ({ page }) => {
        const response = await page.goto(baseUrl() + path);
        expect(response?.status()).toBe(200);
        await expect(page.locator('h1')).toHaveCount(1);
        await expect(page.locator('h1')).not.toBeEmpty();
        await expect(page.getByRole('navigation', { name: 'Menu' }).getByRole('link')).not.toHaveCount(0);
        await expect(page.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#maincontent');
        await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' })).toBeVisible();
      });
    });

    test('does not scroll sideways at 320 px wide', async ({ page }) => {
      await page.setViewportSize({ width: 320, height: 640 });
      await page.goto(baseUrl() + path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
}
