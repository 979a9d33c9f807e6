// The register in the console (public.team_register): everyone on it, with their
// current rating and what the rules say for them today, filtered, sorted, a page of 50
// at a time, found by NHS number, DSR reference or name and date of birth, and the
// ratings due for review first (hazard HAZ-005). Each test works in a transaction that
// is rolled back, on an emptied register, so its counts are its own.
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type postgres from 'postgres';
import { ratings } from '../../src/content/ratings.ts';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { call, dateFromToday, expectInvalid, expectRefused, failure, inRolledBackTransaction, referralPayload, registerProfessional, submit } from './support.ts';

type Sql = postgres.Sql;

interface RegisterRow {
  reference: string;
  givenName: string;
  familyName: string;
  rating: string;
  area: string;
  ageGroup: string;
  keyworkerEligible: boolean;
  reviewType: string;
  ratingAgreedOn: string;
  daysSinceReview: number;
  reviewWithinDays: number;
  overdue: boolean;
}
interface Register {
  teamMember: { fullName: string };
  filters: Record<string, unknown>;
  found: boolean;
  page: number;
  pageSize: number;
  total: number;
  overdueTotal: number;
  people: RegisterRow[];
}

async function signedInTeamMember(sql: Sql, name = 'Rhea Register') {
  const email = `register.${randomUUID().slice(0, 8)}@example.nhs.net`;
  const { teamMemberId } = await call<{ teamMemberId: string }>(sql, 'add_team_member', email, name, 'test');
  const { token } = await call<{ token: string }>(sql, 'create_sign_in_token', email);
  const { sessionToken } = await call<{ sessionToken: string }>(sql, 'redeem_sign_in_token', token, email);
  return { teamMemberId, sessionToken };
}

async function register(sql: Sql, sessionToken: string | null, filters: Record<string, unknown> = {}): Promise<Register> {
  const [row] = await sql`select public.team_register(${sessionToken}, ${sql.json(filters as postgres.JSONValue)}::jsonb) as result`;
  return row!['result'] as Register;
}

/** A referral for someone new; `agreedDaysAgo` sets the day their rating was agreed. */
async function refer(sql: Sql, professionalId: string, overrides: Record<string, unknown> = {}, agreedDaysAgo?: number) {
  const made = await submit<{ reference: string }>(sql, 'submit_referral', referralPayload(professionalId, overrides));
  if (agreedDaysAgo !== undefined) {
    await sql`update private.referrals set rating_agreed_on = private.today() - ${agreedDaysAgo}::int where reference = ${made.reference}`;
  }
  return made.reference;
}

/** Runs the test's work on an empty register, then rolls everything back. */
const onEmptyRegister = <T>(sql: Sql, work: (tx: Sql) => Promise<T>) =>
  inRolledBackTransaction(sql, async (tx) => {
    await tx`delete from private.people`;
    return work(tx as unknown as Sql);
  });

const reviewIn = (id: string) => ratings.find((rating) => rating.id === id)!.reviewWithinDays;

