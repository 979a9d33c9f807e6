// One journey per route over HTTP, the way Cloudflare Pages serves the site: the built
// site in /tmp/functions-dist (built here when the sources are newer), the functions
// under `wrangler pages dev` (workerd), an in-memory embedded database, and the Resend
// stand-in. Like a person with curl: no browser, no JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { applyMigrations, connect, projectRoot, serveEmbeddedDatabase, type EmbeddedDatabase } from '../../scripts/database.ts';
import { call, referralPayload, registerProfessional, submit, withdrawalPayload } from '../db/support.ts';
import { newestChange, run, serveSite, type SiteServer } from '../../scripts/processes.ts';
import { startResendStandIn, type ResendStandIn } from '../support/resend-stand-in.ts';
import * as answers from '../support/answers.ts';
import { portInRange } from '../support/ports.ts';
import { inlineScriptHashes, inlineStyleHashes, securityHeaders } from '../../src/server/http/headers.ts';

const outDir = process.env.FUNCTIONS_DIST ?? '/tmp/functions-dist';
const secret = 'journey-deliver-secret';
const teamEmail = 'dsr.team@example.nhs.net';

let database: EmbeddedDatabase | undefined;
let resend: ResendStandIn | undefined;
let site: SiteServer | undefined;
let output = '';
/** The site's address, once it is served. */
let base = '';

async function buildIfStale() {
  const stamp = join(outDir, '.build-complete');
  const inputs = ['src', 'content', 'public', 'astro.config.mjs', 'package.json'].map((path) => join(projectRoot, path));
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newestChange(inputs)) return;
  const code = await run('node', ['scripts/build.ts'], { OUT_DIR: outDir });
  if (code !== 0) throw new Error(`The build into ${outDir} failed`);
}

beforeAll(async () => {
  await buildIfStale();
  database = await serveEmbeddedDatabase();
  await applyMigrations(database.url);
  resend = await startResendStandIn();
  const port = await portInRange('journeys');
  base = `http://127.0.0.1:${port}`;
  site = await serveSite({
    dir: outDir,
    port,
    bindings: {
      DATABASE_URL: database.url,
      SITE_URL: base,
      DSR_TEAM_EMAIL: teamEmail,
      RESEND_API_KEY: 're_journey_key',
      RESEND_BASE_URL: resend.url,
      DELIVER_SECRET: secret,
    },
    onOutput: (text) => void (output += text),
  });
}, 240_000);

afterAll(async () => {
  await site?.stop();
  await resend?.stop();
  await database?.stop();
}, 60_000);

const post = (path: string, body: { json?: unknown; form?: URLSearchParams }, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      origin: base,
      ...(body.json !== undefined ? { 'content-type': 'application/json', accept: 'application/json' } : { 'content-type': 'application/x-www-form-urlencoded' }),
      ...headers,
    },
    body: body.json !== undefined ? JSON.stringify(body.json) : body.form!.toString(),
  });

const cookieOf = (response: Response) => response.headers.get('set-cookie')?.split(';')[0] ?? '';

