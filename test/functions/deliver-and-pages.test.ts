// POST /api/internal/deliver needs its secret; the confirmation pages draw only real-looking references.
import { describe, expect, it } from 'vitest';
import { functionHarness, pagesWithFormRegion, siteUrl } from '../support/functions.ts';
import { deliverSecret } from '../support/site-env.ts';
import { onRequestPost as deliver } from '../../functions/api/internal/deliver.ts';
import { onRequestGet as referralConfirmation } from '../../functions/[[path]].ts';
import { onRequestGet as withdrawalConfirmation } from '../../functions/[[path]].ts';

// No database: a request that got past the secret would be a 503.
const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', SITE_URL: siteUrl, ASSETS: pagesWithFormRegion };

describe('POST /api/internal/deliver', () => {
  it('does not exist without DELIVER_SECRET (404), whatever is sent', async () => {
    const site = functionHarness(() => env);
    const response = await site.post(deliver, '/api/internal/deliver', { json: {}, headers: { authorization: 'Bearer anything' } });
    expect(response.status).toBe(404);
  });

  it.each([
    ['no Authorization header', {}],
    ['the wrong secret', { authorization: 'Bearer not-the-secret' }],
    ['the secret without "Bearer"', { authorization: deliverSecret }],
    ['the secret with something after it', { authorization: `Bearer ${deliverSecret}x` }],
  ])('refuses %s with 401', async (_case, headers) => {
    const site = functionHarness(() => ({ ...env, DELIVER_SECRET: deliverSecret }));
    const response = await site.post(deliver, '/api/internal/deliver', { json: {}, headers });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('goes on to the database with the right secret (here unreachable: 503)', async () => {
    const site = functionHarness(() => ({ ...env, DELIVER_SECRET: deliverSecret }));
    const response = await site.post(deliver, '/api/internal/deliver', { json: {}, headers: { authorization: `Bearer ${deliverSecret}` } });
    expect(response.status).toBe(503);
  });
});

describe('GET /refer/confirmation/ and the other confirmation pages', () => {
  const site = functionHarness(() => env);
  const staticPage = () => Promise.resolve(new Response('the page as built', { status: 200 }));

  it('draw the reference, rating and keyworker answer into the built page', async () => {
    const response = await site.call(
      referralConfirmation,
      new Request(`${siteUrl}/refer/confirmation/?reference=dsr-7k3m-q9pa&rating=red&keyworker=yes&review=cetr`),
      staticPage,
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('DSR-7K3M-Q9PA');
    expect(html).toContain('Built page');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['no reference', ''],
    ['a reference of another kind', '?reference=WDR-7K3M-Q9PA'],
    ['markup instead of a reference', '?reference=%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
  ])('give the page as built for %s', async (_case, query) => {
    const response = await site.call(referralConfirmation, new Request(`${siteUrl}/refer/confirmation/${query}`), staticPage);
    expect(await response.text()).toBe('the page as built');
  });

  it('withdrawal: draws its WDR- reference', async () => {
    const response = await site.call(withdrawalConfirmation, new Request(`${siteUrl}/withdraw/confirmation/?reference=WDR-2345-6789`), staticPage);
    expect(await response.text()).toContain('WDR-2345-6789');
  });
});
