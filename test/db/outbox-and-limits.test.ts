// The email outbox (claim, sent, failed, give up), rate limits and purging old rows.
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, test } from 'vitest';
import type postgres from 'postgres';
import { connect } from '../../scripts/database.ts';
import type { OutboxEmail } from '../../src/server/emails/delivery.ts';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { call, expectInvalid, expectRefused, failure, submit } from './support.ts';

/** What claim_outbox gives back: the shape the functions' sender reads. */
type ClaimedEmail = OutboxEmail;

async function queue(sql: postgres.Sql, count: number, { urgent = false, ageSeconds = 0 } = {}): Promise<string[]> {
  const rows = await sql`
    insert into private.outbox (idempotency_key, kind, recipient, facts, urgent, created_at)
    select 'test:' || gen_random_uuid(), 'test_email', 'someone@example.nhs.net', jsonb_build_object('reference', 'Email ' || n), ${urgent},
           now() - make_interval(secs => ${ageSeconds}::int) + make_interval(secs => n)
      from generate_series(1, ${count}::int) as n
    returning id`;
  return rows.map((row) => row['id'] as string);
}

const claim = (sql: postgres.Sql, batch: number, visibility = 120) => call<ClaimedEmail[]>(sql, 'claim_outbox', batch, visibility);

