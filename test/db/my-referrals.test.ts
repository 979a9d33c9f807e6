// A professional's own page (/my-referrals/) and the referral form filled in from one of
// their records: each reads only what this professional made, and a reference that is
// someone else's gets the same answer as one that does not exist (no oracle). A
// re-referral says it updated the entry only to the professional who referred it before.
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { todayInEngland } from '../../src/forms/dates.ts';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { call, consentPayload, expectRefused, nhsNumber, referralPayload, registerProfessional, submit, uniqueFamilyName } from './support.ts';
import type postgres from 'postgres';

/** A professional signed in: their id and session token. */
async function signedInProfessional(sql: postgres.Sql) {
  const { professionalId, email } = await registerProfessional(sql);
  const { token } = await call<{ token: string }>(sql, 'create_sign_in_token', email);
  const { sessionToken } = await call<{ sessionToken: string }>(sql, 'redeem_sign_in_token', token, email);
  return { professionalId, sessionToken };
}

async function signedInTeamMember(sql: postgres.Sql) {
  const email = `team.${randomUUID().slice(0, 8)}@example.nhs.net`;
  await call(sql, 'add_team_member', email, 'Tess Teamworth', 'test');
  const { token } = await call<{ token: string }>(sql, 'create_sign_in_token', email);
  const { sessionToken } = await call<{ sessionToken: string }>(sql, 'redeem_sign_in_token', token, email);
  return sessionToken;
}

interface MyReferral {
  reference: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  ratingSent: string;
  currentRating: string;
  acknowledgedAt: string | null;
  receivedAt: string;
}
interface MyConsent {
  reference: string;
  personName: string;
  referralReference: string | null;
}
const mine = (sql: postgres.Sql, sessionToken: string | null) => call<{ referrals: MyReferral[]; consents: MyConsent[] }>(sql, 'my_referrals', sessionToken);
const answersFrom = (sql: postgres.Sql, sessionToken: string | null, reference: string | null) => call(sql, 'refer_again_answers', sessionToken, reference);

/** The receipt emailed to the referrer of this referral: its facts. */
async function receiptFacts(sql: postgres.Sql, reference: string) {
  const [row] = await sql`select facts from private.outbox where kind = 'referral_receipt' and about_reference = ${reference}`;
  return row!['facts'] as Record<string, unknown>;
}

