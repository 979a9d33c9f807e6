// The DSR team: its members, their sign-in and console sessions, and every console
// function, each refusing anyone who is not a signed-in team member.
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { todayInEngland } from '../../src/forms/dates.ts';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { call, expectInvalid, expectRefused, failure, inRolledBackTransaction, nhsNumber, referralPayload, registerProfessional, requestPayload, submit, uniqueFamilyName, withdrawalPayload } from './support.ts';
import { signedInProfessional, signedInTeamMember } from './team-support.ts';
import type postgres from 'postgres';

/** Every console function, called with this session token (and a reference where it takes one). */
const consoleCalls = (
  sql: postgres.Sql,
  sessionToken: string | null,
  reference = 'DSR-AAAA-BBBB',
  ids = { waiting: someone, alsoWaiting: someone, active: someone, member: someone, withdrawal: 'WDR-AAAA-BBBB', unmatched: 'WDR-AAAA-BBBB', request: 'REQ-AAAA-BBBB', email: someone },
) => ({
  read_team_session: () => call(sql, 'read_team_session', sessionToken),
  team_today: () => call(sql, 'team_today', sessionToken),
  team_person_record: () => call(sql, 'team_person_record', sessionToken, reference),
  acknowledge_referral: () => call(sql, 'acknowledge_referral', sessionToken, reference),
  team_confirm_same_person: () => call(sql, 'team_confirm_same_person', sessionToken, reference, reference),
  team_keep_people_apart: () => call(sql, 'team_keep_people_apart', sessionToken, reference, reference),
  team_review_rating: () => reviewRating(sql, sessionToken, reviewPayload(reference)),
  team_record_cetr: async () => (await sql`select public.team_record_cetr(${sessionToken}, ${sql.json({ ...reviewPayload(reference), kind: 'cetr', setting: 'community', heldOn: todayInEngland(), recommendations: [] })}::jsonb)`)[0],
  team_set_recommendation_status: () => call(sql, 'team_set_recommendation_status', sessionToken, someone, 'done'),
  team_person_cetrs: () => call(sql, 'team_person_cetrs', sessionToken, reference),
  team_figures: () => call(sql, 'team_figures', sessionToken),
  team_figures_month_ends: () => call(sql, 'team_figures_month_ends', sessionToken),
  team_register_export: () => call(sql, 'team_register_export', sessionToken),
  team_register: async () => (await sql`select public.team_register(${sessionToken}, ${sql.json({ area: 'Riverton City' })}::jsonb)`)[0],
  // Meetings and actions (test/db/meetings.test.ts has the rest).
  team_meetings: () => call(sql, 'team_meetings', sessionToken),
  team_schedule_meeting: async () => (await sql`select public.team_schedule_meeting(${sessionToken}, ${sql.json({ area: 'Riverton City', heldOn: todayInEngland() })}::jsonb)`)[0],
  team_actions: async () => (await sql`select public.team_actions(${sessionToken}, ${sql.json({})}::jsonb)`)[0],
  team_convene_exception: async () => (await sql`select public.team_convene_exception(${sessionToken}, ${sql.json({ reference, heldOn: todayInEngland() })}::jsonb)`)[0],
  team_accounts: () => call(sql, 'team_accounts', sessionToken),
  team_approve_professional: () => call(sql, 'team_approve_professional', sessionToken, ids.waiting),
  team_refuse_professional: () => call(sql, 'team_refuse_professional', sessionToken, ids.alsoWaiting, 'Not a care provider we work with'),
  team_switch_off_professional: () => call(sql, 'team_switch_off_professional', sessionToken, ids.active),
  team_add_member: () => call(sql, 'team_add_member', sessionToken, `new.${randomUUID().slice(0, 8)}@example.nhs.net`, 'Nell New'),
  team_remove_member: () => call(sql, 'team_remove_member', sessionToken, ids.member),
  team_withdrawal: () => call(sql, 'team_withdrawal', sessionToken, ids.withdrawal),
  team_match_withdrawal: () => call(sql, 'team_match_withdrawal', sessionToken, ids.withdrawal, reference),
  team_complete_withdrawal: () => call(sql, 'team_complete_withdrawal', sessionToken, ids.withdrawal),
  team_close_withdrawal_no_entry: () => call(sql, 'team_close_withdrawal_no_entry', sessionToken, ids.unmatched),
  team_request: () => call(sql, 'team_request', sessionToken, ids.request),
  team_decide_request: () => call(sql, 'team_decide_request', sessionToken, ids.request, 'professional_will_refer', 'Their social worker will refer.'),
  team_send_email_again: () => call(sql, 'team_send_email_again', sessionToken, ids.email),
});
/** An id nobody has: the role check comes before looking for it. */
const someone = '00000000-0000-4000-8000-000000000000';

/** A rating review's answers (agreed today, so never before the first referral). */
const reviewPayload = (reference: string, overrides: Record<string, unknown> = {}) => ({
  reference,
  rating: 'red',
  ratingAgreedOn: todayInEngland(),
  reason: 'Two placement breakdowns since the last C(E)TR; the panel agreed RED.',
  promptedBy: 'cetr',
  ...overrides,
});

