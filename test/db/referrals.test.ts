// submit_referral: the rules it works out, finding people already on the register,
// the emails it writes, and everything it refuses.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { databaseTargets, useDatabase } from '../support/database.ts';
import {
  call,
  dateFromToday,
  drawn,
  expectInvalid,
  expectRefused,
  failure,
  inRolledBackTransaction,
  nhsNumber,
  referencePattern,
  referralPayload,
  registerProfessional,
  settings,
  submit,
  tableCounts,
  uniqueFamilyName,
  consentPayload,
  type Json,
} from './support.ts';

interface ReferralResult {
  reference: string;
  personId: string;
  existingPerson: boolean;
  ageAtReferral: number;
  ageGroup: string;
  keyworkerEligible: boolean;
  reviewType: string;
}

for (const target of databaseTargets()) {
  describe(`referrals on ${target.name}`, () => {
    const db = useDatabase(target);
    let professionalId = '';
    beforeAll(async () => {
      ({ professionalId } = await registerProfessional(db.sql, { organisation: 'Southshire Children’s Services', jobTitle: 'Social worker' }));
    });
    const refer = (overrides: Json = {}) => submit<ReferralResult>(db.sql, 'submit_referral', referralPayload(professionalId, overrides));

    test('a referral gets a DSR- reference, a person on the register and its rating', async () => {
      const payload = referralPayload(professionalId, { nhsNumber: '943 476 5919', postcode: ' st4  1aa ' });
      const result = await submit<ReferralResult>(db.sql, 'submit_referral', payload);
      expect(result.reference).toMatch(referencePattern('DSR'));
      expect(result.existingPerson).toBe(false);
      const [person] = await db.sql`select nhs_number, postcode, family_name from private.people_now where id = ${result.personId}`;
      expect(person).toEqual({ nhs_number: '9434765919', postcode: 'ST4 1AA', family_name: payload['familyName'] });
      const [referral] = await db.sql`
        select rating, rating_agreed_on::text, services_involved, professional_id from private.referrals where reference = ${result.reference}`;
      expect(referral).toEqual({ rating: 'amber', rating_agreed_on: '2026-11-02', services_involved: ['camhs', 'education'], professional_id: professionalId });
    });

    describe('the team email and the receipt', () => {
      test('are written with the referral, carry reference, rating and area, and never the person', async () => {
        const payload = referralPayload(professionalId, { givenName: 'Ottoline', rating: 'green', area: 'Riverton East' });
        const { reference } = await submit<ReferralResult>(db.sql, 'submit_referral', payload);
        const emails = drawn(await db.sql`
          select kind, recipient, facts, urgent from private.outbox where about_reference = ${reference} order by kind`);
        expect(emails.map((e) => [e['kind'], e['recipient'], e['urgent']])).toEqual([
          ['referral_receipt', expect.stringMatching(/@example\.nhs\.net$/), false],
          ['referral_team', settings.teamEmail, false],
        ]);
        for (const email of emails) {
          const text = `${email['subject']}\n${email['body_text']}`;
          expect(text).toContain(reference);
          expect(text).toContain('GREEN');
          expect(text).toContain('Riverton East');
          for (const personal of ['Ottoline', payload['familyName'], payload['nhsNumber'], '2011-05-17', '17 May 2011', '17/05/2011', 'ST4 1AA', 'Riverside', 'Makaton']) {
            expect(text).not.toContain(personal as string);
          }
        }
        const team = emails.find((e) => e['kind'] === 'referral_team')!;
        expect(team['body_text']).toContain('Keyworker: not eligible');
        expect(team['body_text']).toContain('Social worker, Southshire Children’s Services');
        expect(emails.find((e) => e['kind'] === 'referral_receipt')!['body_text']).toContain(`${settings.siteUrl}/professionals/referral-pathway/`);
      });

      test('a RED referral makes the team email urgent, its subject starting "[RED – urgent]"', async () => {
        const { reference } = await refer({ rating: 'red' });
        const [team] = drawn(await db.sql`select kind, facts, urgent from private.outbox where idempotency_key = ${`referral:${reference}:team`}`)
          .map(({ urgent, subject }) => ({ urgent, subject }));
        expect(team).toEqual({ urgent: true, subject: expect.stringMatching(/^\[RED – urgent\] DSR referral DSR-/) });
        const [receipt] = await db.sql`select urgent from private.outbox where idempotency_key = ${`referral:${reference}:receipt`}`;
        expect(receipt!['urgent']).toBe(false);
      });

      // [rating, lives in hospital?, what the team's subject says must happen, a sentence both emails carry]
      // (the words of content/ratings.json: `actionsInShort`, and one of `mustHappen`).
      const nextSteps: [string, boolean, string, string][] = [
        ['red', false, 'C(E)TR and meeting by exception needed', 'calls an urgent meeting by exception'],
        ['amber', false, 'multi-agency meeting and/or C(E)TR needed', 'goes on the agenda of the next area DSR tracking meeting'],
        ['green', false, 'added to the register, C(E)TR partners to identify', 'not usually discussed at tracking meetings'],
        ['blue', true, 'commissioner oversight and inpatient C(E)TRs', 'Commissioners carry out oversight visits'],
      ];
      test.each(nextSteps)('a %s referral: both emails say what must happen next for the rating', async (rating, inHospital, action, sentence) => {
        const hospital = inHospital ? { livesIn: 'mental_health_hospital', hospitalName: 'Example Ward', admissionDate: '2026-10-01' } : {};
        const { reference } = await refer({ rating, ...hospital });
        const emails = drawn(await db.sql`select kind, facts from private.outbox where about_reference = ${reference} order by kind`);
        const team = emails.find((e) => e['kind'] === 'referral_team')!;
        const receipt = emails.find((e) => e['kind'] === 'referral_receipt')!;
        expect(team['subject']).toContain(action);
        expect(team['body_text']).toContain(sentence);
        expect(receipt['body_text']).toContain(sentence);
      });
    });

    describe('rules from the rules table', () => {
      // [years old today, rating, has an EHCP?] -> [age group, keyworker?, review]
      const cases: [string, { years: number; days?: number }, string, string | undefined, string, boolean, string][] = [
        ['born today, RED', { years: 0 }, 'red', undefined, 'child', true, 'cetr'],
        ['17, GREEN', { years: -17 }, 'green', undefined, 'child', false, 'cetr'],
        ['17 without an EHCP, GREEN: still a CETR', { years: -17 }, 'green', 'no', 'child', false, 'cetr'],
        ['18 tomorrow, RED', { years: -18, days: 1 }, 'red', undefined, 'child', true, 'cetr'],
        ['18 today without an EHCP, AMBER', { years: -18 }, 'amber', 'no', 'young_person', true, 'ctr'],
        ['18 today with an EHCP, GREEN: a CETR', { years: -18 }, 'green', 'yes', 'young_person', false, 'cetr'],
        ['19 without an EHCP, AMBER', { years: -19 }, 'amber', 'no', 'young_person', false, 'ctr'],
        ['19, EHCP not known, AMBER: a CTR', { years: -19 }, 'amber', 'not_known', 'young_person', false, 'ctr'],
        ['19 without an EHCP, BLUE', { years: -19 }, 'blue', 'no', 'young_person', true, 'ctr'],
        ['25 with an EHCP, BLUE: a CETR', { years: -25 }, 'blue', 'yes', 'young_person', true, 'cetr'],
        ['26, BLUE', { years: -26 }, 'blue', undefined, 'adult', false, 'ctr'],
        ['26 with an EHCP (they end at 25), BLUE: a CTR', { years: -26 }, 'blue', 'yes', 'adult', false, 'ctr'],
        ['40, RED', { years: -40 }, 'red', undefined, 'adult', false, 'ctr'],
      ];
      test.each(cases)('%s', async (_, age, rating, hasEhcp, ageGroup, keyworkerEligible, reviewType) => {
        const dateOfBirth = await dateFromToday(db.sql, age);
        const hospital = rating === 'blue' ? { livesIn: 'mental_health_hospital', hospitalName: 'Fictional Unit' } : {};
        const result = await refer({ dateOfBirth, rating, ratingAgreedOn: dateOfBirth, ...(hasEhcp ? { hasEhcp } : {}), ...hospital });
        const ageAtReferral = -age.years - (age.days ? 1 : 0) || 0;
        expect(result).toMatchObject({ ageAtReferral, ageGroup, keyworkerEligible, reviewType });
        const [stored] = await db.sql`select age_group, keyworker_eligible, review_type from private.referrals where reference = ${result.reference}`;
        expect(stored).toEqual({ age_group: ageGroup, keyworker_eligible: keyworkerEligible, review_type: reviewType });
      });

      test('at 18 to 25, where an EHCP decides the review, a referral without the answer is refused on that question', async () => {
        const dateOfBirth = await dateFromToday(db.sql, { years: -20 });
        const error = await failure(submit(db.sql, 'submit_referral', referralPayload(professionalId, { dateOfBirth, rating: 'amber' })));
        expect(error).toMatchObject({ code: '22023', message: 'required', detail: 'hasEhcp' });
      });

      test('the team is told when an EHCP is not known, since it decides CETR or CTR', async () => {
        const dateOfBirth = await dateFromToday(db.sql, { years: -21 });
        const { reference } = await refer({ dateOfBirth, rating: 'amber', hasEhcp: 'not_known' });
        const team = drawn(await db.sql`select kind, facts from private.outbox where about_reference = ${reference} and kind = 'referral_team'`)[0]!;
        expect(team['body_text']).toContain('Care and Treatment Review (CTR) - EHCP not known: check it, as it decides CETR or CTR');
      });

      test('the rules are read from the table, so changing a row changes the outcome', async () => {
        const dateOfBirth = await dateFromToday(db.sql, { years: -17 });
        const changed = await inRolledBackTransaction(db.sql, async (tx) => {
          await tx`update private.eligibility_rules set max_age = 16 where kind = 'keyworker' and max_age = 18`;
          return submit<ReferralResult>(tx, 'submit_referral', referralPayload(professionalId, { dateOfBirth, rating: 'red' }));
        });
        expect(changed.keyworkerEligible).toBe(false);
        expect((await refer({ dateOfBirth, rating: 'red' })).keyworkerEligible).toBe(true);
      });

      test('a gap in the rules is refused rather than guessed', async () => {
        const error = await inRolledBackTransaction(db.sql, async (tx) => {
          await tx`delete from private.eligibility_rules where kind = 'review' and outcome = 'ctr'`;
          return failure(submit(tx, 'submit_referral', referralPayload(professionalId, { dateOfBirth: '1990-01-01' })));
        });
        expect(error).toMatchObject({ code: 'P0001', message: 'eligibility_rules_incomplete' });
        const [rules] = await db.sql`select count(*)::int as n from private.eligibility_rules`;
        expect(rules!['n']).toBe(9);
      });
    });

    describe('finding someone already on the register', () => {
      test('the same NHS number adds a rating to their entry, keeping the history', async () => {
        const nhs = nhsNumber();
        const familyName = uniqueFamilyName();
        const first = await refer({ nhsNumber: nhs, familyName, rating: 'green', ratingAgreedOn: '2026-06-01' });
        const second = await refer({
          nhsNumber: nhs,
          familyName: 'Changed-Surname',
          rating: 'red',
          ratingAgreedOn: '2026-11-20',
          postcode: 'M1 1AE',
          area: 'Riverton East',
        });
        expect(second.personId).toBe(first.personId);
        expect(second.existingPerson).toBe(true);
        const history = await db.sql`
          select rating, area from private.referrals where person_id = ${first.personId} order by created_at`;
        expect(history).toEqual([
          { rating: 'green', area: 'Northshire North' },
          { rating: 'red', area: 'Riverton East' },
        ]);
        const [person] = await db.sql`select family_name from private.people where id = ${first.personId}`;
        expect(person).toEqual({ family_name: familyName });
        const [team] = drawn(await db.sql`select kind, facts from private.outbox where idempotency_key = ${`referral:${second.reference}:team`}`);
        expect(team!['body_text']).toContain('previous rating GREEN, agreed on 1 June 2026');
      });

      // Finding 2 of issue 11: a re-referral replaced the postcode, area and condition, and the earlier ones were lost.
      test('a re-referral keeps the details recorded before, with their dates; the current details are the latest', async () => {
        const nhs = nhsNumber();
        const first = await refer({ nhsNumber: nhs, postcode: 'LS1 4AP', area: 'Northshire North', condition: 'autism', gpPractice: 'Riverside Surgery' });
        const second = await refer({ nhsNumber: nhs, postcode: 'M1 1AE', area: 'Riverton East', condition: 'both', gpPractice: null, livesIn: 'mental_health_hospital', hospitalName: 'Example Ward', rating: 'blue' });
        expect(second.personId).toBe(first.personId);
        const history = await db.sql`
          select postcode, area, condition, gp_practice, lives_in, created_at is not null as dated
            from private.referrals where person_id = ${first.personId} order by created_at`;
        expect(history).toEqual([
          { postcode: 'LS1 4AP', area: 'Northshire North', condition: 'autism', gp_practice: 'Riverside Surgery', lives_in: 'community', dated: true },
          { postcode: 'M1 1AE', area: 'Riverton East', condition: 'both', gp_practice: null, lives_in: 'mental_health_hospital', dated: true },
        ]);
        const [now] = await db.sql`
          select postcode, area, condition, gp_practice, lives_in, hospital_name from private.people_now where id = ${first.personId}`;
        expect(now).toEqual({ postcode: 'M1 1AE', area: 'Riverton East', condition: 'both', gp_practice: 'Riverside Surgery', lives_in: 'mental_health_hospital', hospital_name: 'Example Ward' });
      });

      // Finding 1 of issue 11: "Sam" was merged into "Alex" on family name and birth date.
      test('without an NHS number, people are never merged on their details: a new entry, and the team told of a likely match', async () => {
        const familyName = uniqueFamilyName();
        const alex = await refer({ givenName: 'Alex', familyName, dateOfBirth: '2010-03-04', nhsNumber: nhsNumber(), condition: 'autism', rating: 'green', ratingAgreedOn: '2026-06-01' });
        const sam = await refer({
          givenName: 'Sam', familyName, dateOfBirth: '2010-03-04', nhsNumber: null, nhsNumberUnknownReason: 'Not known to the referrer.',
          condition: 'learning_disability', rating: 'red',
        });
        expect(sam.personId).not.toBe(alex.personId);
        expect(sam.existingPerson).toBe(false);
        const people = await db.sql`select given_name from private.people where id in ${db.sql([alex.personId, sam.personId])} order by given_name`;
        expect(people.map((p) => p['given_name'])).toEqual(['Alex', 'Sam']);
        const [alexNow] = await db.sql`select condition from private.referrals where person_id = ${alex.personId} order by created_at desc limit 1`;
        expect(alexNow!['condition']).toBe('autism');
        const [team] = drawn(await db.sql`select kind, facts from private.outbox where idempotency_key = ${`referral:${sam.reference}:team`}`);
        expect(team!['body_text']).toContain('Already on the register: no - a new entry');
        expect(team!['body_text']).not.toContain('previous rating');
        // Not the same full name: no likely match for the team either.
        const questions = await db.sql`select kind from private.identity_questions where person_id = ${sam.personId}`;
        expect(questions).toEqual([]);

        // The same full name and date of birth, without an NHS number: a new entry marked as a likely match.
        const again = await refer({ givenName: ' sam ', familyName: familyName.toUpperCase(), dateOfBirth: '2010-03-04', nhsNumber: null, nhsNumberUnknownReason: 'Not known.' });
        expect(again.personId).not.toBe(sam.personId);
        expect(again.existingPerson).toBe(false);
        const [question] = await db.sql`select kind, other_person_id, status from private.identity_questions where person_id = ${again.personId}`;
        expect(question).toEqual({ kind: 'likely_match', other_person_id: sam.personId, status: 'open' });
        const [againTeam] = drawn(await db.sql`select kind, facts from private.outbox where idempotency_key = ${`referral:${again.reference}:team`}`);
        expect(againTeam!['body_text']).toContain('Already on the register: no - a new entry');
        expect(againTeam!['body_text']).toContain(`Possible match for you to check: ${sam.reference}`);
      });

      test('the DSR team confirms a likely match (one entry, nothing lost) or keeps the two apart', async () => {
        const familyName = uniqueFamilyName();
        const unknown = { nhsNumber: null, nhsNumberUnknownReason: 'Not known.' };
        const first = await refer({ givenName: 'Robin', familyName, postcode: 'LS1 4AP', ...unknown });
        const second = await refer({ givenName: 'Robin', familyName, postcode: 'M1 1AE', ...unknown });
        await expectRefused(call(db.sql, 'confirm_same_person', first.reference, first.reference, 'Team'), 'same_entry');
        const confirmed = await call<Json>(db.sql, 'confirm_same_person', second.reference, first.reference, 'Team Member C');
        expect(confirmed).toEqual({ status: 'confirmed', kept: first.reference, merged: [second.reference] });
        const rows = await db.sql`select person_id, postcode from private.referrals where reference in ${db.sql([first.reference, second.reference])} order by created_at`;
        expect(rows).toEqual([{ person_id: first.personId, postcode: 'LS1 4AP' }, { person_id: first.personId, postcode: 'M1 1AE' }]);
        const [question] = await db.sql`select status, decided_by from private.identity_questions where other_person_id = ${first.personId}`;
        expect(question).toEqual({ status: 'confirmed', decided_by: 'Team Member C' });

        const third = await refer({ givenName: 'Robin', familyName, ...unknown });
        expect(await call<Json>(db.sql, 'keep_people_apart', third.reference, first.reference, 'Team')).toEqual({ status: 'kept_apart' });
        const [apart] = await db.sql`select status from private.identity_questions where person_id = ${third.personId}`;
        expect(apart!['status']).toBe('kept_apart');
        // Two different NHS numbers are two people: the team cannot merge them.
        const a = await refer({ givenName: 'Robin', familyName });
        const b = await refer({ givenName: 'Robin', familyName });
        await expectRefused(call(db.sql, 'confirm_same_person', a.reference, b.reference, 'Team'), 'nhs_numbers_differ');
      });

      // Finding 5 of issue 11: the form said "This NHS number is on the register with a different date of birth".
      test('an NHS number on the register with another date of birth is accepted like any referral and marked for the team only', async () => {
        const nhs = nhsNumber();
        const holder = await refer({ nhsNumber: nhs, dateOfBirth: '2010-01-01', ratingAgreedOn: '2026-01-01' });
        const known = await refer({ nhsNumber: nhs, dateOfBirth: '2010-01-02', ratingAgreedOn: '2026-01-01' });
        const unknown = await refer({ nhsNumber: nhsNumber(), dateOfBirth: '2010-01-02', ratingAgreedOn: '2026-01-01' });
        // The referrer gets the same answer either way, but for the reference.
        const shape = (r: ReferralResult) => ({ ...r, reference: 'DSR-', personId: 'id' });
        expect(shape(known)).toEqual(shape(unknown));
        expect(known.personId).not.toBe(holder.personId);
        const [question] = await db.sql`select kind, other_person_id, status from private.identity_questions where person_id = ${known.personId}`;
        expect(question).toEqual({ kind: 'nhs_number_conflict', other_person_id: holder.personId, status: 'open' });
        const [given] = await db.sql`select nhs_number from private.referrals where reference = ${known.reference}`;
        expect(given!['nhs_number']).toBe(nhs);
        const receipts = drawn(await db.sql`
          select kind, facts from private.outbox where idempotency_key in ${db.sql([`referral:${known.reference}:receipt`, `referral:${unknown.reference}:receipt`])}`);
        const words = receipts.map((e) => e['body_text'].replace(/DSR-[A-Z0-9]{4}-[A-Z0-9]{4}/g, 'DSR-'));
        expect(words).toHaveLength(2);
        expect(words[0]).toBe(words[1]);
        const [team] = drawn(await db.sql`select kind, facts from private.outbox where idempotency_key = ${`referral:${known.reference}:team`}`);
        expect(team!['body_text']).toContain(`The NHS number given is on the register with another date of birth (${holder.reference}): check it`);
      });

      test('the same family name and date of birth with different NHS numbers are two people', async () => {
        const familyName = uniqueFamilyName();
        const first = await refer({ familyName });
        const second = await refer({ familyName });
        expect(second.personId).not.toBe(first.personId);
        expect(second.existingPerson).toBe(false);
      });

      test('the database itself refuses a second entry with the same NHS number', async () => {
        const nhs = nhsNumber();
        await refer({ nhsNumber: nhs });
        await expect(db.sql`
          insert into private.people (given_name, family_name, date_of_birth, nhs_number)
          values ('Twin', 'Entry', '2011-05-17', ${nhs})`).rejects.toMatchObject({ code: '23505' });
      });

      test('sending the same submission again returns the first result and adds nothing', async () => {
        const payload = referralPayload(professionalId, { submissionId: randomUUID() });
        const first = await submit<ReferralResult>(db.sql, 'submit_referral', payload);
        const before = await tableCounts(db.sql);
        const again = await submit<ReferralResult>(db.sql, 'submit_referral', payload);
        expect(again).toEqual(first);
        expect(await tableCounts(db.sql)).toEqual(before);
      });
    });

    describe('consent references', () => {
      test('a referral can quote a consent record for the same person and decision, which then belongs to them', async () => {
        const consent = await submit<{ reference: string }>(db.sql, 'record_consent', consentPayload(professionalId));
        const result = await refer({ familyName: 'Quarrington', consentReference: consent.reference.toLowerCase() });
        const [row] = await db.sql`
          select c.person_id, r.consent_id = c.id as linked from private.consents c join private.referrals r on r.reference = ${result.reference}
           where c.reference = ${consent.reference}`;
        expect(row).toEqual({ person_id: result.personId, linked: true });
      });

      test('an unknown reference, or one for another date of birth or decision, is refused', async () => {
        const before = await tableCounts(db.sql);
        const named = { familyName: 'Quarrington' };
        await expectRefused(refer({ ...named, consentReference: 'CON-ABCD-EFGH' }), 'consent_not_yours');
        const consent = await submit<{ reference: string }>(db.sql, 'record_consent', consentPayload(professionalId));
        await expectRefused(refer({ ...named, consentReference: consent.reference, dateOfBirth: '2011-05-18' }), 'consent_not_yours');
        await expectRefused(refer({ ...named, consentReference: consent.reference, consentBasis: 'best_interests' }), 'consent_not_yours');
        const after = await tableCounts(db.sql);
        expect(after.referrals).toBe(before.referrals);
        expect(after.people).toBe(before.people);
      });

      // Finding 4 of issue 11: professional A cited professional B's consent record for a differently named
      // person and was accepted; the refusals differed (not_found against mismatch), which told a caller the
      // reference existed and, by trying, its date of birth.
      test('a consent record can be cited only by who recorded it, for the person it names; every refusal is the same', async () => {
        const other = await registerProfessional(db.sql);
        const familyName = uniqueFamilyName();
        const named = { givenName: 'Jordan', familyName, dateOfBirth: '2011-05-17' };
        const theirs = await submit<{ reference: string }>(db.sql, 'record_consent', consentPayload(other.professionalId, { personName: `Jordan ${familyName}` }));
        const mine = await submit<{ reference: string }>(db.sql, 'record_consent', consentPayload(professionalId, { personName: `Jordan ${familyName}` }));
        const before = await tableCounts(db.sql);
        const refusals = [
          await failure(refer({ ...named, consentReference: theirs.reference })), // recorded by someone else
          await failure(refer({ ...named, givenName: 'Sam', consentReference: mine.reference })), // another person, same birth date
          await failure(refer({ ...named, dateOfBirth: '2011-05-18', consentReference: mine.reference })), // another birth date
          await failure(refer({ ...named, consentBasis: 'best_interests', consentReference: mine.reference })), // another kind of decision
          await failure(refer({ ...named, consentReference: 'CON-ABCD-EFGH' })), // no such record
        ];
        for (const refusal of refusals) expect(refusal).toEqual({ code: 'P0001', message: 'consent_not_yours', detail: 'consentReference' });
        const after = await tableCounts(db.sql);
        expect({ referrals: after.referrals, people: after.people }).toEqual({ referrals: before.referrals, people: before.people });
        const [tied] = await db.sql`select person_id from private.consents where reference = ${theirs.reference}`;
        expect(tied!['person_id']).toBeNull();
        // Its own record, for the person it names (case and spaces aside), is accepted.
        const accepted = await refer({ ...named, familyName: ` ${familyName.toUpperCase()}`, consentReference: mine.reference });
        expect(accepted.reference).toMatch(referencePattern('DSR'));
      });
    });

    describe('bad input is refused with the field it is about, and changes nothing', () => {
      const hospital = { livesIn: 'mental_health_hospital', hospitalName: 'Fictional Unit', rating: 'blue' };
      const cases: [string, Json, string, string][] = [
        ['no given name', { givenName: '  ' }, 'required', 'givenName'],
        ['a number for a name', { givenName: 42 }, 'payload_invalid', 'givenName'],
        ['a family name too long', { familyName: 'x'.repeat(101) }, 'too_long', 'familyName'],
        ['a control character in a name', { givenName: 'Jo\u0007' }, 'payload_invalid', 'givenName'],
        ['a date of birth tomorrow', { dateOfBirth: 'TOMORROW' }, 'in_future', 'dateOfBirth'],
        ['30 February', { dateOfBirth: '2011-02-30' }, 'not_real', 'dateOfBirth'],
        ['a date in another format', { dateOfBirth: '17/05/2011' }, 'not_real', 'dateOfBirth'],
        ['a date of birth 121 years ago', { dateOfBirth: '1900-01-01' }, 'too_early', 'dateOfBirth'],
        ['an NHS number with a wrong check digit', { nhsNumber: '9434765918' }, 'check_digit', 'nhsNumber'],
        ['an NHS number too short', { nhsNumber: '943476591' }, 'not_ten_digits', 'nhsNumber'],
        ['no NHS number and no reason', { nhsNumber: null }, 'required', 'nhsNumberUnknownReason'],
        ['a postcode that is not one', { postcode: 'NOT A CODE' }, 'format', 'postcode'],
        ['no area', { area: '' }, 'required', 'area'],
        ['an area that is not one of the list', { area: 'Atlantis' }, 'required', 'area'],
        ['an unknown condition', { condition: 'other' }, 'required', 'condition'],
        ['an unknown place', { livesIn: 'prison' }, 'required', 'livesIn'],
        ['a hospital without its name', { ...hospital, hospitalName: '' }, 'required', 'hospitalName'],
        ['an admission tomorrow', { ...hospital, admissionDate: 'TOMORROW' }, 'in_future', 'admissionDate'],
        ['an admission before birth', { ...hospital, admissionDate: '2010-01-01' }, 'before_birth', 'admissionDate'],
        ['an unknown rating', { rating: 'purple' }, 'required', 'rating'],
        ['BLUE in the community', { rating: 'blue' }, 'blue_needs_hospital', 'rating'],
        ['in hospital but not BLUE', { ...hospital, rating: 'red' }, 'hospital_needs_blue', 'rating'],
        ['a rating agreed tomorrow', { ratingAgreedOn: 'TOMORROW' }, 'in_future', 'ratingAgreedOn'],
        ['a rating agreed before birth', { ratingAgreedOn: '2011-05-16' }, 'before_birth', 'ratingAgreedOn'],
        ['no reason for the rating', { ratingReason: null }, 'required', 'ratingReason'],
        ['a reason too long', { ratingReason: 'x'.repeat(2001) }, 'too_long', 'ratingReason'],
        ['an unknown consent basis', { consentBasis: 'maybe' }, 'required', 'consentBasis'],
        ['a consent reference with a 1 in it', { consentReference: 'CON-1234-5678' }, 'format', 'consentReference'],
        ['no family involvement', { familyInvolved: '' }, 'required', 'familyInvolved'],
        ['no services', { servicesInvolved: [] }, 'required', 'servicesInvolved'],
        ['a service that is not text', { servicesInvolved: [1] }, 'payload_invalid', 'servicesInvolved'],
        ['services as a string', { servicesInvolved: 'camhs' }, 'payload_invalid', 'servicesInvolved'],
        ['an unknown previous review', { previousReview: 'maybe' }, 'required', 'previousReview'],
        ['a submission id that is not a uuid', { submissionId: 'abc' }, 'payload_invalid', 'submissionId'],
        ['no team address', { teamEmail: 'team' }, 'payload_invalid', 'teamEmail'],
        ['no referrer', { professionalId: 'nobody' }, 'payload_invalid', 'professionalId'],
      ];
      test.each(cases)('%s', async (_, overrides, message, field) => {
        const tomorrow = await dateFromToday(db.sql, { days: 1 });
        const resolved = Object.fromEntries(Object.entries(overrides).map(([key, value]) => [key, value === 'TOMORROW' ? tomorrow : value]));
        const before = await tableCounts(db.sql);
        await expectInvalid(refer(resolved), message, field);
        expect(await tableCounts(db.sql)).toEqual(before);
      });

      test('a referrer whose account is not active is refused', async () => {
        await expectRefused(refer({ professionalId: randomUUID() }), 'professional_not_active');
        const pending = await registerProfessional(db.sql, { email: `pending.${randomUUID().slice(0, 6)}@example.org`, approvalNeeded: true });
        await expectRefused(refer({ professionalId: pending.professionalId }), 'professional_not_active');
      });

      test('hospital details sent with a community referral are dropped', async () => {
        const { reference } = await refer({ hospitalName: 'Left over', admissionDate: '2026-01-01' });
        const [row] = await db.sql`select hospital_name, admission_date from private.referrals where reference = ${reference}`;
        expect(row).toEqual({ hospital_name: null, admission_date: null });
      });
    });

    describe('what the tables themselves refuse', () => {
      test('a rating that does not exist, a bad NHS number, a future date of birth, BLUE outside hospital', async () => {
        const { reference, personId } = await refer();
        const attempts = [
          db.sql`update private.referrals set rating = 'purple' where reference = ${reference}`,
          db.sql`update private.referrals set rating = 'blue' where reference = ${reference}`,
          db.sql`update private.people set nhs_number = '9434765918' where id = ${personId}`,
          db.sql`update private.people set date_of_birth = private.today() + 1 where id = ${personId}`,
          db.sql`update private.referrals set postcode = 'nowhere' where reference = ${reference}`,
          db.sql`update private.referrals set services_involved = '{}' where reference = ${reference}`,
          db.sql`update private.referrals set reference = 'DSR-IIII-OOOO' where reference = ${reference}`,
        ];
        for (const attempt of attempts) {
          expect((await failure(attempt)).code).toBe('23514');
        }
      });
    });

    test('references: 8 characters in two groups from an alphabet without I, O, 0 and 1, all different', async () => {
      const [row] = await db.sql`
        select count(distinct reference)::int as distinct_count,
               bool_and(reference ~ '^DSR-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$') as shaped,
               bool_or(reference ~ '[IO01]' ) as ambiguous,
               count(distinct substr(reference, 5, 1))::int as first_symbols
          from (select private.new_reference('referral') as reference from generate_series(1, 3000)) as drawn`;
      expect(row).toEqual({ distinct_count: 3000, shaped: true, ambiguous: false, first_symbols: 32 });
      // A reference, once issued, is never issued again, even under another prefix.
      await expect(db.sql`insert into private.issued_references (reference) select reference from private.referrals limit 1`).rejects.toMatchObject({
        code: '23505',
      });
    });
  });
}
