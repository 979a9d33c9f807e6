// Requests to be considered for the register (/ask/, request_consideration): anyone may
// ask, without an account. A REQ- reference, the team told by reference and codes only,
// an acknowledgement saying what happens next and by when, bad answers refused with
// nothing changed, and the same answer whether or not the person is on the register.
import { beforeAll, describe, expect, test } from 'vitest';
import type postgres from 'postgres';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { drawn, expectInvalid, referencePattern, referralPayload, registerProfessional, requestPayload, settings, submit, tableCounts, type Json } from './support.ts';
import { requestPromise } from '../../src/content/timescales.ts';

/** Every row counted, the requests' too. */
async function counts(sql: postgres.Sql) {
  const [row] = await sql`select (select count(*) from private.requests)::int as requests`;
  return { ...(await tableCounts(sql)), ...row };
}

for (const target of databaseTargets()) {
  describe(`requests to be considered on ${target.name}`, () => {
    const db = useDatabase(target);

    test('gets a REQ- reference, tells the team by reference only, and acknowledges the asker with what happens next and by when', async () => {
      const { reference } = await submit<{ reference: string }>(db.sql, 'request_consideration', requestPayload());
      expect(reference).toMatch(referencePattern('REQ'));
      const emails = drawn(await db.sql`select kind, recipient, facts from private.outbox where about_reference = ${reference} order by kind`);
      expect(emails.map((email) => [email['kind'], email['recipient']])).toEqual([
        ['request_acknowledgement', 'parent@example.com'],
        ['request_team', settings.teamEmail],
      ]);
      expect(emails[0]!['body_text']).toContain(requestPromise);
      expect(emails[1]!['body_text']).toContain('Asked by: a parent or carer');
      for (const email of emails) {
        for (const personal of ['Jordan', 'Quarrington', '2011-05-17', '17 May 2011', 'stopped eating', 'parent@example.com']) {
          expect(`${email.subject}\n${email['body_text']}`).not.toContain(personal);
        }
      }
      const [saved] = await db.sql`select person_name, worries, asker_connection from private.requests where reference = ${reference}`;
      expect(saved).toEqual({ person_name: 'Jordan Quarrington', worries: 'He has stopped eating and will not leave his room.', asker_connection: null });
    });

    test('with only a phone number, only the team is emailed', async () => {
      const { reference } = await submit<{ reference: string }>(db.sql, 'request_consideration', requestPayload({ askerEmail: undefined, askerPhone: '07700 900123' }));
      const emails = await db.sql`select kind from private.outbox where about_reference = ${reference}`;
      expect(emails.map((email) => email['kind'])).toEqual(['request_team']);
    });

    const cases: [string, Json, string, string][] = [
      ['no one saying who asks', { askerRelationship: 'neighbour' }, 'required', 'askerRelationship'],
      ['someone else not saying how they know the person', { askerRelationship: 'someone_else' }, 'required', 'askerConnection'],
      ['no name', { personName: '  ' }, 'required', 'personName'],
      ['no date of birth', { dateOfBirth: '' }, 'required', 'dateOfBirth'],
      ['an area that is not one of the areas', { area: 'Atlantis' }, 'required', 'area'],
      ['no worries given', { worries: '' }, 'required', 'worries'],
      ['worries too long', { worries: 'x'.repeat(2001) }, 'too_long', 'worries'],
      ['an unknown answer about the person knowing', { personKnows: 'maybe' }, 'required', 'personKnows'],
      ['no asker name', { askerName: '' }, 'required', 'askerName'],
      ['a bad email address', { askerEmail: 'parent at example' }, 'format', 'askerEmail'],
      ['no way to reach them', { askerEmail: '', askerPhone: '' }, 'contact_missing', 'askerEmail'],
    ];
    test.each(cases)('refuses %s, changing nothing', async (_, overrides, code, field) => {
      const before = await counts(db.sql);
      await expectInvalid(submit(db.sql, 'request_consideration', requestPayload(overrides)), code, field);
      expect(await counts(db.sql)).toEqual(before);
    });

    describe('no oracle', () => {
      let onRegister: Json = {};
      beforeAll(async () => {
        const { professionalId } = await registerProfessional(db.sql);
        onRegister = referralPayload(professionalId);
        await submit(db.sql, 'submit_referral', onRegister);
      });

      test('the answer, and the emails, are the same whether or not the person is on the register', async () => {
        const about = (person: Json) => requestPayload({ personName: `${person['givenName']} ${person['familyName']}`, dateOfBirth: person['dateOfBirth'] });
        const known = await submit<Json>(db.sql, 'request_consideration', about(onRegister));
        const unknown = await submit<Json>(db.sql, 'request_consideration', about({ givenName: 'Nobody', familyName: 'Known', dateOfBirth: '2012-01-02' }));
        expect(Object.keys(known)).toEqual(['reference']);
        expect(Object.keys(unknown)).toEqual(['reference']);
        const emailsOf = async (reference: unknown) =>
          drawn(await db.sql`select kind, facts from private.outbox where about_reference = ${reference as string} order by kind`).map((email) =>
            `${email.subject}\n${email['body_text']}`.replaceAll(reference as string, 'REQ-'),
          );
        expect(await emailsOf(known['reference'])).toEqual(await emailsOf(unknown['reference']));
      });
    });
  });
}
