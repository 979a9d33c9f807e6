// The rules every request meets before its answers are looked at, and the headers on
// every answer. These need no database: a refused request never reaches it.
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { buildRequest, functionHarness, siteUrl } from '../support/functions.ts';
import { checkSameSite, readPostedAnswers, bodyLimitBytes } from '../../src/server/http/security.ts';
import { endedSessionCookie, readSessionToken, sessionCookie } from '../../src/server/http/sessions.ts';
import { headersFile, securityHeaders } from '../../src/server/http/headers.ts';
import { isAllowedDomain } from '../../src/server/routes/accounts.ts';
import { onRequest as middleware } from '../../functions/_middleware.ts';
import { onRequestPost as withdrawals } from '../../functions/[[path]].ts';
import { onRequestPost as referrals } from '../../functions/[[path]].ts';
import * as answers from '../support/answers.ts';

// Nothing listens here: any request that got as far as the database would be a 503.
const site = functionHarness(() => ({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', SITE_URL: siteUrl }));

describe('posts from other sites', () => {
  it.each([
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }, 403],
    ['Sec-Fetch-Site same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }, 403],
    ['Origin of another site', { origin: 'https://evil.example' }, 403],
    ['Origin "null" (a sandboxed page)', { origin: 'null' }, 403],
    ['Origin of this site over another scheme', { origin: 'https://127.0.0.1:8788' }, 403],
  ])('refuses %s with 403 and a plain message', async (_case, headers, status) => {
    const response = await site.post(withdrawals, '/api/withdrawals', { json: answers.withdrawal, headers });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ message: 'This form can only be sent from the Dynamic Support Register website. Your answers have not been sent.' });
  });

  it.each([
    ['Sec-Fetch-Site same-origin and this Origin', { 'sec-fetch-site': 'same-origin', origin: siteUrl }],
    ['this Origin only (an older browser)', { origin: siteUrl }],
    ['neither header (curl: not a browser, so no one else’s session to misuse)', { 'x-no-origin': '1' }],
  ])('lets through %s', (_case, headers) => {
    expect(checkSameSite(buildRequest('/api/withdrawals', { json: {}, headers }), siteUrl)).toBeUndefined();
  });

  it('also accepts the Origin of SITE_URL when the request arrives under another address (a proxy)', () => {
    const request = buildRequest('', { url: 'http://10.0.0.5:8788/api/withdrawals', json: {}, headers: { origin: 'https://dsr.example.nhs.uk' } });
    expect(checkSameSite(request, 'https://dsr.example.nhs.uk')).toBeUndefined();
  });
});

