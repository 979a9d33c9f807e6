// The database goes away in the middle of a stream of referrals (a loopback proxy
// between the functions and the database resets every connection, or stops passing
// anything on). What must hold:
//   - every request is answered 201 or 503, never a 500, and never after more than 10 s;
//   - every 201 is in the database, with its two emails in the outbox; nothing is half-written;
//   - once the database is back, referrals are taken again, with nothing restarted;
//   - sending a refused referral again (the island keeps its submission id) records it once.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { onRequestPost as postReferral } from '../../functions/api/referrals.ts';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { functionHarness, siteUrl } from '../support/functions.ts';
import { signInProfessional, type SignedIn } from '../support/signed-in.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { uniqueReferral } from '../support/unique-referrals.ts';

/** The longest any one answer may take, outage or not. */
const answerWithinMs = 10_000;

interface Outcome {
  submissionId: string;
  status: number;
  ms: number;
  startedAt: number;
  reference: string | undefined;
  message: string | undefined;
}

for (const target of databaseTargets()) {
  describe(`the database going away during referrals (${target.name})`, () => {
    const db = useDatabase(target);
    let proxy: TcpProxy;
    let professional: SignedIn;
    // The functions reach the database only through the proxy.
    const site = functionHarness(() => ({ DATABASE_URL: proxy.url, SITE_URL: siteUrl }));

    beforeAll(async () => {
      proxy = await startTcpProxy(db.url);
      professional = await signInProfessional(db.sql, siteUrl);
      // The functions log one line per event; the outcomes are what this test reads.
      vi.spyOn(console, 'log').mockImplementation(() => {});
      vi.spyOn(console, 'info').mockImplementation(() => {});
    });
    afterAll(async () => {
      vi.restoreAllMocks();
      await site.settle();
      await proxy?.stop();
    });

    async function send(answers: Record<string, unknown> & { submissionId: string }): Promise<Outcome> {
      const startedAt = Date.now();
      const response = await site.post(postReferral, '/api/referrals', { json: answers, cookie: professional.cookie });
      const body = (await response.json()) as { reference?: string; message?: string };
      return { submissionId: answers.submissionId, status: response.status, ms: Date.now() - startedAt, startedAt, reference: body.reference, message: body.message };
    }

    /** Several senders at once, each posting referral after referral until told to stop. */
    function stream(senders: number) {
      const outcomes: Outcome[] = [];
      let stopping = false;
      const done = Promise.all(
        Array.from({ length: senders }, async () => {
          while (!stopping) outcomes.push(await send(uniqueReferral()));
        }),
      );
      return {
        outcomes,
        async until(condition: () => boolean, timeoutMs = 60_000) {
          const deadline = Date.now() + timeoutMs;
          while (!condition()) {
            if (Date.now() > deadline) throw new Error(`Gave up waiting after ${timeoutMs} ms (${outcomes.length} answers so far)`);
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        },
        async stop() {
          stopping = true;
          await done;
          return outcomes;
        },
      };
    }

    async function expectEveryAcceptedReferralKept(outcomes: Outcome[]) {
      const accepted = outcomes.filter((outcome) => outcome.status === 201);
      const references = accepted.map((outcome) => outcome.reference!);
      const stored = await db.sql<{ reference: string; submission_id: string; emails: number }[]>`
        select r.reference, r.submission_id::text,
               (select count(*)::int from private.outbox o where o.about_reference = r.reference) as emails
        from private.referrals r where r.reference = any(${references})`;
      expect(stored.length).toBe(accepted.length);
      const bySubmission = new Map(stored.map((row) => [row.submission_id, row]));
      for (const outcome of accepted) expect(bySubmission.get(outcome.submissionId)?.reference).toBe(outcome.reference);
      // The team's email and the referrer's receipt, written in the same transaction.
      for (const row of stored) expect(row.emails).toBe(2);
    }

    async function expectNothingHalfWritten() {
      const [counts] = await db.sql<{ orphan_people: number; orphan_emails: number; unmatched_references: number; duplicate_references: number }[]>`
        select
          (select count(*)::int from private.people p where not exists (select 1 from private.referrals r where r.person_id = p.id)) as orphan_people,
          (select count(*)::int from private.outbox o where o.about_reference like 'DSR-%'
             and not exists (select 1 from private.referrals r where r.reference = o.about_reference)) as orphan_emails,
          (select count(*)::int from private.issued_references i where i.reference like 'DSR-%'
             and not exists (select 1 from private.referrals r where r.reference = i.reference)) as unmatched_references,
          (select count(*)::int - count(distinct reference)::int from private.referrals) as duplicate_references`;
      expect(counts).toEqual({ orphan_people: 0, orphan_emails: 0, unmatched_references: 0, duplicate_references: 0 });
      const [emails] = await db.sql<{ wrong: number }[]>`
        select count(*)::int as wrong from private.referrals r
        where (select count(*) from private.outbox o where o.about_reference = r.reference) <> 2`;
      expect(emails!.wrong).toBe(0);
    }

    /** Every referral refused during the outage, sent again now the database is back, is taken once. */
    async function sendRefusedAgain(outcomes: Outcome[]) {
      const refused = outcomes.filter((outcome) => outcome.status === 503);
      const retried: Outcome[] = [];
      for (const outcome of refused) {
        retried.push(await send(uniqueReferral({ submissionId: outcome.submissionId })));
      }
      // Sent again with the same answers' id, each is taken (or was taken already, just before the cut).
      expect(retried.map((outcome) => outcome.status)).toEqual(refused.map(() => 201));
      const ids = outcomes.map((outcome) => outcome.submissionId);
      const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from private.referrals where submission_id::text = any(${ids})`;
      expect(row!.n).toBe(new Set(ids).size);
      return retried;
    }

    function expectOnly201Or503Quickly(outcomes: Outcome[]) {
      const statuses = new Set(outcomes.map((outcome) => outcome.status));
      expect([...statuses].filter((status) => status !== 201 && status !== 503)).toEqual([]);
      for (const outcome of outcomes.filter((o) => o.status === 503)) expect(outcome.message).toMatch(/\w/);
      const slowest = Math.max(...outcomes.map((outcome) => outcome.ms));
      expect(slowest).toBeLessThan(answerWithinMs);
    }

    it('answers 201 or 503 while every connection is reset, keeps every 201, and takes referrals again when it is back', async () => {
      const run = stream(4);
      await run.until(() => run.outcomes.filter((o) => o.status === 201).length >= 10);
      proxy.cut();
      const cutAt = Date.now();
      await run.until(() => run.outcomes.filter((o) => o.status === 503 && o.startedAt >= cutAt).length >= 10);
      proxy.restore();
      const backAt = Date.now();
      await run.until(() => run.outcomes.filter((o) => o.status === 201 && o.startedAt >= backAt).length >= 10);
      const outcomes = await run.stop();
      await site.settle();

      expectOnly201Or503Quickly(outcomes);
      // Every request started while the database was away was refused, not left waiting.
      expect(outcomes.filter((o) => o.startedAt >= cutAt && o.startedAt + o.ms < backAt).every((o) => o.status === 503)).toBe(true);
      await expectEveryAcceptedReferralKept(outcomes);
      await expectNothingHalfWritten();
      const retried = await sendRefusedAgain(outcomes);
      await site.settle();
      await expectEveryAcceptedReferralKept([...outcomes.filter((o) => o.status === 201), ...retried]);
      await expectNothingHalfWritten();
    });

    it('answers 503 within 10 s while the database hangs without answering, then takes referrals again', async () => {
      const run = stream(4);
      await run.until(() => run.outcomes.filter((o) => o.status === 201).length >= 10);
      proxy.silence();
      const silentAt = Date.now();
      await run.until(() => run.outcomes.filter((o) => o.status === 503 && o.startedAt >= silentAt).length >= 8, 60_000);
      proxy.restore();
      const backAt = Date.now();
      await run.until(() => run.outcomes.filter((o) => o.status === 201 && o.startedAt >= backAt).length >= 10);
      const outcomes = await run.stop();
      await site.settle();

      expectOnly201Or503Quickly(outcomes);
      await expectEveryAcceptedReferralKept(outcomes);
      await expectNothingHalfWritten();
      await sendRefusedAgain(outcomes);
      await site.settle();
      await expectNothingHalfWritten();
    });
  });
}
