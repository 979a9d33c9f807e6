// C(E)TRs on a person's record (their recommendations, each status kept as history, and
// the rating review each brings, written as team_review_rating writes it) and the figures
// (the register now and at each month end, new referrals and rating changes a month, the
// reviews overdue), the month ends' CSV (counts only) and the register's export with
// personal details (audited). Each test works in a rolled-back transaction on an emptied
// register, so its counts are its own.
import { describe, expect, test } from 'vitest';
import type postgres from 'postgres';
import { reviewTypes } from '../../src/content/rules.ts';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { call, dateFromToday, expectInvalid, expectRefused, inRolledBackTransaction, referralPayload, registerProfessional, submit } from './support.ts';
import { signedInProfessional, signedInTeamMember } from './team-support.ts';

type Sql = postgres.Sql;
type Json = Record<string, unknown>;

const onEmptyRegister = <T>(sql: Sql, work: (tx: Sql) => Promise<T>) =>
  inRolledBackTransaction(sql, async (tx) => {
    await tx`delete from private.people`;
    await tx`delete from private.figures_month_ends`;
    return work(tx as unknown as Sql);
  });

/** Inside the transaction, a statement that must fail runs in its own savepoint (or it would end the transaction). */
const inSavepoint = (sql: Sql, work: (tx: Sql) => Promise<unknown>) =>
  (sql as unknown as postgres.TransactionSql).savepoint((tx) => work(tx as unknown as Sql));

async function recordCetr(sql: Sql, sessionToken: string | null, payload: Json): Promise<Json> {
  const [row] = await sql`select public.team_record_cetr(${sessionToken}, ${sql.json(payload as postgres.JSONValue)}::jsonb) as result`;
  return row!['result'] as Json;
}

interface Cetrs {
  nextDue: { dueOn: string; months: number | null; overdue: boolean } | null;
  cetrs: { kind: string; setting: string; heldOn: string; review: { rating: string; reason: string };
           recommendations: { id: string; recommendation: string; owner: string; status: string; history: { status: string }[] }[] }[];
}