describe('bodies over 32 KB', () => {
  it('are refused with 413 when Content-Length says so, before reading', async () => {
    const request = buildRequest('/api/withdrawals', { body: 'x', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(bodyLimitBytes + 1) } });
    expect(await readPostedAnswers(request)).toEqual({ status: 413, reason: 'too_large' });
  });

  it('are refused with 413 when streamed without a length', async () => {
    const chunk = new TextEncoder().encode('a'.repeat(8 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const request = new Request(`${siteUrl}/api/withdrawals`, { method: 'POST', body: stream, headers: { 'content-type': 'application/x-www-form-urlencoded' }, duplex: 'half' } as RequestInit);
    expect(await readPostedAnswers(request)).toEqual({ status: 413, reason: 'too_large' });
    // It stopped reading soon after the limit rather than taking the whole body.
    expect(sent).toBeLessThanOrEqual(6);
  });

  it('through the function: 413 with a plain message, and a body of exactly 32 KB is read', async () => {
    const tooBig = await site.post(withdrawals, '/api/withdrawals', { json: { ...answers.withdrawal, requesterName: 'x'.repeat(bodyLimitBytes) } });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toEqual({ message: 'Your answers are too long to send. Shorten the longest answers, then try again.' });
    const exactly = new URLSearchParams({ filler: '' });
    exactly.set('filler', 'x'.repeat(bodyLimitBytes - 'filler='.length));
    expect(await readPostedAnswers(buildRequest('/api/withdrawals', { form: exactly }))).toMatchObject({ format: 'form' });
  });
});

describe('bodies that cannot be read', () => {
  it.each([
    ['broken JSON', 'application/json', '{"personName": ', 400],
    ['a JSON array', 'application/json', '[1,2]', 400],
    ['an unknown type', 'text/xml', '<a/>', 415],
  ])('%s gets %i', async (_case, type, body, status) => {
    const response = await site.post(withdrawals, '/api/withdrawals', { body, headers: { 'content-type': type, accept: 'application/json' } });
    expect(response.status).toBe(status);
    expect(Object.keys(await response.json())).toEqual(['message']);
  });

  it('reads multipart form posts too', async () => {
    const form = new FormData();
    form.append('personName', 'Alex Example');
    form.append('consulted', 'family');
    form.append('consulted', 'carer');
    const posted = await readPostedAnswers(new Request(`${siteUrl}/api/x`, { method: 'POST', body: form }));
    expect('answers' in posted && (posted.answers as FormData).getAll('consulted')).toEqual(['family', 'carer']);
  });
});

describe('the honeypot', () => {
  it('quietly drops a bot: a normal-looking answer, and the database is never asked (it is not even running here)', async () => {
    const asJson = await site.post(withdrawals, '/api/withdrawals', { json: { ...answers.withdrawal, website: 'http://spam.example' } });
    expect(asJson.status).toBe(200);
    expect(await asJson.json()).toEqual({ message: 'Thank you' });
    const asForm = await site.post(withdrawals, '/api/withdrawals', { form: answers.asFormPost({ ...answers.withdrawal, website: 'buy now' }) });
    expect(asForm.status).toBe(303);
    expect(asForm.headers.get('location')).toBe('/withdraw/confirmation/');
  });

  it('an empty honeypot goes on to the database (here: unreachable, so 503)', async () => {
    const response = await site.post(withdrawals, '/api/withdrawals', { json: { ...answers.withdrawal, website: '' } });
    expect(response.status).toBe(503);
  });
});

describe('the session cookie', () => {
  const token = 'T'.repeat(43);
  const expires = new Date('2026-11-25T20:00:00Z');
  const now = new Date('2026-11-25T12:00:00Z');

  it('is __Host-, Secure, HttpOnly, SameSite=Lax, Path=/ and lives as long as the session may', () => {
    expect(sessionCookie('https://dsr.example.nhs.uk/api/sign-in/confirm', token, expires, now)).toBe(
      `__Host-dsr_session=${token}; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=28800`,
    );
  });

  it('drops only the prefix and Secure over plain http on loopback', () => {
    for (const host of ['127.0.0.1:8788', 'localhost:8788', '[::1]:8788']) {
      expect(sessionCookie(`http://${host}/api/sign-in/confirm`, token, expires, now)).toBe(`dsr_session=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=28800`);
    }
  });

  it('keeps the prefix and Secure on plain http anywhere else (and https on loopback)', () => {
    expect(sessionCookie('http://dsr.example.nhs.uk/x', token, expires, now)).toMatch(/^__Host-dsr_session=.*; Secure; /);
    expect(sessionCookie('https://127.0.0.1/x', token, expires, now)).toMatch(/^__Host-dsr_session=.*; Secure; /);
  });

  it('is removed with Max-Age=0', () => {
    expect(endedSessionCookie('https://dsr.example.nhs.uk/')).toBe('__Host-dsr_session=; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0');
  });

  it('is read only under the name for the site’s scheme, and only if it looks like a token', () => {
    const read = (url: string, cookie: string) => readSessionToken(buildRequest('', { url, cookie }));
    expect(read('https://dsr.example.nhs.uk/', `other=1; __Host-dsr_session=${token}`)).toBe(token);
    expect(read('https://dsr.example.nhs.uk/', `dsr_session=${token}`)).toBeUndefined();
    expect(read('http://127.0.0.1:8788/', `dsr_session=${token}`)).toBe(token);
    expect(read('http://127.0.0.1:8788/', 'dsr_session=short')).toBeUndefined();
  });
});

describe('allowed email domains', () => {
  const allowed = ['nhs.net', '*.nhs.uk', 'northshire.gov.uk'];
  it.each([
    ['sam@nhs.net', true],
    ['sam@NHS.NET', true],
    ['sam@trust.nhs.uk', true],
    ['sam@a.b.nhs.uk', true],
    ['sam@nhs.uk', false],
    ['sam@evilnhs.uk', false],
    ['sam@nhs.net.evil.com', false],
    ['sam@northshire.gov.uk', true],
    ['sam@south.northshire.gov.uk', false],
    ['sam@gmail.com', false],
  ])('%s: %s', (email, expected) => {
    expect(isAllowedDomain(email, allowed)).toBe(expected);
  });
});

describe('security headers', () => {
  const through = (response: Response | Error, path = '/api/withdrawals') =>
    site.call(middleware, buildRequest(path, { json: {} }), () => (response instanceof Error ? Promise.reject(response) : Promise.resolve(response)));

  it('are on every answer of the functions, with no-store on the API', async () => {
    const response = await through(new Response('{}', { headers: { 'content-type': 'application/json' } }));
    for (const [name, value] of Object.entries(securityHeaders)) expect(response.headers.get(name)).toBe(value);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('have a policy without unsafe-inline that forbids framing', () => {
    const policy = securityHeaders['Content-Security-Policy']!;
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(securityHeaders['X-Content-Type-Options']).toBe('nosniff');
    expect(securityHeaders['Strict-Transport-Security']).toMatch(/^max-age=\d{8,}/);
    expect(securityHeaders['Referrer-Policy']).toBe('no-referrer');
  });

  it('turn a fault into a plain 500 message, with no stack trace', async () => {
    const fault = new Error('secret internals at /work/main/src/server/x.ts:12');
    const response = await through(fault);
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).toContain('Sorry, there is a problem with the service');
    expect(body).not.toContain('secret internals');
    expect(body).not.toMatch(/\bat \S+:\d+/);
    expect(response.headers.get('content-security-policy')).toBe(securityHeaders['Content-Security-Policy']);
  });

  it('are the same in public/_headers for static files', async () => {
    expect(await readFile(new URL('../../public/_headers', import.meta.url), 'utf8')).toBe(headersFile());
  });
});

describe('forms that need an account, without a session', () => {
  it('with a cookie, the session is checked in the database first: with the database down that is a 503, not a 401', async () => {
    const response = await site.post(referrals, '/api/referrals', { json: answers.referral, cookie: `dsr_session=${'a'.repeat(43)}` });
    expect(response.status).toBe(503);
  });
  it('without any cookie: 401 at once, no database needed', async () => {
    const response = await site.post(referrals, '/api/referrals', { json: answers.referral });
    expect(response.status).toBe(401);
  });
});