for (const target of databaseTargets()) {
  describe(`the register on ${target.name}`, () => {
    const db = useDatabase(target);

    test('lists everyone with their current rating, what the rules say today, and the days since the rating was agreed', async () => {
      await onEmptyRegister(db.sql, async (sql) => {
        const { sessionToken } = await signedInTeamMember(sql);
        const { professionalId } = await registerProfessional(sql);
        const child = await refer(sql, professionalId, { givenName: 'Alys', rating: 'amber', area: 'Riverton City' }, 3);
        const adultBirth = await dateFromToday(sql, { years: -40 });
        const adult = await refer(sql, professionalId, { givenName: 'Bryn', rating: 'green', dateOfBirth: adultBirth, area: 'Northshire Coast' }, 10);
        const listed = await register(sql, sessionToken);
        expect(listed).toMatchObject({ teamMember: { fullName: 'Rhea Register' }, page: 1, pageSize: 50, total: 2, overdueTotal: 0, found: false });
        expect(listed.people.map((row) => [row.reference, row.givenName, row.rating, row.area, row.ageGroup, row.keyworkerEligible, row.reviewType, row.daysSinceReview, row.overdue])).toEqual([
          [child, 'Alys', 'amber', 'Riverton City', 'child', true, 'cetr', 3, false],
          [adult, 'Bryn', 'green', 'Northshire Coast', 'adult', false, 'ctr', 10, false],
        ]);
        // A review by the team is the current rating now (private.current_ratings), and resets the days.
        await sql`select public.team_review_rating(${sessionToken}, ${sql.json({ reference: adult, rating: 'red', ratingAgreedOn: await dateFromToday(sql, {}), reason: 'Crisis at home.', promptedBy: 'new_information' })}::jsonb)`;
        const after = await register(sql, sessionToken);
        expect(after.people.map((row) => [row.reference, row.rating, row.daysSinceReview])).toEqual([
          [adult, 'red', 0],
          [child, 'amber', 3],
        ]);
      });
    });

    test('HAZ-005: a rating past its review interval is listed as overdue, first among the ratings due for review; a review keeps the earlier rating and who reviewed it', async () => {
      await onEmptyRegister(db.sql, async (sql) => {
        const { sessionToken } = await signedInTeamMember(sql, 'Rowan Reviewer');
        const { professionalId } = await registerProfessional(sql);
        const redInterval = reviewIn('red');
        const fresh = await refer(sql, professionalId, { rating: 'green' }, 1);
        const due = await refer(sql, professionalId, { rating: 'red' }, redInterval);
        const overdue = await refer(sql, professionalId, { rating: 'red' }, redInterval + 1);
        const longOverdue = await refer(sql, professionalId, { rating: 'amber' }, reviewIn('amber') + 30);
        const listed = await register(sql, sessionToken, { sort: 'due' });
        expect(listed.people.map((row) => [row.reference, row.overdue])).toEqual([
          [longOverdue, true],
          [overdue, true],
          [due, false],
          [fresh, false],
        ]);
        expect(listed.overdueTotal).toBe(2);
        expect((await register(sql, sessionToken, { overdue: 'yes' })).people.map((row) => row.reference)).toEqual([overdue, longOverdue]);

        // The review: no longer overdue, and the record keeps the earlier rating with who agreed each.
        await sql`select public.team_review_rating(${sessionToken}, ${sql.json({ reference: overdue, rating: 'amber', ratingAgreedOn: await dateFromToday(sql, {}), reason: 'Reviewed at the tracking meeting.', promptedBy: 'tracking_meeting' })}::jsonb)`;
        expect((await register(sql, sessionToken, { overdue: 'yes' })).people.map((row) => row.reference)).toEqual([longOverdue]);
        const [record] = await sql`select public.team_person_record(${sessionToken}, ${overdue}) as r`;
        const history = (record!['r'] as { ratingHistory: { kind: string; rating: string; by: string }[] }).ratingHistory;
        expect(history.map((entry) => [entry.kind, entry.rating, entry.by.split(',')[0]])).toEqual([
          ['review', 'amber', 'Rowan Reviewer'],
          ['referral', 'red', expect.any(String)],
        ]);
      });
    });

    test('filters by area, rating, age group, keyworker eligibility, review type and overdue, together; sorts by rating, days or area', async () => {
      await onEmptyRegister(db.sql, async (sql) => {
        const { sessionToken } = await signedInTeamMember(sql);
        const { professionalId } = await registerProfessional(sql);
        const adultBirth = await dateFromToday(sql, { years: -30 });
        const made = {
          amberCity: await refer(sql, professionalId, { rating: 'amber', area: 'Riverton City' }, 5),
          amberCityOld: await refer(sql, professionalId, { rating: 'amber', area: 'Riverton City' }, 100),
          redCity: await refer(sql, professionalId, { rating: 'red', area: 'Riverton City' }, 2),
          amberNorth: await refer(sql, professionalId, { rating: 'amber', area: 'Northshire North' }, 7),
          adultAmberCity: await refer(sql, professionalId, { rating: 'amber', area: 'Riverton City', dateOfBirth: adultBirth }, 50),
        };
        const refs = async (filters: Record<string, unknown>) => (await register(sql, sessionToken, filters)).people.map((row) => row.reference);
        expect(await refs({ rating: 'amber', area: 'Riverton City' })).toEqual([made.amberCity, made.amberCityOld, made.adultAmberCity].toSorted());
        expect(await refs({ rating: 'amber', area: 'Riverton City', ageGroup: 'adult' })).toEqual([made.adultAmberCity]);
        expect(await refs({ keyworker: 'no' })).toEqual([made.adultAmberCity]);
        expect(await refs({ reviewType: 'ctr' })).toEqual([made.adultAmberCity]);
        expect(await refs({ keyworker: 'yes', area: 'Northshire North' })).toEqual([made.amberNorth]);
        expect(await refs({ area: 'Riverton City', overdue: 'yes' })).toEqual([made.adultAmberCity, made.amberCityOld].toSorted());
        expect(await refs({ area: 'Riverton East' })).toEqual([]);
        // Sorts: RED first then by reference; the most days first; by area.
        expect((await refs({}))[0]).toBe(made.redCity);
        expect(await refs({ sort: 'days' })).toEqual([made.amberCityOld, made.adultAmberCity, made.amberNorth, made.amberCity, made.redCity]);
        expect((await refs({ sort: 'area' }))[0]).toBe(made.amberNorth);
        const listed = await register(sql, sessionToken, { rating: 'amber', area: 'Riverton City', ageGroup: '', sort: 'days' });
        expect(listed.filters).toEqual({ area: 'Riverton City', rating: 'amber', ageGroup: null, keyworker: null, reviewType: null, overdue: false, sort: 'days' });
      });
    });

    test('pages of 50: the second page has the rest, and a page past the last is the last', async () => {
      await onEmptyRegister(db.sql, async (sql) => {
        const { sessionToken } = await signedInTeamMember(sql);
        const { professionalId } = await registerProfessional(sql);
        const made: string[] = [];
        for (let n = 0; n < 53; n++) made.push(await refer(sql, professionalId, { rating: 'green' }));
        made.sort();
        const first = await register(sql, sessionToken);
        expect([first.total, first.page, first.people.length]).toEqual([53, 1, 50]);
        expect(first.people.map((row) => row.reference)).toEqual(made.slice(0, 50));
        const second = await register(sql, sessionToken, { page: '2' });
        expect([second.page, second.people.map((row) => row.reference)]).toEqual([2, made.slice(50)]);
        expect((await register(sql, sessionToken, { page: 9 })).page).toBe(2);
      });
    });

    test('finds a person by NHS number, by any of their DSR references, or by exact name and date of birth', async () => {
      await onEmptyRegister(db.sql, async (sql) => {
        const { sessionToken } = await signedInTeamMember(sql);
        const { professionalId } = await registerProfessional(sql);
        const nhs = '9434765919';
        const first = await refer(sql, professionalId, { givenName: 'Mair', familyName: 'Ap-Rhys', dateOfBirth: '2012-03-04', nhsNumber: nhs });
        // A second referral of the same person (same NHS number): one row, under the latest reference.
        const second = await refer(sql, professionalId, { givenName: 'Mair', familyName: 'Ap-Rhys', dateOfBirth: '2012-03-04', nhsNumber: nhs, rating: 'red', ratingAgreedOn: '2026-11-03' });
        const other = await refer(sql, professionalId, { givenName: 'Mair', familyName: 'Ap-Rhys', dateOfBirth: '2012-03-05' });
        const found = async (filters: Record<string, unknown>) => (await register(sql, sessionToken, filters)).people.map((row) => row.reference);
        expect(await found({ q: '943 476 5919' })).toEqual([second]);
        expect(await found({ q: first.toLowerCase() })).toEqual([second]);
        expect(await found({ name: 'mair ap rhys', dateOfBirth: '2012-03-04' })).toEqual([second]);
        expect(await found({ name: 'Mair Ap-Rhys', dateOfBirth: '2012-03-05' })).toEqual([other]);
        expect(await found({ name: 'Mair', dateOfBirth: '2012-03-04' })).toEqual([]);
        expect(await found({ q: '9434765919', rating: 'amber' })).toEqual([]);
        expect((await register(sql, sessionToken, { q: nhs })).found).toBe(true);
      });
    });

    test('bad filters and a bad find are refused with the form’s codes, and nothing is listed or audited', async () => {
      await onEmptyRegister(db.sql, async (sql) => {
        const { sessionToken } = await signedInTeamMember(sql);
        const audits = async () => Number((await sql`select count(*) as n from private.audit_events where action = 'register_listed'`)[0]!['n']);
        const before = await audits();
        const cases: [Record<string, unknown>, string, string][] = [
          [{ area: 'Atlantis' }, 'unknown', 'area'],
          [{ rating: 'purple' }, 'unknown', 'rating'],
          [{ ageGroup: 'toddler' }, 'unknown', 'ageGroup'],
          [{ keyworker: 'maybe' }, 'unknown', 'keyworker'],
          [{ reviewType: 'leap' }, 'unknown', 'reviewType'],
          [{ overdue: 'no' }, 'unknown', 'overdue'],
          [{ sort: 'name' }, 'unknown', 'sort'],
          [{ page: '0' }, 'format', 'page'],
          [{ page: 'two' }, 'format', 'page'],
          [{ q: '9434765918' }, 'format', 'q'],
          [{ q: 'DSR-1111-0000' }, 'format', 'q'],
          [{ name: 'Mair Ap-Rhys' }, 'required', 'dateOfBirth'],
          [{ dateOfBirth: '2012-03-04' }, 'required', 'name'],
          [{ name: 'Mair', dateOfBirth: '2012-02-30' }, 'not_real', 'dateOfBirth'],
          [{ name: 'x'.repeat(201), dateOfBirth: '2012-02-03' }, 'too_long', 'name'],
        ];
        for (const [filters, code, field] of cases) {
          await expectInvalid((sql as unknown as postgres.TransactionSql).savepoint((sp) => register(sp as unknown as Sql, sessionToken, filters)), code, field);
        }
        expect(await audits()).toBe(before);
      });
    });

    test('each listing is audited once: who, the filters and how the find was made, never a name or what was typed', async () => {
      await onEmptyRegister(db.sql, async (sql) => {
        const { sessionToken, teamMemberId } = await signedInTeamMember(sql);
        const { professionalId } = await registerProfessional(sql);
        await refer(sql, professionalId, { givenName: 'Ifor', familyName: 'Secretname', nhsNumber: '9434765870' });
        await register(sql, sessionToken, { area: 'Riverton City', rating: 'amber', name: 'Ifor Secretname', dateOfBirth: '2011-05-17', q: '9434765870' });
        const events = await sql`select actor, refs, detail from private.audit_events where action = 'register_listed'`;
        expect(events).toEqual([
          {
            actor: `team:${teamMemberId}`,
            refs: [],
            detail: { filters: { area: 'Riverton City', rating: 'amber', overdue: false, sort: 'rating' }, findBy: 'nhs_number+name_and_birth_date', page: 1, shown: 0 },
          },
        ]);
        expect(JSON.stringify(events)).not.toMatch(/Secretname|Ifor|9434765870/);
      });
    });

    test('refuses a professional’s session (not_team), no session and a made-up one, before reading the filters', async () => {
      const { professionalId } = await registerProfessional(db.sql);
      const { email } = await registerProfessional(db.sql);
      const { token } = await call<{ token: string }>(db.sql, 'create_sign_in_token', email);
      const { sessionToken } = await call<{ sessionToken: string }>(db.sql, 'redeem_sign_in_token', token, email);
      expect(professionalId).toBeTruthy();
      await expectRefused(register(db.sql, sessionToken, {}), 'not_team');
      await expectRefused(register(db.sql, sessionToken, { area: 'Atlantis' }), 'not_team');
      await expectRefused(register(db.sql, null, {}), 'session_invalid');
      expect(await failure(register(db.sql, 'made-up-session-token-that-nobody-was-ever-given-xx', { q: 'nonsense' }))).toMatchObject({ code: 'P0001', message: 'session_invalid' });
    });
  });
}
