// The DSR is not a crisis service: the pages a family or a young person turns to first
// say so, with the numbers to call instead (hazard HAZ-008 of the clinical safety case).
// The pages are read as served, without a browser: the notice is plain HTML.
import { test, expect } from '@playwright/test';
import { baseUrl } from './site.ts';

const pagesFamiliesReadFirst = [
  '/',
  '/about/',
  '/families/',
  '/ratings/',
  '/contact/',
  '/leaflets/guide-for-families/',
  '/easy-read/the-dsr-and-you/',
  '/easy-read/young-people/',
  // A family asking for someone to be considered, and what they see once it is sent.
  '/ask/',
  '/ask/confirmation/',
];

/** The words of the page's warning card(s), tags removed. */
function warningText(html: string): string {
  const cards = [...html.matchAll(/<div class="nhsuk-card nhsuk-card--warning"[^>]*>([\s\S]*?)<\/div>\s*<\/div>/g)];
  return cards.map((card) => card[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).join(' ');
}

test('the pages families turn to first say the DSR is not for emergencies, and give 999 and 111', async ({ request }) => {
  for (const path of pagesFamiliesReadFirst) {
    const response = await request.get(baseUrl() + path);
    expect(response.status(), path).toBe(200);
    const notice = warningText(await response.text());
    expect(notice, path).toMatch(/not for emergencies|cannot help in an emergency/);
    // The national numbers, written here on purpose: an edit to content/site.json that
    // changed them would otherwise pass unnoticed.
    expect(notice, path).toMatch(/call 999\b/);
    expect(notice, path).toMatch(/call 111 and choose option 2\b/);
  }
});
