// When the parts the functions lean on fail: nothing accepted is ever lost, and nothing
// half-done is ever kept.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer, type Server } from 'node:net';
import { databaseTargets } from '../support/database.ts';
import { functionHarness, siteUrl, pagesWithFormRegion } from '../support/functions.ts';
import { useSite, deliverSecret, teamEmail } from '../support/site-env.ts';
import { signInProfessional } from '../support/signed-in.ts';
import * as answers from '../support/answers.ts';
import { onRequestPost as register } from '../../functions/[[path]].ts';
import { onRequestPost as signIn } from '../../functions/[[path]].ts';
import { onRequestPost as confirm } from '../../functions/[[path]].ts';
import { onRequestPost as signOut } from '../../functions/api/sign-out.ts';
import { onRequestGet as session } from '../../functions/api/session.ts';
import { onRequestPost as consents } from '../../functions/[[path]].ts';
import { onRequestPost as referrals } from '../../functions/[[path]].ts';
import { onRequestPost as withdrawals } from '../../functions/[[path]].ts';
import { onRequestPost as deliver } from '../../functions/api/internal/deliver.ts';
import type { PagesFunction } from '../../src/server/http/context.ts';
import { connectDatabase } from '../../src/server/platform/database.ts';
import { deliverOutbox } from '../../src/server/emails/delivery.ts';
import { createMailer } from '../../src/server/platform/mail.ts';
import { readSettings } from '../../src/server/platform/settings.ts';

const unavailable = 'Sorry, there is a problem with the service. Your answers have not been sent. Try again later.';
const cookie = `dsr_session=${'s'.repeat(43)}`;

const routes: [string, PagesFunction, string, Record<string, unknown>][] = [
  ['register', register, '/api/register', answers.registration],
  ['sign-in', signIn, '/api/sign-in', { email: 'sam@nhs.net' }],
  ['sign-in confirm', confirm, '/api/sign-in/confirm', { token: 't'.repeat(43), email: 'sam@nhs.net' }],
  ['consents', consents, '/api/consents', answers.consent],
  ['referrals', referrals, '/api/referrals', answers.referral],
  ['withdrawals', withdrawals, '/api/withdrawals', answers.withdrawal],
];

