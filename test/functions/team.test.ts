// The DSR team console through its functions, on a real database: a team member signs
// in with the emailed link (the Resend stand-in), and every console address refuses
// anyone else; pages are never cached or indexed; posts change data, are audited, and
// bad input or a decision someone else made first changes nothing.
import { describe, expect, it } from 'vitest';
import { todayInEngland } from '../../src/forms/dates.ts';
import { databaseTargets } from '../support/database.ts';
import { useLoggedLines, useSite } from '../support/site-env.ts';
import { nhsNumber, referralPayload, registerProfessional, submit, uniqueFamilyName } from '../db/support.ts';
import { onRequestGet as consoleGet, onRequestPost as consolePost } from '../../functions/team/[[path]].ts';

for (const target of databaseTargets()) {
  describe(`the DSR team console on ${target.name}`, () => {
    const around = useSite(target);
    const { site, db, signedInAs, signedInAsTeamMember } = around;
    const logged = useLoggedLines();


    async function referral(overrides: Record<string, unknown> = {}) {
      const { professionalId } = await registerProfessional(db.sql);
      return (await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(professionalId, overrides))).reference;
    }

    /** The review form's answers as a browser posts them (the date in three boxes). */
    const reviewAnswers = (overrides: Record<string, string> = {}) => {
      const [year, month, day] = todayInEngland().split('-');
      return { rating: 'red', 'ratingAgreedOn-day': String(Number(day)), 'ratingAgreedOn-month': String(Number(month)), 'ratingAgreedOn-year': year!,
               reason: 'Placement breaking down; agreed RED at the C(E)TR.', promptedBy: 'cetr', ...overrides };
    };

    const counts = async () => {
      const [row] = await db.sql`select (select count(*) from private.audit_events)::int as audit,
                                         (select count(*) from private.rating_reviews)::int as reviews,
                                         (select count(*) from private.outbox where kind = 'rating_reviewed')::int as review_emails,
                                         (select count(*) from private.referral_acknowledgements)::int as acknowledgements,
                                         (select count(*) from private.identity_questions where status = 'open')::int as open_questions`;
      return row;
    };

    it('a team member signs in with the emailed link and sees Today: RED first, never cached, never indexed', async () => {
      const cookie = await signedInAsTeamMember('Rhea Red');
      const green = await referral({ rating: 'green' });
      const red = await referral({ rating: 'red' });
      const response = await site.get(consoleGet, '/team/', { cookie });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-robots-tag')).toContain('noindex');
      const html = await response.text();
      expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
      expect(html).toContain('Rhea Red');
      expect(html.indexOf(red)).toBeGreaterThan(0);
      expect(html.indexOf(red)).toBeLessThan(html.indexOf(green));
      expect(html).toContain(`href="/team/people/${red}/"`);
    });

    it('the register: filtered, 50 to a page with previous and next, a bad find shows the error summary over the same list; audited; refused to anyone else', async () => {
      const cookie = await signedInAsTeamMember('Rowan Register');
      // 53 GREEN people in Riverton East: a combination no other test here makes.
      const { professionalId } = await registerProfessional(db.sql);
      const made: string[] = [];
      for (let n = 0; n < 53; n++) {
        made.push((await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(professionalId, { rating: 'green', area: 'Riverton East' }))).reference);
      }
      // Their 106 emails are not this test's to read: queued, they would hold up the next tests' emails behind them.
      await db.sql`delete from private.outbox where about_reference = any(${made}::text[])`;
      const listings = async () => Number((await db.sql`select count(*) as n from private.audit_events where action = 'register_listed'`)[0]!['n']);
      const before = await listings();
      const first = await site.get(consoleGet, '/team/register/?area=Riverton+East&rating=green', { cookie });
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe('no-store');
      expect(first.headers.get('x-robots-tag')).toContain('noindex');
      const firstHtml = await first.text();
      expect(firstHtml).toContain('Showing 1 to 50 of 53.');
      expect(firstHtml.match(/href="\/team\/people\/DSR-/g)).toHaveLength(50);
      expect(firstHtml).toContain('href="/team/register/?area=Riverton+East&amp;rating=green&amp;sort=rating&amp;page=2" rel="next"');
      expect(firstHtml).not.toContain('rel="prev"');
      const second = await (await site.get(consoleGet, '/team/register/?area=Riverton+East&rating=green&sort=rating&page=2', { cookie })).text();
      expect(second).toContain('Showing 51 to 53 of 53.');
      expect(second).toContain('href="/team/register/?area=Riverton+East&amp;rating=green&amp;sort=rating" rel="prev"');
      expect(second).toContain('<span class="nhsuk-pagination__page">1 to 50 of 53</span>');
      expect(second).not.toContain('rel="next"');

      // A mistyped NHS number and a made-up area: the error summary, and the list as it was (the good filter kept).
      const bad = await site.get(consoleGet, '/team/register/?area=Atlantis&rating=green&q=943+476', { cookie });
      expect(bad.status).toBe(400);
      const badHtml = await bad.text();
      expect(badHtml).toContain('<title>Error: Register');
      expect(badHtml).toContain('There is a problem');
      expect(badHtml).toContain('href="#q">Enter a 10-digit NHS number, like 943 476 5919, or a DSR reference, like DSR-7K3M-Q9PA</a>');
      expect(badHtml).toContain('href="#area">Choose an area from the list</a>');
      expect(badHtml).toContain('value="943 476"');
      expect(badHtml).toMatch(/Showing 1 to 50 of \d+\./);
      expect(await listings()).toBe(before + 3);

      // Ratings due for review: the same list, sorted overdue first.
      const due = await site.get(consoleGet, '/team/register/due/', { cookie });
      expect(due.status).toBe(200);
      expect(await due.text()).toContain('<option value="due" selected="">Overdue reviews first</option>');

      // Anyone else: sent to sign in, or refused (a professional); nothing listed.
      const signedOut = await site.get(consoleGet, '/team/register/');
      expect([signedOut.status, signedOut.headers.get('location')]).toEqual([303, '/sign-in/?next=%2Fteam%2F']);
      const professional = await signedInAs(`pro.${Math.random().toString(36).slice(2, 8)}@nhs.net`);
      expect((await site.get(consoleGet, '/team/register/?q=9434765919', { cookie: professional })).status).toBe(403);
      expect(await listings()).toBe(before + 4);
    });

    it('anyone not signed in is sent to sign in (GET) or refused with 401 (POST); nothing changes', async () => {
      const reference = await referral({ rating: 'red' });
      const page = await site.get(consoleGet, '/team/');
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toBe('/sign-in/?next=%2Fteam%2F');
      expect(page.headers.get('cache-control')).toBe('no-store');
      const record = await site.get(consoleGet, `/team/people/${reference}/`);
      expect(record.status).toBe(303);
      const before = await counts();
      const post = await site.post(consolePost, `/team/people/${reference}/acknowledge/`, { form: new URLSearchParams() });
      expect(post.status).toBe(401);
      expect(post.headers.get('cache-control')).toBe('no-store');
      expect(await counts()).toEqual(before);
    });

    it('a professional’s session gets 403 on every console page and action, and changes nothing', async () => {
      const cookie = await signedInAs(`pro.${Math.random().toString(36).slice(2, 8)}@nhs.net`);
      // (The embedded database serves one session: the work after the sign-in finishes first.)
      await site.settle();
      const reference = await referral({ rating: 'red' });
      for (const path of ['/team/', `/team/people/${reference}/`, '/team/people/DSR-AAAA-BBBB/', '/team/anything/']) {
        const response = await site.get(consoleGet, path, { cookie });
        expect({ path, status: response.status }).toEqual({ path, status: 403 });
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(await response.text()).not.toContain('Jordan');
      }
      const before = await counts();
      for (const path of [`/team/people/${reference}/acknowledge/`, `/team/people/${reference}/identity/`, `/team/people/${reference}/rating/`]) {
        const response = await site.post(consolePost, path, { cookie, form: new URLSearchParams({ decision: 'keep_apart', otherReference: reference, ...reviewAnswers() }) });
        expect({ path, status: response.status }).toEqual({ path, status: 403 });
      }
      expect(await counts()).toEqual(before);
    });

    it('opens a person’s record (audited by reference, no personal details in the log) and acknowledges a referral: 303 back, audited; a second time is refused', async () => {
      const cookie = await signedInAsTeamMember();
      const familyName = uniqueFamilyName();
      const reference = await referral({ rating: 'red', familyName, nhsNumber: nhsNumber() });
      const page = await site.get(consoleGet, `/team/people/${reference.toLowerCase()}/`, { cookie });
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.headers.get('x-robots-tag')).toContain('noindex');
      const html = await page.text();
      expect(html).toContain(familyName);
      expect(html).toContain(`action="/team/people/${reference}/acknowledge/"`);
      const [opened] = await db.sql`select refs from private.audit_events where action = 'person_record_opened' order by id desc limit 1`;
      expect(opened!['refs']).toEqual([reference]);
      expect(logged.lines.join('\n')).not.toContain(familyName);

      const acknowledged = await site.post(consolePost, `/team/people/${reference}/acknowledge/`, { cookie, form: new URLSearchParams() });
      expect(acknowledged.status).toBe(303);
      expect(acknowledged.headers.get('location')).toBe(`/team/people/${reference}/`);
      const [event] = await db.sql`select actor from private.audit_events where action = 'referral_acknowledged' and ${reference} = any (refs)`;
      expect(event!['actor']).toMatch(/^team:/);
      const today = await (await site.get(consoleGet, '/team/', { cookie })).text();
      expect(today).not.toContain(reference);

      const before = await counts();
      const again = await site.post(consolePost, `/team/people/${reference}/acknowledge/`, { cookie, form: new URLSearchParams() });
      expect(again.status).toBe(409);
      expect(await again.text()).toContain('Another team member has already acknowledged this referral');
      expect(await counts()).toEqual(before);
    });

    it('decides an identity question from the record; bad input gets a plain error and changes nothing', async () => {
      const cookie = await signedInAsTeamMember();
      const familyName = uniqueFamilyName();
      const first = await referral({ familyName, nhsNumber: null, nhsNumberUnknownReason: 'Not known yet' });
      const second = await referral({ familyName, nhsNumber: null, nhsNumberUnknownReason: 'Not known yet' });
      const html = await (await site.get(consoleGet, `/team/people/${second}/`, { cookie })).text();
      expect(html).toContain(`action="/team/people/${second}/identity/"`);
      expect(html).toContain(`value="${first}"`);

      const before = await counts();
      for (const answers of [{ decision: 'merge_them', otherReference: first }, { decision: 'keep_apart', otherReference: 'not a reference' }, {}]) {
        const response = await site.post(consolePost, `/team/people/${second}/identity/`, { cookie, form: new URLSearchParams(answers) });
        expect(response.status).toBe(400);
        expect(response.headers.get('cache-control')).toBe('no-store');
      }
      const unknown = await site.post(consolePost, `/team/people/${second}/identity/`, { cookie, form: new URLSearchParams({ decision: 'keep_apart', otherReference: 'DSR-AAAA-BBBB' }) });
      expect(unknown.status).toBe(409);
      expect(await counts()).toEqual(before);

      const decided = await site.post(consolePost, `/team/people/${second}/identity/`, { cookie, form: new URLSearchParams({ decision: 'keep_apart', otherReference: first }) });
      expect(decided.status).toBe(303);
      const [question] = await db.sql`select q.status, q.decided_by from private.identity_questions q join private.referrals r on r.id = q.referral_id where r.reference = ${second}`;
      expect(question).toMatchObject({ status: 'kept_apart', decided_by: expect.stringMatching(/^team:/) });
      const [event] = await db.sql`select actor from private.audit_events where action = 'people_kept_apart' and ${second} = any (refs)`;
      expect(event!['actor']).toMatch(/^team:/);
      const twice = await site.post(consolePost, `/team/people/${second}/identity/`, { cookie, form: new URLSearchParams({ decision: 'same_person', otherReference: first }) });
      expect(twice.status).toBe(409);
      expect(await twice.text()).toContain('Another team member has already decided this question');
    });

    it('reviews the rating from the record: the form and the history are on the page; a post is 303 back, kept as history and audited; the lead professional is emailed straight after', async () => {
      const cookie = await signedInAsTeamMember('Rory Reviewer');
      const familyName = uniqueFamilyName();
      const lead = await registerProfessional(db.sql);
      const reference = (await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(lead.professionalId, { rating: 'green', familyName }))).reference;
      const page = await (await site.get(consoleGet, `/team/people/${reference}/`, { cookie })).text();
      expect(page).toContain(`action="/team/people/${reference}/rating/"`);
      expect(page).toContain('Rating history (1)');
      expect(page).toContain('name="ratingAgreedOn-day"');
      const before = await counts();
      const response = await site.post(consolePost, `/team/people/${reference}/rating/`, { cookie, form: new URLSearchParams(reviewAnswers()) });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`/team/people/${reference}/#rating-history`);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const after = await counts();
      expect(after).toMatchObject({ reviews: before!['reviews'] + 1, review_emails: before!['review_emails'] + 1 });
      // Sent after the answer, as the forms send theirs, not a minute later by the deliver job.
      await site.settle();
      const mail = await around.resend.waitForEmail((sent) => sent.to.includes(lead.email) && sent.subject === `Rating reviewed: ${reference}`, 2000);
      expect(mail.text).toContain('Rating now');
      const html = await (await site.get(consoleGet, `/team/people/${reference}/`, { cookie })).text();
      expect(html).toContain('Rating history (2)');
      expect(html).toContain('Placement breaking down; agreed RED at the C(E)TR.');
      expect(html).toContain('Rory Reviewer');
      const [event] = await db.sql`select actor from private.audit_events where action = 'rating_reviewed' and ${reference} = any (refs)`;
      expect(event!['actor']).toMatch(/^team:/);
      expect(logged.lines.join('\n')).not.toContain(familyName);
      expect(logged.lines.join('\n')).not.toContain('Placement breaking down');
    });

    it('a review with bad answers is drawn again with the error summary, inline errors and what was typed (422), and changes nothing', async () => {
      const cookie = await signedInAsTeamMember();
      const reference = await referral({ rating: 'amber' });
      const before = await counts();
      const typed = 'Typed <reason> & kept';
      const response = await site.post(consolePost, `/team/people/${reference}/rating/`, {
        cookie,
        form: new URLSearchParams(reviewAnswers({ rating: '', 'ratingAgreedOn-day': '31', 'ratingAgreedOn-month': '2', reason: typed, promptedBy: 'a_hunch' })),
      });
      expect(response.status).toBe(422);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const html = await response.text();
      expect(html).toContain('There is a problem');
      expect(html).toContain('<title>Error: ');
      for (const [message, target] of [
        ['Select the rating that was agreed', '#rating-1'],
        ['Date the rating was agreed must be a real date', '#ratingAgreedOn-day'],
        ['Select what prompted the review', '#promptedBy-1'],
      ]) {
        expect(html).toContain(`<a href="${target}">${message}</a>`);
        expect(html).toContain(`<span class="nhsuk-u-visually-hidden">Error:</span> ${message}`);
      }
      // What was typed is kept (escaped).
      expect(html).toContain('Typed &lt;reason&gt; &amp; kept</textarea>');
      expect(html).toContain('name="ratingAgreedOn-day" value="31"');
      expect(html).toContain('name="ratingAgreedOn-month" value="2"');
      // The database's own check (not before their first referral) answers the same way.
      const yesterday = todayInEngland(new Date(Date.now() - 86_400_000)).split('-');
      const early = await site.post(consolePost, `/team/people/${reference}/rating/`, {
        cookie,
        form: new URLSearchParams(reviewAnswers({ 'ratingAgreedOn-day': String(Number(yesterday[2])), 'ratingAgreedOn-month': String(Number(yesterday[1])), 'ratingAgreedOn-year': yesterday[0]!, rating: 'blue' })),
      });
      expect(early.status).toBe(422);
      const earlyHtml = await early.text();
      expect(earlyHtml).toContain('Date the rating was agreed must be on or after the day of their first referral');
      expect(earlyHtml).toContain('name="rating" checked="" value="blue"');
      const after = await counts();
      expect({ reviews: after!['reviews'], review_emails: after!['review_emails'] }).toEqual({ reviews: before!['reviews'], review_emails: before!['review_emails'] });
    });

    it('refuses a post from another site, and a record address that is not a DSR reference', async () => {
      const cookie = await signedInAsTeamMember();
      const reference = await referral();
      const before = await counts();
      const crossSite = await site.post(consolePost, `/team/people/${reference}/acknowledge/`, { cookie, form: new URLSearchParams(), headers: { origin: 'https://evil.example' } });
      expect(crossSite.status).toBe(403);
      expect(await counts()).toEqual(before);
      expect((await site.get(consoleGet, '/team/people/not-a-reference/', { cookie })).status).toBe(404);
      expect((await site.get(consoleGet, '/team/people/DSR-AAAA-BBBB/', { cookie })).status).toBe(404);
    });
    describe('Accounts', () => {
      const waiting = () => registerProfessional(db.sql, { email: `waiting.${Math.random().toString(36).slice(2, 8)}@example.org`, approvalNeeded: true, fullName: 'Wendy Waiting' });
      const accountCounts = async () => {
        const [row] = await db.sql`select (select count(*) from private.audit_events)::int as audit,
                                           (select count(*) from private.outbox)::int as emails,
                                           (select count(*) from private.professionals where status = 'active')::int as active,
                                           (select count(*) from private.team_members where status = 'active')::int as team,
                                           (select count(*) from private.sessions where ended_at is null)::int as sessions`;
        return row;
      };
      const statusOf = async (id: string) => (await db.sql`select status from private.professionals where id = ${id}`)[0]!['status'];

      it('lists the accounts by status, linked from Today; approving is 303 back, emails the person, and a second decision is refused (409)', async () => {
        const cookie = await signedInAsTeamMember('Ada Accounts');
        const pending = await waiting();
        const today = await (await site.get(consoleGet, '/team/', { cookie })).text();
        expect(today).toContain(`href="/team/accounts/#professional-${pending.professionalId}"`);
        expect(today).toContain('href="/team/accounts/"');
        const page = await site.get(consoleGet, '/team/accounts/', { cookie });
        expect(page.status).toBe(200);
        expect(page.headers.get('cache-control')).toBe('no-store');
        expect(page.headers.get('x-robots-tag')).toContain('noindex');
        const html = await page.text();
        expect(html).toContain(`id="professional-${pending.professionalId}"`);
        expect(html).toContain(`action="/team/accounts/professionals/${pending.professionalId}/approve/"`);
        expect(html).toContain('Ada Accounts');

        const approved = await site.post(consolePost, `/team/accounts/professionals/${pending.professionalId}/approve/`, { cookie, form: new URLSearchParams() });
        expect(approved.status).toBe(303);
        expect(approved.headers.get('location')).toBe('/team/accounts/');
        expect(await statusOf(pending.professionalId)).toBe('active');
        await site.settle();
        const mail = await around.resend.waitForEmail((sent) => sent.to.includes(pending.email) && sent.subject.includes('is ready'));
        expect(mail.text).toContain('The DSR team has approved your account.');
        expect(logged.lines.join('\n')).not.toContain('Wendy');

        const before = await accountCounts();
        for (const [action, form] of [['approve', {}], ['refuse', { reason: 'Too late' }]] as const) {
          const again = await site.post(consolePost, `/team/accounts/professionals/${pending.professionalId}/${action}/`, { cookie, form: new URLSearchParams(form) });
          expect(again.status).toBe(409);
          expect(await again.text()).toContain('Another team member has already approved or refused this account');
        }
        expect(await accountCounts()).toEqual(before);
        expect(await statusOf(pending.professionalId)).toBe('active');
      });

      it('refusing needs a reason: bad input gets the error summary and changes nothing; the email says only that it was not approved', async () => {
        const cookie = await signedInAsTeamMember();
        const pending = await waiting();
        const refuse = `/team/accounts/professionals/${pending.professionalId}/refuse/`;
        const before = await accountCounts();
        for (const [reason, message] of [['   ', 'Enter why the account is not approved'], ['x'.repeat(501), 'must be 500 characters or fewer']]) {
          const response = await site.post(consolePost, refuse, { cookie, form: new URLSearchParams({ reason: reason! }) });
          expect(response.status).toBe(400);
          expect(response.headers.get('cache-control')).toBe('no-store');
          const html = await response.text();
          expect(html).toContain('There is a problem');
          expect(html).toContain(message);
          expect(html).toContain(`href="#reason-${pending.professionalId}"`);
        }
        expect(await accountCounts()).toEqual(before);
        expect(await statusOf(pending.professionalId)).toBe('pending_approval');

        const reason = 'Agency not commissioned by the ICB';
        const refused = await site.post(consolePost, refuse, { cookie, form: new URLSearchParams({ reason }) });
        expect(refused.status).toBe(303);
        expect(refused.headers.get('location')).toBe('/team/accounts/');
        expect(await statusOf(pending.professionalId)).toBe('refused');
        await site.settle();
        const mail = await around.resend.waitForEmail((sent) => sent.to.includes(pending.email) && sent.subject.includes('not approved'));
        expect(mail.text).toContain('contact the DSR team');
        expect(mail.subject + mail.text).not.toContain(reason);
        expect(logged.lines.join('\n')).not.toContain(reason);
        const html = await (await site.get(consoleGet, '/team/accounts/', { cookie })).text();
        expect(html).toContain(reason);
      });

      it('switching off a leaver is 303 back and signs them out at once', async () => {
        const cookie = await signedInAsTeamMember();
        const email = `leaver.${Math.random().toString(36).slice(2, 8)}@nhs.net`;
        const leaverCookie = await signedInAs(email);
        await site.settle();
        const [{ id }] = (await db.sql`select id from private.professionals where email = ${email}`) as unknown as [{ id: string }];
        const switched = await site.post(consolePost, `/team/accounts/professionals/${id}/switch-off/`, { cookie, form: new URLSearchParams() });
        expect(switched.status).toBe(303);
        expect(switched.headers.get('location')).toBe('/team/accounts/');
        expect(await statusOf(id)).toBe('switched_off');
        expect(await db.sql`select 1 from private.sessions where professional_id = ${id} and ended_at is null`).toEqual([]);
        expect(leaverCookie).toBeTruthy();
        const again = await site.post(consolePost, `/team/accounts/professionals/${id}/switch-off/`, { cookie, form: new URLSearchParams() });
        expect(again.status).toBe(409);
      });

      it('adds and removes team members (not yourself); bad input gets the error summary and changes nothing', async () => {
        const me = `me.${Math.random().toString(36).slice(2, 8)}@example.nhs.net`;
        const cookie = await signedInAsTeamMember('Mo Me', me);
        const before = await accountCounts();
        const bad = await site.post(consolePost, '/team/accounts/team/', { cookie, form: new URLSearchParams({ fullName: 'Nat New', email: 'not an address' }) });
        expect(bad.status).toBe(400);
        const badHtml = await bad.text();
        expect(badHtml).toContain('There is a problem');
        expect(badHtml).toContain('href="#member-email"');
        expect(badHtml).toContain('value="Nat New"');
        expect(await accountCounts()).toEqual(before);

        const address = `nat.${Math.random().toString(36).slice(2, 8)}@example.nhs.net`;
        const added = await site.post(consolePost, '/team/accounts/team/', { cookie, form: new URLSearchParams({ fullName: 'Nat New', email: address }) });
        expect(added.status).toBe(303);
        const [{ id, added_by }] = (await db.sql`select id, added_by from private.team_members where email = ${address}`) as unknown as [{ id: string; added_by: string }];
        expect(added_by).toMatch(/^team:/);
        const [{ id: myId }] = (await db.sql`select id from private.team_members where email = ${me}`) as unknown as [{ id: string }];
        const self = await site.post(consolePost, `/team/accounts/team/${myId}/remove/`, { cookie, form: new URLSearchParams() });
        expect(self.status).toBe(409);
        expect(await self.text()).toContain('You cannot remove yourself');
        const removed = await site.post(consolePost, `/team/accounts/team/${id}/remove/`, { cookie, form: new URLSearchParams() });
        expect(removed.status).toBe(303);
        expect((await db.sql`select status from private.team_members where id = ${id}`)[0]!['status']).toBe('switched_off');
        expect((await site.post(consolePost, `/team/accounts/team/${id}/remove/`, { cookie, form: new URLSearchParams() })).status).toBe(409);
      });

      it('a professional’s session gets 403 on Accounts and every action there, and changes nothing', async () => {
        const pending = await waiting();
        const cookie = await signedInAs(`pro.${Math.random().toString(36).slice(2, 8)}@nhs.net`);
        await site.settle();
        expect((await site.get(consoleGet, '/team/accounts/', { cookie })).status).toBe(403);
        const before = await accountCounts();
        for (const path of ['approve', 'refuse', 'switch-off'].map((action) => `/team/accounts/professionals/${pending.professionalId}/${action}/`).concat(['/team/accounts/team/', `/team/accounts/team/${pending.professionalId}/remove/`])) {
          const response = await site.post(consolePost, path, { cookie, form: new URLSearchParams({ reason: 'x', email: 'a@example.nhs.net', fullName: 'A' }) });
          expect({ path, status: response.status }).toEqual({ path, status: 403 });
        }
        expect(await accountCounts()).toEqual(before);
        expect(await statusOf(pending.professionalId)).toBe('pending_approval');
      });
    });
  });
}
