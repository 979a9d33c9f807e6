// Meetings and actions through the console's functions, on a real database: a tracking
// meeting scheduled (303 to it; bad input 400 with the error summary, nothing
// scheduled), its page and printable agendas opened (audited, with and without names),
// a person's outcome recorded with a rating change and two actions, an action done (303)
// and done again (409), and a professional refused (403) everywhere with nothing changed.
import { describe, expect, it } from 'vitest';
import { todayInEngland } from '../../src/forms/dates.ts';
import { databaseTargets } from '../support/database.ts';
import { useSite } from '../support/site-env.ts';
import { referralPayload, registerProfessional, submit, uniqueFamilyName } from '../db/support.ts';
import { onRequestGet as consoleGet, onRequestPost as consolePost } from '../../functions/team/[[path]].ts';

const [year, month, day] = todayInEngland().split('-');
const today = (name: string) => ({ [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! });

for (const target of databaseTargets()) {
  describe(`the console's meetings on ${target.name}`, () => {
    const around = useSite(target);
    const { site, db, signedInAs, signedInAsTeamMember } = around;

    const counts = async () =>
      (await db.sql`select (select count(*) from private.meetings)::int as meetings, (select count(*) from private.meeting_actions)::int as actions,
                           (select count(*) from private.meeting_actions where done_at is not null)::int as done,
                           (select count(*) from private.rating_reviews)::int as reviews`)[0];

    it('schedule, open, record with a rating change and two actions, done once then 409; a professional is refused', async () => {
      const cookie = await signedInAsTeamMember('Mo Meetings');
      const familyName = uniqueFamilyName();
      const { professionalId } = await registerProfessional(db.sql);
      const { reference } = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { familyName, rating: 'amber', area: 'Riverton City' }));

      const before = await counts();
      const bad = await site.post(consolePost, '/team/meetings/', { cookie, form: new URLSearchParams({ area: 'Riverton City', 'heldOn-day': '31', 'heldOn-month': '2', 'heldOn-year': year! }) });
      expect(bad.status).toBe(400);
      const badHtml = await bad.text();
      expect(badHtml).toContain('There is a problem');
      expect(badHtml).toContain('The day of the meeting must be a real date');
      expect(await counts()).toEqual(before);

      const scheduled = await site.post(consolePost, '/team/meetings/', { cookie, form: new URLSearchParams({ area: 'Riverton City', ...today('heldOn') }) });
      expect(scheduled.status).toBe(303);
      const meetingPath = scheduled.headers.get('location')!;
      expect(meetingPath).toMatch(/^\/team\/meetings\/[0-9a-f-]{36}\/$/);
      const page = await site.get(consoleGet, meetingPath, { cookie });
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(await page.text()).toContain(familyName);
      const unknown = await site.post(consolePost, `${meetingPath}add/`, { cookie, form: new URLSearchParams({ referral_reference: 'DSR-AAAA-BBBB' }) });
      expect(unknown.status).toBe(400);
      // Drawn again with the error (an opening of the meeting's names, so audited too).
      expect(await unknown.text()).toContain('There is no referral with that reference');
      const withoutNames = await (await site.get(consoleGet, `${meetingPath}agenda/?names=no`, { cookie })).text();
      expect(withoutNames).toContain('OFFICIAL-SENSITIVE');
      expect(withoutNames).toContain(reference);
      expect(withoutNames).not.toContain(familyName);
      const opened = await db.sql`select action, detail->>'withNames' as names from private.audit_events where ${reference} = any(refs) and action like 'meeting%opened' order by happened_at`;
      expect(opened.map((e) => [e['action'], e['names']])).toEqual([['meeting_opened', 'true'], ['meeting_opened', 'true'], ['meeting_agenda_opened', 'false']]);

      const recorded = await site.post(consolePost, `${meetingPath}people/${reference}/record/`, {
        cookie,
        form: new URLSearchParams({
          outcome: 'Escalate to RED.', rating: 'red',
          'actions.0.what': 'Book a C(E)TR', 'actions.0.owner': 'ICB', ...today('actions.0.dueOn'),
          'actions.1.what': 'Call the family', 'actions.1.owner': 'Keyworker', ...today('actions.1.dueOn'),
        }),
      });
      expect(recorded.status).toBe(303);
      expect(await counts()).toEqual({ meetings: before!['meetings'] + 1, actions: before!['actions'] + 2, done: before!['done'], reviews: before!['reviews'] + 1 });
      const again = await site.post(consolePost, `${meetingPath}people/${reference}/record/`, { cookie, form: new URLSearchParams({ outcome: 'Again', rating: 'red' }) });
      expect(again.status).toBe(409);

      const [action] = await db.sql`select a.id from private.meeting_actions a join private.referrals r on r.person_id = a.person_id where r.reference = ${reference} order by a.what limit 1`;
      const donePath = `/team/actions/${action!['id']}/done/`;
      const blank = await site.post(consolePost, donePath, { cookie, form: new URLSearchParams({ note: '' }) });
      expect(blank.status).toBe(400);
      expect(await blank.text()).toContain('Enter what was done');
      const done = await site.post(consolePost, donePath, { cookie, form: new URLSearchParams({ note: 'Booked.' }) });
      expect(done.status).toBe(303);
      const twice = await site.post(consolePost, donePath, { cookie, form: new URLSearchParams({ note: 'Booked again.' }) });
      expect(twice.status).toBe(409);
      expect(await twice.text()).toContain('Another team member has already marked this action done');

      const professional = await signedInAs(`pro.${Math.random().toString(36).slice(2, 8)}@nhs.net`);
      await site.settle();
      const still = await counts();
      for (const path of ['/team/meetings/', meetingPath, `${meetingPath}agenda/`, '/team/actions/']) {
        const response = await site.get(consoleGet, path, { cookie: professional });
        expect({ path, status: response.status }).toEqual({ path, status: 403 });
      }
      for (const path of ['/team/meetings/', `${meetingPath}add/`, donePath, `/team/people/${reference}/exception/`]) {
        const response = await site.post(consolePost, path, { cookie: professional, form: new URLSearchParams({ area: 'Riverton City', ...today('heldOn'), note: 'x', referral_reference: reference }) });
        expect({ path, status: response.status }).toEqual({ path, status: 403 });
      }
      expect(await counts()).toEqual(still);
    });
  });
}
