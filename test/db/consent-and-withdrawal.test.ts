// Consent records, requests to withdraw, and the erasure that completes a withdrawal.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import type postgres from 'postgres';
import { databaseTargets, useDatabase } from '../support/database.ts';
import {
  call,
  consentPayload,
  dateFromToday,
  drawn,
  expectInvalid,
  expectRefused,
  referencePattern,
  referralPayload,
  registerProfessional,
  settings,
  submit,
  tableCounts,
  withdrawalPayload,
  type Json,
} from './support.ts';

/**
 * Every place in the database where any of `needles` appears: each text, varchar, char,
 * text[], json and jsonb column of every table in every schema but the system's own.
 */
async function findAnywhere(sql: postgres.Sql, needles: string[]): Promise<string[]> {
  const columns = await sql<{ table_schema: string; table_name: string; column_name: string }[]>`
    select c.table_schema, c.table_name, c.column_name
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where t.table_type = 'BASE TABLE'
       and c.table_schema not in ('pg_catalog', 'information_schema')
       and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
            or (c.data_type = 'ARRAY' and c.udt_name in ('_text', '_varchar')))`;
  expect(columns.length).toBeGreaterThan(40);
  const found: string[] = [];
  for (const { table_schema, table_name, column_name } of columns) {
    const [row] = await sql`
      select count(*)::int as n from ${sql(table_schema)}.${sql(table_name)} as scanned
       where exists (select 1 from unnest(${needles}::text[]) as needle
                      where strpos(lower(scanned.${sql(column_name)}::text), lower(needle)) > 0)`;
    if ((row!['n'] as number) > 0) found.push(`${table_schema}.${table_name}.${column_name}`);
  }
  return found;
}

