// Every rule of every form, one row each: change one answer of a valid set and
// expect exactly the error (in words) that a person would see.
import { describe, expect, it } from 'vitest';
import { forms, type FormName } from '../../../src/forms/index.ts';
import { describeErrors } from '../../../src/forms/messages.ts';
import * as answers from '../../support/answers.ts';

type Answers = Record<string, string | string[]>;
type Row = [rule: string, changes: Answers, errors: Record<string, string>];

function check(formName: FormName, valid: Answers, changes: Answers) {
  const form = forms[formName];
  const result = form.validate(answers.asFormPost({ ...valid, ...changes }), { today: answers.today });
  if (result.ok) return {};
  return Object.fromEntries(describeErrors(formName, result.errors, (name) => form.field(name)?.label).map((error) => [error.field, error.message]));
}

const dateRows = (field: string, label: string, required: string): Row[] => [
  [`${field}: empty`, { [`${field}-day`]: '', [`${field}-month`]: '', [`${field}-year`]: '' }, { [field]: required }],
  [`${field}: no month`, { [`${field}-month`]: '' }, { [field]: `${label} must include a month` }],
  [`${field}: no day or year`, { [`${field}-day`]: '', [`${field}-year`]: '' }, { [field]: `${label} must include a day and year` }],
  [`${field}: two-digit year`, { [`${field}-year`]: '10' }, { [field]: 'Year must include 4 numbers' }],
  [`${field}: 30 February`, { [`${field}-day`]: '30', [`${field}-month`]: '2' }, { [field]: `${label} must be a real date` }],
  [`${field}: month 13`, { [`${field}-month`]: '13' }, { [field]: `${label} must be a real date` }],
];

