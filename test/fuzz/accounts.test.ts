// Fuzzing the accounts' POST endpoints (see endpoint.ts for the property the form posts
// keep): /api/register, /api/sign-in, /api/sign-in/confirm; and the two that take no
// answers: /api/sign-out (ends the session it carries, whatever the body) and
// /api/internal/deliver (sends nothing for anyone without the secret). Never a 5xx.
// One embedded database for the file; the endpoints take turns on it.
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { onRequestPost as deliver } from '../../functions/api/internal/deliver.ts';
import { onRequestPost as register } from '../../functions/[[path]].ts';
import { onRequestPost as signIn } from '../../functions/[[path]].ts';
import { onRequestPost as confirm } from '../../functions/[[path]].ts';
import { onRequestPost as signOut } from '../../functions/api/sign-out.ts';
import { registerForm, signInConfirmForm, signInForm } from '../../src/forms/index.ts';
import { limits } from '../../src/server/submission/rate-limits.ts';
import { sessionCookieName } from '../../src/server/http/sessions.ts';
import { siteUrl } from '../support/functions.ts';
import { validAnswers, type Answers } from './answers.ts';
import { hostileString, notAnswers } from './bodies.ts';
import { fuzzEndpoint, fuzzParameters, fuzzRuns, useFuzzSite } from './endpoint.ts';

const secret = 'fuzz-deliver-secret-0123456789';

/** The address a valid sign-in or confirm post names, as the form reads it. */
function addressIn(form: typeof signInForm | typeof signInConfirmForm, posted: Answers): string {
  const checked = form.validate(posted);
  if (!checked.ok) throw new Error('not valid answers');
  return checked.payload.email;
}

