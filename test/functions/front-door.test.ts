// The front door's posts through their functions: the rating support tool (each step drawn
// from what was posted, nothing stored, the agreed rating carried into the referral form)
// and /ask/ (a request to be considered, no account: 201, 303, 422, 429, and the same
// answer whether or not the person is already on the register).
import { describe, expect, it } from 'vitest';
import { databaseTargets } from '../support/database.ts';
import { useLoggedLines, useSite, teamEmail } from '../support/site-env.ts';
import * as answers from '../support/answers.ts';
import { bornYearsAgo, dateAnswer } from '../support/answers.ts';
import { onRequestPost as post } from '../../functions/[[path]].ts';
import { todayInEngland, yearsBefore } from '../../src/forms/dates.ts';
import { ratingSupportPage } from '../../src/forms/rating-support.ts';

const today = todayInEngland().split('-');
const discussedToday = dateAnswer('discussedOn', todayInEngland());

/** The tool's answers as a browser without JavaScript posts them. */
const toolPost = (fields: Record<string, string>) => answers.asFormPost(fields);
const crisisAnswers = { 'answer-crisis-now': 'yes', 'answer-behaviour': 'yes', 'answer-in-hospital-now': 'no' };
const agreement = { ...discussedToday, tookPart: 'Community nurse, social worker, mother', agreedRating: 'red', agreedReasons: 'Family in crisis.\nPlacement about to end.' };

/** The hidden fields of the form in `html` that posts to `action`. */
function hiddenFieldsOf(html: string, action: string): URLSearchParams {
  const start = html.indexOf(`action="${action}"`);
  expect(start).toBeGreaterThan(-1);
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields = new URLSearchParams();
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields.append(name!, value!.replaceAll('&#x27;', "'").replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&').replaceAll('&#10;', '\n'));
  }
  return fields;
}


const target = databaseTargets()[0]!;

