// Every rule of every form, one row each: change one answer of a valid set and
// expect exactly the error (in words) that a person would see.
import { describe, expect, it } from 'vitest';
import { forms, type FormName } from '../../../src/forms/index.ts';
import { describeErrors } from '../../../src/forms/messages.ts';
import * as answers from '../../support/answers.ts';
import { formRules } from '../../support/form-rules.ts';

type Answers = Record<string, string | string[]>;

function check(formName: FormName, valid: Answers, changes: Answers) {
  const form = forms[formName];
  const result = form.validate(answers.asFormPost({ ...valid, ...changes }), { today: answers.today });
  if (result.ok) return {};
  return Object.fromEntries(describeErrors(form, result.errors, (name) => form.field(name)?.label).map((error) => [error.field, error.message]));
}

for (const [formName, table] of Object.entries(formRules) as [Exclude<FormName, 'signInConfirm'>, (typeof formRules)['register']][]) {
  describe(`the ${formName} form`, () => {
    it('accepts the valid answers', () => {
      expect(check(formName, table.valid, {})).toEqual({});
    });
    it.each(table.rows)('%s', (_rule, changes, errors) => {
      expect(check(formName, table.valid, changes)).toEqual(errors);
    });
  });
}

describe('what a valid form gives the database', () => {
  it('referral: digits of the NHS number, tidy postcode, ISO dates, named other service, no form-only answers', () => {
    const result = forms.referral.validate(
      answers.asFormPost({ ...answers.referral, nhsNumber: '943-476-5919', servicesInvolved: ['camhs', 'other'], otherServices: 'Speech and language therapy', consentReference: 'con7k3mq9pa' }),
      { today: answers.today },
    );
    expect(result).toMatchObject({
      ok: true,
      payload: {
        nhsNumber: '9434765919',
        postcode: 'LS1 4AP',
        dateOfBirth: '2010-03-04',
        ratingAgreedOn: '2026-11-18',
        servicesInvolved: ['camhs', 'Speech and language therapy'],
        consentReference: 'CON-7K3M-Q9PA',
        hospitalName: undefined,
        admissionDate: undefined,
      },
    });
    expect(result.ok && Object.keys(result.payload)).not.toContain('nhsNumberKnown');
  });

  it('referral: an unknown NHS number is sent as null with its reason', () => {
    const result = forms.referral.validate(answers.asFormPost({ ...answers.referral, nhsNumberKnown: 'no', nhsNumberUnknownReason: 'Not registered' }), { today: answers.today });
    expect(result).toMatchObject({ ok: true, payload: { nhsNumber: null, nhsNumberUnknownReason: 'Not registered' } });
  });

  it('consent: the best-interests decision-maker is sent under the question the person answered (the database names it in its errors)', () => {
    const result = forms.consent.validate(answers.asFormPost(answers.consent), { today: answers.today });
    expect(result).toMatchObject({ ok: true, payload: { bestInterestsDecisionMakerName: 'Jo Social', decisionMakerName: undefined, decisionMakerRole: 'Social worker', consulted: ['family', 'advocate'], decisionDate: '2026-11-20' } });
  });

  it('consent: answers hidden by another decision are not sent', () => {
    const result = forms.consent.validate(answers.asFormPost({ ...answers.consent, decision: 'consented' }), { today: answers.today });
    expect(result).toMatchObject({ ok: true, payload: { decision: 'consented', decisionMakerName: undefined, decisionMakerRole: undefined, consulted: [] } });
  });

  it('register: the email address in lower case, agreement as true', () => {
    const result = forms.register.validate(answers.asFormPost({ ...answers.registration, email: ' Sam.Carter@NHS.net ' }));
    expect(result).toMatchObject({ ok: true, payload: { email: 'sam.carter@nhs.net', agreedToResponsibilities: true } });
  });

  it('reads JSON from the island the same as a form post: ISO dates, booleans, arrays', () => {
    const json = { ...answers.withdrawal, dateOfBirth: '2010-03-04', understandsSupportContinues: true };
    for (const key of ['dateOfBirth-day', 'dateOfBirth-month', 'dateOfBirth-year']) delete (json as Record<string, unknown>)[key];
    const fromJson = forms.withdrawal.validate(json, { today: answers.today });
    const fromPost = forms.withdrawal.validate(answers.asFormPost(answers.withdrawal), { today: answers.today });
    expect(fromJson).toEqual(fromPost);
    expect(fromJson.ok).toBe(true);
  });

  it('strips control characters (Postgres refuses NUL) but keeps line breaks', () => {
    const result = forms.referral.validate(answers.asFormPost({ ...answers.referral, ratingReason: 'line one\u0000\nline two' }), { today: answers.today });
    expect(result).toMatchObject({ ok: true, payload: { ratingReason: 'line one\nline two' } });
  });

  it('lists errors in the order of the questions', () => {
    const result = forms.referral.validate(answers.asFormPost({}), { today: answers.today });
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.errors.map((error) => error.field);
    const order = forms.referral.fields.map((field) => field.name).filter((name) => fields.includes(name));
    expect(fields).toEqual(order);
    expect(fields).toContain('givenName');
  });
});

describe('signing in from the emailed link', () => {
  const token = 'a'.repeat(43);
  it('accepts a whole link and sends the professional back to an allowed page only', () => {
    expect(forms.signInConfirm.validate({ token, email: 'Sam@nhs.net', next: '/consent/' })).toEqual({ ok: true, payload: { token, email: 'sam@nhs.net', next: '/consent/' } });
    expect(forms.signInConfirm.validate({ token, email: 'sam@nhs.net', next: 'https://evil.example/' })).toMatchObject({ ok: true, payload: { next: '/refer/' } });
  });
  it('says the link is not complete when the token or the email is cut off', () => {
    expect(forms.signInConfirm.validate({ token: token.slice(1), email: 'sam@nhs.net' })).toEqual({ ok: false, errors: [{ field: 'token', code: 'link_broken' }] });
    expect(forms.signInConfirm.validate({ token, email: 'sam@' })).toEqual({ ok: false, errors: [{ field: 'email', code: 'link_broken' }] });
  });
});
