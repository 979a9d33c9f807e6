// Meetings (supabase/migrations/20261125000880_meetings.sql): an area's tracking meeting
// and its agenda drawn from the register, people added and taken off (the reason kept),
// what was agreed for each (a rating changed is a new rating review, the earlier kept),
// actions followed up (done once), meetings by exception for RED, the weekly digest, and
// every function refusing anyone outside the team. Each test works in a transaction that
// is rolled back, on an emptied register.
import { describe, expect, test } from 'vitest';
import type postgres from 'postgres';
import { ratings } from '../../src/content/ratings.ts';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { call, dateFromToday, expectInvalid, expectRefused, failure, inRolledBackTransaction, referralPayload, registerProfessional, submit } from './support.ts';
import { signedInProfessional, signedInTeamMember } from './team-support.ts';

type Sql = postgres.Sql;
type Json = Record<string, unknown>;
interface MeetingPerson { reference: string; givenName: string | null; familyName: string | null; rating: string; reasons: string[]; removedAt: string | null; removalReason: string | null; outcome: string | null; ratingChangedTo: string | null; actions: { id: string; what: string; owner: string; dueOn: string; doneAt: string | null; thisMeeting: boolean }[] }
interface Meeting { meeting: { id: string; kind: string; area: string; heldOn: string }; withNames: boolean; people: MeetingPerson[] }

const onEmptyRegister = <T>(sql: Sql, work: (tx: Sql) => Promise<T>) =>
  inRolledBackTransaction(sql, async (tx) => {
    await tx`delete from private.people`;
    await tx`delete from private.meetings`;
    return work(tx as unknown as Sql);
  });

async function refer(sql: Sql, professionalId: string, overrides: Json = {}, agreedDaysAgo?: number) {
  const made = await submit<{ reference: string }>(sql, 'submit_referral', referralPayload(professionalId, overrides));
  if (agreedDaysAgo !== undefined) {
    await sql`update private.referrals set rating_agreed_on = private.today() - ${agreedDaysAgo}::int, created_at = now() - make_interval(days => ${agreedDaysAgo}::int) where reference = ${made.reference}`;
  }
  return made.reference;
}
/** Each call in a savepoint of the test's transaction, so a refusal leaves the transaction usable. */
const inSavepoint = <T>(sql: Sql, work: (s: Sql) => Promise<T>): Promise<T> =>
  (sql as unknown as postgres.TransactionSql).savepoint((s) => work(s as unknown as Sql)) as Promise<T>;
const c = <T = Json>(sql: Sql, fn: string, ...args: (string | null)[]) => inSavepoint(sql, (s) => call<T>(s, fn, ...args));
const withPayload = <T = Json>(sql: Sql, fn: string, sessionToken: string | null, payload: Json, ...before: string[]): Promise<T> =>
  inSavepoint(sql, async (s) => {
    const args = [sessionToken, ...before];
    const placeholders = args.map((_, i) => `$${i + 1}`).join(', ');
    const [row] = await s.unsafe(`select public.${fn}(${placeholders}, ($${args.length + 1}::text)::jsonb) as result`, [...args, JSON.stringify(payload)] as string[]);
    return row!['result'] as T;
  });
const schedule = (sql: Sql, token: string | null, area: string, heldOn: string) => withPayload<{ meetingId: string; people: number }>(sql, 'team_schedule_meeting', token, { area, heldOn });
const meeting = (sql: Sql, token: string | null, id: string, purpose = 'meeting') => c<Meeting>(sql, 'team_meeting', token, id, purpose);
const record = (sql: Sql, token: string | null, id: string, payload: Json) => withPayload(sql, 'team_meeting_record', token, payload, id);
const actions = (sql: Sql, token: string | null, filters: Json = {}) =>
  inSavepoint(sql, async (sql) => (await sql`select public.team_actions(${token}, ${sql.json(filters as postgres.JSONValue)}::jsonb) as r`)[0]!['r'] as { actions: { id: string; reference: string; owner: string; overdue: boolean; area: string }[] });