for (const target of databaseTargets()) {
  describe(`C(E)TRs and the figures on ${target.name}`, () => {
    const db = useDatabase(target);

    test('a C(E)TR is recorded with its recommendations and its rating review (a new review, prompted by cetr); status changes are kept', async () => {
      await onEmptyRegister(db.sql, async (sql) => {
        const { sessionToken } = await signedInTeamMember(sql);
        const { professionalId } = await registerProfessional(sql);
        const { reference } = await submit<{ reference: string }>(sql, 'submit_referral', referralPayload(professionalId, { rating: 'amber' }));
        const heldOn = await dateFromToday(sql, { days: -10 });
        await sql`update private.referrals set created_at = now() - interval '30 days', rating_agreed_on = private.today() - 30 where reference = ${reference}`;
        const before = await sql`select * from private.rating_reviews`;
        await recordCetr(sql, sessionToken, {
          reference, kind: 'cetr', setting: 'inpatient', heldOn, rating: 'red', reason: 'The panel agreed RED.',
          recommendations: [{ recommendation: 'Find a community placement.', owner: 'Social worker' }, { recommendation: '', owner: '' },
                            { recommendation: 'Review medication.', owner: 'Psychiatrist' }],
        });
        const reviews = await sql`select rating, rating_agreed_on::text as on, prompted_by from private.rating_reviews`;
        expect(before).toEqual([]);
        expect(reviews).toEqual([{ rating: 'red', on: heldOn, prompted_by: 'cetr' }]);
        // The current rating is the C(E)TR's.
        expect((await sql`select rating from private.people_now`)[0]).toEqual({ rating: 'red' });
        let cetrs = await call<Cetrs>(sql, 'team_person_cetrs', sessionToken, reference);
        expect(cetrs.cetrs).toHaveLength(1);
        expect(cetrs.cetrs[0]!.recommendations.map((r) => [r.recommendation, r.owner, r.status])).toEqual([
          ['Find a community placement.', 'Social worker', 'open'], ['Review medication.', 'Psychiatrist', 'open'],
        ]);
        // Inpatient CETR: the next after the months content/review-types.json gives (3, NHS England's policy).
        const months = reviewTypes.find((review) => review.id === 'cetr')!.inHospitalEveryMonths;
        expect(months).toBe(3);
        const [due] = await sql`select (${heldOn}::date + make_interval(months => ${months}::int))::date::text as d`;
        expect(cetrs.nextDue).toMatchObject({ months, dueOn: due!['d'], overdue: false });
        // The database reads the content's copy: changed there (as `npm run rules:sql` would), the date moves.
        await sql`update private.review_types set in_hospital_every_months = 2 where id = 'cetr'`;
        const [sooner] = await sql`select (${heldOn}::date + interval '2 months')::date::text as d`;
        expect((await call<Cetrs>(sql, 'team_person_cetrs', sessionToken, reference)).nextDue).toMatchObject({ months: 2, dueOn: sooner!['d'] });
        await sql`update private.review_types set in_hospital_every_months = ${months} where id = 'cetr'`;

        const first = cetrs.cetrs[0]!.recommendations[0]!.id;
        await call(sql, 'team_set_recommendation_status', sessionToken, first, 'done');
        await expectRefused(inSavepoint(sql, (tx) => call(tx, 'team_set_recommendation_status', sessionToken, first, 'done')), 'recommendation_already');
        await call(sql, 'team_set_recommendation_status', sessionToken, first, 'open');
        cetrs = await call<Cetrs>(sql, 'team_person_cetrs', sessionToken, reference);
        expect(cetrs.cetrs[0]!.recommendations[0]!.history.map((h) => h.status)).toEqual(['open', 'done', 'open']);
        const audited = await sql`select action from private.audit_events where action like 'cetr%' order by happened_at, id`;
        expect(audited.map((row) => row['action'])).toEqual(['cetr_recorded', 'cetr_recommendation_status', 'cetr_recommendation_status']);

        // A community C(E)TR has no date due; the rating review is required; a future day is refused and nothing is kept.
        await recordCetr(sql, sessionToken, { reference, kind: 'cetr', setting: 'community', heldOn: await dateFromToday(sql, {}), rating: 'amber', reason: 'Better.' });
        expect((await call<Cetrs>(sql, 'team_person_cetrs', sessionToken, reference)).nextDue).toMatchObject({ months: null, dueOn: null });
        const tomorrow = await dateFromToday(sql, { days: 1 });
        await expectInvalid(inSavepoint(sql, (tx) => recordCetr(tx, sessionToken, { reference, kind: 'cetr', setting: 'community', heldOn, reason: 'x' })), 'required', 'rating');
        await expectInvalid(inSavepoint(sql, (tx) => recordCetr(tx, sessionToken, { reference, kind: 'cetr', setting: 'community', heldOn: tomorrow, rating: 'red', reason: 'x' })), 'in_future', 'heldOn');
        await expectInvalid(inSavepoint(sql, (tx) => recordCetr(tx, sessionToken, { reference, kind: 'cetr', setting: 'community', heldOn, rating: 'red', reason: 'x', recommendations: [{ recommendation: 'Do it.', owner: '' }] })), 'required', 'owner1');
        expect((await sql`select count(*)::int as n from private.cetrs`)[0]).toEqual({ n: 2 });

        // Erased with the person.
        await sql`delete from private.people`;
        for (const table of ['cetrs', 'cetr_recommendations', 'cetr_recommendation_statuses']) {
          expect((await sql.unsafe(`select count(*)::int as n from private.${table}`))[0]).toEqual({ n: 0 });
        }
        const [tables] = await sql`select private.erased_tables() as t`;
        expect(tables!['t']).toEqual(expect.arrayContaining(['private.cetrs', 'private.cetr_recommendations', 'private.cetr_recommendation_statuses']));
      });
    });

    test('the figures equal direct counts; month ends are kept by the purge job and survive an erasure; the CSV rows are counts only', async () => {
      await onEmptyRegister(db.sql, async (sql) => {
        const { sessionToken } = await signedInTeamMember(sql);
        const { professionalId } = await registerProfessional(sql);
        const made: string[] = [];
        for (const [rating, area, monthsAgo] of [['red', 'Riverton City', 3], ['amber', 'Riverton City', 2], ['green', 'Northshire Coast', 1], ['amber', 'Northshire Coast', 0]] as const) {
          const { reference } = await submit<{ reference: string }>(sql, 'submit_referral', referralPayload(professionalId, { rating, area }));
          await sql`update private.referrals set created_at = now() - make_interval(months => ${monthsAgo}::int) - interval '1 day',
                      rating_agreed_on = (now() - make_interval(months => ${monthsAgo}::int) - interval '1 day')::date where reference = ${reference}`;
          made.push(reference);
        }
        const figures = await call<{ now: { dimension: string; value: string; people: number }[]; monthEnds: { monthEnd: string; kept: boolean; dimension: string; value: string; people: number }[]; months: { month: string; newReferrals: number }[] }>(sql, 'team_figures', sessionToken);
        const count = (dimension: string, value: string) => figures.now.find((c) => c.dimension === dimension && c.value === value)?.people ?? 0;
        const direct = await sql`select rating, area, count(*)::int as n from private.people_now group by rollup (rating, area)`;
        expect(count('total', 'all')).toBe(direct.find((r) => r['rating'] === null)!['n']);
        for (const rating of ['red', 'amber', 'green']) {
          expect(count('rating', rating)).toBe(direct.filter((r) => r['rating'] === rating && r['area'] === null)[0]!['n']);
        }
        const [byArea] = await sql`select count(*)::int as n from private.people_now where area = 'Riverton City'`;
        expect(count('area', 'Riverton City')).toBe(byArea!['n']);
        const [overdue] = await sql`select count(*)::int as n from private.people_now as n join private.ratings as g on g.id = n.rating
                                     where private.today() - n.rating_agreed_on > g.review_within_days`;
        expect(count('overdue', 'yes')).toBe(overdue!['n']);
        // The last month end: everyone first referred by then.
        const ends = [...new Set(figures.monthEnds.map((e) => e.monthEnd))];
        expect(ends).toHaveLength(24);
        const last = ends.at(-1)!;
        const [onRegister] = await sql`select count(distinct person_id)::int as n from private.referrals where (created_at at time zone 'Europe/London')::date <= ${last}::date`;
        expect(figures.monthEnds.find((e) => e.monthEnd === last && e.dimension === 'total')).toMatchObject({ kept: false, people: onRegister!['n'] });
        expect(figures.months.reduce((sum, m) => sum + m.newReferrals, 0)).toBe(4);

        // Kept by the purge job, then an erasure: the kept month end stays as it was.
        await call(sql, 'purge_expired');
        await sql`delete from private.people where id = (select person_id from private.referrals where reference = ${made[0]!})`;
        const rows = await call<{ monthEnd: string; kept: boolean; dimension: string; value: string; people: number }[]>(sql, 'team_figures_month_ends', sessionToken);
        expect(rows.find((e) => e.monthEnd === last && e.dimension === 'total')).toMatchObject({ kept: true, keptOn: await dateFromToday(sql, {}), people: onRegister!['n'] });
        // Counts only: every row has exactly these keys, and no reference or name anywhere.
        for (const row of rows) expect(Object.keys(row).toSorted()).toEqual(['dimension', 'kept', 'keptOn', 'monthEnd', 'people', 'value']);
        expect(JSON.stringify(rows)).not.toMatch(/DSR-|Quarrington|given/i);
        const audited = await sql`select action, detail from private.audit_events where action in ('figures_viewed', 'figures_downloaded')`;
        expect(audited.map((row) => row['action']).toSorted()).toEqual(['figures_downloaded', 'figures_viewed']);
      });
    });

    test('time from referral to first meeting: per month first referred, the people discussed (an outcome recorded) and the median days to the first such meeting', async () => {
      await onEmptyRegister(db.sql, async (sql) => {
        const { sessionToken, teamMemberId } = await signedInTeamMember(sql);
        const { professionalId } = await registerProfessional(sql);
        // Three people first referred 20 days ago; two discussed (after 4 and 10 days, the first again later), one on an agenda without an outcome.
        const people: string[] = [];
        for (let n = 0; n < 3; n++) {
          const { reference } = await submit<{ reference: string }>(sql, 'submit_referral', referralPayload(professionalId, { rating: 'amber' }));
          await sql`update private.referrals set created_at = (private.today() - 20)::timestamp at time zone 'Europe/London' + interval '12 hours' where reference = ${reference}`;
          const [row] = await sql`select person_id from private.referrals where reference = ${reference}`;
          people.push(row!['person_id'] as string);
        }
        const meeting = async (daysAfter: number) => {
          const [made] = await sql`insert into private.meetings (kind, area, held_on, created_by)
                                   values ('tracking', 'Riverton City', private.today() - 20 + ${daysAfter}::int, ${teamMemberId}) returning id`;
          return made!['id'] as string;
        };
        const discussed = async (meetingId: string, personId: string, outcome: string | null) =>
          sql`insert into private.meeting_people (meeting_id, person_id, reasons, outcome, recorded_at, recorded_by)
              values (${meetingId}, ${personId}, array['amber'], ${outcome}::text,
                      case when ${outcome}::text is null then null else now() end, case when ${outcome}::text is null then null else ${teamMemberId}::uuid end)`;
        const early = await meeting(4);
        const later = await meeting(10);
        await discussed(early, people[0]!, 'Agreed extra support.');
        await discussed(later, people[0]!, 'Reviewed again.');
        await discussed(later, people[1]!, 'Agreed a C(E)TR.');
        await discussed(early, people[2]!, null);
        const figures = await call<{ months: { month: string; newReferrals: number; discussed: number; medianDaysToFirstMeeting: number | null }[] }>(sql, 'team_figures', sessionToken);
        const [{ month }] = (await sql`select date_trunc('month', private.today() - 20)::date::text as month`) as unknown as [{ month: string }];
        expect(figures.months.find((m) => m.month === month)).toMatchObject({ newReferrals: 3, discussed: 2, medianDaysToFirstMeeting: 4 });
        expect(figures.months.filter((m) => m.month !== month).every((m) => m.discussed === 0 && m.medianDaysToFirstMeeting === null)).toBe(true);
      });
    });

    test('overdue actions: now, as the Actions list counts them, and at each month end, as they stood then (agreed, past due and not done)', async () => {
      await onEmptyRegister(db.sql, async (sql) => {
        await sql`delete from private.meetings`;
        const { sessionToken, teamMemberId } = await signedInTeamMember(sql);
        const { professionalId } = await registerProfessional(sql);
        const { reference } = await submit<{ reference: string }>(sql, 'submit_referral', referralPayload(professionalId, { rating: 'amber' }));
        await sql`update private.referrals set created_at = now() - interval '100 days' where reference = ${reference}`;
        const [person] = await sql`select person_id from private.referrals where reference = ${reference}`;
        const [made] = await sql`insert into private.meetings (kind, area, held_on, created_by)
                                 values ('tracking', 'Riverton City', private.today() - 90, ${teamMemberId}) returning id`;
        // Each action placed around the last month end (`last`): the day it was agreed, the day it
        // is due and the day it was done (null: still open), each as days from that month end.
        const [{ last }] = (await sql`select max(d)::text as last from private.figures_month_end_dates() as d`) as unknown as [{ last: string }];
        const onDay = (days: number) => sql`(${last}::date + ${days}::int)::timestamp at time zone 'Europe/London' + interval '1 second'`;
        const action = async (agreed: number, due: number, done: number | null) => {
          await sql`insert into private.meeting_actions (meeting_id, person_id, what, owner, due_on, agreed_by, agreed_at, done_at, done_by, done_note)
                    values (${made!['id']}, ${person!['person_id']}, 'An action', 'An owner', ${last}::date + ${due}::int, ${teamMemberId},
                            ${onDay(agreed)}, ${done === null ? null : onDay(done)},
                            ${done === null ? null : teamMemberId}::uuid, ${done === null ? null : 'Done.'}::text)`;
        };
        await action(-30, -10, null); // overdue at the month end, still open: counted then and now
        await action(-30, -10, -1); // done before the month end: counted at neither
        await action(-30, -10, 1); // done the day after the month end: counted then, not now
        await action(-30, 0, null); // due on the month end itself: not overdue then, overdue now
        await action(1, -10, null); // agreed after the month end: not counted then, overdue now
        const figures = await call<{ now: { dimension: string; value: string; people: number }[]; monthEnds: { monthEnd: string; dimension: string; value: string; people: number }[] }>(sql, 'team_figures', sessionToken);
        // Now: the open ones past their day, as the Actions list marks them overdue.
        const listed = (await call<{ actions: { overdue: boolean }[] }>(sql, 'team_actions', sessionToken, null)).actions.filter((a) => a.overdue).length;
        expect(listed).toBe(3);
        expect(figures.now.find((c) => c.dimension === 'overdue_actions')).toEqual({ dimension: 'overdue_actions', value: 'all', people: 3 });
        // At the last month end, as they stood then: agreed by then, due before it, not done by its end.
        expect(figures.monthEnds.find((e) => e.monthEnd === last && e.dimension === 'overdue_actions')?.people).toBe(2);
        // Kept by the purge job like the rest.
        await call(sql, 'purge_expired');
        const [kept] = await sql`select people from private.figures_month_ends where month_end = ${last}::date and dimension = 'overdue_actions'`;
        expect(kept).toEqual({ people: 2 });
      });
    });

    test('month ends older than the last 24 are deleted by the purge job (the privacy notice: kept for 24 months)', async () => {
      await onEmptyRegister(db.sql, async (sql) => {
        const [oldest] = await sql`select min(d)::text as d from private.figures_month_end_dates() as d`;
        await sql`insert into private.figures_month_ends (month_end, dimension, value, people)
                  values (${oldest!['d']}::date - interval '1 month', 'total', 'all', 7), (${oldest!['d']}::date, 'total', 'all', 5)`;
        await call(sql, 'purge_expired');
        const kept = await sql`select month_end::text as m, people from private.figures_month_ends where dimension = 'total' order by month_end`;
        expect(kept).toHaveLength(24);
        expect(kept[0]).toEqual({ m: oldest!['d'], people: 5 });
      });
    });

    test('the register export has everyone with their details, and is audited with who and how many rows', async () => {
      await onEmptyRegister(db.sql, async (sql) => {
        const { sessionToken, teamMemberId } = await signedInTeamMember(sql);
        const { professionalId } = await registerProfessional(sql);
        await submit(sql, 'submit_referral', referralPayload(professionalId, { givenName: 'Exa' }));
        await submit(sql, 'submit_referral', referralPayload(professionalId, { givenName: 'Porta' }));
        const exported = await call<{ people: { givenName: string; nhsNumber: string }[] }>(sql, 'team_register_export', sessionToken);
        expect(exported.people.map((p) => p.givenName).toSorted()).toEqual(['Exa', 'Porta']);
        const [event] = await sql`select actor, detail from private.audit_events where action = 'register_exported'`;
        expect(event).toEqual({ actor: `team:${teamMemberId}`, detail: { rows: 2 } });
      });
    });

    test('a professional is refused every one of these, and nothing is written', async () => {
      const { sessionToken } = await signedInProfessional(db.sql);
      const before = (await db.sql`select count(*)::int as n from private.audit_events`)[0]!['n'];
      await expectRefused(recordCetr(db.sql, sessionToken, { reference: 'DSR-AAAA-BBBB' }), 'not_team');
      for (const [fn, ...args] of [['team_person_cetrs', 'DSR-AAAA-BBBB'], ['team_figures'], ['team_figures_month_ends'], ['team_register_export'],
                                    ['team_set_recommendation_status', '00000000-0000-4000-8000-000000000000', 'done']] as [string, ...string[]][]) {
        await expectRefused(call(db.sql, fn, sessionToken, ...args), 'not_team');
      }
      expect((await db.sql`select count(*)::int as n from private.audit_events`)[0]!['n']).toBe(before);
    });
  });
}
