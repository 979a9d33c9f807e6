// Families' requests (/ask/) in the console: listed on Today until decided, the request
// page, one decision only (a second is refused and changes nothing), the asker emailed
// the outcome (reference and outcome only), and the same answer whether or not the person
// is on the register. Also the emails that need attention on Today, and "Send again".
import { describe, expect, test } from 'vitest';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { call, drawn, expectInvalid, expectRefused, failure, referralPayload, registerProfessional, requestPayload, submit, uniqueFamilyName } from './support.ts';
import { signedInProfessional, signedInTeamMember } from './team-support.ts';

interface Request {
  reference: string;
  askerRelationship: string;
  personName: string;
  askerEmail: string | null;
  decision: { outcome: string; note: string; decidedBy: string; decidedAt: string } | null;
  emails: { kind: string; status: string; sentAt: string | null }[];
}
interface Today {
  requests: { reference: string; askerRelationship: string; area: string; hoursSince: number }[];
  emailsNeedingAttention: { id: string; kind: string; reference: string | null; status: string; attempts: number; lastError: string | null }[];
}

const decide = (sql: Parameters<typeof call>[0], sessionToken: string, reference: string, outcome: string | null, note: string | null) =>
  call(sql, 'team_decide_request', sessionToken, reference, outcome, note);

