// The two POST endpoints that take no answers, under fuzzed bodies and headers:
//   POST /api/sign-out ends the session it is sent with, whatever the body; never a 5xx;
//   POST /api/internal/deliver sends nothing for anyone without the secret; never a 5xx.
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { onRequestPost as signOut } from '../../functions/api/sign-out.ts';
import { onRequestPost as deliver } from '../../functions/api/internal/deliver.ts';
import { sessionCookieName } from '../../src/server/sessions.ts';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { functionHarness, siteUrl } from '../support/functions.ts';
import { signInProfessional } from '../support/signed-in.ts';
import { hostileString, notAnswers } from './bodies.ts';
import { fuzzParameters, fuzzRuns } from './endpoint.ts';

const secret = 'fuzz-deliver-secret-0123456789';

describe('POST endpoints without answers', () => {
  const db = useDatabase(databaseTargets()[0]!);
  const site = functionHarness(() => ({ DATABASE_URL: db.url, SITE_URL: siteUrl, DELIVER_SECRET: secret }));
  let email: string;

  beforeAll(async () => {
    email = (await signInProfessional(db.sql, siteUrl)).email;
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'info').mockImplementation(() => {});
  });
  afterAll(() => vi.restoreAllMocks());

  /** A new live session for the test's professional, as the sign-in flow makes one. */
  async function liveSession(): Promise<string> {
    const [issued] = await db.sql`select public.create_sign_in_token(${email}) as result`;
    const token = (issued!['result'] as { token: string }).token;
    const [session] = await db.sql`select public.redeem_sign_in_token(${token}, ${email}) as result`;
    return (session!['result'] as { sessionToken: string }).sessionToken;
  }

  const sessionEnded = async (token: string) => {
    const [row] = await db.sql`select ended_at is not null as ended from private.sessions where session_hash = private.token_hash(${token})`;
    return row?.['ended'] as boolean | undefined;
  };

  it('/api/sign-out: never a 5xx; a readable post ends the session it carries, any other leaves it', async () => {
    const cookies = fc.constantFrom('live session', 'live session', 'no cookie', 'unknown session', 'garbage cookie');
    await fc.assert(
      fc.asyncProperty(notAnswers, cookies, hostileString, async (body, cookieKind, garbage) => {
        const token = cookieKind === 'live session' ? await liveSession() : undefined;
        const name = sessionCookieName(siteUrl);
        const cookie =
          cookieKind === 'live session'
            ? `${name}=${token}`
            : cookieKind === 'unknown session'
              ? `${name}=${randomBytes(32).toString('base64url')}`
              : cookieKind === 'garbage cookie'
                ? `${name}=${encodeURIComponent(garbage.toWellFormed()).slice(0, 200)}`
                : undefined;
        const headers: Record<string, string> = { accept: 'application/json' };
        if (body.contentType) headers['content-type'] = body.contentType;
        const response = await site.post(signOut, '/api/sign-out', { body: body.body as BodyInit, headers, ...(cookie ? { cookie } : {}) });
        await response.text();
        await site.settle();
        expect(response.status, `${body.kind} (${cookieKind})`).toBeLessThan(500);
        if (token) expect(await sessionEnded(token), `${body.kind} → ${response.status}`).toBe(response.status === 200);
        if (response.status === 200) expect(response.headers.get('set-cookie')).toMatch(/Max-Age=0/);
      }),
      fuzzParameters(Math.ceil(fuzzRuns / 4)),
    );
  }, 600_000);

  it('/api/internal/deliver: never a 5xx; without the exact secret, 401 and nothing sent', async () => {
    // An email waiting to be sent: it must stay waiting for every caller without the secret.
    const [pending] = await db.sql`select count(*)::int as n from private.outbox where status = 'pending'`;
    expect(pending!['n']).toBeGreaterThan(0);
    const authorizations = fc.oneof(
      fc.constant(undefined),
      hostileString.map((text) => text.replace(/[^\t\x20-\x7e\x80-\xff]/g, '')),
      hostileString.map((text) => `Bearer ${text.replace(/[^\t\x20-\x7e\x80-\xff]/g, '')}`),
      fc.constantFrom(`Bearer ${secret.slice(0, -1)}`, `Bearer ${secret}x`, `bearer ${secret}`, `Basic ${btoa(`x:${secret}`)}`, `Bearer  ${secret}`, secret),
    );
    await fc.assert(
      fc.asyncProperty(notAnswers, authorizations, async (body, authorization) => {
        const headers: Record<string, string> = { accept: 'application/json' };
        if (body.contentType) headers['content-type'] = body.contentType;
        if (authorization !== undefined) headers['authorization'] = authorization;
        const response = await site.post(deliver, '/api/internal/deliver', { body: body.body as BodyInit, headers });
        await response.text();
        await site.settle();
        expect(response.status, `${body.kind} with ${JSON.stringify(authorization)}`).toBe(401);
        const [still] = await db.sql`select count(*)::int as n from private.outbox where status = 'pending'`;
        expect(still!['n']).toBe(pending!['n']);
      }),
      fuzzParameters(),
    );
    // And with the secret, the same route does send.
    const response = await site.post(deliver, '/api/internal/deliver', { json: {}, headers: { authorization: `Bearer ${secret}` } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { sent: number }).sent).toBeGreaterThan(0);
  }, 600_000);
});