for (const target of databaseTargets()) {
  describe(`outbox and rate limits on ${target.name}`, () => {
    const db = useDatabase(target);
    beforeEach(async () => {
      await db.sql`delete from private.outbox`;
    });

    describe('claim_outbox', () => {
      test('hands out due emails, urgent first then oldest, and hides them while claimed', async () => {
        const ordinary = await queue(db.sql, 3, { ageSeconds: 600 });
        const [urgent] = await queue(db.sql, 1, { urgent: true });
        const batch = await claim(db.sql, 3);
        expect(batch.map((email) => email.id)).toEqual([urgent, ordinary[0], ordinary[1]]);
        expect(batch[0]).toMatchObject({ urgent: true, to: 'someone@example.nhs.net', kind: 'test_email', attempts: 1, idempotencyKey: expect.stringMatching(/^test:/) });
        // The claimed three are hidden; only the last is left.
        expect((await claim(db.sql, 10)).map((email) => email.id)).toEqual([ordinary[2]]);
        expect(await claim(db.sql, 10)).toEqual([]);
      });

      test('a claim whose sender died comes back after the visibility timeout', async () => {
        const [id] = await queue(db.sql, 1);
        expect((await claim(db.sql, 1, 60)).map((email) => email.id)).toEqual([id]);
        expect(await claim(db.sql, 1, 60)).toEqual([]);
        const [row] = await db.sql`select available_at - now() between interval '59 seconds' and interval '61 seconds' as hidden from private.outbox where id = ${id!}`;
        expect(row!['hidden']).toBe(true);
        await db.sql`update private.outbox set available_at = now() - interval '1 second' where id = ${id!}`;
        const again = await claim(db.sql, 1, 60);
        expect(again).toEqual([expect.objectContaining({ id, attempts: 2 })]);
      });

      test('refuses nonsense batch sizes', async () => {
        await expectInvalid(claim(db.sql, 0), 'outbox_arguments_invalid', 'batch_size');
        await expectInvalid(claim(db.sql, 10, 0), 'outbox_arguments_invalid', 'batch_size');
      });

      test.runIf(target.name === 'PostgreSQL')('two senders at once never get the same email (skip locked)', async () => {
        await queue(db.sql, 10);
        const other = connect(db.url, 1);
        try {
          // The first sender's claim is still open (its transaction holds the row locks)
          // when the second claims: the second skips the locked rows instead of waiting.
          let second: ClaimedEmail[] = [];
          const first = await db.sql.begin(async (tx) => {
            const claimed = await call<ClaimedEmail[]>(tx, 'claim_outbox', 6, 120);
            second = await claim(other, 10);
            return claimed;
          });
          expect(first).toHaveLength(6);
          expect(second).toHaveLength(4);
          const ids = new Set([...first, ...second].map((email) => email.id));
          expect(ids.size).toBe(10);
        } finally {
          await other.end();
        }
      });
    });

    describe('the facts an email is drawn from', () => {
      const write = (facts: unknown) => db.sql`
        insert into private.outbox (idempotency_key, kind, recipient, facts)
        values (${`test:${randomUUID()}`}, 'test_email', 'someone@example.nhs.net', ${db.sql.json(facts as postgres.JSONValue)})`;

      test('references, ratings, areas, dates and counts are kept', async () => {
        await write({ reference: 'DSR-B47H-7KB4', rating: 'red', area: 'Riverton City', ratingAgreedOn: '2026-11-24', matchedPeople: 1, contactBy: ['email'] });
        // The longest email address there can be: an account waiting for approval names it to the team.
        await write({ accountEmail: `${'a'.repeat(64)}@${'b'.repeat(185)}.net` });
      });

      test.each([
        ['a person’s name', { givenName: 'Ottoline' }],
        ['a date of birth', { dateOfBirth: '2011-05-17' }],
        ['an NHS number', { nhsNumber: '9434765919' }],
        ['a postcode', { postcode: 'ST4 1AA' }],
        ['free text about the person', { ratingReason: 'Placement breaking down.' }],
        ['a long text under an allowed name', { area: 'x'.repeat(255) }],
        ['an object hiding more facts', { reference: { givenName: 'Ottoline' } }],
        ['a list holding an object', { contactBy: [{ phone: '07700 900123' }] }],
      ])('%s is refused by the table itself', async (_, facts) => {
        expect((await failure(write(facts))).code).toBe('23514');
      });
    });

    describe('mark_outbox_sent', () => {
      test('marks an email sent, once, and it is never claimed again', async () => {
        const [id] = await queue(db.sql, 1);
        await claim(db.sql, 1);
        expect(await call(db.sql, 'mark_outbox_sent', id!, 'resend-123')).toEqual({ id, status: 'sent' });
        expect(await call(db.sql, 'mark_outbox_sent', id!, null)).toEqual({ id, status: 'sent' });
        const [row] = await db.sql`select status, provider_message_id, sent_at is not null as sent from private.outbox where id = ${id!}`;
        expect(row).toEqual({ status: 'sent', provider_message_id: 'resend-123', sent: true });
        await db.sql`update private.outbox set available_at = now() - interval '1 hour' where id = ${id!}`;
        expect(await claim(db.sql, 10)).toEqual([]);
      });

      test('an unknown email is refused', async () => {
        await expectRefused(call(db.sql, 'mark_outbox_sent', randomUUID(), null), 'outbox_message_not_found');
        await expectRefused(call(db.sql, 'mark_outbox_failed', randomUUID(), 'x', 10), 'outbox_message_not_found');
      });
    });

    describe('mark_outbox_sent_many', () => {
      const sentMany = (sql: postgres.Sql, sent: unknown) => submit<{ status: string; count: number }>(sql, 'mark_outbox_sent_many', sent);

      test('marks a batch sent in one call, each email once, and none is claimed again', async () => {
        const ids = await queue(db.sql, 3);
        await claim(db.sql, 3);
        expect(await sentMany(db.sql, [{ id: ids[0], providerMessageId: 'resend-1' }, { id: ids[1], providerMessageId: null }])).toEqual({ status: 'sent', count: 2 });
        const rows = await db.sql`select id, status, provider_message_id, sent_at from private.outbox order by created_at`;
        expect(rows.map((row) => [row['status'], row['provider_message_id']])).toEqual([
          ['sent', 'resend-1'],
          ['sent', null],
          ['pending', null],
        ]);
        await db.sql`update private.outbox set available_at = now() - interval '1 hour'`;
        expect((await claim(db.sql, 10)).map((email) => email.id)).toEqual([ids[2]]);
      });

      test('is idempotent: marking again changes nothing, and keeps the first provider id and time', async () => {
        const ids = await queue(db.sql, 2);
        await claim(db.sql, 2);
        await sentMany(db.sql, ids.map((id, n) => ({ id, providerMessageId: `resend-${n}` })));
        const [before] = await db.sql`select array_agg(sent_at order by created_at) as times from private.outbox`;
        expect(await sentMany(db.sql, ids.map((id) => ({ id, providerMessageId: null })))).toEqual({ status: 'sent', count: 2 });
        // The same email twice in one call counts once.
        expect(await sentMany(db.sql, [{ id: ids[0] }, { id: ids[0] }])).toEqual({ status: 'sent', count: 1 });
        const rows = await db.sql`select provider_message_id, sent_at from private.outbox order by created_at`;
        expect(rows.map((row) => row['provider_message_id'])).toEqual(['resend-0', 'resend-1']);
        expect(rows.map((row) => row['sent_at'])).toEqual(before!['times']);
      });

      test('an unknown email in the batch is refused and nothing in it is marked', async () => {
        const [id] = await queue(db.sql, 1);
        await claim(db.sql, 1);
        await expectRefused(sentMany(db.sql, [{ id }, { id: randomUUID() }]), 'outbox_message_not_found');
        const [row] = await db.sql`select status from private.outbox where id = ${id!}`;
        expect(row!['status']).toBe('pending');
      });

      test.each([
        ['JSON null', null],
        ['an empty list', []],
        ['not a list', { id: randomUUID() }],
        ['an entry without an id', [{ providerMessageId: 'x' }]],
        ['an id that is not a uuid', [{ id: 'not-a-uuid' }]],
        ['a provider id that is not text', [{ id: randomUUID(), providerMessageId: 7 }]],
        ['more than 500 emails', Array.from({ length: 501 }, () => ({ id: randomUUID() }))],
      ])('%s is refused as bad input', async (_, sent) => {
        await expectInvalid(sentMany(db.sql, sent), 'outbox_arguments_invalid', 'sent');
      });

      test('SQL null is refused as bad input', async () => {
        await expectInvalid(call(db.sql, 'mark_outbox_sent_many', null), 'outbox_arguments_invalid', 'sent');
      });
    });

    describe('mark_outbox_failed', () => {
      async function failAfter(attempts: number, maxAttempts = 10) {
        const [id] = await queue(db.sql, 1);
        await db.sql`update private.outbox set attempts = ${attempts} where id = ${id!}`;
        const result = await call<{ status: string; nextAttemptAt: string | null; attempts: number }>(db.sql, 'mark_outbox_failed', id!, 'Resend said 500', maxAttempts);
        const [row] = await db.sql`
          select round(extract(epoch from available_at - now()))::int as wait_seconds, last_error, needs_attention
            from private.outbox where id = ${id!}`;
        return { id: id!, result, ...(row as { wait_seconds: number; last_error: string; needs_attention: boolean }) };
      }

      test('backs off exponentially from one minute', async () => {
        const waits = [];
        for (const attempts of [1, 2, 3, 4, 5]) waits.push((await failAfter(attempts)).wait_seconds);
        expect(waits).toEqual([60, 120, 240, 480, 960]);
      });

      test('never waits more than 24 hours', async () => {
        const { wait_seconds, result } = await failAfter(12, 20);
        expect(wait_seconds).toBe(24 * 3600);
        expect(result.status).toBe('pending');
      });

      test('keeps the error for the team and lets the email be claimed again when due', async () => {
        const { id, last_error, result } = await failAfter(1);
        expect(last_error).toBe('Resend said 500');
        expect(result).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: expect.any(String) });
        await db.sql`update private.outbox set available_at = now() where id = ${id}`;
        expect((await claim(db.sql, 5)).map((email) => email.id)).toEqual([id]);
      });

      test('gives up after the last attempt, flags it and writes an audit event', async () => {
        const { id, result, needs_attention } = await failAfter(10, 10);
        expect(result).toMatchObject({ status: 'failed', attempts: 10, nextAttemptAt: null });
        expect(needs_attention).toBe(true);
        const [audit] = await db.sql`select detail from private.audit_events where action = 'email_gave_up' and detail->>'outboxId' = ${id}`;
        expect(audit!['detail']).toMatchObject({ kind: 'test_email', attempts: 10 });
        await db.sql`update private.outbox set available_at = now() - interval '1 day' where id = ${id}`;
        expect(await claim(db.sql, 5)).toEqual([]);
        // Failing it again changes nothing.
        expect(await call(db.sql, 'mark_outbox_failed', id, 'again', 10)).toMatchObject({ status: 'failed' });
      });

      test('the table refuses a failed email that is not flagged', async () => {
        const [id] = await queue(db.sql, 1);
        expect((await failure(db.sql`update private.outbox set status = 'failed' where id = ${id!}`)).code).toBe('23514');
      });
    });

    describe('hit_rate_limit', () => {
      test('counts hits in the window and says when the caller is over', async () => {
        const key = `sign-in:${randomUUID()}`;
        const results = [];
        for (let i = 0; i < 4; i++) results.push(await call<{ limited: boolean; hits: number; retryAfterSeconds: number }>(db.sql, 'hit_rate_limit', key, 3, 60));
        expect(results.map((r) => [r.hits, r.limited])).toEqual([[1, false], [2, false], [3, false], [4, true]]);
        expect(results[3]!.retryAfterSeconds).toBeGreaterThan(55);
        expect(results[3]!.retryAfterSeconds).toBeLessThanOrEqual(60);
        // Another key is counted apart.
        expect(await call(db.sql, 'hit_rate_limit', `${key}:other`, 3, 60)).toMatchObject({ hits: 1, limited: false });
      });

      test('a new window starts the count again', async () => {
        const key = `register:${randomUUID()}`;
        for (let i = 0; i < 5; i++) await call(db.sql, 'hit_rate_limit', key, 3, 60);
        await db.sql`update private.rate_limits set window_started_at = now() - interval '61 seconds' where key = ${key}`;
        expect(await call(db.sql, 'hit_rate_limit', key, 3, 60)).toMatchObject({ hits: 1, limited: false, retryAfterSeconds: 0 });
      });

      test('refuses nonsense arguments', async () => {
        await expectInvalid(call(db.sql, 'hit_rate_limit', '', 3, 60), 'rate_limit_arguments_invalid', 'key');
        await expectInvalid(call(db.sql, 'hit_rate_limit', 'k', 0, 60), 'rate_limit_arguments_invalid', 'key');
        await expectInvalid(call(db.sql, 'hit_rate_limit', 'k', 3, 0), 'rate_limit_arguments_invalid', 'key');
      });

      test.runIf(target.name === 'PostgreSQL')('counts every one of many hits at once', async () => {
        const key = `burst:${randomUUID()}`;
        const pool = connect(db.url, 8);
        try {
          const results = await Promise.all(
            Array.from({ length: 60 }, () => call<{ limited: boolean; hits: number }>(pool, 'hit_rate_limit', key, 50, 600)),
          );
          expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
          expect(results.filter((r) => r.limited)).toHaveLength(10);
        } finally {
          await pool.end();
        }
      });
    });

    test('purge_expired removes spent tokens, dead sessions, stale counters and old sent emails', async () => {
      const [sent, fresh] = await queue(db.sql, 2);
      await db.sql`update private.outbox set status = 'sent', sent_at = now() - interval '31 days' where id = ${sent!}`;
      await db.sql`insert into private.rate_limits (key, window_started_at, window_seconds, hits) values (${`old:${randomUUID()}`}, now() - interval '2 hours', 60, 3)`;
      const result = await call<Record<string, number>>(db.sql, 'purge_expired');
      expect(result['sentEmails']).toBe(1);
      expect(result['rateLimits']).toBeGreaterThanOrEqual(1);
      const remaining = await db.sql`select id from private.outbox`;
      expect(remaining.map((row) => row['id'])).toEqual([fresh]);
    });
  });
}
