// Consent records, referrals and withdrawal requests through their functions, on a real
// database, with the emails they cause sent through the Resend stand-in.
import { beforeEach, describe, expect, it } from 'vitest';
import { databaseTargets } from '../support/database.ts';
import { functionHarness } from '../support/functions.ts';
import { startTcpProxy } from '../support/tcp-proxy.ts';
import { useLoggedLines, useSite, teamEmail } from '../support/site-env.ts';
import * as answers from '../support/answers.ts';
import { bornYearsAgo, dateAnswer } from '../support/answers.ts';
import { onRequestPost as consents } from '../../functions/[[path]].ts';
import { onRequestPost as referrals } from '../../functions/[[path]].ts';
import { onRequestPost as withdrawals } from '../../functions/[[path]].ts';
import { todayInEngland } from '../../src/forms/dates.ts';

/** The fictional person's details: none of these may appear in an email or a log line. */
const personalDetails = ['Alex', 'Example', '9434765919', '943 476 5919', '2010-03-04', '4 March 2010', '04/03/2010', 'LS1 4AP', 'Pat '];

const today = todayInEngland().split('-');
const agreedToday = dateAnswer('ratingAgreedOn', todayInEngland());
const decidedToday = dateAnswer('decisionDate', todayInEngland());

for (const target of databaseTargets()) {
  describe(`records on ${target.name}`, () => {
    const around = useSite(target);
    const { site, db, env, signedInAs } = around;
    let cookie = '';
    const logged = useLoggedLines({ errors: true });
    beforeEach(async () => {
      if (!cookie) cookie = await signedInAs('referrer@nhs.net');
    });

    const referral = (changes: Record<string, string | string[]> = {}) => ({ ...bornYearsAgo(answers.referral, 15), ...agreedToday, ...changes });
    const consent = (changes: Record<string, string | string[]> = {}) => ({ ...bornYearsAgo(answers.consent, 15), ...decidedToday, ...changes });

    describe('POST /api/consents', () => {
      it('needs a signed-in professional: 401 as JSON, the form again with its answers (401) without JavaScript', async () => {
        const asJson = await site.post(consents, '/api/consents', { json: consent() });
        expect(asJson.status).toBe(401);
        expect(await asJson.json()).toMatchObject({ message: 'You need to sign in to use this form.' });
        const asPage = await site.post(consents, '/api/consents', { form: answers.asFormPost(consent()) });
        expect(asPage.status).toBe(401);
        const html = await asPage.text();
        expect(html).toContain('You have been signed out, so your answers have not been sent');
        expect(html).toContain('value="Jo Social"');
        const [count] = await db.sql`select count(*)::int as n from private.consents`;
        expect(count?.n).toBe(0);
      });

      it('records a Best Interests Decision: 201 with a CON- reference; the team and the professional are emailed', async () => {
        const response = await site.post(consents, '/api/consents', { json: consent(), cookie });
        expect(response.status).toBe(201);
        const { reference } = await response.json();
        expect(reference).toMatch(/^CON-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
        await site.settle();
        const toTeam = await around.resend.waitForEmail((email) => email.to.includes(teamEmail) && email.text.includes(reference));
        const receipt = await around.resend.waitForEmail((email) => email.to.includes('referrer@nhs.net') && email.text.includes(reference));
        for (const email of [toTeam, receipt]) for (const detail of personalDetails) expect(email.subject + email.text).not.toContain(detail);
        const [row] = await db.sql`select decision, decision_maker_name, consulted from private.consents where reference = ${reference}`;
        expect(row).toMatchObject({ decision: 'best_interests', decision_maker_name: 'Jo Social', consulted: ['family', 'advocate'] });
      });

      it('without JavaScript: 303 to the confirmation page with the reference', async () => {
        const response = await site.post(consents, '/api/consents', { form: answers.asFormPost(consent({ decision: 'consented' })), cookie });
        expect(response.status).toBe(303);
        expect(response.headers.get('location')).toMatch(/^\/consent\/confirmation\/\?reference=CON-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
      });
    });

    describe('POST /api/referrals', () => {
      it('refers a 15-year-old rated AMBER: DSR- reference, keyworker eligible, a CETR', async () => {
        const response = await site.post(referrals, '/api/referrals', { json: referral(), cookie });
        expect(response.status).toBe(201);
        const body = await response.json();
        expect(body).toEqual({ reference: expect.stringMatching(/^DSR-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/), rating: 'amber', ageGroup: 'child', keyworkerEligible: true, reviewType: 'cetr' });
        const [row] = await db.sql`select p.nhs_number, r.postcode, r.rating from private.referrals r join private.people p on p.id = r.person_id where r.reference = ${body.reference}`;
        expect(row).toEqual({ nhs_number: '9434765919', postcode: 'LS1 4AP', rating: 'amber' });
      });

      it('takes one database connection per referral: its emails go on it after the response, then it is closed', async () => {
        // Every new connection is a new PostgreSQL backend: a second one per referral doubled the cost of each.
        const proxy = await startTcpProxy(db.url);
        try {
          const throughProxy = functionHarness(() => ({ ...env(), DATABASE_URL: proxy.url }));
          const response = await throughProxy.post(referrals, '/api/referrals', { json: referral({ familyName: 'Oneconnection' }), cookie });
          expect(response.status).toBe(201);
          const { reference } = await response.json();
          await throughProxy.settle();
          expect(proxy.accepted).toBe(1);
          const [outbox] = await db.sql`select count(*)::int as emails, (count(*) filter (where status = 'sent'))::int as sent from private.outbox where about_reference = ${reference}`;
          expect(outbox).toEqual({ emails: 2, sent: 2 });
          await expect.poll(() => proxy.open).toBe(0);
        } finally {
          await proxy.stop();
        }
      });

      it.each([
        ['an adult of 30 rated GREEN: no keyworker, a CTR', 30, { rating: 'green' }, { ageGroup: 'adult', keyworkerEligible: false, reviewType: 'ctr' }],
        ['a young person of 20 with an EHCP rated AMBER: a CETR', 20, { rating: 'amber', hasEhcp: 'yes' }, { ageGroup: 'young_person', keyworkerEligible: false, reviewType: 'cetr' }],
        ['a young person of 20 rated BLUE in hospital: keyworker, a CTR', 20, { rating: 'blue', hasEhcp: 'no', livesIn: 'mental_health_hospital', hospitalName: 'Riverton Unit', 'admissionDate-day': '1', 'admissionDate-month': '1', 'admissionDate-year': String(Number(today[0]) - 1) }, { ageGroup: 'young_person', keyworkerEligible: true, reviewType: 'ctr' }],
        ['a young person of 20 rated RED: no keyworker (18 to 25 only when BLUE)', 20, { rating: 'red', hasEhcp: 'not_known' }, { ageGroup: 'young_person', keyworkerEligible: false, reviewType: 'ctr' }],
      ])('works out %s', async (_name, age, changes, expected) => {
        const response = await site.post(referrals, '/api/referrals', {
          json: { ...referral(changes), ...bornYearsAgo({}, age), nhsNumberKnown: 'no', nhsNumberUnknownReason: 'Not known', familyName: `Person${age}${changes.rating}` },
          cookie,
        });
        expect(response.status).toBe(201);
        expect(await response.json()).toMatchObject(expected);
      });

      it('a RED referral: the team email subject starts "[RED – urgent]"; the emails say what happens next and name nobody', async () => {
        const response = await site.post(referrals, '/api/referrals', { json: referral({ rating: 'red', familyName: 'Redcase' }), cookie });
        const { reference } = await response.json();
        await site.settle();
        const toTeam = await around.resend.waitForEmail((email) => email.to.includes(teamEmail) && email.text.includes(reference));
        const receipt = await around.resend.waitForEmail((email) => email.to.includes('referrer@nhs.net') && email.text.includes(reference));
        expect(toTeam.subject.startsWith('[RED – urgent]')).toBe(true);
        expect(toTeam.text).toMatch(/C\(E\)TR|CETR/);
        expect(receipt.text).toContain(reference);
        for (const email of [toTeam, receipt]) for (const detail of [...personalDetails, 'Redcase']) expect(email.subject + email.text).not.toContain(detail);
      });

      it('refuses a CON- reference that does not exist, with a message on that answer, and saves nothing', async () => {
        const [before] = await db.sql`select count(*)::int as n from private.referrals`;
        const response = await site.post(referrals, '/api/referrals', { json: referral({ consentReference: 'CON-2222-3333' }), cookie });
        expect(response.status).toBe(422);
        expect(await response.json()).toEqual({
          message: 'There is a problem',
          errors: [{ field: 'consentReference', code: 'consent_not_yours', message: 'Check the consent reference: it must be one you recorded for this person' }],
        });
        const [after] = await db.sql`select count(*)::int as n from private.referrals`;
        expect(after?.n).toBe(before?.n);
      });

      it('accepts the CON- reference of a matching consent record', async () => {
        const recorded = await site.post(consents, '/api/consents', { json: consent({ decision: 'consented' }), cookie });
        const { reference } = await recorded.json();
        const response = await site.post(referrals, '/api/referrals', { json: referral({ consentReference: reference.toLowerCase() }), cookie });
        expect(response.status).toBe(201);
      });

      it('records one referral when the island sends the same submission twice', async () => {
        const submissionId = '6f1d8b7e-3c1a-4e7b-9a53-0b6c2f9d1e42';
        const once = await site.post(referrals, '/api/referrals', { json: referral({ submissionId, familyName: 'Twice' }), cookie });
        const twice = await site.post(referrals, '/api/referrals', { json: referral({ submissionId, familyName: 'Twice' }), cookie });
        expect((await twice.json()).reference).toBe((await once.json()).reference);
        const [count] = await db.sql`select count(*)::int as n from private.referrals where submission_id = ${submissionId}`;
        expect(count?.n).toBe(1);
      });

      it('without JavaScript: 303 to the confirmation page with the reference, rating, keyworker and review', async () => {
        // Someone new (no NHS number): a re-referral of someone this professional referred before would say more (my-referrals.test.ts).
        const response = await site.post(referrals, '/api/referrals', {
          form: answers.asFormPost(referral({ familyName: 'Nojs', nhsNumberKnown: 'no', nhsNumberUnknownReason: 'Not known' })),
          cookie,
        });
        expect(response.status).toBe(303);
        expect(response.headers.get('location')).toMatch(/^\/refer\/confirmation\/\?reference=DSR-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}&rating=amber&keyworker=yes&review=cetr$/);
      });

      it('without JavaScript, answers with problems come back on the form page with an error summary and the answers kept (422)', async () => {
        const response = await site.post(referrals, '/api/referrals', {
          form: answers.asFormPost(referral({ nhsNumber: '943 476 5918', givenName: 'Typed <b>name</b>' })),
          cookie,
        });
        expect(response.status).toBe(422);
        expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
        const html = await response.text();
        expect(html).toMatch(/<title>Error: /);
        expect(html).toContain('Check the NHS number: this is not a real NHS number');
        expect(html).toContain('value="943 476 5918"');
        // What was typed is shown as text, never as markup.
        expect(html).toContain('Typed &lt;b&gt;name&lt;/b&gt;');
        expect(html).not.toContain('<b>name</b>');
      });

      it('never writes a personal detail into a log line', async () => {
        await site.post(referrals, '/api/referrals', { json: referral({ familyName: 'Logcheck' }), cookie });
        await site.post(referrals, '/api/referrals', { json: referral({ familyName: 'Logcheck', nhsNumber: '1' }), cookie });
        await site.settle();
        expect(logged.lines.length).toBeGreaterThan(0);
        for (const line of logged.lines) for (const detail of [...personalDetails, 'Logcheck']) expect(line).not.toContain(detail);
      });
    });

    describe('POST /api/withdrawals', () => {
      it('needs no account: 201 with a WDR- reference; the team is emailed and the requester acknowledged', async () => {
        const response = await site.post(withdrawals, '/api/withdrawals', { json: bornYearsAgo(answers.withdrawal, 15) });
        expect(response.status).toBe(201);
        const { reference } = await response.json();
        expect(reference).toMatch(/^WDR-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
        await site.settle();
        const toTeam = await around.resend.waitForEmail((email) => email.to.includes(teamEmail) && email.text.includes(reference));
        const acknowledgement = await around.resend.waitForEmail((email) => email.to.includes('pat@example.com'));
        for (const email of [toTeam, acknowledgement]) for (const detail of personalDetails) expect(email.subject + email.text).not.toContain(detail);
      });

      it('with only a phone number: the team is emailed and nobody else', async () => {
        const response = await site.post(withdrawals, '/api/withdrawals', { json: { ...bornYearsAgo(answers.withdrawal, 15), requesterEmail: '', requesterPhone: '07700 900 982' } });
        const { reference } = await response.json();
        await site.settle();
        const about = around.resend.emails.filter((email) => email.text.includes(reference));
        expect(about.map((email) => email.to)).toEqual([[teamEmail]]);
      });

      it('without JavaScript: 303 to the confirmation page with the reference', async () => {
        const response = await site.post(withdrawals, '/api/withdrawals', { form: answers.asFormPost(bornYearsAgo(answers.withdrawal, 15)) });
        expect(response.status).toBe(303);
        expect(response.headers.get('location')).toMatch(/^\/withdraw\/confirmation\/\?reference=WDR-/);
      });
    });
  });
}