describe('fuzzed account posts', () => {
  const site = useFuzzSite({ DELIVER_SECRET: secret });

  fuzzEndpoint(site, {
    form: registerForm,
    path: '/api/register',
    handler: register,
    acceptedStatus: 202,
    valid: ({ today }) => validAnswers('register', today),
    async stored({ posted }, { sql }) {
      const checked = registerForm.validate(posted);
      if (!checked.ok) throw new Error('accepted answers the form refuses');
      // A new address gets an account; one already registered keeps its single account.
      const rows = await sql`select status from private.professionals where email = ${checked.payload.email}`;
      expect(rows).toHaveLength(1);
    },
  });

  // Sign-in links to one address are limited (five an hour): valid posts past that are rightly refused with 429.
  const validSignInsTo = new Map<string, number>();
  fuzzEndpoint(site, {
    form: signInForm,
    path: '/api/sign-in',
    handler: signIn,
    acceptedStatus: 202,
    valid: ({ today, professional }) => validAnswers('signIn', today, { signInEmail: professional.email }),
    beforeValidPost(posted) {
      const address = addressIn(signInForm, posted);
      validSignInsTo.set(address, (validSignInsTo.get(address) ?? 0) + 1);
    },
    expectedRefusal: (status, posted) => status === 429 && (validSignInsTo.get(addressIn(signInForm, posted)) ?? 0) > limits.signInEmailsPerAddress.maxHits,
    async stored(accepted) {
      // A token is stored for every address, so the work is the same either way (issue 11,
      // finding 6); only one for an address with an account belongs to anyone.
      expect(accepted.after.sign_in_tokens - accepted.before.sign_in_tokens).toBe(1);
    },
  });

  // Valid answers carry a real token (@TOKEN@), made for the professional just before each post.
  fuzzEndpoint(site, {
    form: signInConfirmForm,
    path: '/api/sign-in/confirm',
    handler: confirm,
    acceptedStatus: 200,
    valid: ({ today, professional }) => validAnswers('signInConfirm', today, { signInEmail: professional.email }),
    async placeholders({ sql, professional }) {
      const [row] = await sql`select public.create_sign_in_token(${professional.email}) as result`;
      return { TOKEN: (row!['result'] as { token: string }).token };
    },
    // A link works only with the address it was sent to: any other is told the link does not work.
    expectedRefusal: (status, posted, { professional }) => status === 422 && addressIn(signInConfirmForm, posted) !== professional.email,
    async stored(accepted) {
      // The token is spent and a session begins.
      expect(accepted.after.sessions).toBe(accepted.before.sessions + 1);
    },
  });

  it('/api/sign-out: never a 5xx; a readable post ends the session it carries, any other leaves it', async () => {
    const { sql, professional } = site.context;
    const liveSession = async () => {
      const [issued] = await sql`select public.create_sign_in_token(${professional.email}) as result`;
      const [session] = await sql`select public.redeem_sign_in_token(${(issued!['result'] as { token: string }).token}, ${professional.email}) as result`;
      return (session!['result'] as { sessionToken: string }).sessionToken;
    };
    const sessionEnded = async (token: string) => {
      const [row] = await sql`select ended_at is not null as ended from private.sessions where session_hash = private.token_hash(${token})`;
      return row?.['ended'] as boolean | undefined;
    };
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
                ? `${name}=${encodeURIComponent(garbage.replace(/\p{Cs}/gu, '')).slice(0, 200)}`
                : undefined;
        const headers: Record<string, string> = { accept: 'application/json' };
        if (body.contentType) headers['content-type'] = body.contentType;
        const response = await site.harness.post(signOut, '/api/sign-out', { body: body.body as BodyInit, headers, ...(cookie ? { cookie } : {}) });
        await response.text();
        await site.harness.settle();
        expect(response.status, `${body.kind} (${cookieKind})`).toBeLessThan(500);
        if (token) expect(await sessionEnded(token), `${body.kind} → ${response.status}`).toBe(response.status === 200);
        if (response.status === 200) expect(response.headers.get('set-cookie')).toMatch(/Max-Age=0/);
      }),
      fuzzParameters(Math.ceil(fuzzRuns / 4)),
    );
  }, 600_000);

  it('/api/internal/deliver: never a 5xx; without the exact secret, 401 and nothing sent', async () => {
    const { sql } = site.context;
    // Emails waiting to be sent (an account's, written straight to the outbox): they must stay waiting for every caller without the secret.
    await sql`select private.queue_email('account_pending', 'fuzz.pending@example.nhs.net', '{}', false, 'fuzz:' || gen_random_uuid(), null, null)`;
    const [pending] = await sql`select count(*)::int as n from private.outbox where status = 'pending'`;
    expect(pending!['n']).toBeGreaterThan(0);
    const latin1 = (text: string) => text.replace(/[^\t\x20-\x7e\x80-\xff]/g, '');
    const authorizations = fc.oneof(
      fc.constant(undefined),
      hostileString.map(latin1),
      hostileString.map((text) => `Bearer ${latin1(text)}`),
      fc.constantFrom(`Bearer ${secret.slice(0, -1)}`, `Bearer ${secret}x`, `bearer ${secret}`, `Basic ${btoa(`x:${secret}`)}`, `Bearer  ${secret}`, secret),
    );
    await fc.assert(
      fc.asyncProperty(notAnswers, authorizations, async (body, authorization) => {
        const headers: Record<string, string> = { accept: 'application/json' };
        if (body.contentType) headers['content-type'] = body.contentType;
        if (authorization !== undefined) headers['authorization'] = authorization;
        const response = await site.harness.post(deliver, '/api/internal/deliver', { body: body.body as BodyInit, headers });
        await response.text();
        await site.harness.settle();
        expect(response.status, `${body.kind} with ${JSON.stringify(authorization)}`).toBe(401);
        const [still] = await sql`select count(*)::int as n from private.outbox where status = 'pending'`;
        expect(still!['n']).toBe(pending!['n']);
      }),
      fuzzParameters(),
    );
    // And with the secret, the same route does send.
    const response = await site.harness.post(deliver, '/api/internal/deliver', { json: {}, headers: { authorization: `Bearer ${secret}` } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { sent: number }).sent).toBeGreaterThan(0);
  }, 600_000);
});
