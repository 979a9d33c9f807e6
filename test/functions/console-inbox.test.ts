// The console's inbox through its functions, on a real database: a withdrawal request
// matched and completed (the requester emailed through the Resend stand-in) or closed as
// no entry found; a family's request decided once (the asker emailed the outcome, not
// the team's words); an email that failed sent again. 303 after each post, 409 when
// someone else acted first, 422 with the error summary on bad input, 403 for a
// professional, and nothing changed by any refusal.
import { describe, expect, it } from 'vitest';
import { databaseTargets } from '../support/database.ts';
import { useLoggedLines, useSite } from '../support/site-env.ts';
import { referralPayload, registerProfessional, requestPayload, submit, uniqueFamilyName, withdrawalPayload } from '../db/support.ts';
import { onRequestGet as consoleGet, onRequestPost as consolePost } from '../../functions/team/[[path]].ts';

for (const target of databaseTargets()) {
  describe(`the console's inbox on ${target.name}`, () => {
    const around = useSite(target);
    const { site, db, signedInAs, signedInAsTeamMember } = around;
    const logged = useLoggedLines();


    const counts = async () => {
      const [row] = await db.sql`select (select count(*) from private.audit_events where action <> 'withdrawal_opened' and action <> 'request_opened')::int as audit,
                                         (select count(*) from private.withdrawal_matches)::int as matches,
                                         (select count(*) from private.people)::int as people,
                                         (select count(*) from private.request_decisions)::int as decisions,
                                         (select count(*) from private.outbox)::int as emails`;
      return row;
    };

    it('a withdrawal request: opened from Today, its likely match matched, then completed: 303s, the entry erased, the requester emailed; a second completion is 409', async () => {
      const cookie = await signedInAsTeamMember('Cal Completer');
      const familyName = uniqueFamilyName();
      const { professionalId } = await registerProfessional(db.sql);
      const { reference: dsr } = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { familyName, rating: 'red' }));
      const requesterEmail = `family.${Math.random().toString(36).slice(2, 8)}@example.com`;
      const { reference } = await submit<{ reference: string }>(db.sql, 'request_withdrawal', withdrawalPayload({ personName: `Jordan ${familyName}`, requesterEmail }));

      const today = await (await site.get(consoleGet, '/team/', { cookie })).text();
      expect(today).toContain(`href="/team/withdrawals/${reference}/"`);
      const page = await site.get(consoleGet, `/team/withdrawals/${reference.toLowerCase()}/`, { cookie });
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-store');
      const html = await page.text();
      expect(html).toContain(`href="/team/people/${dsr}/"`);
      expect(html).toContain('The same full name and date of birth');
      expect(html).toContain(`action="/team/withdrawals/${reference}/match/"`);
      expect(html).not.toContain(`action="/team/withdrawals/${reference}/complete/"`);

      // A mistyped reference in "Match an entry you found another way": refused, nothing matched.
      const mistyped = await site.post(consolePost, `/team/withdrawals/${reference}/match/`, { cookie, form: new URLSearchParams({ referralReference: 'DSR-1234' }) });
      expect(mistyped.status).toBe(400);
      expect(await mistyped.text()).toContain('That is not a DSR reference');
      const unknown = await site.post(consolePost, `/team/withdrawals/${reference}/match/`, { cookie, form: new URLSearchParams({ referralReference: 'DSR-AAAA-BBBB' }) });
      expect(unknown.status).toBe(404);
      expect(await db.sql`select 1 from private.withdrawal_matches m join private.withdrawals w on w.id = m.withdrawal_id where w.reference = ${reference}`).toEqual([]);

      const matched = await site.post(consolePost, `/team/withdrawals/${reference}/match/`, { cookie, form: new URLSearchParams({ referralReference: dsr }) });
      expect(matched.status).toBe(303);
      expect(matched.headers.get('location')).toBe(`/team/withdrawals/${reference}/#matched`);
      const again = await site.post(consolePost, `/team/withdrawals/${reference}/match/`, { cookie, form: new URLSearchParams({ referralReference: dsr }) });
      expect(again.status).toBe(409);
      expect(await again.text()).toContain('Another team member has already matched this entry');

      const completed = await site.post(consolePost, `/team/withdrawals/${reference}/complete/`, { cookie, form: new URLSearchParams() });
      expect(completed.status).toBe(303);
      await site.settle();
      const email = await around.resend.waitForEmail((sent) => sent.to.includes(requesterEmail) && sent.subject.includes('done'));
      expect(email.text).toContain(reference);
      expect(email.text).not.toContain(familyName);
      expect((await site.get(consoleGet, `/team/people/${dsr}/`, { cookie })).status).toBe(404);
      const before = await counts();
      const second = await site.post(consolePost, `/team/withdrawals/${reference}/complete/`, { cookie, form: new URLSearchParams() });
      expect(second.status).toBe(409);
      const words = await second.text();
      expect(words).toContain('Nothing was changed');
      expect(words).toContain(`href="/team/withdrawals/${reference}/"`);
      expect(await counts()).toEqual(before);
      const finished = await (await site.get(consoleGet, `/team/withdrawals/${reference}/`, { cookie })).text();
      expect(finished).toContain('Completed: the matched entries were erased');
      expect(finished).toContain('by Cal Completer');
      expect(logged.lines.join('\n')).not.toContain(familyName);
    });

    it('closed as no entry found: 303, the requester emailed; a bad or unknown reference is 404; a professional gets 403 and changes nothing', async () => {
      const cookie = await signedInAsTeamMember();
      const requesterEmail = `family.${Math.random().toString(36).slice(2, 8)}@example.com`;
      const { reference } = await submit<{ reference: string }>(db.sql, 'request_withdrawal', withdrawalPayload({ personName: 'Nobody Known', dateOfBirth: '1998-03-04', requesterEmail }));
      expect(await (await site.get(consoleGet, `/team/withdrawals/${reference}/`, { cookie })).text()).toContain('Close as no entry found');
      expect((await site.get(consoleGet, '/team/withdrawals/WDR-AAAA-BBBB/', { cookie })).status).toBe(404);
      expect((await site.get(consoleGet, '/team/withdrawals/not-a-reference/', { cookie })).status).toBe(404);

      const professional = await signedInAs(`pro.${Math.random().toString(36).slice(2, 8)}@nhs.net`);
      await site.settle();
      const request = await submit<{ reference: string }>(db.sql, 'request_consideration', requestPayload());
      const before = await counts();
      for (const path of [`/team/withdrawals/${reference}/`, `/team/requests/${request.reference}/`]) {
        const response = await site.get(consoleGet, path, { cookie: professional });
        expect({ path, status: response.status }).toEqual({ path, status: 403 });
        expect(await response.text()).not.toContain('Nobody Known');
      }
      for (const path of [`/team/withdrawals/${reference}/close/`, `/team/withdrawals/${reference}/complete/`, `/team/requests/${request.reference}/decision/`, '/team/emails/00000000-0000-4000-8000-000000000000/send-again/']) {
        const response = await site.post(consolePost, path, { cookie: professional, form: new URLSearchParams({ outcome: 'professional_will_refer', note: 'x' }) });
        expect({ path, status: response.status }).toEqual({ path, status: 403 });
      }
      expect(await counts()).toEqual(before);

      const closed = await site.post(consolePost, `/team/withdrawals/${reference}/close/`, { cookie, form: new URLSearchParams() });
      expect(closed.status).toBe(303);
      await site.settle();
      const email = await around.resend.waitForEmail((sent) => sent.to.includes(requesterEmail) && sent.subject.startsWith('About your request'));
      expect(email.text).toContain('We did not find an entry');
    });

    it('a family’s request: on Today, decided once (303), the asker emailed the outcome without the team’s words; an empty note is 422 with the error summary; a second decision is 409', async () => {
      const cookie = await signedInAsTeamMember('Fay First');
      const askerEmail = `parent.${Math.random().toString(36).slice(2, 8)}@example.com`;
      const { reference } = await submit<{ reference: string }>(db.sql, 'request_consideration', requestPayload({ askerEmail }));
      const today = await (await site.get(consoleGet, '/team/', { cookie })).text();
      expect(today).toContain(`href="/team/requests/${reference}/"`);
      expect(today).toContain('A parent or carer');

      const before = await counts();
      const empty = await site.post(consolePost, `/team/requests/${reference}/decision/`, { cookie, form: new URLSearchParams({ outcome: 'not_the_right_route', note: '  ' }) });
      expect(empty.status).toBe(422);
      const errorPage = await empty.text();
      expect(errorPage).toContain('There is a problem');
      expect(errorPage).toContain('href="#note-not_the_right_route"');
      expect(errorPage).toContain('Enter where else they can go');
      expect(await counts()).toEqual(before);

      // A changed page that posts no outcome: a plain refusal, nothing recorded.
      const noOutcome = await site.post(consolePost, `/team/requests/${reference}/decision/`, { cookie, form: new URLSearchParams({ outcome: 'maybe', note: 'Their GP.' }) });
      expect(noOutcome.status).toBe(400);
      expect(await noOutcome.text()).toContain('Choose what happens next');
      expect(await counts()).toEqual(before);

      const note = 'Dr Okafor at the Riverton community team will refer.';
      const decided = await site.post(consolePost, `/team/requests/${reference}/decision/`, { cookie, form: new URLSearchParams({ outcome: 'professional_will_refer', note }) });
      expect(decided.status).toBe(303);
      expect(decided.headers.get('location')).toBe(`/team/requests/${reference}/#decision`);
      await site.settle();
      const email = await around.resend.waitForEmail((sent) => sent.to.includes(askerEmail) && sent.subject.includes('What happens next'));
      expect(email.text).toContain(reference);
      expect(email.text).toContain('A professional who knows the person will make a referral');
      expect(email.text).not.toContain('Okafor');
      const page = await (await site.get(consoleGet, `/team/requests/${reference}/`, { cookie })).text();
      expect(page).toContain(note);
      expect(page).toContain('by Fay First');
      expect(page).toMatch(/Emailed the outcome \d/);
      expect(logged.lines.join('\n')).not.toContain('Okafor');

      const afterDecision = await counts();
      const second = await site.post(consolePost, `/team/requests/${reference}/decision/`, { cookie, form: new URLSearchParams({ outcome: 'not_the_right_route', note: 'Their GP.' }) });
      expect(second.status).toBe(409);
      expect(await second.text()).toContain('Another team member has already recorded a decision');
      expect(await counts()).toEqual(afterDecision);
    });

    it('an email that failed is on Today without its address; Send again is 303 and it is sent; pressing again is 409', async () => {
      const cookie = await signedInAsTeamMember();
      const askerEmail = `parent.${Math.random().toString(36).slice(2, 8)}@example.com`;
      const { reference } = await submit<{ reference: string }>(db.sql, 'request_consideration', requestPayload({ askerEmail }));
      const [failed] = await db.sql`update private.outbox set status = 'failed', needs_attention = true, attempts = 10, last_error = ${`resend 422: ${askerEmail} refused`}
                                     where about_reference = ${reference} and kind = 'request_acknowledgement' returning id`;
      const id = failed!['id'] as string;
      const today = await (await site.get(consoleGet, '/team/', { cookie })).text();
      expect(today).toContain(`action="/team/emails/${id}/send-again/"`);
      expect(today).toContain(`href="/team/requests/${reference}/"`);
      expect(today).not.toContain(askerEmail);
      const sent = await site.post(consolePost, `/team/emails/${id}/send-again/`, { cookie, form: new URLSearchParams() });
      expect(sent.status).toBe(303);
      expect(sent.headers.get('location')).toBe('/team/#emails');
      await site.settle();
      await around.resend.waitForEmail((email) => email.to.includes(askerEmail) && email.subject.includes('We have your request'));
      const again = await site.post(consolePost, `/team/emails/${id}/send-again/`, { cookie, form: new URLSearchParams() });
      expect(again.status).toBe(409);
      expect(await again.text()).toContain('This email has been sent');
    });
  });
}