describe('the database cannot be reached', () => {
  const site = functionHarness(() => ({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', SITE_URL: siteUrl, ASSETS: pagesWithFormRegion }));

  it.each(routes)('POST %s: 503 with the plain message', async (_name, handler, path, body) => {
    const response = await site.post(handler, path, { json: body, cookie });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ message: unavailable });
  });

  it.each(routes.filter(([name]) => name !== 'sign-in confirm'))('POST %s without JavaScript: the form again (503) with the message and the answers kept', async (_name, handler, path, body) => {
    const response = await site.post(handler, path, { form: answers.asFormPost(body as Record<string, string>), cookie });
    expect(response.status).toBe(503);
    const html = await response.text();
    expect(html).toContain(unavailable);
    const firstText = Object.values(body).find((value): value is string => typeof value === 'string' && /[a-z]{3}/i.test(value))!;
    expect(html).toContain(`value="${firstText}"`);
  });

  it('GET /api/session and POST /api/sign-out: 503, and sign-out keeps the cookie (the session did not end)', async () => {
    expect((await site.get(session, '/api/session', { cookie })).status).toBe(503);
    const out = await site.post(signOut, '/api/sign-out', { json: {}, cookie });
    expect(out.status).toBe(503);
    expect(out.headers.get('set-cookie')).toBeNull();
  });

  it('POST /api/internal/deliver: 503, and it says the emails are still waiting', async () => {
    const withSecret = functionHarness(() => ({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', SITE_URL: siteUrl, DELIVER_SECRET: deliverSecret }));
    const response = await withSecret.post(deliver, '/api/internal/deliver', { json: {}, headers: { authorization: `Bearer ${deliverSecret}` } });
    expect(response.status).toBe(503);
  });

  it('no database configured at all: 503 too', async () => {
    const bare = functionHarness(() => ({ SITE_URL: siteUrl }));
    expect((await bare.post(withdrawals, '/api/withdrawals', { json: answers.withdrawal })).status).toBe(503);
  });
});

describe('the database accepts connections and then says nothing', () => {
  let silent: Server;
  let port = 0;
  const sockets = new Set<import('node:net').Socket>();
  beforeAll(async () => {
    silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('answers 503 within 5 seconds', async () => {
    const site = functionHarness(() => ({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/none`, SITE_URL: siteUrl }));
    const started = Date.now();
    const response = await site.post(withdrawals, '/api/withdrawals', { json: answers.withdrawal });
    expect(response.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

for (const target of databaseTargets()) {
  describe(`on ${target.name}`, () => {
    const around = useSite(target);
    const { site, db } = around;
    let professionalCookie = '';
    beforeAll(async () => {
      professionalCookie = (await signInProfessional(db.sql, siteUrl)).cookie;
      vi.spyOn(console, 'log').mockImplementation(() => {});
    });
    afterAll(() => vi.restoreAllMocks());

    const count = async (table: string) => (await db.sql.unsafe(`select count(*)::int as n from private.${table}`))[0]!.n as number;

    it('a referral that fails part way (its email cannot be written) is a 503 and leaves nothing behind', async () => {
      const before = { people: await count('people'), referrals: await count('referrals'), outbox: await count('outbox') };
      await db.sql.unsafe(`
        create function private.refuse_outbox() returns trigger language plpgsql as $$
        begin raise exception 'outbox is broken' using errcode = 'XX000'; end $$;
        create trigger refuse_outbox before insert on private.outbox for each row execute function private.refuse_outbox();`);
      try {
        const response = await site.post(referrals, '/api/referrals', { json: { ...answers.referral, familyName: 'Halfway' }, cookie: professionalCookie });
        expect(response.status).toBe(503);
        expect(await response.json()).toEqual({ message: unavailable });
      } finally {
        await db.sql.unsafe('drop trigger refuse_outbox on private.outbox; drop function private.refuse_outbox();');
      }
      expect({ people: await count('people'), referrals: await count('referrals'), outbox: await count('outbox') }).toEqual(before);
    });

    it('Resend failing: the withdrawal is still accepted; its emails wait, then go exactly once', async () => {
      around.resend.failNext(10);
      const response = await site.post(withdrawals, '/api/withdrawals', { json: answers.withdrawal });
      expect(response.status).toBe(201);
      const { reference } = await response.json();
      await site.settle();
      expect(around.resend.emails).toEqual([]);
      const waiting = await db.sql`select status, attempts, last_error from private.outbox where about_reference = ${reference} order by kind`;
      expect(waiting).toHaveLength(2);
      for (const row of waiting) expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'resend 500: internal_server_error' });

      around.resend.clear(); // Resend is back
      await db.sql`update private.outbox set available_at = now() where status = 'pending'`; // the back-off has passed
      const run = await site.post(deliver, '/api/internal/deliver', { json: {}, headers: { authorization: `Bearer ${deliverSecret}` } });
      expect(run.status).toBe(200);
      expect(await run.json()).toMatchObject({ failed: 0 });
      const about = () => around.resend.emails.filter((email) => email.text.includes(reference) || email.subject.includes(reference));
      expect(about().map((email) => email.to[0]).sort()).toEqual([teamEmail, 'pat@example.com'].sort());

      const again = await site.post(deliver, '/api/internal/deliver', { json: {}, headers: { authorization: `Bearer ${deliverSecret}` } });
      expect(await again.json()).toMatchObject({ sent: 0 });
      expect(about()).toHaveLength(2);
    });

    it('Resend slow: the answer does not wait for the email, which still goes once', async () => {
      around.resend.slowNext(2, 1500);
      const started = Date.now();
      const response = await site.post(withdrawals, '/api/withdrawals', { json: answers.withdrawal });
      expect(response.status).toBe(201);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(site.running).toBeGreaterThan(0); // the emails are still on their way
      await site.settle();
      const { reference } = await response.json();
      expect(around.resend.emails.filter((email) => email.text.includes(reference) || email.subject.includes(reference))).toHaveLength(2);
    });

    it('an answer from Resend that comes too late: the retry carries the same Idempotency-Key, so the email goes once', async () => {
      const settings = readSettings(around.env());
      around.resend.failNext(10);
      const response = await site.post(withdrawals, '/api/withdrawals', { json: { ...answers.withdrawal, requesterEmail: '', requesterPhone: '07700 900 982' } });
      const { reference } = await response.json();
      await site.settle();
      around.resend.clear();
      const sendDue = async (timeoutMs?: number) => {
        await db.sql`update private.outbox set available_at = now() where about_reference = ${reference} and status = 'pending'`;
        const connection = connectDatabase(settings);
        const report = await deliverOutbox(connection, createMailer(settings, console.log, timeoutMs ? { timeoutMs } : {}), settings);
        await connection.close();
        return report;
      };
      // Resend takes the email but answers after our sender has given up.
      around.resend.slowNext(1, 800);
      expect(await sendDue(200)).toMatchObject({ sent: 0, failed: 1 });
      expect(around.resend.emails).toHaveLength(1);
      // The retry: same key, same email; Resend answers as before and sends nothing more.
      expect(await sendDue()).toMatchObject({ sent: 1, failed: 0 });
      expect(around.resend.requests.map((request) => request.idempotencyKey)).toEqual([`withdrawal:${reference}:team`, `withdrawal:${reference}:team`]);
      expect(around.resend.emails).toHaveLength(1);
      const [row] = await db.sql`select status from private.outbox where about_reference = ${reference}`;
      expect(row?.status).toBe('sent');
    });

    it('no RESEND_API_KEY on this machine: emails are printed with their links and count as sent', async () => {
      around.resend.failNext(10);
      const response = await site.post(withdrawals, '/api/withdrawals', { json: answers.withdrawal });
      const { reference } = await response.json();
      await site.settle();
      await db.sql`update private.outbox set available_at = now() where about_reference = ${reference}`;
      const printed: string[] = [];
      const settings = { ...readSettings(around.env()), resendApiKey: undefined };
      const mailer = createMailer(settings, (text) => printed.push(text));
      expect(mailer.kind).toBe('console');
      const connection = connectDatabase(settings);
      const report = await deliverOutbox(connection, mailer, settings);
      await connection.close();
      expect(report.sent).toBeGreaterThanOrEqual(2);
      const output = printed.join('\n');
      expect(output).toContain(`Subject: We have your request: ${reference}`);
      expect(output).toContain(`${siteUrl}/families/`);
      const rows = await db.sql`select status from private.outbox where about_reference = ${reference}`;
      expect(rows.map((row) => row.status)).toEqual(['sent', 'sent']);
    });

    it('no RESEND_API_KEY on a live site: nothing is printed, the emails stay in the outbox', async () => {
      around.resend.failNext(10);
      const response = await site.post(withdrawals, '/api/withdrawals', { json: answers.withdrawal });
      const { reference } = await response.json();
      await site.settle();
      await db.sql`update private.outbox set available_at = now() where about_reference = ${reference}`;
      const settings = { ...readSettings(around.env()), resendApiKey: undefined, siteUrl: 'https://dsr.example.nhs.uk' };
      const printed: string[] = [];
      const mailer = createMailer(settings, (text) => printed.push(text));
      expect(mailer.kind).toBe('none');
      const connection = connectDatabase(settings);
      await deliverOutbox(connection, mailer, settings);
      await connection.close();
      expect(printed).toEqual([]);
      const rows = await db.sql`select status, last_error from private.outbox where about_reference = ${reference}`;
      expect(rows.map((row) => row.status)).toEqual(['pending', 'pending']);
      // It stops at the first: without a key, trying the rest now would fail the same way.
      expect(rows.map((row) => row.last_error)).toContain('RESEND_API_KEY is not set');
    });
  });
}
