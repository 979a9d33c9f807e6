// Withdrawal requests in the console: the request with its likely matches (worked out,
// never matched on their own), matching an entry, completing (erasing the matched
// people) or closing as no entry found, each by the signed-in team member, and the
// second of two team members acting at once refused with nothing changed.
import { describe, expect, test } from 'vitest';
import type postgres from 'postgres';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { call, drawn, expectRefused, failure, nhsNumber, referralPayload, registerProfessional, submit, uniqueFamilyName, withdrawalPayload } from './support.ts';
import { signedInProfessional, signedInTeamMember } from './team-support.ts';

interface Match {
  reference: string;
  area: string;
  rating: string;
  reasons: string[];
  canMatch: boolean;
  matched: boolean;
}
interface Withdrawal {
  reference: string;
  status: string;
  personName: string | null;
  dateOfBirth: string | null;
  dsrReference: string | null;
  requesterName: string | null;
  requesterEmail: string | null;
  finishedBy: string | null;
  matched: { reference: string; matchedBy: string }[];
  likelyMatches: Match[];
  emails: { kind: string; status: string; sentAt: string | null }[];
}

/** Rows of the tables a withdrawal erases (private.erased_tables()) that mention any of `needles`, by table. */
async function mentionsInErasedTables(sql: postgres.Sql, needles: string[]): Promise<string[]> {
  const [row] = await sql`select private.erased_tables() as tables`;
  const found: string[] = [];
  for (const table of row!['tables'] as string[]) {
    const [schema, name] = table.split('.') as [string, string];
    const [counted] = await sql`
      select count(*)::int as n from ${sql(schema)}.${sql(name)} as scanned
       where exists (select 1 from unnest(${needles}::text[]) as needle where strpos(lower(scanned::text), lower(needle)) > 0)`;
    if ((counted!['n'] as number) > 0) found.push(table);
  }
  return found;
}