for (const target of databaseTargets()) {
  describe(`families' requests in the console on ${target.name}`, () => {
    const db = useDatabase(target);

    test('Today lists an undecided request with who is asking, the area and the hours since; the page shows what was asked; opening it is audited', async () => {
      const team = await signedInTeamMember(db.sql);
      const { reference } = await submit<{ reference: string }>(db.sql, 'request_consideration', requestPayload({ area: 'Riverton City' }));
      await db.sql`update private.requests set requested_at = now() - interval '5 hours 2 minutes' where reference = ${reference}`;
      const today = await call<Today>(db.sql, 'team_today', team.sessionToken);
      expect(today.requests.find((request) => request.reference === reference)).toEqual({
        reference, askerRelationship: 'parent_or_carer', area: 'Riverton City', hoursSince: 5, requestedAt: expect.any(String),
      });
      const request = await call<Request>(db.sql, 'team_request', team.sessionToken, reference.toLowerCase());
      expect(request).toMatchObject({ reference, personName: 'Jordan Quarrington', askerEmail: 'parent@example.com', decision: null });
      expect(request.emails.map((email) => email.kind)).toEqual(['request_acknowledgement']);
      const [event] = await db.sql`select actor, refs from private.audit_events where action = 'request_opened' and ${reference} = any (refs)`;
      expect(event).toEqual({ actor: `team:${team.teamMemberId}`, refs: [reference] });
      await expectRefused(call(db.sql, 'team_request', team.sessionToken, 'REQ-AAAA-BBBB'), 'request_reference_not_found');
    });

    test('one decision: kept with who made it, off Today, the asker emailed the outcome without the team’s words; a second decision is refused and changes nothing', async () => {
      const first = await signedInTeamMember(db.sql, 'Fay First');
      const second = await signedInTeamMember(db.sql, 'Sol Second');
      const { reference } = await submit<{ reference: string }>(db.sql, 'request_consideration', requestPayload());
      const note = 'Dr Patel at Riverton CAMHS will refer Jordan this week.';
      expect(await decide(db.sql, first.sessionToken, reference, 'professional_will_refer', note)).toMatchObject({ reference, outcome: 'professional_will_refer', emailed: true });
      const today = await call<Today>(db.sql, 'team_today', second.sessionToken);
      expect(today.requests.map((request) => request.reference)).not.toContain(reference);
      const emails = drawn(await db.sql`select kind, recipient, facts from private.outbox where about_reference = ${reference} and kind = 'request_outcome'`);
      expect(emails.map((email) => [email['recipient'], email['facts']])).toEqual([['parent@example.com', { reference, outcome: 'professional_will_refer' }]]);
      for (const words of ['Patel', 'Jordan', 'Quarrington']) expect(`${emails[0]!['subject']} ${emails[0]!['body_text']}`).not.toContain(words);

      await expectRefused(decide(db.sql, second.sessionToken, reference, 'not_the_right_route', 'Try the GP.'), 'request_already_decided');
      const request = await call<Request>(db.sql, 'team_request', second.sessionToken, reference);
      expect(request.decision).toMatchObject({ outcome: 'professional_will_refer', note, decidedBy: 'Fay First' });
      expect(await db.sql`select count(*)::int as n from private.outbox where about_reference = ${reference} and kind = 'request_outcome'`).toEqual([{ n: 1 }]);
      const [event] = await db.sql`select actor, detail from private.audit_events where action = 'request_decided' and ${reference} = any (refs)`;
      expect(event).toEqual({ actor: `team:${first.teamMemberId}`, detail: { outcome: 'professional_will_refer' } });
    });

    test('the purge job deletes a request 12 months after the team’s decision (the privacy notice); newer and undecided ones stay', async () => {
      const team = await signedInTeamMember(db.sql);
      const made: string[] = [];
      for (let n = 0; n < 3; n++) made.push((await submit<{ reference: string }>(db.sql, 'request_consideration', requestPayload())).reference);
      const [old, recent, undecided] = made as [string, string, string];
      await decide(db.sql, team.sessionToken, old, 'not_the_right_route', 'Their GP can refer.');
      await decide(db.sql, team.sessionToken, recent, 'professional_will_refer', 'The social worker will refer.');
      await db.sql`update private.requests set requested_at = now() - interval '13 months' where reference in ${db.sql(made)}`;
      await db.sql`update private.request_decisions set decided_at = now() - interval '12 months 1 day'
                    where request_id = (select id from private.requests where reference = ${old})`;
      await db.sql`update private.request_decisions set decided_at = now() - interval '11 months'
                    where request_id = (select id from private.requests where reference = ${recent})`;
      const purged = await call<Record<string, number>>(db.sql, 'purge_expired');
      expect(purged['familyRequests']).toBeGreaterThanOrEqual(1);
      const left = await db.sql`select reference from private.requests where reference in ${db.sql(made)} order by reference`;
      expect(left.map((row) => row['reference'])).toEqual([recent, undecided].toSorted());
      expect(await db.sql`select 1 from private.request_decisions as d where not exists (select 1 from private.requests as q where q.id = d.request_id)`).toEqual([]);
      await expectRefused(call(db.sql, 'team_request', team.sessionToken, old), 'request_reference_not_found');
    });

    test('two team members deciding at once: exactly one decision, the other refused', async () => {
      const first = await signedInTeamMember(db.sql);
      const second = await signedInTeamMember(db.sql);
      const { reference } = await submit<{ reference: string }>(db.sql, 'request_consideration', requestPayload());
      const results = await Promise.allSettled([
        decide(db.sql, first.sessionToken, reference, 'professional_will_refer', 'The school nurse will refer.'),
        decide(db.sql, second.sessionToken, reference, 'not_the_right_route', 'Their GP first.'),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
      expect(await failure(Promise.reject(refused.reason))).toMatchObject({ message: 'request_already_decided' });
      expect(await db.sql`select count(*)::int as n from private.request_decisions d join private.requests q on q.id = d.request_id where q.reference = ${reference}`).toEqual([{ n: 1 }]);
    });

    test('bad input is refused with the field and changes nothing; an asker who gave only a phone number is not emailed', async () => {
      const team = await signedInTeamMember(db.sql);
      const { reference } = await submit<{ reference: string }>(db.sql, 'request_consideration', requestPayload({ askerEmail: undefined, askerPhone: '01632 960 123' }));
      await expectInvalid(decide(db.sql, team.sessionToken, reference, null, 'Their GP.'), 'required', 'outcome');
      await expectInvalid(decide(db.sql, team.sessionToken, reference, 'maybe', 'Their GP.'), 'required', 'outcome');
      await expectInvalid(decide(db.sql, team.sessionToken, reference, 'not_the_right_route', '   '), 'required', 'note');
      await expectInvalid(decide(db.sql, team.sessionToken, reference, 'not_the_right_route', 'x'.repeat(501)), 'too_long', 'note');
      expect(await db.sql`select 1 from private.request_decisions d join private.requests q on q.id = d.request_id where q.reference = ${reference}`).toEqual([]);
      expect(await decide(db.sql, team.sessionToken, reference, 'not_the_right_route', 'x'.repeat(500))).toMatchObject({ emailed: false });
      expect(await db.sql`select kind from private.outbox where about_reference = ${reference} and kind = 'request_outcome'`).toEqual([]);
    });

    test('no oracle: the decision and its email are the same whether or not the person is on the register', async () => {
      const team = await signedInTeamMember(db.sql);
      const { professionalId } = await registerProfessional(db.sql);
      const familyName = uniqueFamilyName();
      await submit(db.sql, 'submit_referral', referralPayload(professionalId, { familyName }));
      const known = await submit<{ reference: string }>(db.sql, 'request_consideration', requestPayload({ personName: `Jordan ${familyName}` }));
      const unknown = await submit<{ reference: string }>(db.sql, 'request_consideration', requestPayload({ personName: `Jordan ${uniqueFamilyName()}` }));
      const answers = [];
      for (const { reference } of [known, unknown]) {
        const answer = await decide(db.sql, team.sessionToken, reference, 'professional_will_refer', 'The GP will refer.');
        const [email] = drawn(await db.sql`select kind, recipient, facts from private.outbox where about_reference = ${reference} and kind = 'request_outcome'`);
        answers.push({ answer: { ...answer, reference: '', decidedAt: '' }, text: email!['body_text'].replaceAll(reference, '') });
      }
      expect(answers[0]).toEqual(answers[1]);
    });

    test('a professional’s session is refused (not_team) before anything is looked up', async () => {
      const { sessionToken } = await signedInProfessional(db.sql);
      await expectRefused(call(db.sql, 'team_request', sessionToken, 'REQ-AAAA-BBBB'), 'not_team');
      await expectRefused(decide(db.sql, sessionToken, 'REQ-AAAA-BBBB', 'professional_will_refer', 'x'), 'not_team');
      await expectRefused(call(db.sql, 'team_send_email_again', sessionToken, '00000000-0000-4000-8000-000000000000'), 'not_team');
    });
  });

  describe(`emails that need attention on ${target.name}`, () => {
    const db = useDatabase(target);

    test('Today lists emails that failed for good or have retried for over an hour, without addresses; Send again starts them again, once, audited', async () => {
      const team = await signedInTeamMember(db.sql);
      const other = await signedInTeamMember(db.sql);
      const failed = await submit<{ reference: string }>(db.sql, 'request_consideration', requestPayload());
      const retrying = await submit<{ reference: string }>(db.sql, 'request_consideration', requestPayload());
      const fresh = await submit<{ reference: string }>(db.sql, 'request_consideration', requestPayload());
      await db.sql`update private.outbox set status = 'failed', needs_attention = true, attempts = 10, last_error = 'resend 422: parent@example.com is not valid'
                     where about_reference = ${failed.reference} and kind = 'request_acknowledgement'`;
      await db.sql`update private.outbox set attempts = 3, last_error = 'resend 500: application_error', created_at = now() - interval '61 minutes'
                     where about_reference = ${retrying.reference} and kind = 'request_acknowledgement'`;
      await db.sql`update private.outbox set attempts = 2, last_error = 'resend 500: application_error'
                     where about_reference = ${fresh.reference} and kind = 'request_acknowledgement'`;
      const today = await call<Today>(db.sql, 'team_today', team.sessionToken);
      const listed = today.emailsNeedingAttention.filter((email) => [failed, retrying, fresh].some((made) => made.reference === email.reference));
      expect(listed.map((email) => [email.reference, email.kind, email.status, email.attempts, email.lastError])).toEqual([
        [retrying.reference, 'request_acknowledgement', 'pending', 3, 'resend 500: application_error'],
        [failed.reference, 'request_acknowledgement', 'failed', 10, 'resend 422: (address) is not valid'],
      ]);
      expect(JSON.stringify(today.emailsNeedingAttention)).not.toContain('@');

      const id = listed[1]!.id;
      expect(await call(db.sql, 'team_send_email_again', team.sessionToken, id)).toEqual({ id, kind: 'request_acknowledgement', status: 'pending' });
      expect(await db.sql`select status, attempts, needs_attention, available_at <= now() as due from private.outbox where id = ${id}`)
        .toEqual([{ status: 'pending', attempts: 0, needs_attention: false, due: true }]);
      const [event] = await db.sql`select actor, refs, detail from private.audit_events where action = 'email_sent_again'`;
      expect(event).toEqual({ actor: `team:${team.teamMemberId}`, refs: [failed.reference], detail: { outboxId: id, kind: 'request_acknowledgement', attempts: 10 } });
      // The second press (another team member's) changes nothing; an email sent since is refused too.
      await expectRefused(call(db.sql, 'team_send_email_again', other.sessionToken, id), 'email_already_queued');
      await call(db.sql, 'mark_outbox_sent', id, null);
      await expectRefused(call(db.sql, 'team_send_email_again', other.sessionToken, id), 'email_already_sent');
      await expectRefused(call(db.sql, 'team_send_email_again', other.sessionToken, '00000000-0000-4000-8000-000000000000'), 'email_not_found');
      expect(await db.sql`select count(*)::int as n from private.audit_events where action = 'email_sent_again'`).toEqual([{ n: 1 }]);
      expect((await call<Today>(db.sql, 'team_today', team.sessionToken)).emailsNeedingAttention.map((email) => email.id)).not.toContain(id);
    });
  });
}