/** team_review_rating(session_token, payload jsonb), called as submit() calls a payload function. */
async function reviewRating<T = Record<string, unknown>>(sql: postgres.Sql, sessionToken: string | null, payload: Record<string, unknown>): Promise<T> {
  const [row] = await sql`select public.team_review_rating(${sessionToken}, ${sql.json(payload as postgres.JSONValue)}::jsonb) as result`;
  return row!['result'] as T;
}

const auditCount = async (sql: postgres.Sql) => Number((await sql`select count(*) as n from private.audit_events`)[0]!['n']);

for (const target of databaseTargets()) {
  describe(`the DSR team on ${target.name}`, () => {
    const db = useDatabase(target);

    test('add_team_member adds a member once, with the address in lower case; bad input changes nothing', async () => {
      const email = `Lead.${randomUUID().slice(0, 8)}@Example.NHS.net`;
      await call(db.sql, 'add_team_member', email, 'Lee Lead', 'npm run team:add');
      const [member] = await db.sql`select email, full_name, status, added_by from private.team_members where email = ${email.toLowerCase()}`;
      expect(member).toEqual({ email: email.toLowerCase(), full_name: 'Lee Lead', status: 'active', added_by: 'npm run team:add' });
      await expectRefused(call(db.sql, 'add_team_member', email.toLowerCase(), 'Lee Again', 'test'), 'team_member_exists');
      await expectInvalid(call(db.sql, 'add_team_member', 'not an address', 'Lee', 'test'), 'format', 'email');
      await expectInvalid(call(db.sql, 'add_team_member', 'x@example.nhs.net', '  ', 'test'), 'required', 'fullName');
      await expectInvalid(call(db.sql, 'add_team_member', 'y@example.nhs.net', 'Lee', ''), 'actor_missing', 'actor');
      expect(await db.sql`select 1 from private.team_members where email in ('x@example.nhs.net', 'y@example.nhs.net')`).toEqual([]);
    });

    test('a team member signs in with the same one-time link, and gets a team session (15 minutes idle) that is no professional’s', async () => {
      const { sessionToken, redeemed, teamMemberId } = await signedInTeamMember(db.sql);
      expect(redeemed).toMatchObject({ role: 'team', professionalId: null, approvalNeeded: false });
      const session = await call<{ teamMemberId: string; idleExpiresAt: string; absoluteExpiresAt: string }>(db.sql, 'read_team_session', sessionToken);
      expect(session.teamMemberId).toBe(teamMemberId);
      const idleMinutes = (Date.parse(session.idleExpiresAt) - Date.now()) / 60_000;
      expect(idleMinutes).toBeGreaterThan(14);
      expect(idleMinutes).toBeLessThanOrEqual(15);
      // Professional-only functions do not know the session.
      await expectRefused(call(db.sql, 'read_session', sessionToken), 'session_invalid');
      await expectRefused(submit(db.sql, 'submit_referral', referralPayload(teamMemberId)), 'professional_not_active');
      // The link works once.
      const { token } = await call<{ token: string }>(db.sql, 'create_sign_in_token', (await db.sql`select email from private.team_members where id = ${teamMemberId}`)[0]!['email'] as string);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    test('a team session ends after 15 minutes idle, and when it is ended', async () => {
      const { sessionToken } = await signedInTeamMember(db.sql);
      await db.sql`update private.sessions set last_seen_at = now() - interval '16 minutes', created_at = now() - interval '16 minutes',
                                                 absolute_expires_at = absolute_expires_at - interval '16 minutes'
                     where session_hash = sha256(convert_to(${sessionToken}, 'UTF8'))`;
      await expectRefused(call(db.sql, 'team_today', sessionToken), 'session_expired');
      const other = await signedInTeamMember(db.sql);
      await call(db.sql, 'end_session', other.sessionToken);
      await expectRefused(call(db.sql, 'team_today', other.sessionToken), 'session_invalid');
    });

    test('a team member’s link is refused for another address, and a switched-off member cannot sign in', async () => {
      const email = `team.${randomUUID().slice(0, 8)}@example.nhs.net`;
      await call(db.sql, 'add_team_member', email, 'Sid Switched', 'test');
      const { token } = await call<{ token: string }>(db.sql, 'create_sign_in_token', email);
      await expectRefused(call(db.sql, 'redeem_sign_in_token', token, 'someone.else@example.nhs.net'), 'invalid');
      await db.sql`update private.team_members set status = 'switched_off', removed_at = now(), removed_by = 'test' where email = ${email}`;
      expect(await call(db.sql, 'create_sign_in_token', email)).toEqual({ token: null, expiresAt: null });
      await expectRefused(call(db.sql, 'redeem_sign_in_token', token, email), 'invalid');
    });

    test('every console function refuses a professional’s session (not_team), no session and a made-up one, and writes nothing', async () => {
      const { sessionToken } = await signedInProfessional(db.sql);
      const before = await auditCount(db.sql);
      for (const [name, run] of Object.entries(consoleCalls(db.sql, sessionToken))) {
        expect({ name, ...(await failure(run())) }).toMatchObject({ name, code: 'P0001', message: 'not_team' });
      }
      for (const token of [null, 'made-up-session-token-that-nobody-was-ever-given-xx']) {
        for (const [name, run] of Object.entries(consoleCalls(db.sql, token))) {
          expect({ name, ...(await failure(run())) }).toMatchObject({ name, code: 'P0001', message: 'session_invalid' });
        }
      }
      expect(await auditCount(db.sql)).toBe(before);
    });

    test('shown: the role check is what refuses a professional; without it (rolled back) every console function would answer them', async () => {
      await signedInTeamMember(db.sql);
      const { sessionToken } = await signedInProfessional(db.sql);
      const { professionalId } = await registerProfessional(db.sql);
      const { reference } = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { rating: 'red' }));
      const waitingId = async () => (await registerProfessional(db.sql, { email: `shown.${randomUUID().slice(0, 8)}@example.org`, approvalNeeded: true })).professionalId;
      // A withdrawal for the person referred (their date of birth), one for nobody, a family's request, and an email that failed.
      const withdrawal = await submit<{ reference: string }>(db.sql, 'request_withdrawal', withdrawalPayload({ dateOfBirth: '2011-05-17' }));
      const unmatched = await submit<{ reference: string }>(db.sql, 'request_withdrawal', withdrawalPayload());
      const request = await submit<{ reference: string }>(db.sql, 'request_consideration', requestPayload());
      const [failed] = await db.sql`update private.outbox set status = 'failed', needs_attention = true, attempts = 10
                                     where about_reference = ${request.reference} and kind = 'request_acknowledgement' returning id`;
      const ids = {
        waiting: await waitingId(), alsoWaiting: await waitingId(), active: professionalId, member: (await signedInTeamMember(db.sql)).teamMemberId,
        withdrawal: withdrawal.reference, unmatched: unmatched.reference, request: request.reference, email: failed!['id'] as string,
      };
      const answered = await inRolledBackTransaction(db.sql, async (tx) => {
        // The check taken out: any live session counts as the first team member's.
        await tx.unsafe(`
          create or replace function private.team_member_for(session_token text) returns private.team_members
          language sql as $$ select m.* from private.team_members as m order by m.added_at limit 1 $$`);
        const names: string[] = [];
        for (const [name, run] of Object.entries(consoleCalls(tx as unknown as postgres.Sql, sessionToken, reference, ids))) {
          if (name === 'team_confirm_same_person' || name === 'team_keep_people_apart') continue; // need an open question
          if (name === 'team_set_recommendation_status') continue; // needs a C(E)TR's recommendation (cetrs-and-figures.test.ts)
          await tx.savepoint(async () => {
            await run();
            names.push(name);
          });
        }
        return names;
      });
      expect(answered).toEqual([
        'read_team_session', 'team_today', 'team_person_record', 'acknowledge_referral', 'team_review_rating', 'team_record_cetr', 'team_person_cetrs',
        'team_figures', 'team_figures_month_ends', 'team_register_export', 'team_register', 'team_meetings', 'team_schedule_meeting', 'team_actions', 'team_convene_exception',
        'team_accounts', 'team_approve_professional', 'team_refuse_professional', 'team_switch_off_professional', 'team_add_member', 'team_remove_member',
        'team_withdrawal', 'team_match_withdrawal', 'team_complete_withdrawal', 'team_close_withdrawal_no_entry', 'team_request', 'team_decide_request',
        'team_send_email_again',
      ]);
      // With the check, the same calls are refused.
      await expectRefused(call(db.sql, 'team_person_record', sessionToken, reference), 'not_team');
    });

    test('Today lists unacknowledged referrals RED first with the hours since they arrived, then AMBER, GREEN, BLUE', async () => {
      const { sessionToken } = await signedInTeamMember(db.sql);
      const { professionalId } = await registerProfessional(db.sql);
      const made: Record<string, string> = {};
      for (const [rating, extra] of [
        ['green', {}],
        ['blue', { livesIn: 'mental_health_hospital', hospitalName: 'Hilltop Unit' }],
        ['red', {}],
        ['amber', {}],
      ] as const) {
        made[rating] = (await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { rating, ...extra }))).reference;
      }
      await db.sql`update private.referrals set created_at = now() - interval '3 hours 10 minutes' where reference = ${made['red']!}`;
      const today = await call<{ referrals: { reference: string; rating: string; hoursSince: number; area: string; ageGroup: string }[] }>(db.sql, 'team_today', sessionToken);
      const ours = today.referrals.filter((referral) => Object.values(made).includes(referral.reference));
      expect(ours.map((referral) => referral.rating)).toEqual(['red', 'amber', 'green', 'blue']);
      expect(ours[0]).toMatchObject({ reference: made['red'], hoursSince: 3, area: 'Northshire North', ageGroup: 'child' });
      // Reds come first whatever else is waiting.
      expect(today.referrals.findIndex((referral) => referral.rating !== 'red')).toBeGreaterThanOrEqual(today.referrals.filter((r) => r.rating === 'red').length);
    });

    test('acknowledging a referral takes it off Today, is audited, and a second acknowledgement is refused and changes nothing', async () => {
      const first = await signedInTeamMember(db.sql, 'Fay First');
      const second = await signedInTeamMember(db.sql, 'Sol Second');
      const { professionalId } = await registerProfessional(db.sql);
      const { reference } = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { rating: 'red' }));
      expect(await call(db.sql, 'acknowledge_referral', first.sessionToken, reference.toLowerCase())).toMatchObject({ reference });
      const today = await call<{ referrals: { reference: string }[] }>(db.sql, 'team_today', second.sessionToken);
      expect(today.referrals.map((referral) => referral.reference)).not.toContain(reference);
      const [event] = await db.sql`select actor, refs from private.audit_events where action = 'referral_acknowledged' and ${reference} = any (refs)`;
      expect(event).toEqual({ actor: `team:${first.teamMemberId}`, refs: [reference] });
      await expectRefused(call(db.sql, 'acknowledge_referral', second.sessionToken, reference), 'already_acknowledged');
      const rows = await db.sql`select team_member_id from private.referral_acknowledgements a join private.referrals r on r.id = a.referral_id where r.reference = ${reference}`;
      expect(rows).toEqual([{ team_member_id: first.teamMemberId }]);
      await expectRefused(call(db.sql, 'acknowledge_referral', first.sessionToken, 'DSR-AAAA-BBBB'), 'referral_reference_not_found');
    });

    test('two team members acknowledging at once: exactly one succeeds', async () => {
      const { professionalId } = await registerProfessional(db.sql);
      const { reference } = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { rating: 'red' }));
      const a = await signedInTeamMember(db.sql);
      const b = await signedInTeamMember(db.sql);
      const outcomes = await Promise.allSettled([
        call(db.sql, 'acknowledge_referral', a.sessionToken, reference),
        call(db.sql, 'acknowledge_referral', b.sessionToken, reference),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => (outcome as PromiseRejectedResult).reason.message)).toEqual(['already_acknowledged']);
    });

    test('a person’s record, by any of their references: details, history per referral, consent, rules; opening it is audited by reference', async () => {
      const { sessionToken, teamMemberId } = await signedInTeamMember(db.sql, 'Rita Reader');
      const { professionalId } = await registerProfessional(db.sql);
      const number = nhsNumber();
      const familyName = uniqueFamilyName();
      const first = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { nhsNumber: number, familyName, rating: 'green', postcode: 'ST4 1AA' }));
      const second = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { nhsNumber: number, familyName, rating: 'red', postcode: 'ST5 2BB' }));
      const record = await call<Record<string, any>>(db.sql, 'team_person_record', sessionToken, first.reference);
      expect(record['latestReference']).toBe(second.reference);
      expect(record['person']).toMatchObject({ familyName, nhsNumber: number, postcode: 'ST5 2BB', rating: 'red' });
      expect(record['referrals'].map((referral: { reference: string; postcode: string; rating: string }) => [referral.reference, referral.postcode, referral.rating])).toEqual([
        [second.reference, 'ST5 2BB', 'red'],
        [first.reference, 'ST4 1AA', 'green'],
      ]);
      expect(record['referrals'][0].referrer).toMatchObject({ fullName: 'Robin Fictional' });
      expect(record['rules']).toMatchObject({ ageGroup: 'child', keyworkerEligible: true, reviewType: 'cetr' });
      expect(record['openedBy']).toEqual([{ fullName: 'Rita Reader', at: expect.any(String) }]);
      const events = await db.sql`select actor, refs, detail from private.audit_events where action = 'person_record_opened' and actor = ${`team:${teamMemberId}`}`;
      expect(events).toEqual([{ actor: `team:${teamMemberId}`, refs: [first.reference, second.reference], detail: { openedAs: first.reference } }]);
      // No personal details in the audit trail.
      expect(JSON.stringify(events)).not.toContain(familyName);
      await expectRefused(call(db.sql, 'team_person_record', sessionToken, 'DSR-AAAA-BBBB'), 'referral_reference_not_found');
    });

    test('reviewing the rating adds a row (the earlier ratings kept), the latest agreed is the current rating, audited by reference, and the lead professional is emailed reference and rating only', async () => {
      const { sessionToken, teamMemberId } = await signedInTeamMember(db.sql, 'Rory Reviewer');
      const first = await registerProfessional(db.sql);
      const lead = await registerProfessional(db.sql);
      const number = nhsNumber();
      const familyName = uniqueFamilyName();
      const a = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(first.professionalId, { nhsNumber: number, familyName, rating: 'green' }));
      const b = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(lead.professionalId, { nhsNumber: number, familyName, rating: 'amber' }));
      // Their first referral arrived ten days ago, so a review may be dated since then.
      await db.sql`update private.referrals set created_at = now() - interval '10 days' where reference = ${a.reference}`;
      const daysAgo = (days: number) => todayInEngland(new Date(Date.now() - days * 86_400_000));
      const referralsBefore = await db.sql`select id, rating, rating_agreed_on, rating_reason from private.referrals where person_id = (select person_id from private.referrals where reference = ${a.reference}) order by id`;

      const answer = await reviewRating(db.sql, sessionToken, reviewPayload(a.reference.toLowerCase(), { rating: 'red', ratingAgreedOn: daysAgo(2) }));
      expect(answer).toMatchObject({ reference: b.reference, rating: 'red', ratingAgreedOn: daysAgo(2) });
      // An older review recorded later does not displace the later-agreed one.
      await reviewRating(db.sql, sessionToken, reviewPayload(b.reference, { rating: 'green', ratingAgreedOn: daysAgo(5), promptedBy: 'tracking_meeting', reason: 'Settled at the tracking meeting.' }));
      let record = await call<Record<string, any>>(db.sql, 'team_person_record', sessionToken, a.reference);
      expect(record['person']).toMatchObject({ rating: 'red', ratingAgreedOn: daysAgo(2) });
      // The same day agreed: the one recorded last is current.
      await reviewRating(db.sql, sessionToken, reviewPayload(a.reference, { rating: 'blue', ratingAgreedOn: daysAgo(2), promptedBy: 'new_information', reason: 'Admitted to hospital.' }));
      record = await call<Record<string, any>>(db.sql, 'team_person_record', sessionToken, a.reference);
      expect(record['person']).toMatchObject({ rating: 'blue', ratingAgreedOn: daysAgo(2) });
      const [current] = await db.sql`select rating from private.current_ratings where person_id = (select person_id from private.referrals where reference = ${a.reference})`;
      expect(current).toEqual({ rating: 'blue' });
      // Today reads the same current rating for their referrals still waiting.
      const today = await call<{ referrals: { reference: string; rating: string }[] }>(db.sql, 'team_today', sessionToken);
      expect(today.referrals.filter((referral) => [a.reference, b.reference].includes(referral.reference)).map((referral) => referral.rating)).toEqual(['blue', 'blue']);
      // The history: every referral and review, the latest agreed first, with who and why.
      expect(record['ratingHistory'].map((entry: any) => [entry.kind, entry.rating, entry.promptedBy])).toEqual([
        ['review', 'blue', 'new_information'],
        ['review', 'red', 'cetr'],
        ['review', 'green', 'tracking_meeting'],
        ['referral', 'amber', 'referral'],
        ['referral', 'green', 'referral'],
      ]);
      expect(record['ratingHistory'][0]).toMatchObject({ by: 'Rory Reviewer', reason: 'Admitted to hospital.' });
      // Nothing was updated in place.
      const referralsAfter = await db.sql`select id, rating, rating_agreed_on, rating_reason from private.referrals where person_id = (select person_id from private.referrals where reference = ${a.reference}) order by id`;
      expect(referralsAfter).toEqual(referralsBefore);
      const reviews = await db.sql`select v.rating, v.team_member_id from private.rating_reviews v join private.referrals r on r.person_id = v.person_id where r.reference = ${a.reference} order by v.recorded_at`;
      expect(reviews).toEqual([
        { rating: 'red', team_member_id: teamMemberId },
        { rating: 'green', team_member_id: teamMemberId },
        { rating: 'blue', team_member_id: teamMemberId },
      ]);
      // Audited by reference only.
      const events = await db.sql`select actor, refs, detail from private.audit_events where action = 'rating_reviewed' and ${a.reference} = any (refs) order by id`;
      expect(events).toHaveLength(3);
      expect(events[0]).toMatchObject({ actor: `team:${teamMemberId}`, refs: [a.reference, b.reference], detail: { rating: 'red', promptedBy: 'cetr' } });
      expect(JSON.stringify(events)).not.toContain(familyName);
      expect(JSON.stringify(events)).not.toContain('placement');
      // The lead professional (latest referral's) is emailed: reference and rating, nothing else.
      const emails = await db.sql`select recipient, facts, about_reference from private.outbox where kind = 'rating_reviewed' and about_reference = ${b.reference} order by created_at`;
      expect(emails).toHaveLength(3);
      expect(emails[0]).toEqual({ recipient: lead.email, facts: { reference: b.reference, rating: 'red' }, about_reference: b.reference });
      expect(JSON.stringify(emails)).not.toContain(familyName);
      expect(JSON.stringify(emails)).not.toContain(number);
    });

    test('a referral after a review tells the team the current rating as the previous one (the review’s), not the last referral’s', async () => {
      const { sessionToken } = await signedInTeamMember(db.sql);
      const { professionalId } = await registerProfessional(db.sql);
      const number = nhsNumber();
      const first = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { nhsNumber: number, rating: 'green' }));
      await db.sql`update private.referrals set created_at = now() - interval '10 days' where reference = ${first.reference}`;
      const agreedOn = todayInEngland(new Date(Date.now() - 3 * 86_400_000));
      await reviewRating(db.sql, sessionToken, reviewPayload(first.reference, { rating: 'amber', ratingAgreedOn: agreedOn }));
      const again = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { nhsNumber: number, rating: 'red' }));
      const [email] = await db.sql`select facts from private.outbox where kind = 'referral_team' and about_reference = ${again.reference}`;
      expect(email!['facts']).toMatchObject({ existingPerson: true, previousRating: 'amber', previousAgreedOn: agreedOn });
    });

    test('a review with bad answers is refused with the field’s code and changes nothing', async () => {
      const { sessionToken } = await signedInTeamMember(db.sql);
      const { professionalId } = await registerProfessional(db.sql);
      const { reference } = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(professionalId));
      const state = async () => {
        const [row] = await db.sql`select (select count(*) from private.rating_reviews)::int as reviews,
                                          (select count(*) from private.outbox where kind = 'rating_reviewed')::int as emails,
                                          (select count(*) from private.audit_events where action = 'rating_reviewed')::int as audited`;
        return row;
      };
      const before = await state();
      const yesterday = todayInEngland(new Date(Date.now() - 86_400_000));
      const tomorrow = todayInEngland(new Date(Date.now() + 86_400_000));
      for (const [overrides, code, field] of [
        [{ rating: 'purple' }, 'required', 'rating'],
        [{ rating: '' }, 'required', 'rating'],
        [{ ratingAgreedOn: '' }, 'required', 'ratingAgreedOn'],
        [{ ratingAgreedOn: '2026-02-30' }, 'not_real', 'ratingAgreedOn'],
        [{ ratingAgreedOn: tomorrow }, 'in_future', 'ratingAgreedOn'],
        [{ ratingAgreedOn: yesterday }, 'before_first_referral', 'ratingAgreedOn'],
        [{ reason: '   ' }, 'required', 'reason'],
        [{ reason: 'x'.repeat(2001) }, 'too_long', 'reason'],
        [{ promptedBy: 'a_hunch' }, 'required', 'promptedBy'],
        [{ promptedBy: null }, 'required', 'promptedBy'],
      ] as const) {
        await expectInvalid(reviewRating(db.sql, sessionToken, reviewPayload(reference, overrides)), code, field);
      }
      await expectRefused(reviewRating(db.sql, sessionToken, reviewPayload('DSR-AAAA-BBBB')), 'referral_reference_not_found');
      expect(await state()).toEqual(before);
    });

    test('identity questions: the team confirms one person or keeps two apart from the console; a decided question is refused', async () => {
      const { sessionToken, teamMemberId } = await signedInTeamMember(db.sql);
      const { professionalId } = await registerProfessional(db.sql);
      const ask = async () => {
        const familyName = uniqueFamilyName();
        const one = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { familyName, nhsNumber: null, nhsNumberUnknownReason: 'Not known yet' }));
        const two = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { familyName, nhsNumber: null, nhsNumberUnknownReason: 'Not known yet' }));
        return [one.reference, two.reference] as const;
      };
      const [a, b] = await ask();
      const today = await call<{ identityQuestions: { reference: string; otherReference: string; kind: string }[] }>(db.sql, 'team_today', sessionToken);
      expect(today.identityQuestions).toContainEqual(expect.objectContaining({ kind: 'likely_match', reference: b, otherReference: a }));
      expect(await call(db.sql, 'team_confirm_same_person', sessionToken, b, a)).toMatchObject({ status: 'confirmed' });
      const [decided] = await db.sql`select q.status, q.decided_by from private.identity_questions q join private.referrals r on r.id = q.referral_id where r.reference = ${b}`;
      expect(decided).toEqual({ status: 'confirmed', decided_by: `team:${teamMemberId}` });
      await expectRefused(call(db.sql, 'team_keep_people_apart', sessionToken, b, a), 'question_not_open');

      const [c, d] = await ask();
      expect(await call(db.sql, 'team_keep_people_apart', sessionToken, c, d)).toEqual({ status: 'kept_apart' });
      await expectRefused(call(db.sql, 'team_confirm_same_person', sessionToken, c, d), 'question_not_open');
      const people = await db.sql`select count(distinct person_id)::int as n from private.referrals where reference in (${c}, ${d})`;
      expect(people[0]!['n']).toBe(2);
    });
    describe('accounts', () => {
      const waiting = (sql: postgres.Sql) => registerProfessional(sql, { email: `waiting.${randomUUID().slice(0, 8)}@example.org`, approvalNeeded: true });
      const events = (sql: postgres.Sql, action: string, id: string) =>
        sql`select actor, refs, detail from private.audit_events where action = ${action} and (detail->>'professionalId' = ${id} or detail->>'teamMemberId' = ${id})`;

      test('the Accounts page lists proven professionals by status and the team’s members', async () => {
        const { sessionToken, teamMemberId } = await signedInTeamMember(db.sql, 'Ada Accounts');
        const pending = await waiting(db.sql);
        const unproven = await registerProfessional(db.sql, { email: `unproven.${randomUUID().slice(0, 8)}@example.org`, approvalNeeded: true }, { prove: false });
        const accounts = await call<{ professionals: { id: string; status: string; fullName: string }[]; teamMembers: { id: string; isYou: boolean }[] }>(db.sql, 'team_accounts', sessionToken);
        expect(accounts.professionals).toContainEqual(expect.objectContaining({ id: pending.professionalId, status: 'pending_approval', fullName: 'Robin Fictional' }));
        expect(accounts.professionals.map((professional) => professional.id)).not.toContain(unproven.professionalId);
        expect(accounts.teamMembers).toContainEqual(expect.objectContaining({ id: teamMemberId, isYou: true }));
        const today = await call<{ accountsWaiting: { id: string }[] }>(db.sql, 'team_today', sessionToken);
        expect(today.accountsWaiting.map((account) => account.id)).toContain(pending.professionalId);
      });

      test('approving a waiting account activates it, emails the person, is audited by id; a second decision is refused and changes nothing', async () => {
        const first = await signedInTeamMember(db.sql);
        const second = await signedInTeamMember(db.sql);
        const pending = await waiting(db.sql);
        expect(await call(db.sql, 'team_approve_professional', first.sessionToken, pending.professionalId)).toEqual({ professionalId: pending.professionalId, status: 'active' });
        const [account] = await db.sql`select status, approved_by from private.professionals where id = ${pending.professionalId}`;
        expect(account).toEqual({ status: 'active', approved_by: `team:${first.teamMemberId}` });
        const mail = await db.sql`select kind, recipient from private.outbox where idempotency_key = ${`professional:${pending.professionalId}:approved`}`;
        expect(mail).toEqual([{ kind: 'account_approved', recipient: pending.email }]);
        expect(await events(db.sql, 'professional_approved', pending.professionalId)).toEqual([
          { actor: `team:${first.teamMemberId}`, refs: [], detail: { professionalId: pending.professionalId } },
        ]);
        await expectRefused(call(db.sql, 'team_approve_professional', second.sessionToken, pending.professionalId), 'professional_not_pending');
        await expectRefused(call(db.sql, 'team_refuse_professional', second.sessionToken, pending.professionalId, 'Too late'), 'professional_not_pending');
        expect(await db.sql`select status, approved_by, refused_at from private.professionals where id = ${pending.professionalId}`).toEqual([
          { status: 'active', approved_by: `team:${first.teamMemberId}`, refused_at: null },
        ]);
        expect(await db.sql`select 1 from private.outbox where idempotency_key like ${`professional:${pending.professionalId}:%`} and kind in ('account_approved', 'account_not_approved')`).toHaveLength(1);
        await expectRefused(call(db.sql, 'team_approve_professional', first.sessionToken, randomUUID()), 'professional_not_found');
      });

      test('refusing needs a reason (500 at most), keeps it for the team only, emails without it, and the address can no longer sign in', async () => {
        const { sessionToken, teamMemberId } = await signedInTeamMember(db.sql);
        const pending = await waiting(db.sql);
        await expectInvalid(call(db.sql, 'team_refuse_professional', sessionToken, pending.professionalId, '   '), 'required', 'reason');
        await expectInvalid(call(db.sql, 'team_refuse_professional', sessionToken, pending.professionalId, 'x'.repeat(501)), 'too_long', 'reason');
        expect((await db.sql`select status from private.professionals where id = ${pending.professionalId}`)[0]!['status']).toBe('pending_approval');
        const reason = 'Private agency we do not share the register with';
        expect(await call(db.sql, 'team_refuse_professional', sessionToken, pending.professionalId, ` ${reason} `)).toEqual({ professionalId: pending.professionalId, status: 'refused' });
        const [account] = await db.sql`select status, refused_by, refusal_reason, approved_at from private.professionals where id = ${pending.professionalId}`;
        expect(account).toEqual({ status: 'refused', refused_by: `team:${teamMemberId}`, refusal_reason: reason, approved_at: null });
        const mail = await db.sql`select kind, facts from private.outbox where idempotency_key = ${`professional:${pending.professionalId}:refused`}`;
        expect(mail).toEqual([{ kind: 'account_not_approved', facts: {} }]);
        const audit = await events(db.sql, 'professional_refused', pending.professionalId);
        expect(audit).toEqual([{ actor: `team:${teamMemberId}`, refs: [], detail: { professionalId: pending.professionalId } }]);
        expect(JSON.stringify(audit)).not.toContain(reason);
        expect(await call(db.sql, 'create_sign_in_token', pending.email)).toEqual({ token: null, expiresAt: null });
        await expectRefused(call(db.sql, 'team_approve_professional', sessionToken, pending.professionalId), 'professional_not_pending');
        await expectRefused(call(db.sql, 'team_refuse_professional', sessionToken, pending.professionalId, 'Again'), 'professional_not_pending');
        expect((await db.sql`select refusal_reason from private.professionals where id = ${pending.professionalId}`)[0]!['refusal_reason']).toBe(reason);
      });

      test('switching off a leaver ends their sessions at once; they cannot sign in; a second switch-off is refused', async () => {
        const { sessionToken, teamMemberId } = await signedInTeamMember(db.sql);
        const leaver = await signedInProfessional(db.sql);
        const [{ email }] = (await db.sql`select email from private.professionals where id = ${leaver.professionalId}`) as unknown as [{ email: string }];
        const { token: unusedLink } = await call<{ token: string }>(db.sql, 'create_sign_in_token', email);
        expect(await call(db.sql, 'read_session', leaver.sessionToken)).toMatchObject({ professionalId: leaver.professionalId });
        expect(await call(db.sql, 'team_switch_off_professional', sessionToken, leaver.professionalId)).toEqual({ professionalId: leaver.professionalId, status: 'switched_off' });
        // Every session of theirs (the one from proving the address, and this one) ends.
        expect(await db.sql`select count(*)::int as n, count(ended_at)::int as ended from private.sessions where professional_id = ${leaver.professionalId}`).toEqual([{ n: 2, ended: 2 }]);
        await expectRefused(call(db.sql, 'read_session', leaver.sessionToken), 'session_invalid');
        expect(await call(db.sql, 'create_sign_in_token', email)).toEqual({ token: null, expiresAt: null });
        await expectRefused(call(db.sql, 'redeem_sign_in_token', unusedLink, email), 'invalid');
        const [account] = await db.sql`select status, switched_off_by, approved_at is not null as was_approved from private.professionals where id = ${leaver.professionalId}`;
        expect(account).toEqual({ status: 'switched_off', switched_off_by: `team:${teamMemberId}`, was_approved: true });
        expect(await db.sql`select kind from private.outbox where recipient = ${email} and created_at > now() - interval '1 minute' and kind like 'account_%'`).toEqual([]);
        expect((await events(db.sql, 'professional_switched_off', leaver.professionalId))[0]).toMatchObject({ actor: `team:${teamMemberId}`, detail: { professionalId: leaver.professionalId, sessionsEnded: 2 } });
        await expectRefused(call(db.sql, 'team_switch_off_professional', sessionToken, leaver.professionalId), 'professional_not_active');
        const pending = await waiting(db.sql);
        await expectRefused(call(db.sql, 'team_switch_off_professional', sessionToken, pending.professionalId), 'professional_not_active');
      });

      test('team members add and remove each other, never themselves; a removed member’s sessions end', async () => {
        const lead = await signedInTeamMember(db.sql, 'Lee Lead');
        const other = await signedInTeamMember(db.sql, 'Oli Other');
        const address = `added.${randomUUID().slice(0, 8)}@example.nhs.net`;
        const { teamMemberId } = await call<{ teamMemberId: string }>(db.sql, 'team_add_member', lead.sessionToken, address, 'Ana Added');
        expect(await db.sql`select full_name, added_by from private.team_members where id = ${teamMemberId}`).toEqual([{ full_name: 'Ana Added', added_by: `team:${lead.teamMemberId}` }]);
        await expectRefused(call(db.sql, 'team_add_member', lead.sessionToken, address, 'Ana Again'), 'team_member_exists');
        await expectInvalid(call(db.sql, 'team_add_member', lead.sessionToken, 'not an address', 'Ana'), 'format', 'email');
        await expectRefused(call(db.sql, 'team_remove_member', lead.sessionToken, lead.teamMemberId), 'cannot_remove_yourself');
        expect(await call(db.sql, 'team_remove_member', lead.sessionToken, other.teamMemberId)).toEqual({ teamMemberId: other.teamMemberId, status: 'switched_off' });
        await expectRefused(call(db.sql, 'team_today', other.sessionToken), 'session_invalid');
        expect(await call(db.sql, 'create_sign_in_token', other.email)).toEqual({ token: null, expiresAt: null });
        await expectRefused(call(db.sql, 'team_remove_member', lead.sessionToken, other.teamMemberId), 'team_member_not_active');
        expect(await events(db.sql, 'team_member_removed', other.teamMemberId)).toEqual([
          { actor: `team:${lead.teamMemberId}`, refs: [], detail: { teamMemberId: other.teamMemberId } },
        ]);
      });

      test('two team members deciding the same account at once: exactly one succeeds', async () => {
        const a = await signedInTeamMember(db.sql);
        const b = await signedInTeamMember(db.sql);
        const pending = await waiting(db.sql);
        const outcomes = await Promise.allSettled([
          call(db.sql, 'team_approve_professional', a.sessionToken, pending.professionalId),
          call(db.sql, 'team_refuse_professional', b.sessionToken, pending.professionalId, 'Not known to us'),
        ]);
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        expect(outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => (outcome as PromiseRejectedResult).reason.message)).toEqual(['professional_not_pending']);
      });
    });
  });
}