const overdueBy = (id: string) => ratings.find((rating) => rating.id === id)!.reviewWithinDays + 1;
const someone = '00000000-0000-4000-8000-000000000000';

for (const target of databaseTargets()) {
  describe(`meetings on ${target.name}`, () => {
    const db = useDatabase(target);

    test('an area’s agenda: everyone AMBER there, RED since its last meeting, new referrals since then, overdue reviews and open actions due; nobody from elsewhere', async () => {
      await onEmptyRegister(db.sql, async (sql) => {
        const { sessionToken } = await signedInTeamMember(sql);
        const { professionalId } = await registerProfessional(sql);
        const today = await dateFromToday(sql, {});
        const amber = await refer(sql, professionalId, { rating: 'amber', area: 'Riverton City', givenName: 'Alys' }, 12);
        const oldRed = await refer(sql, professionalId, { rating: 'red', area: 'Riverton City' }, 12);
        const oldGreen = await refer(sql, professionalId, { rating: 'green', area: 'Riverton City' }, 12);
        const overdueGreen = await refer(sql, professionalId, { rating: 'green', area: 'Riverton City' }, overdueBy('green') + 20);
        const elsewhere = await refer(sql, professionalId, { rating: 'amber', area: 'Northshire Coast' }, 3);
        // The area's last meeting was ten days ago.
        await schedule(sql, sessionToken, 'Riverton City', await dateFromToday(sql, { days: -10 }));
        const newRed = await refer(sql, professionalId, { rating: 'red', area: 'Riverton City', ratingAgreedOn: today });
        const newGreen = await refer(sql, professionalId, { rating: 'green', area: 'Riverton City', ratingAgreedOn: today });
        const first = await schedule(sql, sessionToken, 'Riverton City', today);
        const agenda = await meeting(sql, sessionToken, first.meetingId);
        const why = Object.fromEntries(agenda.people.map((p) => [p.reference, [...p.reasons].sort()]));
        expect(why).toEqual({
          [amber]: ['amber'],
          [newRed]: ['new_referral', 'red'],
          [newGreen]: ['new_referral'],
          [overdueGreen]: ['review_overdue'],
        });
        expect(Object.keys(why)).not.toContain(oldRed);
        expect(Object.keys(why)).not.toContain(oldGreen);
        expect(Object.keys(why)).not.toContain(elsewhere);
        expect(agenda.people.find((p) => p.reference === amber)!.givenName).toBe('Alys');
        // An open action due by the day puts its person on the next agenda.
        await record(sql, sessionToken, first.meetingId, { reference: newGreen, outcome: 'Agreed support at home.', rating: 'green', actions: [{ what: 'Send the respite referral', owner: 'Social care', dueOn: today }] });
        const next = await schedule(sql, sessionToken, 'Riverton City', await dateFromToday(sql, { days: 7 }));
        const later = await meeting(sql, sessionToken, next.meetingId);
        expect(later.people.find((p) => p.reference === newGreen)?.reasons).toEqual(['action_due']);
        // The agenda without names carries none, and both openings are audited with the references.
        const plain = await meeting(sql, sessionToken, first.meetingId, 'agenda_without_names');
        expect(plain.people.every((p) => p.givenName === null && p.familyName === null)).toBe(true);
        const audited = await sql`select action, refs, detail from private.audit_events where action like 'meeting_%opened' order by happened_at`;
        expect(audited.map((e) => [e['action'], (e['detail'] as Json)['withNames']])).toEqual([['meeting_opened', true], ['meeting_opened', true], ['meeting_agenda_opened', false]]);
        expect(audited[0]!['refs']).toContain(amber);
      });
    });

    test('bad input is refused and nothing is scheduled', async () => {
      await onEmptyRegister(db.sql, async (sql) => {
        const { sessionToken } = await signedInTeamMember(sql);
        await expectInvalid(schedule(sql, sessionToken, 'Atlantis', '2026-12-01'), 'required', 'area');
        await expectInvalid(schedule(sql, sessionToken, 'Riverton City', '2026-02-30'), 'not_real', 'heldOn');
        await expectInvalid(schedule(sql, sessionToken, 'Riverton City', ''), 'required', 'heldOn');
        expect((await sql`select count(*)::int as n from private.meetings`)[0]!['n']).toBe(0);
      });
    });

    test('a person added by reference, another taken off with the reason kept; a second removal is refused', async () => {
      await onEmptyRegister(db.sql, async (sql) => {
        const { sessionToken } = await signedInTeamMember(sql);
        const { professionalId } = await registerProfessional(sql);
        const amber = await refer(sql, professionalId, { rating: 'amber', area: 'Riverton City' });
        const green = await refer(sql, professionalId, { rating: 'green', area: 'Northshire Coast' }, 5);
        const { meetingId } = await schedule(sql, sessionToken, 'Riverton City', await dateFromToday(sql, {}));
        await c(sql, 'team_meeting_add_person', sessionToken, meetingId, green.toLowerCase());
        await expectRefused(c(sql, 'team_meeting_add_person', sessionToken, meetingId, green), 'already_on_agenda');
        await expectInvalid(c(sql, 'team_meeting_remove_person', sessionToken, meetingId, amber, '  '), 'required', 'reason');
        await c(sql, 'team_meeting_remove_person', sessionToken, meetingId, amber, 'Discussed at the C(E)TR yesterday.');
        await expectRefused(c(sql, 'team_meeting_remove_person', sessionToken, meetingId, amber, 'Again'), 'not_on_agenda');
        const shown = await meeting(sql, sessionToken, meetingId);
        expect(shown.people.map((p) => [p.reference, p.reasons, p.removalReason])).toEqual([
          [green, ['added'], null],
          [amber, expect.arrayContaining(['amber']), 'Discussed at the C(E)TR yesterday.'],
        ]);
        await expectRefused(record(sql, sessionToken, meetingId, { reference: amber, outcome: 'x', rating: 'amber' }), 'not_on_agenda');
      });
    });

    test('the record: a rating changed is a new rating review (the earlier kept), actions agreed, once per person; done once (second is refused), audited', async () => {
      await onEmptyRegister(db.sql, async (sql) => {
        const { sessionToken } = await signedInTeamMember(sql);
        const { professionalId } = await registerProfessional(sql);
        const amber = await refer(sql, professionalId, { rating: 'amber', area: 'Riverton City' }, 2);
        const other = await refer(sql, professionalId, { rating: 'amber', area: 'Riverton City' }, 2);
        const today = await dateFromToday(sql, {});
        const { meetingId } = await schedule(sql, sessionToken, 'Riverton City', today);
        const yesterday = await dateFromToday(sql, { days: -1 });
        await expectInvalid(record(sql, sessionToken, meetingId, { reference: amber, outcome: '', rating: 'red' }), 'required', 'outcome');
        await expectInvalid(record(sql, sessionToken, meetingId, { reference: amber, outcome: 'ok', rating: 'red', actions: [{ what: 'x', owner: '', dueOn: today }] }), 'required', 'owner');
        expect((await sql`select count(*)::int as n from private.rating_reviews`)[0]!['n']).toBe(0);
        await record(sql, sessionToken, meetingId, {
          reference: amber, outcome: 'Placement at risk; escalate to RED.', rating: 'red',
          actions: [{ what: 'Arrange a C(E)TR', owner: 'ICB commissioner', dueOn: yesterday }, { what: 'Ask for crisis support', owner: 'Intensive support team', dueOn: today }],
        });
        await record(sql, sessionToken, meetingId, { reference: other, outcome: 'Stays AMBER.', rating: 'amber' });
        await expectRefused(record(sql, sessionToken, meetingId, { reference: amber, outcome: 'Again', rating: 'red' }), 'already_recorded');
        const reviews = await sql`select rating, prompted_by, reason from private.rating_reviews`;
        expect(reviews.map((r) => [r['rating'], r['prompted_by'], r['reason']])).toEqual([['red', 'tracking_meeting', 'Placement at risk; escalate to RED.']]);
        const history = await c<{ ratingHistory: { rating: string; promptedBy: string }[] }>(sql, 'team_person_record', sessionToken, amber);
        expect(history.ratingHistory.map((h) => [h.rating, h.promptedBy])).toEqual([['red', 'tracking_meeting'], ['amber', 'referral']]);
        const shown = await meeting(sql, sessionToken, meetingId);
        const entry = shown.people.find((p) => p.reference === amber)!;
        expect([entry.outcome, entry.ratingChangedTo, entry.actions.map((a) => a.owner)]).toEqual(['Placement at risk; escalate to RED.', 'red', ['ICB commissioner', 'Intensive support team']]);
        expect(shown.people.find((p) => p.reference === other)!.ratingChangedTo).toBeNull();

        const open = await actions(sql, sessionToken);
        expect(open.actions.map((a) => [a.owner, a.overdue])).toEqual([['ICB commissioner', true], ['Intensive support team', false]]);
        expect((await actions(sql, sessionToken, { owner: 'intensive' })).actions.map((a) => a.owner)).toEqual(['Intensive support team']);
        expect((await actions(sql, sessionToken, { area: 'Northshire Coast' })).actions).toEqual([]);
        const first = open.actions[0]!.id;
        await expectInvalid(c(sql, 'team_action_done', sessionToken, first, ''), 'required', 'note');
        await c(sql, 'team_action_done', sessionToken, first, 'C(E)TR booked for next week.');
        await expectRefused(c(sql, 'team_action_done', sessionToken, first, 'Again'), 'action_already_done');
        expect((await actions(sql, sessionToken)).actions.map((a) => a.owner)).toEqual(['Intensive support team']);
        const audited = await sql`select action from private.audit_events where action in ('meeting_scheduled', 'meeting_outcome_recorded', 'rating_reviewed', 'meeting_action_done') order by happened_at`;
        expect(audited.map((e) => e['action'])).toEqual(['meeting_scheduled', 'rating_reviewed', 'meeting_outcome_recorded', 'meeting_outcome_recorded', 'meeting_action_done']);
      });
    });

    test('a meeting by exception for a RED person, in one step; a person not RED, or a day before the referral, is refused; the change is prompted by it', async () => {
      await onEmptyRegister(db.sql, async (sql) => {
        const { sessionToken } = await signedInTeamMember(sql);
        const { professionalId } = await registerProfessional(sql);
        const red = await refer(sql, professionalId, { rating: 'red', area: 'Riverton City' });
        const amber = await refer(sql, professionalId, { rating: 'amber', area: 'Riverton City' });
        const today = await dateFromToday(sql, {});
        await expectRefused(withPayload(sql, 'team_convene_exception', sessionToken, { reference: amber, heldOn: today }), 'not_red');
        await expectInvalid(withPayload(sql, 'team_convene_exception', sessionToken, { reference: red, heldOn: await dateFromToday(sql, { days: 1 }) }), 'in_future', 'heldOn');
        // Nobody meets about a referral before it arrived.
        await expectInvalid(withPayload(sql, 'team_convene_exception', sessionToken, { reference: red, heldOn: await dateFromToday(sql, { days: -1 }) }), 'before_first_referral', 'heldOn');
        expect((await sql`select count(*)::int as n from private.meetings`)[0]!['n']).toBe(0);
        const { meetingId } = await withPayload<{ meetingId: string }>(sql, 'team_convene_exception', sessionToken, { reference: red, heldOn: today });
        const shown = await meeting(sql, sessionToken, meetingId);
        expect([shown.meeting.kind, shown.meeting.area, shown.people.map((p) => p.reference)]).toEqual(['exception', 'Riverton City', [red]]);
        await record(sql, sessionToken, meetingId, { reference: red, outcome: 'Crisis eased; AMBER.', rating: 'amber' });
        expect((await sql`select prompted_by from private.rating_reviews`).map((r) => r['prompted_by'])).toEqual(['meeting_by_exception']);
      });
    });

    test('the weekly digest: references and counts only, once per ISO week, nothing when none is overdue; erasure takes meeting entries and actions', async () => {
      await onEmptyRegister(db.sql, async (sql) => {
        const { sessionToken } = await signedInTeamMember(sql);
        const { professionalId } = await registerProfessional(sql);
        const amber = await refer(sql, professionalId, { rating: 'amber', area: 'Riverton City' }, 2);
        expect(await c(sql, 'queue_actions_digest', 'dsr.team@example.nhs.net')).toMatchObject({ queued: false });
        const { meetingId } = await schedule(sql, sessionToken, 'Riverton City', await dateFromToday(sql, {}));
        await record(sql, sessionToken, meetingId, { reference: amber, outcome: 'ok', rating: 'amber', actions: [{ what: 'Call the family', owner: 'Keyworker', dueOn: await dateFromToday(sql, { days: -1 }) }] });
        expect(await c(sql, 'queue_actions_digest', 'dsr.team@example.nhs.net')).toMatchObject({ queued: true });
        expect(await c(sql, 'queue_actions_digest', 'dsr.team@example.nhs.net')).toMatchObject({ queued: false });
        const [email] = await sql`select facts, idempotency_key from private.outbox where kind = 'actions_digest'`;
        expect(email!['facts']).toEqual({ isoWeek: expect.stringMatching(/^\d{4}-W\d{2}$/), overdueActions: 1, overdueReferences: [amber] });
        expect(email!['idempotency_key']).toMatch(/^actions-digest:\d{4}-W\d{2}$/);
        expect((await sql`select private.erased_tables() as t`)[0]!['t']).toEqual(expect.arrayContaining(['private.meeting_people', 'private.meeting_actions']));
        await sql`delete from private.people`;
        expect((await sql`select (select count(*) from private.meeting_people)::int + (select count(*) from private.meeting_actions)::int as n`)[0]!['n']).toBe(0);
      });
    });

    test('every meeting function refuses a professional’s session and no session, and writes nothing', async () => {
      await onEmptyRegister(db.sql, async (sql) => {
        const { sessionToken } = await signedInProfessional(sql);
        const runs = (token: string | null) => ({
          team_meetings: () => c(sql, 'team_meetings', token),
          team_schedule_meeting: () => schedule(sql, token, 'Riverton City', '2026-12-01'),
          team_convene_exception: () => withPayload(sql, 'team_convene_exception', token, { reference: 'DSR-AAAA-BBBB', heldOn: '2026-12-01' }),
          team_meeting: () => meeting(sql, token, someone),
          team_meeting_add_person: () => c(sql, 'team_meeting_add_person', token, someone, 'DSR-AAAA-BBBB'),
          team_meeting_remove_person: () => c(sql, 'team_meeting_remove_person', token, someone, 'DSR-AAAA-BBBB', 'x'),
          team_meeting_record: () => record(sql, token, someone, {}),
          team_actions: () => actions(sql, token),
          team_action_done: () => c(sql, 'team_action_done', token, someone, 'x'),
        });
        const before = (await sql`select count(*)::int as n from private.audit_events`)[0]!['n'];
        for (const [name, run] of Object.entries(runs(sessionToken))) expect({ name, ...(await failure(run())) }).toMatchObject({ name, message: 'not_team' });
        for (const [name, run] of Object.entries(runs(null))) expect({ name, ...(await failure(run())) }).toMatchObject({ name, message: 'session_invalid' });
        expect((await sql`select count(*)::int as n from private.audit_events`)[0]!['n']).toBe(before);
      });
    });
  });
}
