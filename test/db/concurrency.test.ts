// Many referrals at once, on real PostgreSQL (PGlite runs one statement at a time, so
// it cannot show a race). Every one must be kept, once, with its own reference.
import { describe, expect, test } from 'vitest';
import { connect } from '../../scripts/database.ts';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { nhsNumber, referralPayload, registerProfessional, submit, uniqueFamilyName } from './support.ts';

const server = databaseTargets().find((target) => target.name === 'PostgreSQL');

describe.runIf(server)('referrals at once on PostgreSQL', () => {
  const db = useDatabase(server!);

  test('200 submit_referral calls from 8 connections give 200 referrals, 400 emails and 200 references', async () => {
    const { professionalId } = await registerProfessional(db.sql);
    const pool = connect(db.url, 8);
    try {
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          submit<{ reference: string }>(pool, 'submit_referral', referralPayload(professionalId, { nhsNumber: nhsNumber(), rating: i % 10 === 0 ? 'red' : 'amber' })),
        ),
      );
      const [backends] = await db.sql`select count(*)::int as n from pg_stat_activity where datname = current_database()`;
      expect(backends!['n']).toBeGreaterThanOrEqual(8);
      expect(new Set(results.map((r) => r.reference)).size).toBe(200);
      const [counts] = await db.sql`
        select (select count(*) from private.referrals)::int as referrals,
               (select count(distinct reference) from private.referrals)::int as "references",
               (select count(*) from private.outbox where kind in ('referral_team', 'referral_receipt'))::int as emails,
               (select count(*) from private.outbox where urgent)::int as urgent`;
      expect(counts).toEqual({ referrals: 200, references: 200, emails: 400, urgent: 20 });
    } finally {
      await pool.end();
    }
  }, 60_000);

  // Issue 11, finding 1: details never merge people, so only the NHS number finds the one entry; the
  // referrals without it each make their own, and every one is put to the DSR team as a likely match.
  test('referrals for one new person arriving at once: one entry by NHS number, and every other entry marked as a likely match', async () => {
    const { professionalId } = await registerProfessional(db.sql);
    const familyName = uniqueFamilyName();
    const nhs = nhsNumber();
    const pool = connect(db.url, 8);
    try {
      const results = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          submit<{ personId: string; existingPerson: boolean }>(pool, 'submit_referral', referralPayload(professionalId, {
            familyName,
            // Half know the NHS number, half do not.
            ...(i % 2 === 0 ? { nhsNumber: nhs } : { nhsNumber: null, nhsNumberUnknownReason: 'Not to hand.' }),
          })),
        ),
      );
      const withNumber = results.filter((_, i) => i % 2 === 0);
      expect(new Set(withNumber.map((r) => r.personId)).size).toBe(1);
      expect(withNumber.filter((r) => !r.existingPerson)).toHaveLength(1);
      const [person] = await db.sql`select nhs_number from private.people where id = ${withNumber[0]!.personId}`;
      expect(person!['nhs_number']).toBe(nhs);
      const entries = [...new Set(results.map((r) => r.personId))];
      expect(entries).toHaveLength(9);
      // Taking turns, each entry after the first saw an earlier one: 8 questions, one for each.
      const questions = await db.sql`
        select person_id from private.identity_questions where kind = 'likely_match' and person_id in ${db.sql(entries)}`;
      expect(questions).toHaveLength(8);
      expect(new Set(questions.map((q) => q['person_id'])).size).toBe(8);
    } finally {
      await pool.end();
    }
  }, 60_000);
});