describe('over HTTP through wrangler pages dev', () => {
  let cookie = '';

  it('serves a static page with the security headers of public/_headers', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    for (const [name, value] of Object.entries(securityHeaders)) expect(response.headers.get(name), name).toBe(value);
  });

  it('POST /api/register: 202, and the account email arrives', async () => {
    const response = await post('/api/register', { json: { ...answers.registration, email: 'journey@nhs.net' } });
    expect(response.status).toBe(202);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toBe(securityHeaders['Content-Security-Policy']);
    await resend!.waitForEmail((email) => email.to.includes('journey@nhs.net'));
  });

  it('POST /api/sign-in, the emailed link, POST /api/sign-in/confirm: a session cookie', async () => {
    const asked = await post('/api/sign-in', { form: new URLSearchParams({ email: 'journey@nhs.net' }) });
    expect(asked.status).toBe(303);
    expect(asked.headers.get('location')).toBe('/sign-in/check-your-email/');
    const email = await resend!.waitForEmail((sent) => sent.subject.includes('sign in'));
    const link = new URL(/http\S+/.exec(email.text)![0]);
    expect(link.origin).toBe(base);
    // Opening the link spends nothing.
    expect((await fetch(link)).status).toBe(200);
    const confirmed = await post('/api/sign-in/confirm', {
      form: new URLSearchParams({ token: link.searchParams.get('token')!, email: link.searchParams.get('email')!, next: '/refer/' }),
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe('/refer/');
    expect(confirmed.headers.get('set-cookie')).toMatch(/^dsr_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    cookie = cookieOf(confirmed);
  });

  it('GET /api/session: who is signed in', async () => {
    const response = await fetch(`${base}/api/session`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ signedIn: true, professional: { email: 'journey@nhs.net' } });
  });

  it('POST /api/consents without JavaScript: 303 to the confirmation page, which shows the CON- reference', async () => {
    const response = await post('/api/consents', { form: answers.asFormPost(answers.consent) }, { cookie });
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    const reference = new URL(location, base).searchParams.get('reference')!;
    expect(reference).toMatch(/^CON-/);
    const page = await fetch(`${base}${location}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(reference);
  });

  it('POST /api/referrals: 201 with the reference, keyworker eligibility and review type; the team is emailed', async () => {
    const response = await post('/api/referrals', { json: { ...answers.referral, rating: 'red' } }, { cookie });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ reference: expect.stringMatching(/^DSR-/), keyworkerEligible: true, reviewType: 'cetr' });
    await resend!.waitForEmail((email) => email.to.includes(teamEmail) && email.text.includes(body.reference));
  });

  it('POST /api/referrals without JavaScript, with a problem: the page again (422) with its error summary and the answers', async () => {
    const response = await post('/api/referrals', { form: answers.asFormPost({ ...answers.referral, postcode: 'LS1' }) }, { cookie });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-security-policy')).toBe(securityHeaders['Content-Security-Policy']);
    const html = await response.text();
    expect(html).toMatch(/<title>Error: /);
    expect(html).toContain('nhsuk-error-summary');
    expect(html).toContain('Enter a real postcode, like LS1 4AP');
    expect(html).toContain('value="Riverside Surgery"');
  });

  it('POST /api/withdrawals: 201 with a WDR- reference, no account needed', async () => {
    const response = await post('/api/withdrawals', { json: answers.withdrawal });
    expect(response.status).toBe(201);
    expect((await response.json()).reference).toMatch(/^WDR-/);
  });

  it('refuses a post from another site (403) and a body over 32 KB (413)', async () => {
    expect((await post('/api/withdrawals', { json: answers.withdrawal }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('/api/withdrawals', { json: { ...answers.withdrawal, requesterName: 'x'.repeat(33 * 1024) } })).status).toBe(413);
  });

  it('POST /api/internal/deliver: needs the secret, then sends what waits', async () => {
    expect((await post('/api/internal/deliver', { json: {} })).status).toBe(401);
    const response = await post('/api/internal/deliver', { json: {} }, { authorization: `Bearer ${secret}` });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ failed: 0 });
  });

  it('POST /api/internal/deliver: sends the requester’s email about a completed withdrawal, then clears the erasure from the disk', async () => {
    const sql = connect(database!.url, 1);
    try {
      const { professionalId } = await registerProfessional(sql);
      const referral = await submit<{ reference: string }>(sql, 'submit_referral', referralPayload(professionalId, { dateOfBirth: '2009-09-09' }));
      const withdrawal = await submit<{ reference: string }>(sql, 'request_withdrawal', withdrawalPayload({ dateOfBirth: '2009-09-09', requesterEmail: 'journey.requester@example.com' }));
      await call(sql, 'match_withdrawal', withdrawal.reference, referral.reference, 'Team');
      await call(sql, 'complete_withdrawal', withdrawal.reference, 'Team');
      const response = await post('/api/internal/deliver', { json: {} }, { authorization: `Bearer ${secret}` });
      expect(response.status).toBe(200);
      expect((await response.json()).erasure).toMatchObject({ clearedWithdrawals: 1 });
      expect((await resend!.waitForEmail((email) => email.to.includes('journey.requester@example.com') && email.text.includes('removed from the register'))).text).toContain(withdrawal.reference);
      const [left] = await sql`select count(*)::int as n from private.outbox where recipient = 'journey.requester@example.com'`;
      expect(left!['n']).toBe(0);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });

  it('POST /api/sign-out: the session ends', async () => {
    const out = await post('/api/sign-out', { form: new URLSearchParams() }, { cookie });
    expect(out.status).toBe(303);
    expect(await (await fetch(`${base}/api/session`, { headers: { cookie } })).json()).toEqual({ signedIn: false });
  });

  it('every inline script and style of the built site is allowed by its hash; no inline handlers or style attributes', () => {
    const pages: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith('.html')) pages.push(join(dir, entry.name));
      }
    };
    walk(outDir);
    expect(pages.length).toBeGreaterThan(20);
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      for (const [, attributes = '', body = ''] of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)) {
        // External scripts and JSON data blocks are not inline code.
        if (/\ssrc=|type="application\/(ld\+)?json"/.test(attributes)) continue;
        expect(inlineScriptHashes, `${page}: ${body.slice(0, 60)}`).toContain(hash(body));
      }
      for (const [, body = ''] of html.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/g)) {
        expect(inlineStyleHashes, `${page}: ${body.slice(0, 60)}`).toContain(hash(body));
      }
      expect(html, page).not.toMatch(/\s(on[a-z]+|style)="/);
    }
  });

  it('wrote no stack trace and no personal detail into its output', () => {
    for (const detail of ['Alex', '9434765919', '943 476 5919', 'Pat Example']) expect(output).not.toContain(detail);
    expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });
});
