// Everything a function test needs around it: a fresh migrated database (PGlite, and
// PostgreSQL when TEST_DATABASE_URL is set), the Resend stand-in, and the settings.
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import type { Env } from '../../src/server/platform/settings.ts';
import { useDatabase, type DatabaseTarget } from './database.ts';
import { functionHarness, pagesWithFormRegion, siteUrl, cookieFrom } from './functions.ts';
import { startResendStandIn, type ResendStandIn } from './resend-stand-in.ts';
import * as answers from './answers.ts';
import { onRequestPost as register } from '../../functions/[[path]].ts';
import { onRequestPost as signIn } from '../../functions/[[path]].ts';
import { onRequestPost as confirm } from '../../functions/[[path]].ts';

export const teamEmail = 'dsr.team@example.nhs.net';
export const deliverSecret = 'test-deliver-secret-0123456789';

export function useSite(target: DatabaseTarget, extraEnv: Partial<Env> = {}) {
  const db = useDatabase(target, { connections: 2 });
  let resend: ResendStandIn | undefined;
  beforeAll(async () => {
    resend = await startResendStandIn();
  });
  afterAll(async () => {
    await resend?.stop();
  });
  beforeEach(() => resend?.clear());
  const env = (): Env => ({
    DATABASE_URL: db.url,
    SITE_URL: siteUrl,
    DSR_TEAM_EMAIL: teamEmail,
    MAIL_FROM: 'Dynamic Support Register <no-reply@example.nhs.net>',
    RESEND_API_KEY: 're_test_key',
    RESEND_BASE_URL: resend!.url,
    DELIVER_SECRET: deliverSecret,
    ALLOWED_EMAIL_DOMAINS: 'nhs.net,*.nhs.uk,northshire.gov.uk',
    ASSETS: pagesWithFormRegion,
    ...extraEnv,
  });
  const site = functionHarness(env);

  /** Registers (allowed domain: active at once), asks for a link, follows it: the session cookie. */
  async function signedInAs(email: string): Promise<string> {
    await site.post(register, '/api/register', { json: { ...answers.registration, email } });
    await site.settle();
    await site.post(signIn, '/api/sign-in', { json: { email } });
    await site.settle();
    const link = await resend!.waitForEmail((sent) => sent.to.includes(email) && sent.subject.includes('sign in'));
    const url = new URL(/http\S+/.exec(link.text)![0]);
    const response = await site.post(confirm, '/api/sign-in/confirm', {
      json: { token: url.searchParams.get('token'), email: url.searchParams.get('email'), next: '/refer/' },
    });
    const cookie = cookieFrom(response);
    if (response.status !== 200 || !cookie) throw new Error(`Could not sign in ${email}: ${response.status}`);
    return cookie;
  }

  /**
   * Adds a DSR team member and signs them in as a browser would (the sign-in form, the
   * emailed link, its button): their session cookie. A team member lands on Today
   * whatever the link's `next` says, and this fails if they do not.
   */
  async function signedInAsTeamMember(name = 'Tess Teamworth', email = `team.${Math.random().toString(36).slice(2, 8)}@example.nhs.net`): Promise<string> {
    await db.sql`select public.add_team_member(${email}, ${name}, 'test')`;
    await site.post(signIn, '/sign-in/', { form: new URLSearchParams({ email }) });
    await site.settle();
    const link = await resend!.waitForEmail((sent) => sent.to.includes(email) && sent.subject.includes('sign in'));
    const url = new URL(/http\S+/.exec(link.text)![0]);
    // Opening the link spends nothing; its button posts.
    const confirmed = await site.post(confirm, '/sign-in/confirm/', {
      form: new URLSearchParams({ token: url.searchParams.get('token')!, email: url.searchParams.get('email')!, next: '/refer/' }),
    });
    await site.settle();
    const cookie = cookieFrom(confirmed);
    if (confirmed.status !== 303 || confirmed.headers.get('location') !== '/team/' || !cookie) {
      throw new Error(`Could not sign in team member ${email}: ${confirmed.status} to ${confirmed.headers.get('location')}`);
    }
    return cookie;
  }

  return {
    db,
    site,
    env,
    signedInAs,
    signedInAsTeamMember,
    get resend() {
      if (!resend) throw new Error('The Resend stand-in is not running yet');
      return resend;
    },
  };
}

/**
 * Every line the functions log during each test (console.log; console.error too when
 * asked), so a test can show that no personal detail reaches the logs.
 */
export function useLoggedLines(options: { errors?: boolean } = {}): { readonly lines: string[] } {
  const logged = { lines: [] as string[] };
  beforeEach(() => {
    logged.lines = [];
    const keep = (...parts: unknown[]) => void logged.lines.push(parts.join(' '));
    vi.spyOn(console, 'log').mockImplementation(keep);
    if (options.errors) vi.spyOn(console, 'error').mockImplementation(keep);
  });
  afterEach(() => vi.restoreAllMocks());
  return logged;
}
