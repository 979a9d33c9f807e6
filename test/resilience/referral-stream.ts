// A stream of referrals while the database goes away, and what must hold afterwards.
// Shared by the outage tests that call the function directly and the one over
// `wrangler pages dev`: only the way one referral is sent differs.
import { expect } from 'vitest';
import type postgres from 'postgres';
import { uniqueReferral } from '../support/unique-referrals.ts';

/** The longest any one answer may take, outage or not. */
export const answerWithinMs = 10_000;

export type ReferralAnswers = Record<string, unknown> & { submissionId: string };

export interface Outcome {
  /** What was sent: sent again, unchanged, after an outage (as the island does). */
  answers: ReferralAnswers;
  submissionId: string;
  status: number;
  ms: number;
  startedAt: number;
  reference: string | undefined;
  message: string | undefined;
}

/** Sends one referral and says what came back. */
export type Send = (answers: ReferralAnswers) => Promise<{ status: number; body: { reference?: string; message?: string } }>;

export async function timed(send: Send, answers: ReferralAnswers): Promise<Outcome> {
  const startedAt = Date.now();
  const { status, body } = await send(answers);
  return { answers, submissionId: answers.submissionId, status, ms: Date.now() - startedAt, startedAt, reference: body.reference, message: body.message };
}

/** Several senders at once, each posting referral after referral until told to stop. */
export function stream(send: Send, senders: number) {
  const outcomes: Outcome[] = [];
  let stopping = false;
  const done = Promise.all(
    Array.from({ length: senders }, async () => {
      while (!stopping) outcomes.push(await timed(send, uniqueReferral()));
    }),
  );
  return {
    outcomes,
    async until(condition: (outcomes: Outcome[]) => boolean, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!condition(outcomes)) {
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

/** How many answers with this status came to requests started at or after `since`. */
export const answered = (status: number, since: number) => (outcomes: Outcome[]) => outcomes.filter((o) => o.status === status && o.startedAt >= since).length;

export function expectOnly201Or503Quickly(outcomes: Outcome[]) {
  const statuses = new Set(outcomes.map((outcome) => outcome.status));
  expect([...statuses].filter((status) => status !== 201 && status !== 503)).toEqual([]);
  // A refusal says so in words.
  for (const outcome of outcomes.filter((o) => o.status === 503)) expect(outcome.message).toMatch(/\w+ \w+/);
  const slowest = Math.max(...outcomes.map((outcome) => outcome.ms));
  expect(slowest, 'the slowest answer, in ms').toBeLessThan(answerWithinMs);
}

/** Every 201 is in the database, under the submission it answered, with its two emails in the outbox. */
export async function expectEveryAcceptedReferralKept(sql: postgres.Sql, outcomes: Outcome[]) {
  const accepted = outcomes.filter((outcome) => outcome.status === 201);
  const references = accepted.map((outcome) => outcome.reference!);
  const stored = await sql<{ reference: string; submission_id: string; emails: number }[]>`
    select r.reference, r.submission_id::text,
           (select count(*)::int from private.outbox o where o.about_reference = r.reference) as emails
    from private.referrals r where r.reference = any(${references})`;
  expect(stored.length).toBe(new Set(references).size);
  const bySubmission = new Map(stored.map((row) => [row.submission_id, row]));
  for (const outcome of accepted) expect(bySubmission.get(outcome.submissionId)?.reference).toBe(outcome.reference);
  // The team's email and the referrer's receipt, written in the same transaction.
  for (const row of stored) expect(row.emails).toBe(2);
}

/** No person without a referral, no email or reference without its referral, no reference twice. */
export async function expectNothingHalfWritten(sql: postgres.Sql) {
  const [counts] = await sql<{ orphan_people: number; orphan_emails: number; unmatched_references: number; duplicate_references: number; wrong_emails: number }[]>`
    select
      (select count(*)::int from private.people p where not exists (select 1 from private.referrals r where r.person_id = p.id)) as orphan_people,
      (select count(*)::int from private.outbox o where o.about_reference like 'DSR-%'
         and not exists (select 1 from private.referrals r where r.reference = o.about_reference)) as orphan_emails,
      (select count(*)::int from private.issued_references i where i.reference like 'DSR-%'
         and not exists (select 1 from private.referrals r where r.reference = i.reference)) as unmatched_references,
      (select count(*)::int - count(distinct reference)::int from private.referrals) as duplicate_references,
      (select count(*)::int from private.referrals r
         where (select count(*) from private.outbox o where o.about_reference = r.reference) <> 2) as wrong_emails`;
  expect(counts).toEqual({ orphan_people: 0, orphan_emails: 0, unmatched_references: 0, duplicate_references: 0, wrong_emails: 0 });
}

/**
 * Every referral refused during the outage, sent again unchanged now the database is back
 * (the island keeps its answers and submission id), is taken; each is recorded exactly once.
 */
export async function sendRefusedAgain(sql: postgres.Sql, send: Send, outcomes: Outcome[]): Promise<Outcome[]> {
  const refused = outcomes.filter((outcome) => outcome.status === 503);
  const retried: Outcome[] = [];
  for (const outcome of refused) retried.push(await timed(send, outcome.answers));
  expect(retried.map((outcome) => outcome.status)).toEqual(refused.map(() => 201));
  const ids = outcomes.map((outcome) => outcome.submissionId);
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from private.referrals where submission_id::text = any(${ids})`;
  expect(row!.n).toBe(new Set(ids).size);
  return retried;
}