describe(`the front door on ${target.name}`, () => {
  const around = useSite(target);
  const { site, db, signedInAs } = around;
  const logged = useLoggedLines();

  describe(`POST ${ratingSupportPage} (without JavaScript)`, () => {
    it('draws the suggestion with the answers that led to it and the questions left unanswered', async () => {
      const response = await site.post(post, ratingSupportPage, { form: toolPost({ ...crisisAnswers, step: 'suggestion' }) });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await response.text();
      expect(html).toContain('Built page');
      expect(html).toMatch(/RED/);
      expect(html).toContain('Is the person, or the family or service caring for them, in crisis now?');
      // Not answered: named, so the MDT can see what the suggestion did not weigh.
      expect(html).toContain('Is an admission to a mental health hospital being talked about now, or likely within days?');
      // The answers travel on in the page, not in storage.
      expect(html).toContain('name="answer-crisis-now" value="yes"');
      expect(html).toContain('What rating did the MDT agree?');
    });

    it('goes back to the questions with every answer kept', async () => {
      const response = await site.post(post, ratingSupportPage, { form: toolPost({ ...crisisAnswers, step: 'questions' }) });
      expect(response.status).toBe(200);
      const html = await response.text();
      const inputs = (name: string) => [...html.matchAll(/<input [^>]*>/g)].map(([tag]) => tag).filter((tag) => tag.includes(`name="${name}"`));
      expect(inputs('answer-crisis-now').filter((tag) => /\bchecked\b/.test(tag)).map((tag) => /value="([^"]*)"/.exec(tag)?.[1])).toEqual(['yes']);
      expect(inputs('answer-behaviour').filter((tag) => /\bchecked\b/.test(tag)).map((tag) => /value="([^"]*)"/.exec(tag)?.[1])).toEqual(['yes']);
      expect(inputs('answer-admission-now').filter((tag) => /\bchecked\b/.test(tag))).toEqual([]);
    });

    it('refuses an answer that is not one of the question\'s (422), guessing nothing', async () => {
      const response = await site.post(post, ratingSupportPage, { form: toolPost({ 'answer-crisis-now': 'maybe', step: 'suggestion' }) });
      expect(response.status).toBe(422);
      const html = await response.text();
      expect(html).toMatch(/<title>Error: /);
      expect(html).toContain('Select one of the answers to this question, or leave it unanswered');
    });

    it('asks for what the MDT agreed before drawing the summary (422, answers and typed words kept)', async () => {
      const response = await site.post(post, ratingSupportPage, { form: toolPost({ ...crisisAnswers, tookPart: 'Typed <b>nurse</b>', step: 'summary' }) });
      expect(response.status).toBe(422);
      const html = await response.text();
      expect(html).toMatch(/<title>Error: /);
      expect(html).toContain('nhsuk-error-summary');
      for (const message of ['Select the rating the MDT agreed', 'Say why the MDT agreed this rating']) expect(html).toContain(message);
      expect(html).toContain('Typed &lt;b&gt;nurse&lt;/b&gt;');
      expect(html).not.toContain('<b>nurse</b>');
    });

    it('draws the summary to print: date, who took part, answers, suggested and agreed rating; logs nothing typed', async () => {
      const response = await site.post(post, ratingSupportPage, { form: toolPost({ ...crisisAnswers, ...agreement, agreedRating: 'amber', step: 'summary' }) });
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('Community nurse, social worker, mother');
      expect(html).toContain('Placement about to end.');
      expect(html).toMatch(/RED/);
      expect(html).toMatch(/AMBER/);
      expect(html).toContain(`${Number(today[2])} `);
      expect(html).toContain('data-print');
      for (const line of logged.lines) for (const typed of ['Community nurse', 'Placement', 'crisis']) expect(line).not.toContain(typed);
    });

    it('carries the agreed rating, the date and the reasons into the referral form, which opens with them filled in and saves nothing', async () => {
      const summary = await (await site.post(post, ratingSupportPage, { form: toolPost({ ...crisisAnswers, ...agreement, step: 'summary' }) })).text();
      const carried = hiddenFieldsOf(summary, '/refer/');
      expect(carried.get('rating')).toBe('red');
      expect(carried.get('ratingReason')).toContain('Placement about to end.');
      expect(carried.get('ratingAgreedOn-year')).toBe(today[0]);

      const cookie = await signedInAs('mdt@nhs.net');
      const [before] = await db.sql`select count(*)::int as n from private.referrals`;
      const referral = await site.post(post, '/refer/', { form: carried, cookie });
      expect(referral.status).toBe(200);
      const html = await referral.text();
      expect(html).toMatch(/<input[^>]*value="red"[^>]*checked|<input[^>]*checked[^>]*value="red"/);
      expect(html).toContain('Placement about to end.');
      expect(html).toMatch(new RegExp(`name="ratingAgreedOn-year"[^>]*value="${today[0]}"|value="${today[0]}"[^>]*name="ratingAgreedOn-year"`));
      const [after] = await db.sql`select count(*)::int as n from private.referrals`;
      expect(after?.n).toBe(before?.n);
    });

    it('refuses a post from another site (403)', async () => {
      const response = await site.post(post, ratingSupportPage, { form: toolPost({ ...crisisAnswers, step: 'suggestion' }), headers: { origin: 'https://elsewhere.example' } });
      expect(response.status).toBe(403);
    });
  });

  describe('POST /api/requests and /ask/ (no account)', () => {
    const request = (changes: Record<string, string | string[]> = {}) => ({ ...bornYearsAgo(answers.request, 15), ...changes });
    const personal = ['Sam Example', 'Chris Example', 'chris@example.com', 'stopped going to school'];

    it('201 with a REQ- reference; the team is emailed by reference and the asker acknowledged, without personal details', async () => {
      const response = await site.post(post, '/api/requests', { json: request() });
      expect(response.status).toBe(201);
      const { reference } = (await response.json()) as { reference: string };
      expect(reference).toMatch(/^REQ-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
      await site.settle();
      const toTeam = await around.resend.waitForEmail((email) => email.to.includes(teamEmail) && email.text.includes(reference));
      const acknowledgement = await around.resend.waitForEmail((email) => email.to.includes('chris@example.com'));
      for (const email of [toTeam, acknowledgement]) for (const detail of personal) expect(email.subject + email.text).not.toContain(detail);
      for (const line of logged.lines) for (const detail of personal) expect(line).not.toContain(detail);
    });

    it('without JavaScript: 303 to the confirmation page with the reference', async () => {
      const response = await site.post(post, '/ask/', { form: answers.asFormPost(request()) });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toMatch(/^\/ask\/confirmation\/\?reference=REQ-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    });

    it('without JavaScript, answers with problems come back with an error summary and what was typed (422), and nothing is saved', async () => {
      const [before] = await db.sql`select count(*)::int as n from private.requests`;
      const response = await site.post(post, '/ask/', {
        form: answers.asFormPost(request({ askerEmail: '', askerPhone: '', personName: 'Typed <b>Sam</b>', worries: 'Not sleeping' })),
      });
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await response.text();
      expect(html).toMatch(/<title>Error: /);
      expect(html).toContain('nhsuk-error-summary');
      expect(html).toContain('Enter an email address or a phone number so the DSR team can contact you');
      expect(html).toContain('Typed &lt;b&gt;Sam&lt;/b&gt;');
      expect(html).not.toContain('<b>Sam</b>');
      expect(html).toContain('Not sleeping');
      const [after] = await db.sql`select count(*)::int as n from private.requests`;
      expect(after?.n).toBe(before?.n);
    });

    it('as JSON, answers with problems are a 422 with the form\'s words', async () => {
      const response = await site.post(post, '/api/requests', { json: request({ personKnows: '' }) });
      expect(response.status).toBe(422);
      const body = (await response.json()) as { errors: { field: string; message: string }[] };
      expect(body.errors.map(({ field, message }) => [field, message])).toEqual([['personKnows', 'Select whether the person knows you are asking']]);
    });

    it('limits one address as the other public forms are limited (30 in 10 minutes), then says how long to wait (429)', async () => {
      const ip = '2001:db8:ffff::1';
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) statuses.push((await site.post(post, '/api/requests', { json: request({ askerEmail: '', askerPhone: '07700 900 982' }), ip })).status);
      expect(statuses.slice(0, 30).every((status) => status === 201)).toBe(true);
      expect(statuses[30]).toBe(429);
      const limited = await site.post(post, '/ask/', { form: answers.asFormPost(request()), ip });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      const html = await limited.text();
      expect(html).toContain('You have sent this form too many times');
      expect(html).toContain('value="Chris Example"');
      await site.settle();
    });

    it('answers the same, and sends the same emails, whether or not the person is already on the register', async () => {
      const cookie = await signedInAs('referrer.front@nhs.net');
      const born = dateAnswer('dateOfBirth', yearsBefore(todayInEngland(), 15));
      const known = { ...answers.referral, ...born, givenName: 'Robin', familyName: 'Onregister' };
      const referred = await site.post(post, '/api/referrals', { json: { ...known, ...dateAnswer('ratingAgreedOn', todayInEngland()) }, cookie });
      expect(referred.status).toBe(201);
      await site.settle();
      around.resend.clear();

      const about = (name: string) => request({ personName: name, ...born });
      const onRegister = await site.post(post, '/api/requests', { json: about('Robin Onregister') });
      const notOnRegister = await site.post(post, '/api/requests', { json: about('Robin Nowhere') });
      expect(notOnRegister.status).toBe(onRegister.status);
      const [a, b] = [(await onRegister.json()) as Record<string, string>, (await notOnRegister.json()) as Record<string, string>];
      expect(Object.keys(b)).toEqual(Object.keys(a));
      await site.settle();
      const emailsAbout = (reference: string) =>
        around.resend.emails
          .filter((email) => email.text.includes(reference))
          .map((email) => ({ to: email.to, subject: email.subject.replaceAll(reference, 'REF'), text: email.text.replaceAll(reference, 'REF') }))
          .sort((x, y) => x.subject.localeCompare(y.subject));
      expect(emailsAbout(b['reference']!)).toEqual(emailsAbout(a['reference']!));
      expect(emailsAbout(a['reference']!)).toHaveLength(2);
    });
  });
});