for (const target of databaseTargets()) {
  describe(`withdrawal requests in the console on ${target.name}`, () => {
    const db = useDatabase(target);

    /** Two entries for one family name and birth date (the second without an NHS number, so a separate entry), and a third person with the same birth date. */
    async function register(familyName = uniqueFamilyName()) {
      const { professionalId } = await registerProfessional(db.sql);
      const nhs = nhsNumber();
      const first = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { familyName, nhsNumber: nhs, rating: 'red', area: 'Riverton City' }));
      const second = await submit<{ reference: string }>(db.sql, 'submit_referral',
        referralPayload(professionalId, { familyName, rating: 'green', nhsNumber: null, nhsNumberUnknownReason: 'Not known.' }));
      const other = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { familyName: uniqueFamilyName() }));
      return { familyName, nhs, first: first.reference, second: second.reference, other: other.reference };
    }

    test('the request shows what was given and its likely matches, with why, area and current rating; nothing is matched on its own; opening it is audited', async () => {
      const team = await signedInTeamMember(db.sql);
      const { familyName, first, second, other } = await register();
      const { reference } = await submit<{ reference: string }>(db.sql, 'request_withdrawal',
        withdrawalPayload({ personName: `jordan  ${familyName.toUpperCase()}`, dsrReference: other }));
      const withdrawal = await call<Withdrawal>(db.sql, 'team_withdrawal', team.sessionToken, reference.toLowerCase());
      expect(withdrawal).toMatchObject({ reference, status: 'requested', dsrReference: other, requesterName: 'Sam Quarrington', requesterEmail: 'parent@example.com', matched: [] });
      const byReference = Object.fromEntries(withdrawal.likelyMatches.map((match) => [match.reference, match]));
      expect(Object.keys(byReference).toSorted()).toEqual([first, second, other].toSorted());
      expect(byReference[first]).toEqual({ reference: first, area: 'Riverton City', rating: 'red', reasons: ['name_and_birth_date'], canMatch: true, matched: false });
      expect(byReference[second]).toMatchObject({ rating: 'green', reasons: ['name_and_birth_date'] });
      expect(byReference[other]).toMatchObject({ reasons: ['reference_given'], canMatch: true });
      expect(withdrawal.emails.map((email) => email.kind)).toEqual(['withdrawal_acknowledgement']);
      expect(await db.sql`select 1 from private.withdrawal_matches m join private.withdrawals w on w.id = m.withdrawal_id where w.reference = ${reference}`).toEqual([]);
      const [event] = await db.sql`select actor, refs from private.audit_events where action = 'withdrawal_opened' and ${reference} = any (refs)`;
      expect(event).toEqual({ actor: `team:${team.teamMemberId}`, refs: [reference] });
      // A DSR reference given with another birth date is shown, and cannot be matched.
      const mistyped = await submit<{ reference: string }>(db.sql, 'request_withdrawal', withdrawalPayload({ personName: 'Someone Else', dateOfBirth: '2001-01-01', dsrReference: other }));
      const shown = await call<Withdrawal>(db.sql, 'team_withdrawal', team.sessionToken, mistyped.reference);
      expect(shown.likelyMatches).toEqual([expect.objectContaining({ reference: other, reasons: ['reference_given_other_birth_date'], canMatch: false })]);
      await expectRefused(call(db.sql, 'team_match_withdrawal', team.sessionToken, mistyped.reference, other), 'date_of_birth_differs');
      await expectRefused(call(db.sql, 'team_withdrawal', team.sessionToken, 'WDR-AAAA-BBBB'), 'withdrawal_reference_not_found');
    });

    test('matched and completed by a team member: the matched entries are erased everywhere, the requester is emailed, and only references remain', async () => {
      const team = await signedInTeamMember(db.sql, 'Cal Completer');
      const { familyName, first, second, other, nhs } = await register();
      const { reference } = await submit<{ reference: string }>(db.sql, 'request_withdrawal', withdrawalPayload({ personName: `Jordan ${familyName}` }));
      expect(await call(db.sql, 'team_match_withdrawal', team.sessionToken, reference, first)).toEqual({ withdrawalReference: reference, matched: [first] });
      await call(db.sql, 'team_match_withdrawal', team.sessionToken, reference, second);
      const before = await call<Withdrawal>(db.sql, 'team_withdrawal', team.sessionToken, reference);
      expect(before.matched.map((match) => [match.reference, match.matchedBy]).toSorted()).toEqual([[first, 'Cal Completer'], [second, 'Cal Completer']].toSorted());
      expect(before.likelyMatches.every((match) => match.matched)).toBe(true);
      // Closing as no entry found is refused once someone is matched.
      await expectRefused(call(db.sql, 'team_close_withdrawal_no_entry', team.sessionToken, reference), 'withdrawal_matched');

      const done = await call<{ erasedPeople: number; erasedReferrals: string[] }>(db.sql, 'team_complete_withdrawal', team.sessionToken, reference);
      expect(done.erasedPeople).toBe(2);
      expect(done.erasedReferrals.toSorted()).toEqual([first, second].toSorted());
      // Their details are nowhere in the tables erasure rewrites. (DSR references stay, by
      // design, where the audit keeps them: in the team's email about the request until it is sent.)
      expect(await mentionsInErasedTables(db.sql, [familyName, nhs])).toEqual([]);
      // The other person with the same birth date is still there.
      expect(await db.sql`select 1 from private.referrals where reference = ${other}`).toHaveLength(1);
      const emails = drawn(await db.sql`select kind, recipient, facts from private.outbox where about_reference = ${reference} and kind = 'withdrawal_completed'`);
      expect(emails.map((email) => email['recipient'])).toEqual(['parent@example.com']);
      expect(emails[0]!['body_text']).not.toContain(familyName);
      const after = await call<Withdrawal>(db.sql, 'team_withdrawal', team.sessionToken, reference);
      expect(after).toMatchObject({ status: 'completed', personName: null, dateOfBirth: null, requesterName: null, requesterEmail: null, finishedBy: 'Cal Completer', likelyMatches: [], matched: [] });
      const [event] = await db.sql`select actor from private.audit_events where action = 'withdrawal_completed' and ${reference} = any (refs)`;
      expect(event).toEqual({ actor: `team:${team.teamMemberId}` });
      await expectRefused(call(db.sql, 'team_person_record', team.sessionToken, first), 'referral_reference_not_found');
    });

    test('closed as no entry found: nobody is erased, the requester is emailed; completing with nobody matched is refused', async () => {
      const team = await signedInTeamMember(db.sql);
      const { first } = await register();
      const { reference } = await submit<{ reference: string }>(db.sql, 'request_withdrawal', withdrawalPayload({ personName: 'Nobody Known', dateOfBirth: '1999-02-03' }));
      expect((await call<Withdrawal>(db.sql, 'team_withdrawal', team.sessionToken, reference)).likelyMatches).toEqual([]);
      await expectRefused(call(db.sql, 'team_complete_withdrawal', team.sessionToken, reference), 'withdrawal_not_matched');
      expect(await call(db.sql, 'team_close_withdrawal_no_entry', team.sessionToken, reference)).toEqual({ withdrawalReference: reference, status: 'no_entry_found' });
      expect(await db.sql`select kind, recipient from private.outbox where about_reference = ${reference} and kind = 'withdrawal_no_entry'`).toEqual([{ kind: 'withdrawal_no_entry', recipient: 'parent@example.com' }]);
      expect(await db.sql`select 1 from private.referrals where reference = ${first}`).toHaveLength(1);
      expect(await call(db.sql, 'team_withdrawal', team.sessionToken, reference)).toMatchObject({ status: 'no_entry_found', personName: null });
    });

    test('a second team member acting after the first is refused and changes nothing', async () => {
      const first = await signedInTeamMember(db.sql, 'Fay First');
      const second = await signedInTeamMember(db.sql, 'Sol Second');
      const people = await register();
      const { reference } = await submit<{ reference: string }>(db.sql, 'request_withdrawal', withdrawalPayload({ personName: `Jordan ${people.familyName}` }));
      await call(db.sql, 'team_match_withdrawal', first.sessionToken, reference, people.first);
      await expectRefused(call(db.sql, 'team_match_withdrawal', second.sessionToken, reference, people.first), 'entry_already_matched');
      expect(await db.sql`select matched_by from private.withdrawal_matches m join private.withdrawals w on w.id = m.withdrawal_id where w.reference = ${reference}`)
        .toEqual([{ matched_by: `team:${first.teamMemberId}` }]);
      await call(db.sql, 'team_complete_withdrawal', first.sessionToken, reference);
      const audited = Number((await db.sql`select count(*) as n from private.audit_events`)[0]!['n']);
      await expectRefused(call(db.sql, 'team_complete_withdrawal', second.sessionToken, reference), 'withdrawal_already_completed');
      await expectRefused(call(db.sql, 'team_close_withdrawal_no_entry', second.sessionToken, reference), 'withdrawal_already_completed');
      await expectRefused(call(db.sql, 'team_match_withdrawal', second.sessionToken, reference, people.second), 'withdrawal_already_completed');
      expect(Number((await db.sql`select count(*) as n from private.audit_events`)[0]!['n'])).toBe(audited);
      expect(await db.sql`select 1 from private.referrals where reference = ${people.second}`).toHaveLength(1);
    });

    test('two team members finishing one request at once: exactly one succeeds, the other is refused', async () => {
      const first = await signedInTeamMember(db.sql);
      const second = await signedInTeamMember(db.sql);
      const people = await register();
      const { reference } = await submit<{ reference: string }>(db.sql, 'request_withdrawal', withdrawalPayload({ personName: `Jordan ${people.familyName}` }));
      await call(db.sql, 'team_match_withdrawal', first.sessionToken, reference, people.first);
      const results = await Promise.allSettled([
        call(db.sql, 'team_complete_withdrawal', first.sessionToken, reference),
        call(db.sql, 'team_complete_withdrawal', second.sessionToken, reference),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((result) => result.status === 'rejected');
      expect(await failure(Promise.reject((refused as PromiseRejectedResult).reason))).toMatchObject({ message: 'withdrawal_already_completed' });
      expect(await db.sql`select kind from private.outbox where about_reference = ${reference} and kind = 'withdrawal_completed'`).toHaveLength(1);
    });

    test('a professional’s session is refused (not_team) before anything is looked up', async () => {
      const { sessionToken } = await signedInProfessional(db.sql);
      for (const fn of ['team_withdrawal', 'team_complete_withdrawal', 'team_close_withdrawal_no_entry']) {
        await expectRefused(call(db.sql, fn, sessionToken, 'WDR-AAAA-BBBB'), 'not_team');
      }
      await expectRefused(call(db.sql, 'team_match_withdrawal', sessionToken, 'WDR-AAAA-BBBB', 'DSR-AAAA-BBBB'), 'not_team');
    });
  });
}