for (const target of databaseTargets()) {
  describe(`consent and withdrawal on ${target.name}`, () => {
    const db = useDatabase(target);
    let professionalId = '';
    let professionalEmail = '';
    beforeAll(async () => {
      ({ professionalId, email: professionalEmail } = await registerProfessional(db.sql));
    });

    describe('record_consent', () => {
      test('a consent record gets a CON- reference; the team and the professional are told without the person’s details', async () => {
        const { reference } = await submit<{ reference: string }>(db.sql, 'record_consent', consentPayload(professionalId, { decision: 'consented', decisionMakerName: undefined, decisionMakerRole: undefined }));
        expect(reference).toMatch(referencePattern('CON'));
        const emails = drawn(await db.sql`select kind, recipient, facts from private.outbox where about_reference = ${reference} order by kind`);
        expect(emails.map((e) => [e['kind'], e['recipient']])).toEqual([
          ['consent_recorded_receipt', professionalEmail],
          ['consent_recorded_team', settings.teamEmail],
        ]);
        for (const email of emails) {
          const text = `${email['subject']} ${email['body_text']}`;
          expect(text).toContain(reference);
          for (const personal of ['Jordan', 'Quarrington', '2011-05-17', '17 May 2011']) expect(text).not.toContain(personal);
        }
        expect(emails[0]!['body_text']).toContain(`${settings.siteUrl}/refer/`);
      });

      test('the decision date defaults to today', async () => {
        const { reference } = await submit<{ reference: string }>(db.sql, 'record_consent', consentPayload(professionalId, { decisionDate: undefined }));
        const [row] = await db.sql`select decision_date = private.today() as today from private.consents where reference = ${reference}`;
        expect(row!['today']).toBe(true);
      });

      const cases: [string, Json, string, string][] = [
        ['no name', { personName: '' }, 'required', 'personName'],
        ['a date of birth tomorrow', { dateOfBirth: 'TOMORROW' }, 'in_future', 'dateOfBirth'],
        ['an unknown decision', { decision: 'assumed' }, 'required', 'decision'],
        ['Best Interests without who decided', { decision: 'best_interests', bestInterestsDecisionMakerName: '' }, 'required', 'bestInterestsDecisionMakerName'],
        ['Best Interests without their role', { decision: 'best_interests', decisionMakerRole: null }, 'required', 'decisionMakerRole'],
        ['Best Interests with nobody consulted', { decision: 'best_interests', consulted: [] }, 'required', 'consulted'],
        ['parental responsibility without who gave it', { decisionMakerName: ' ' }, 'required', 'decisionMakerName'],
        ['a decision tomorrow', { decisionDate: 'TOMORROW' }, 'in_future', 'decisionDate'],
        ['a decision before birth', { decisionDate: '2011-05-16' }, 'before_birth', 'decisionDate'],
        ['sharing with nobody', { sharingWith: [] }, 'required', 'sharingWith'],
        ['a sharing item too long', { sharingWith: ['x'.repeat(101)] }, 'required', 'sharingWith'],
        ['no referrer', { professionalId: null }, 'payload_invalid', 'professionalId'],
      ];
      test.each(cases)('refuses %s, changing nothing', async (_, overrides, message, field) => {
        const tomorrow = await dateFromToday(db.sql, { days: 1 });
        const resolved = Object.fromEntries(Object.entries(overrides).map(([key, value]) => [key, value === 'TOMORROW' ? tomorrow : value]));
        const before = await tableCounts(db.sql);
        await expectInvalid(submit(db.sql, 'record_consent', consentPayload(professionalId, resolved)), message, field);
        expect(await tableCounts(db.sql)).toEqual(before);
      });

      test('refuses a professional whose account is not active', async () => {
        await expectRefused(submit(db.sql, 'record_consent', consentPayload(randomUUID())), 'professional_not_active');
      });

      test('the table refuses a Best Interests record without its decision maker', async () => {
        const { reference } = await submit<{ reference: string }>(db.sql, 'record_consent', consentPayload(professionalId, { decision: 'best_interests' }));
        await expect(db.sql`update private.consents set decision_maker_role = null where reference = ${reference}`).rejects.toMatchObject({ code: '23514' });
      });
    });

    describe('request_withdrawal', () => {
      test('gets a WDR- reference, tells the team, and acknowledges the requester by email', async () => {
        const { reference } = await submit<{ reference: string }>(db.sql, 'request_withdrawal', withdrawalPayload({ dsrReference: 'dsr-abcd-efgh' }));
        expect(reference).toMatch(referencePattern('WDR'));
        const emails = drawn(await db.sql`select kind, recipient, facts from private.outbox where about_reference = ${reference} order by kind`);
        expect(emails.map((e) => [e['kind'], e['recipient']])).toEqual([
          ['withdrawal_acknowledgement', 'parent@example.com'],
          ['withdrawal_team', settings.teamEmail],
        ]);
        expect(emails[1]!['body_text']).toContain('DSR reference given: DSR-ABCD-EFGH');
        expect(emails[1]!['body_text']).toContain('Asked by: a parent or carer');
        for (const email of emails) {
          for (const personal of ['Jordan', 'Quarrington', '2011-05-17', '17 May 2011']) expect(email['body_text']).not.toContain(personal);
        }
      });

      test('with only a phone number, only the team is emailed', async () => {
        const { reference } = await submit<{ reference: string }>(db.sql, 'request_withdrawal', withdrawalPayload({ requesterEmail: undefined, requesterPhone: '07700 900123' }));
        const emails = await db.sql`select kind from private.outbox where about_reference = ${reference}`;
        expect(emails.map((e) => e['kind'])).toEqual(['withdrawal_team']);
      });

      const cases: [string, Json, string, string][] = [
        ['no name', { personName: null }, 'required', 'personName'],
        ['no date of birth', { dateOfBirth: '' }, 'required', 'dateOfBirth'],
        ['a DSR reference of the wrong shape', { dsrReference: 'DSR-12' }, 'format', 'dsrReference'],
        ['an unknown relationship', { requesterRelationship: 'neighbour' }, 'required', 'requesterRelationship'],
        ['no requester name', { requesterName: '' }, 'required', 'requesterName'],
        ['a bad email address', { requesterEmail: 'parent at example' }, 'format', 'requesterEmail'],
        ['a bad phone number', { requesterEmail: undefined, requesterPhone: '12' }, 'format', 'requesterPhone'],
        ['no way to reach them', { requesterEmail: '', requesterPhone: '' }, 'contact_missing', 'requesterEmail'],
        ['not understanding support continues', { understandsSupportContinues: false }, 'required', 'understandsSupportContinues'],
        ['the understanding as text', { understandsSupportContinues: 'yes' }, 'required', 'understandsSupportContinues'],
      ];
      test.each(cases)('refuses %s, changing nothing', async (_, overrides, message, field) => {
        const before = await tableCounts(db.sql);
        await expectInvalid(submit(db.sql, 'request_withdrawal', withdrawalPayload(overrides)), message, field);
        expect(await tableCounts(db.sql)).toEqual(before);
      });

      test('says nothing about whether the person is on the register', async () => {
        const unknown = await submit(db.sql, 'request_withdrawal', withdrawalPayload({ personName: 'Nobody Known', dsrReference: 'DSR-ZZZZ-ZZZZ' }));
        expect(Object.keys(unknown)).toEqual(['reference']);
      });
    });

    describe('complete_withdrawal', () => {
      test('erases the person, their referrals, consent records and emails, keeping only references', async () => {
        const person = { givenName: 'Peregrine', familyName: 'Vexbridge-Lowe', dateOfBirth: '2009-08-23', nhsNumber: '943 476 5919' };
        const needles = ['Peregrine', 'Vexbridge', '9434765919', '943 476 5919', '2009-08-23', '23 August 2009', '23/08/2009', 'Alex Guardian'];
        const personName = `${person.givenName} ${person.familyName}`;

        // Two consent records (one quoted by a referral, one never quoted), two referrals.
        const quoted = await submit<{ reference: string }>(db.sql, 'record_consent', consentPayload(professionalId, { personName, dateOfBirth: person.dateOfBirth }));
        const unquoted = await submit<{ reference: string }>(db.sql, 'record_consent', consentPayload(professionalId, { personName: 'peregrine  vexbridge lowe', dateOfBirth: person.dateOfBirth }));
        const first = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { ...person, consentReference: quoted.reference, rating: 'amber' }));
        const second = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { ...person, nhsNumber: null, nhsNumberUnknownReason: `Peregrine's card was lost`, rating: 'red' }));
        // Someone else born the same day stays.
        const other = await submit<{ reference: string; personId: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { givenName: 'Marigold', familyName: 'Ashdown', dateOfBirth: person.dateOfBirth }));
        // One of their emails has already been sent.
        await db.sql`update private.outbox set status = 'sent', sent_at = now() where about_reference = ${first.reference} and kind = 'referral_receipt'`;

        const withdrawal = await submit<{ reference: string }>(db.sql, 'request_withdrawal', withdrawalPayload({
          personName: 'PEREGRINE VEXBRIDGE-LOWE',
          dateOfBirth: person.dateOfBirth,
          dsrReference: first.reference,
          requesterName: 'Alex Guardian',
          requesterEmail: 'guardian@example.com',
        }));

        // The scan can see them before: it would catch a miss.
        const before = await findAnywhere(db.sql, needles);
        expect(before).toEqual(expect.arrayContaining(['private.people.given_name', 'private.people.family_name', 'private.people.nhs_number', 'private.consents.person_name', 'private.withdrawals.person_name', 'private.withdrawals.requester_name']));

        // Two entries: the referral without the NHS number made its own (a likely match, never merged);
        // the team matches the request to both.
        await call(db.sql, 'match_withdrawal', withdrawal.reference, first.reference, 'Team Member B');
        await call(db.sql, 'match_withdrawal', withdrawal.reference, second.reference.toLowerCase(), 'Team Member B');
        const result = await call(db.sql, 'complete_withdrawal', withdrawal.reference.toLowerCase(), 'Team Member B');
        expect(result).toEqual({
          withdrawalReference: withdrawal.reference,
          erasedPeople: 2,
          erasedReferrals: [first.reference, second.reference],
          erasedConsents: [quoted.reference, unquoted.reference],
          erasedEmails: 8,
        });

        expect(await findAnywhere(db.sql, needles)).toEqual([]);
        const [left] = await db.sql`
          select (select count(*) from private.referrals where reference in ${db.sql([first.reference, second.reference])})::int as referrals,
                 (select count(*) from private.consents where reference in ${db.sql([quoted.reference, unquoted.reference])})::int as consents,
                 (select count(*) from private.outbox where about_reference in ${db.sql([first.reference, second.reference, quoted.reference, unquoted.reference])})::int as emails,
                 (select count(*) from private.people where id = ${other.personId})::int as other_person,
                 (select count(*) from private.referrals where reference = ${other.reference})::int as other_referral`;
        expect(left).toEqual({ referrals: 0, consents: 0, emails: 0, other_person: 1, other_referral: 1 });

        // The withdrawal keeps its reference and dates; its acknowledgement still goes out.
        const [request] = await db.sql`
          select status, completed_by, person_name, date_of_birth, requester_email, dsr_reference
            from private.withdrawals where reference = ${withdrawal.reference}`;
        expect(request).toEqual({ status: 'completed', completed_by: 'Team Member B', person_name: null, date_of_birth: null, requester_email: null, dsr_reference: first.reference });
        const pending = await db.sql`select kind from private.outbox where about_reference = ${withdrawal.reference} and status = 'pending' order by kind`;
        expect(pending.map((e) => e['kind'])).toEqual(['withdrawal_acknowledgement', 'withdrawal_completed', 'withdrawal_team']);

        // One audit row says what was done, with references and dates only.
        const [audit] = await db.sql`select actor, refs, detail from private.audit_events where action = 'withdrawal_completed' and ${withdrawal.reference} = any (refs)`;
        expect(audit!['actor']).toBe('Team Member B');
        expect(audit!['refs']).toEqual([withdrawal.reference, first.reference, second.reference, quoted.reference, unquoted.reference]);
        expect(Object.keys(audit!['detail'] as object).sort()).toEqual(['completedOn', 'erasedEmails', 'erasedPeople', 'requestedOn']);

        // References are never issued again.
        const [issued] = await db.sql`select count(*)::int as n from private.issued_references where reference in ${db.sql([first.reference, quoted.reference])}`;
        expect(issued!['n']).toBe(2);

        await expectRefused(call(db.sql, 'complete_withdrawal', withdrawal.reference, 'Team Member B'), 'withdrawal_already_completed');
      });

      // Finding 3 of issue 11: a request that matched nobody was "completed" with erasedPeople 0, wiping the
      // requester's details; Robin stayed on the register and the promised confirmation never went.
      test('a request that matches nobody cannot be completed; closed as "no entry found", the requester is told, then their details go', async () => {
        const robin = await submit<{ reference: string; personId: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { givenName: 'Robin', familyName: 'Alpha', dateOfBirth: '2013-03-03' }));
        const { reference } = await submit<{ reference: string }>(db.sql, 'request_withdrawal', withdrawalPayload({
          personName: 'Robin James Alpha', dateOfBirth: '2013-03-03', requesterName: 'Kit Alpha', requesterEmail: 'kit.alpha@example.com',
        }));
        await expectRefused(call(db.sql, 'complete_withdrawal', reference, 'Team'), 'withdrawal_not_matched');
        const [still] = await db.sql`select status, requester_email from private.withdrawals where reference = ${reference}`;
        expect(still).toEqual({ status: 'requested', requester_email: 'kit.alpha@example.com' });

        expect(await call(db.sql, 'close_withdrawal_no_entry', reference, 'Team')).toEqual({ withdrawalReference: reference, status: 'no_entry_found' });
        const [closed] = await db.sql`select status, person_name, requester_name, requester_email from private.withdrawals where reference = ${reference}`;
        expect(closed).toEqual({ status: 'no_entry_found', person_name: null, requester_name: null, requester_email: null });
        const [told] = drawn(await db.sql`select kind, recipient, facts from private.outbox where about_reference = ${reference} and kind = 'withdrawal_no_entry'`);
        expect(told!['recipient']).toBe('kit.alpha@example.com');
        expect(told!['body_text']).toContain(reference);
        expect(told!['body_text']).toContain('did not find an entry on the register');
        for (const personal of ['Robin', 'Alpha', '2013']) expect(told!['body_text']).not.toContain(personal);
        // Robin is still on the register, and the request cannot be finished twice.
        const [kept] = await db.sql`select count(*)::int as n from private.people where id = ${robin.personId}`;
        expect(kept!['n']).toBe(1);
        await expectRefused(call(db.sql, 'complete_withdrawal', reference, 'Team'), 'withdrawal_already_completed');
        await expectRefused(call(db.sql, 'close_withdrawal_no_entry', reference, 'Team'), 'withdrawal_already_completed');
      });

      test('completing erases only the people the team matched, and emails the requester that it is done, without the person', async () => {
        const familyName = `Example${randomUUID().replace(/[^a-f]/g, '').slice(0, 6)}`;
        const alex = await submit<{ reference: string; personId: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { givenName: 'Alex', familyName, dateOfBirth: '2010-03-04' }));
        const sam = await submit<{ reference: string; personId: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { givenName: 'Sam', familyName, dateOfBirth: '2010-03-04', nhsNumber: null, nhsNumberUnknownReason: 'Not known.' }));
        const alexAgain = await submit<{ reference: string; personId: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { givenName: 'Alex', familyName, dateOfBirth: '2010-03-04', nhsNumber: null, nhsNumberUnknownReason: 'Not known.' }));
        const { reference } = await submit<{ reference: string }>(db.sql, 'request_withdrawal', withdrawalPayload({ personName: `Alex ${familyName}`, dateOfBirth: '2010-03-04', requesterEmail: 'alex.family@example.com' }));
        // Two entries could be Alex: the team's email says so, by reference, and nothing is done until the team chooses.
        const [team] = drawn(await db.sql`select kind, facts from private.outbox where about_reference = ${reference} and kind = 'withdrawal_team'`);
        expect(team!['body_text']).toContain('more than one entry matched');
        expect(team!['body_text']).toContain(alex.reference);
        expect(team!['body_text']).toContain(alexAgain.reference);
        expect(team!['body_text']).not.toContain(sam.reference);
        await expectRefused(call(db.sql, 'complete_withdrawal', reference, 'Team'), 'withdrawal_not_matched');

        await expectRefused(call(db.sql, 'match_withdrawal', reference, 'DSR-ZZZZ-ZZZZ', 'Team'), 'referral_reference_not_found');
        expect(await call(db.sql, 'match_withdrawal', reference, alex.reference, 'Team')).toEqual({ withdrawalReference: reference, matched: [alex.reference] });
        const done = await call<Json>(db.sql, 'complete_withdrawal', reference, 'Team');
        expect(done).toMatchObject({ erasedPeople: 1, erasedReferrals: [alex.reference] });
        const left = await db.sql`select id from private.people where id in ${db.sql([alex.personId, sam.personId, alexAgain.personId])}`;
        expect(left.map((row) => row['id']).sort()).toEqual([sam.personId, alexAgain.personId].sort());
        const [email] = drawn(await db.sql`select kind, recipient, facts from private.outbox where about_reference = ${reference} and kind = 'withdrawal_completed'`);
        expect(email!['recipient']).toBe('alex.family@example.com');
        expect(email!['body_text']).toContain(reference);
        expect(email!['body_text']).toContain('removed from the register');
        for (const personal of ['Alex', familyName, '2010', alex.reference]) expect(email!['body_text']).not.toContain(personal);
      });

      test('refuses an unknown reference and a missing actor', async () => {
        await expectRefused(call(db.sql, 'complete_withdrawal', 'WDR-AAAA-BBBB', 'Team'), 'withdrawal_reference_not_found');
        const { reference } = await submit<{ reference: string }>(db.sql, 'request_withdrawal', withdrawalPayload());
        await expectInvalid(call(db.sql, 'complete_withdrawal', reference, ''), 'actor_missing', 'actor');
        const [row] = await db.sql`select status from private.withdrawals where reference = ${reference}`;
        expect(row!['status']).toBe('requested');
      });

      test('a DSR reference for someone with another date of birth erases nobody', async () => {
        const victim = await submit<{ reference: string; personId: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { dateOfBirth: '2012-02-02' }));
        const { reference } = await submit<{ reference: string }>(db.sql, 'request_withdrawal', withdrawalPayload({ personName: 'Someone Else', dateOfBirth: '2012-02-03', dsrReference: victim.reference }));
        await expectRefused(call(db.sql, 'match_withdrawal', reference, victim.reference, 'Team'), 'date_of_birth_differs');
        await expectRefused(call(db.sql, 'complete_withdrawal', reference, 'Team'), 'withdrawal_not_matched');
        const [row] = await db.sql`select count(*)::int as n from private.people where id = ${victim.personId}`;
        expect(row!['n']).toBe(1);
      });
    });
  });
}