const tables: Record<Exclude<FormName, 'signInConfirm'>, { valid: Answers; rows: Row[] }> = {
  register: {
    valid: answers.registration,
    rows: [
      ['full name missing', { fullName: '  ' }, { fullName: 'Enter your full name' }],
      ['full name too long', { fullName: 'a'.repeat(101) }, { fullName: 'Full name must be 100 characters or fewer' }],
      ['email missing', { email: '' }, { email: 'Enter your work email address' }],
      ['email without @', { email: 'sam.nhs.net' }, { email: 'Enter an email address in the correct format, like name@example.nhs.uk' }],
      ['email without a dot in the domain', { email: 'sam@nhs' }, { email: 'Enter an email address in the correct format, like name@example.nhs.uk' }],
      ['email with a space', { email: 'sam carter@nhs.net' }, { email: 'Enter an email address in the correct format, like name@example.nhs.uk' }],
      ['job title missing', { jobTitle: '' }, { jobTitle: 'Enter your job title' }],
      ['organisation missing', { organisation: '' }, { organisation: 'Enter the organisation you work for' }],
      ['area missing', { area: '' }, { area: 'Select the area you mainly work in' }],
      ['area not on the list', { area: 'Atlantis' }, { area: 'Select the area you mainly work in' }],
      ['phone not a number', { phone: 'call me' }, { phone: 'Enter your work phone number in the correct format, like 01632 960 001 or 07700 900 982' }],
      ['phone too short', { phone: '01632 96' }, { phone: 'Enter your work phone number in the correct format, like 01632 960 001 or 07700 900 982' }],
      ['phone left out (optional)', { phone: '' }, {}],
      ['phone +44', { phone: '+44 7700 900982' }, {}],
      ['responsibilities not agreed', { agreedToResponsibilities: '' }, { agreedToResponsibilities: 'Confirm that you will look after the information from the register' }],
    ],
  },
  signIn: {
    valid: { email: 'sam.carter@nhs.net' },
    rows: [
      ['email missing', { email: '' }, { email: 'Enter your work email address' }],
      ['email badly formed', { email: 'sam@' }, { email: 'Enter an email address in the correct format, like name@example.nhs.uk' }],
    ],
  },
  consent: {
    valid: answers.consent,
    rows: [
      ['name missing', { personName: '' }, { personName: 'Enter the person’s full name' }],
      ...dateRows('dateOfBirth', 'Date of birth', 'Enter the date of birth'),
      ['born tomorrow', { 'dateOfBirth-day': '26', 'dateOfBirth-month': '11', 'dateOfBirth-year': '2026' }, { dateOfBirth: 'Date of birth must be in the past' }],
      ['born today (allowed)', { 'dateOfBirth-day': '25', 'dateOfBirth-month': '11', 'dateOfBirth-year': '2026', 'decisionDate-day': '25' }, {}],
      ['born 121 years ago', { 'dateOfBirth-year': '1905' }, { dateOfBirth: 'Date of birth must be less than 120 years ago' }],
      ['decision missing', { decision: '' }, { decision: 'Select how the decision was made' }],
      ['decision not an option', { decision: 'maybe' }, { decision: 'Select how the decision was made' }],
      ['best interests: decision-maker missing', { bestInterestsDecisionMakerName: '' }, { bestInterestsDecisionMakerName: 'Enter the name of the decision-maker' }],
      ['best interests: role missing', { decisionMakerRole: '' }, { decisionMakerRole: 'Enter the role of the decision-maker' }],
      ['best interests: nobody consulted', { consulted: [] }, { consulted: 'Select who was consulted about the Best Interests Decision' }],
      ['best interests: consulted someone not listed', { consulted: ['neighbour'] }, { consulted: 'Select who was consulted about the Best Interests Decision' }],
      ['parental responsibility: name missing', { decision: 'parental_responsibility', decisionMakerName: '' }, { decisionMakerName: 'Enter the name of the person with parental responsibility who gave consent' }],
      ['parental responsibility: best-interests answers not needed', { decision: 'parental_responsibility', decisionMakerName: 'Chris Example', bestInterestsDecisionMakerName: '', decisionMakerRole: '', consulted: [] }, {}],
      ['consented: nothing else needed', { decision: 'consented', bestInterestsDecisionMakerName: '', decisionMakerRole: '', consulted: [] }, {}],
      ...dateRows('decisionDate', 'Date of the decision', 'Enter the date of the decision'),
      ['decision tomorrow', { 'decisionDate-day': '26' }, { decisionDate: 'Date of the decision must be today or in the past' }],
      ['decision before birth', { 'decisionDate-year': '2009' }, { decisionDate: 'Date of the decision must be on or after the date of birth' }],
      ['sharing with nobody', { sharingWith: [] }, { sharingWith: 'Select who the information may be shared with' }],
      ['sharing with someone not listed', { sharingWith: ['newspaper'] }, { sharingWith: 'Select who the information may be shared with' }],
    ],
  },
  referral: {
    valid: answers.referral,
    rows: [
      ['given name missing', { givenName: '' }, { givenName: 'Enter the person’s given name' }],
      ['family name too long', { familyName: 'x'.repeat(101) }, { familyName: 'Family name must be 100 characters or fewer' }],
      ...dateRows('dateOfBirth', 'Date of birth', 'Enter the date of birth'),
      ['born tomorrow', { 'dateOfBirth-day': '26', 'dateOfBirth-month': '11', 'dateOfBirth-year': '2026' }, { dateOfBirth: 'Date of birth must be in the past' }],
      ['NHS number known? not answered', { nhsNumberKnown: '' }, { nhsNumberKnown: 'Select yes if you know their NHS number' }],
      ['NHS number missing', { nhsNumber: '' }, { nhsNumber: 'Enter their NHS number' }],
      ['NHS number 9 digits', { nhsNumber: '943 476 591' }, { nhsNumber: 'NHS number must be 10 digits, like 943 476 5919' }],
      ['NHS number with letters', { nhsNumber: '943 476 591X' }, { nhsNumber: 'NHS number must be 10 digits, like 943 476 5919' }],
      ['NHS number fails modulus 11', { nhsNumber: '943 476 5918' }, { nhsNumber: 'Check the NHS number: this is not a real NHS number' }],
      ['NHS number with dashes', { nhsNumber: '943-476-5919' }, {}],
      ['NHS number unknown, no reason', { nhsNumberKnown: 'no', nhsNumberUnknownReason: '' }, { nhsNumberUnknownReason: 'Say why the NHS number is not known' }],
      ['NHS number unknown with a reason (the number box is ignored)', { nhsNumberKnown: 'no', nhsNumber: 'rubbish', nhsNumberUnknownReason: 'Not registered with a GP' }, {}],
      ['postcode missing', { postcode: '' }, { postcode: 'Enter their postcode' }],
      ['postcode not real', { postcode: 'LS1' }, { postcode: 'Enter a real postcode, like LS1 4AP' }],
      ['area missing', { area: '' }, { area: 'Select the area they live in' }],
      ['GP practice left out (optional)', { gpPractice: '' }, {}],
      ['condition missing', { condition: '' }, { condition: 'Select if they have a learning disability, autism or both' }],
      ['lives in: missing', { livesIn: '' }, { livesIn: 'Select where they live now' }],
      ['hospital: name and date missing, rating not BLUE', { livesIn: 'mental_health_hospital' }, {
        hospitalName: 'Enter the name of the hospital',
        admissionDate: 'Enter the date they were admitted',
        rating: 'Select BLUE for someone in a mental health hospital now',
      }],
      ['hospital with everything, BLUE', { livesIn: 'mental_health_hospital', hospitalName: 'Riverton Unit', 'admissionDate-day': '1', 'admissionDate-month': '10', 'admissionDate-year': '2026', rating: 'blue' }, {}],
      ['hospital: admitted tomorrow', { livesIn: 'mental_health_hospital', hospitalName: 'Riverton Unit', 'admissionDate-day': '26', 'admissionDate-month': '11', 'admissionDate-year': '2026', rating: 'blue' }, { admissionDate: 'Date they were admitted must be today or in the past' }],
      ['hospital: admitted before birth', { livesIn: 'mental_health_hospital', hospitalName: 'Riverton Unit', 'admissionDate-day': '1', 'admissionDate-month': '1', 'admissionDate-year': '2009', rating: 'blue' }, { admissionDate: 'Date they were admitted must be on or after the date of birth' }],
      ['hospital: admission date not real', { livesIn: 'mental_health_hospital', hospitalName: 'Riverton Unit', 'admissionDate-day': '31', 'admissionDate-month': '9', 'admissionDate-year': '2026', rating: 'blue' }, { admissionDate: 'Date they were admitted must be a real date' }],
      ['community but BLUE', { rating: 'blue' }, { rating: 'BLUE is only for someone in a mental health hospital now: select another rating, or change where they live' }],
      ['rating missing', { rating: '' }, { rating: 'Select the rating the MDT agreed' }],
      ['rating not an option', { rating: 'purple' }, { rating: 'Select the rating the MDT agreed' }],
      ...dateRows('ratingAgreedOn', 'Date the rating was agreed', 'Enter the date the rating was agreed'),
      ['rating agreed tomorrow', { 'ratingAgreedOn-day': '26' }, { ratingAgreedOn: 'Date the rating was agreed must be today or in the past' }],
      ['rating agreed before birth', { 'ratingAgreedOn-year': '2009' }, { ratingAgreedOn: 'Date the rating was agreed must be on or after the date of birth' }],
      ['rating reason missing', { ratingReason: '' }, { ratingReason: 'Say why this rating was agreed' }],
      ['rating reason too long', { ratingReason: 'x'.repeat(2001) }, { ratingReason: 'The reason for the rating must be 2000 characters or fewer' }],
      ['consent basis missing', { consentBasis: '' }, { consentBasis: 'Select how consent was given' }],
      ['consent reference badly formed', { consentReference: 'CON-123' }, { consentReference: 'Enter the consent reference as it was given, like CON-7K3M-Q9PA, or leave it blank' }],
      ['consent reference of another kind', { consentReference: 'DSR-7K3M-Q9PA' }, { consentReference: 'Enter the consent reference as it was given, like CON-7K3M-Q9PA, or leave it blank' }],
      ['consent reference typed loosely', { consentReference: 'con 7k3m q9pa' }, {}],
      ['family involved missing', { familyInvolved: '' }, { familyInvolved: 'Say which family members, advocates or carers are involved, or that nobody is' }],
      ['no services', { servicesInvolved: [] }, { servicesInvolved: 'Select the services that are involved' }],
      ['a service not listed', { servicesInvolved: ['astrologer'] }, { servicesInvolved: 'Select the services that are involved' }],
      ['another service, not named', { servicesInvolved: ['other'] }, { otherServices: 'Enter the other service' }],
      ['another service, named', { servicesInvolved: ['other'], otherServices: 'Speech and language therapy' }, {}],
      ['previous review missing', { previousReview: '' }, { previousReview: 'Select if they have had a CETR, CTR or LEAP meeting before' }],
      ['communication needs too long', { communicationNeeds: 'x'.repeat(2001) }, { communicationNeeds: 'Communication needs must be 2000 characters or fewer' }],
    ],
  },
  withdrawal: {
    valid: answers.withdrawal,
    rows: [
      ['name missing', { personName: '' }, { personName: 'Enter the person’s full name' }],
      ...dateRows('dateOfBirth', 'Date of birth', 'Enter their date of birth'),
      ['DSR reference badly formed', { dsrReference: 'DSR-12' }, { dsrReference: 'Enter the DSR reference as it was given, like DSR-7K3M-Q9PA, or leave it blank' }],
      ['DSR reference given', { dsrReference: 'dsr-7k3m-q9pa' }, {}],
      ['who is asking: missing', { requesterRelationship: '' }, { requesterRelationship: 'Select who you are' }],
      ['requester name missing', { requesterName: '' }, { requesterName: 'Enter your full name' }],
      ['no email and no phone', { requesterEmail: '', requesterPhone: '' }, { requesterEmail: 'Enter an email address or a phone number so the DSR team can tell you when it is done' }],
      ['phone only', { requesterEmail: '', requesterPhone: '07700 900 982' }, {}],
      ['email badly formed', { requesterEmail: 'pat@' }, { requesterEmail: 'Enter an email address in the correct format, like name@example.nhs.uk' }],
      ['phone badly formed', { requesterPhone: '12' }, { requesterPhone: 'Enter your phone number in the correct format, like 01632 960 001 or 07700 900 982' }],
      ['not confirmed support continues', { understandsSupportContinues: '' }, { understandsSupportContinues: 'Confirm that you understand support will carry on' }],
    ],
  },
};

for (const [formName, table] of Object.entries(tables) as [Exclude<FormName, 'signInConfirm'>, (typeof tables)['register']][]) {
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

  it('consent: the best-interests decision-maker is sent as decisionMakerName', () => {
    const result = forms.consent.validate(answers.asFormPost(answers.consent), { today: answers.today });
    expect(result).toMatchObject({ ok: true, payload: { decisionMakerName: 'Jo Social', decisionMakerRole: 'Social worker', consulted: ['family', 'advocate'], decisionDate: '2026-11-20' } });
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
