// Easy read pages as a reader sees them: text of at least 18 px at every screen
// size, nothing in italics, and a picture beside the words of every section.
import { test, expect } from '@playwright/test';
import { baseUrl, sitemapPaths } from './site.ts';

const guides = sitemapPaths().filter((path) => /^\/easy-read\/.+\//.test(path));

test('there are easy read guides to check', () => {
  expect(guides).toEqual(expect.arrayContaining(['/easy-read/the-dsr-and-you/', '/easy-read/young-people/', '/easy-read/keyworking-standards/']));
});

for (const width of [320, 1024]) {
  for (const path of guides) {
    test(`${path} at ${width} px: text of 18 px or more, no italics, a picture beside each section`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${baseUrl()}${path}`);
      const report = await page.locator('.dsr-article__body').evaluate((body) => {
        const isPicture = (element: Element) => element.tagName === 'P' && element.children.length === 1 && element.firstElementChild?.tagName === 'IMG';
        const blocks = [...body.children];
        const words = [...body.querySelectorAll('p, li')].filter((element) => !isPicture(element) && (element.textContent ?? '').trim() !== '');
        return {
          textSizes: words.map((element) => ({ text: (element.textContent ?? '').trim().slice(0, 40), size: parseFloat(getComputedStyle(element).fontSize) })),
          italic: [...body.querySelectorAll('*')].filter((element) => getComputedStyle(element).fontStyle === 'italic').map((element) => element.textContent),
          headings: blocks.filter((element) => element.tagName === 'H2').length,
          // Each picture, and the first block of words after it.
          pictures: blocks.filter(isPicture).map((picture) => {
            const box = picture.getBoundingClientRect();
            const next = picture.nextElementSibling?.getBoundingClientRect();
            return { alt: picture.querySelector('img')?.getAttribute('alt') ?? null, picture: { left: box.left, right: box.right, top: box.top, bottom: box.bottom }, words: next ? { left: next.left, top: next.top } : undefined };
          }),
        };
      });
      expect(report.textSizes.length).toBeGreaterThan(10);
      expect(report.textSizes.filter(({ size }) => size < 18)).toEqual([]);
      expect(report.italic).toEqual([]);
      // One picture for the opening and one for each section.
      expect(report.pictures).toHaveLength(report.headings + 1);
      for (const { alt, picture, words } of report.pictures) {
        // Present, and usually empty: the words beside the picture already say what it shows.
        expect(alt).not.toBeNull();
        // The words start to the right of the picture, level with it.
        expect(words).toBeDefined();
        expect(words!.left).toBeGreaterThanOrEqual(picture.right);
        expect(words!.top).toBeLessThan(picture.bottom);
      }
    });
  }
}
