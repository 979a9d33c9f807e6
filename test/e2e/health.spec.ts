import { test, expect } from '@playwright/test';
import { baseUrl } from './site.ts';

test('GET /api/health answers ok through the Cloudflare runtime after a real query', async ({ request }) => {
  const response = await request.get(baseUrl() + '/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
  expect(response.headers()['cache-control']).toBe('no-store');
});
