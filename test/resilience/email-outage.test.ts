// Resend fails for a while: it answers 500, then 429, takes one email and answers too
// late, and never answers another. What must hold:
//   - every submission is still accepted (emails are sent after the response);
//   - once Resend recovers, every email of every accepted submission is delivered
//     exactly once: a retry carries the same Idempotency-Key, so an email Resend took
//     before the timeout is not sent again;
//   - two deliver runs at the same time never send one email twice.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { onRequestPost as postReferral } from '../../functions/[[path]].ts';
import { onRequestPost as postWithdrawal } from '../../functions/[[path]].ts';
import { onRequestPost as deliver } from '../../functions/api/internal/deliver.ts';
import { withdrawal } from '../support/answers.ts';
import { databaseTargets } from '../support/database.ts';
import { siteUrl } from '../support/functions.ts';
import { signInProfessional, type SignedIn } from '../support/signed-in.ts';
import { deliverSecret, teamEmail, useSite } from '../support/site-env.ts';
import { referralForm } from '../../src/forms/index.ts';
import { uniqueReferral } from '../support/unique-referrals.ts';

interface OutboxRow {
  idempotency_key: string;
  status: string;
  attempts: number;
  about_reference: string;
}

for (const target of databaseTargets()) {
  describe(`email delivery while Resend fails (${target.name})`, () => {
    const around = useSite(target);
    const { db, site } = around;
    let professional: SignedIn;

    beforeAll(async () => {
      professional = await signInProfessional(db.sql, siteUrl);
      vi.spyOn(console, 'log').mockImplementation(() => {});
      vi.spyOn(console, 'info').mockImplementation(() => {});
    });
    afterAll(() => vi.restoreAllMocks());

    const outboxFor = (references: string[]) =>
      db.sql<OutboxRow[]>`select idempotency_key, status, attempts, about_reference from private.outbox where about_reference = any(${references}) order by idempotency_key`;

    /** Time passing: emails waiting out a back-off or a claim become due now. */
    const letTimePass = () => db.sql`update private.outbox set available_at = now() where status = 'pending'`;

    const runDeliver = async () => {
      const response = await site.post(deliver, '/api/internal/deliver', { json: {}, headers: { authorization: `Bearer ${deliverSecret}` } });
      expect(response.status).toBe(200);
      return (await response.json()) as { sent: number; failed: number; deferred: number };
    };

    /** Sends the same email once per Idempotency-Key, as Resend does: how many times each key reached Resend with an answer. */
    const requestsPerKey = () => {
      const counts = new Map<string, number>();
      for (const request of around.resend.requests) counts.set(request.idempotencyKey ?? '(none)', (counts.get(request.idempotencyKey ?? '(none)') ?? 0) + 1);
      return counts;
    };

    it('delivers every email exactly once after 500s, 429s and timeouts', async () => {
      const resend = around.resend;
      // The first sends fail in every way Resend can fail; later ones go through.
      resend.failNext(3);
      resend.rateLimitNext(2);
      resend.slowNext(1, 11_000); // taken, but answered after the sender has given up
      resend.hangNext(1); // never answered

      const sent = await Promise.all([
        ...Array.from({ length: 5 }, () => site.post(postReferral, '/api/referrals', { json: uniqueReferral(), cookie: professional.cookie })),
        ...Array.from({ length: 2 }, (_, i) =>
          site.post(postWithdrawal, '/api/withdrawals', { json: { ...withdrawal, requesterEmail: `asker${i}@example.com` } }),
        ),
      ]);
      // Every submission is accepted whatever Resend is doing.
      expect(sent.map((response) => response.status)).toEqual(sent.map(() => 201));
      const references = await Promise.all(sent.map(async (response) => ((await response.json()) as { reference: string }).reference));
      await site.settle();

      const waiting = (await outboxFor(references)).filter((row) => row.status !== 'sent');
      expect(waiting.length).toBeGreaterThan(0);

      // Resend has recovered; the deliver job runs (every minute in production) until nothing waits.
      for (let run = 0; run < 5; run++) {
        await letTimePass();
        await runDeliver();
        // Until nothing waits at all: an email from before this test (the professional's own
        // account email) may have met a failure too, and is judged below with the rest.
        const [waitingNow] = await db.sql`select count(*)::int as n from private.outbox where status = 'pending'`;
        if (waitingNow!['n'] === 0) break;
      }

      // Resend really was failing: each kind of failure reached it.
      const answers = resend.requests.map((request) => request.answeredWith);
      expect(answers).toEqual(expect.arrayContaining([500, 429, 'no answer']));
      const rows = await outboxFor(references);
      // Five referrals (team + receipt each) and two withdrawals (team + acknowledgement each).
      expect(rows.length).toBe(14);
      expect(rows.filter((row) => row.status !== 'sent')).toEqual([]);
      expect(rows.some((row) => row.attempts > 1)).toBe(true);
      // Exactly one email per outbox row: same keys, none missing, none twice.
      const keys = resend.emails.map((email) => email.idempotencyKey);
      expect(keys.filter((key) => key === undefined)).toEqual([]);
      expect(rows.map((row) => keys.filter((key) => key === row.idempotency_key).length)).toEqual(rows.map(() => 1));
      expect(new Set(keys).size).toBe(keys.length);
      // The email Resend took before the timeout was asked for again with its key, and not sent twice.
      const repeated = [...requestsPerKey()].filter(([, times]) => times > 1).map(([key]) => key);
      expect(repeated.length).toBeGreaterThan(0);
      for (const key of repeated) expect(resend.emails.filter((email) => email.idempotencyKey === key)).toHaveLength(1);
    }, 90_000);

    it('never sends one email twice when two deliver runs overlap', async () => {
      const resend = around.resend;
      // Emails written while nothing sends them: straight through the SQL API.
      const references: string[] = [];
      for (let i = 0; i < 12; i++) {
        const [row] = await db.sql`select public.submit_referral(${db.sql.json(uniqueReferralPayload(professional.professionalId) as never)}::jsonb) as result`;
        references.push((row!['result'] as { reference: string }).reference);
      }
      resend.clear();
      // Each send takes a moment, so both runs are sending at the same time.
      resend.slowNext(24, 150);
      const reports = await Promise.all([runDeliver(), runDeliver()]);

      const rows = await outboxFor(references);
      expect(rows.length).toBe(24);
      expect(rows.filter((row) => row.status !== 'sent')).toEqual([]);
      expect(reports[0]!.sent + reports[1]!.sent).toBe(24);
      // Both runs sent something, and no key reached Resend twice.
      expect(reports.every((report) => report.sent > 0)).toBe(true);
      const perKey = requestsPerKey();
      expect(rows.map((row) => perKey.get(row.idempotency_key))).toEqual(rows.map(() => 1));
      expect(resend.emails).toHaveLength(24);
    }, 60_000);
  });
}

/** A referral as the function sends it to the database: the form's answers, read and checked by the form itself. */
function uniqueReferralPayload(professionalId: string) {
  const checked = referralForm.validate(uniqueReferral());
  if (!checked.ok) throw new Error(`The test's referral answers are not valid: ${JSON.stringify(checked.errors)}`);
  return { ...checked.payload, professionalId, siteUrl, teamEmail };
}