for (const target of databaseTargets()) {
  describe(`a professional's own records on ${target.name}`, () => {
    const db = useDatabase(target);

    test('my_referrals lists only the referrals and consent records this professional made, newest first, with the details they gave', async () => {
      const me = await signedInProfessional(db.sql);
      const other = await signedInProfessional(db.sql);
      const familyName = uniqueFamilyName();
      const consent = await submit<{ reference: string }>(db.sql, 'record_consent', consentPayload(me.professionalId, { personName: `Jordan ${familyName}` }));
      const first = await submit<{ reference: string }>(db.sql, 'submit_referral',
        referralPayload(me.professionalId, { familyName, consentReference: consent.reference }));
      const second = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(me.professionalId, { givenName: 'Robin' }));
      // Another professional's records, one of them about the same person (the same entry, by NHS number).
      const [firstRow] = await db.sql`select nhs_number from private.referrals where reference = ${first.reference}`;
      const theirs = await submit<{ reference: string; existingPerson: boolean }>(db.sql, 'submit_referral',
        referralPayload(other.professionalId, { familyName, nhsNumber: firstRow!['nhs_number'] as string }));
      expect(theirs.existingPerson).toBe(true);
      const theirConsent = await submit<{ reference: string }>(db.sql, 'record_consent', consentPayload(other.professionalId));

      const listed = await mine(db.sql, me.sessionToken);
      expect(listed.referrals.map((referral) => referral.reference)).toEqual([second.reference, first.reference]);
      expect(listed.referrals[1]).toMatchObject({ givenName: 'Jordan', familyName, dateOfBirth: '2011-05-17', ratingSent: 'amber', acknowledgedAt: null });
      expect(listed.consents).toEqual([expect.objectContaining({ reference: consent.reference, personName: `Jordan ${familyName}`, referralReference: first.reference })]);
      const everything = JSON.stringify(listed);
      expect(everything).not.toContain(theirs.reference);
      expect(everything).not.toContain(theirConsent.reference);

      const theirList = await mine(db.sql, other.sessionToken);
      expect(theirList.referrals.map((referral) => referral.reference)).toEqual([theirs.reference]);
      expect(theirList.consents.map((record) => record.reference)).toEqual([theirConsent.reference]);
    });

    test('each referral shows the DSR team’s acknowledgement and the person’s current rating, which a team review changed', async () => {
      const me = await signedInProfessional(db.sql);
      const { reference } = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(me.professionalId, { rating: 'amber' }));
      const team = await signedInTeamMember(db.sql);
      await call(db.sql, 'acknowledge_referral', team, reference);
      const review = { reference, rating: 'red', ratingAgreedOn: todayInEngland(), reason: 'Two placement breakdowns since the referral.', promptedBy: 'cetr' };
      await db.sql`select public.team_review_rating(${team}, ${db.sql.json(review)}::jsonb)`;

      const [listed] = (await mine(db.sql, me.sessionToken)).referrals;
      expect(listed).toMatchObject({ reference, ratingSent: 'amber', currentRating: 'red' });
      expect(Date.parse(listed!.acknowledgedAt!)).toBeGreaterThan(Date.parse(listed!.receivedAt) - 1000);
    });

    test('only a signed-in professional: no session, an ended one, or a team member’s session is refused', async () => {
      await expectRefused(mine(db.sql, null), 'session_invalid');
      await expectRefused(mine(db.sql, 'x'.repeat(43)), 'session_invalid');
      await expectRefused(answersFrom(db.sql, null, 'DSR-AAAA-BBBB'), 'session_invalid');
      const team = await signedInTeamMember(db.sql);
      await expectRefused(mine(db.sql, team), 'session_invalid');
      const me = await signedInProfessional(db.sql);
      await call(db.sql, 'end_session', me.sessionToken);
      await expectRefused(mine(db.sql, me.sessionToken), 'session_invalid');
    });

    test('refer_again_answers fills the form from the professional’s own referral (never its rating) or consent record', async () => {
      const me = await signedInProfessional(db.sql);
      const familyName = uniqueFamilyName();
      const number = nhsNumber();
      const { reference } = await submit<{ reference: string }>(db.sql, 'submit_referral',
        referralPayload(me.professionalId, { familyName, nhsNumber: number, servicesInvolved: ['camhs', 'Forest School outreach'] }));
      expect(await answersFrom(db.sql, me.sessionToken, ` ${reference.toLowerCase()} `)).toEqual({
        givenName: 'Jordan', familyName, dateOfBirth: '2011-05-17', nhsNumber: number, postcode: 'ST4 1AA', area: 'Northshire North',
        gpPractice: 'Riverside Surgery', condition: 'autism', livesIn: 'community', consentBasis: 'parental_responsibility',
        familyInvolved: 'Parents are involved and agree with the referral.', servicesInvolved: ['camhs', 'Forest School outreach'],
        communicationNeeds: 'Uses Makaton.',
      });
      const consent = await submit<{ reference: string }>(db.sql, 'record_consent', consentPayload(me.professionalId, { personName: 'Jordan Quarrington Smith' }));
      expect(await answersFrom(db.sql, me.sessionToken, consent.reference)).toEqual({
        personName: 'Jordan Quarrington Smith', dateOfBirth: '2011-05-17', consentBasis: 'parental_responsibility', consentReference: consent.reference,
      });
    });

    test('another professional’s reference fills in nothing, the same answer as an unknown or made-up one', async () => {
      const me = await signedInProfessional(db.sql);
      const other = await signedInProfessional(db.sql);
      const theirs = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(other.professionalId));
      const theirConsent = await submit<{ reference: string }>(db.sql, 'record_consent', consentPayload(other.professionalId));
      // Shown: the references are real (their maker is given the details).
      expect(await answersFrom(db.sql, other.sessionToken, theirs.reference)).toHaveProperty('givenName', 'Jordan');
      expect(await answersFrom(db.sql, other.sessionToken, theirConsent.reference)).toHaveProperty('personName');
      const answers = await Promise.all([theirs.reference, theirConsent.reference, 'DSR-2222-2222', 'CON-2222-2222', 'not a reference', '', null]
        .map((reference) => answersFrom(db.sql, me.sessionToken, reference)));
      for (const answer of answers) expect(answer).toEqual({});
    });

    test('a re-referral by the professional who referred the person before says it updated their entry, from the rating before to the rating now', async () => {
      const me = await signedInProfessional(db.sql);
      const familyName = uniqueFamilyName();
      const number = nhsNumber();
      const first = await submit<Record<string, unknown>>(db.sql, 'submit_referral', referralPayload(me.professionalId, { familyName, nhsNumber: number, rating: 'amber' }));
      expect(first).not.toHaveProperty('updatedEntry');
      expect(Object.keys(await receiptFacts(db.sql, first['reference'] as string)).toSorted()).toEqual(['area', 'rating', 'reference']);
      const again = await submit<Record<string, unknown>>(db.sql, 'submit_referral',
        referralPayload(me.professionalId, { familyName, nhsNumber: number, rating: 'red', ratingAgreedOn: todayInEngland() }));
      expect(again).toMatchObject({ existingPerson: true, updatedEntry: true, ratingBefore: 'amber', ratingNow: 'red' });
      expect(await receiptFacts(db.sql, again['reference'] as string)).toMatchObject({ updatedEntry: true, ratingBefore: 'amber', ratingNow: 'red' });
    });

    test('a re-referral sent again with the same submission id (its answer lost on the way) is answered as the first time was: it updated their entry, from the rating before to the rating now', async () => {
      const me = await signedInProfessional(db.sql);
      const familyName = uniqueFamilyName();
      const number = nhsNumber();
      await submit(db.sql, 'submit_referral', referralPayload(me.professionalId, { familyName, nhsNumber: number, rating: 'green' }));
      const payload = referralPayload(me.professionalId, { familyName, nhsNumber: number, rating: 'amber', ratingAgreedOn: todayInEngland(), submissionId: randomUUID() });
      const answered = await submit<Record<string, unknown>>(db.sql, 'submit_referral', payload);
      expect(answered).toMatchObject({ updatedEntry: true, ratingBefore: 'green', ratingNow: 'amber' });
      expect(await submit(db.sql, 'submit_referral', payload)).toEqual(answered);
      // Word for word, though someone else's referral has changed the rating since.
      const other = await signedInProfessional(db.sql);
      await submit(db.sql, 'submit_referral', referralPayload(other.professionalId, { familyName, nhsNumber: number, rating: 'red', ratingAgreedOn: todayInEngland() }));
      expect(await submit(db.sql, 'submit_referral', payload)).toEqual(answered);
    });

    test('no oracle: a professional who never referred the person is answered as for a new entry, though someone else referred them', async () => {
      const first = await signedInProfessional(db.sql);
      const second = await signedInProfessional(db.sql);
      const familyName = uniqueFamilyName();
      const number = nhsNumber();
      await submit(db.sql, 'submit_referral', referralPayload(first.professionalId, { familyName, nhsNumber: number, rating: 'amber' }));
      const onExisting = await submit<Record<string, unknown>>(db.sql, 'submit_referral',
        referralPayload(second.professionalId, { familyName, nhsNumber: number, rating: 'red', ratingAgreedOn: todayInEngland() }));
      const onNew = await submit<Record<string, unknown>>(db.sql, 'submit_referral', referralPayload(second.professionalId, { rating: 'red', ratingAgreedOn: todayInEngland() }));
      // (existingPerson is for the server's log and the team; the professional is told only the receipt's facts.)
      expect(onExisting['existingPerson']).toBe(true);
      expect(onExisting).not.toHaveProperty('updatedEntry');
      expect(onExisting).not.toHaveProperty('ratingBefore');
      const [existingFacts, newFacts] = [await receiptFacts(db.sql, onExisting['reference'] as string), await receiptFacts(db.sql, onNew['reference'] as string)];
      expect(Object.keys(existingFacts).toSorted()).toEqual(Object.keys(newFacts).toSorted());
    });
  });
}
