// Every error message of every form, provoked at least once in a browser and seen
// where the person needs it: in the error summary ("There is a problem", focused,
// each message a link to its question) and beside the question itself, with the page
// title starting "Error: ", the typed answers kept, and no axe violations.
//
// The rounds below each start from complete, valid answers and spoil some of them;
// the first test checks that, between them, the rounds provoke every message in
// src/forms/messages.ts (apart from the few listed, with the reason).
import { expect, request as playwrightRequest, type BrowserContextOptions, type Page } from '@playwright/test';
import { forms, messages, type FormName } from '../../src/forms/index.ts';
import { findMessage } from '../../src/forms/messages.ts';
import type { DateParts } from '../../src/forms/types.ts';
import { baseUrl } from './site.ts';
import { birthDateForAge, daysAgo, expectAccessible, expectErrorSummary, expectFieldError, linkIn, newAddress, newWorkEmail, signInThroughApi, test as base, waitForEmail } from './form-helpers.ts';

type StorageState = Exclude<BrowserContextOptions['storageState'], string | undefined>;

type Answer = string | string[] | DateParts;
type Answers = Record<string, Answer>;

interface Round {
  form: Exclude<FormName, 'signInConfirm'>;
  /** What the round is about, for the test's name. */
  about: string;
  /** Answers changed from the valid ones. */
  change: Answers | ((made: MadeRecords) => Answers);
  /** The errors expected, question by question. */
  expect: Record<string, string>;
  /** The problem is found only when the answers are saved (a database check), past the check page. */
  whenSent?: boolean;
  javaScript?: boolean;
}

/** Records a round needs to exist first (a consent to mismatch, a person with an NHS number). */
interface MadeRecords {
  consentReference: string;
  nhsNumber: string;
}

const parts = (day: string, month: string, year: string): DateParts => ({ day, month, year });
const past = (days: number): DateParts => daysAgo(days);
const born = birthDateForAge(15);
const dateOfBirth = parts(born.day, born.month, born.year);
const nextYear = String(new Date().getUTCFullYear() + 1);
const long = (length: number) => 'a'.repeat(length);

/** Each way a date can be wrong, as typed (before_birth needs the date of birth: see below). */
const badDates: Record<string, DateParts> = {
  required: parts('', '', ''),
  missing_day: parts('', '3', '2010'),
  missing_month: parts('4', '', '2010'),
  missing_year: parts('4', '3', ''),
  missing_day_month: parts('', '', '2010'),
  missing_day_year: parts('', '3', ''),
  missing_month_year: parts('4', '', ''),
  year_format: parts('4', '3', '10'),
  not_real: parts('31', '2', '2010'),
  in_future: parts('1', '1', nextYear),
  too_early: parts('31', '12', '1899'),
};
const dateCodes = Object.keys(badDates);

const valid: Record<Round['form'], Answers> = {
  register: {
    fullName: 'Casey Errorson',
    email: 'casey.errorson@nhs.net',
    jobTitle: 'Social worker',
    organisation: 'Northshire Council',
    area: 'Northshire North',
    phone: '',
    agreedToResponsibilities: 'yes',
  },
  signIn: { email: 'casey.errorson@nhs.net' },
  consent: {
    personName: 'Robin Example',
    dateOfBirth,
    decision: 'best_interests',
    bestInterestsDecisionMakerName: 'Jo Social',
    decisionMakerRole: 'Social worker',
    consulted: ['family'],
    decisionDate: past(5),
    sharingWith: ['health'],
  },
  referral: {
    givenName: 'Robin',
    familyName: 'Example',
    dateOfBirth,
    nhsNumberKnown: 'no',
    nhsNumberUnknownReason: 'Not registered with a GP yet.',
    postcode: 'LS1 4AP',
    area: 'Riverton City',
    gpPractice: '',
    condition: 'autism',
    livesIn: 'community',
    rating: 'amber',
    ratingAgreedOn: past(3),
    ratingReason: 'Placement at risk of breaking down.',
    consentBasis: 'consented',
    consentReference: '',
    familyInvolved: 'Mother',
    servicesInvolved: ['gp'],
    previousReview: 'none',
    communicationNeeds: '',
  },
  withdrawal: {
    personName: 'Robin Example',
    dateOfBirth,
    dsrReference: '',
    requesterRelationship: 'parent_or_carer',
    requesterName: 'Pat Example',
    requesterEmail: 'pat@example.com',
    requesterPhone: '',
    understandsSupportContinues: 'yes',
  },
  request: {
    askerRelationship: 'parent_or_carer',
    personName: 'Robin Example',
    dateOfBirth,
    area: 'Riverton City',
    worries: 'Things at home are getting worse.',
    personKnows: 'knows_and_agrees',
    askerName: 'Pat Example',
    askerEmail: 'pat@example.com',
    askerPhone: '',
  },
};

const inHospital = { livesIn: 'mental_health_hospital', hospitalName: 'Riverton Hospital', admissionDate: past(10), rating: 'blue' };

/** The withdrawal form sent with nothing answered, and what each question must say. */
const withdrawalNothingAnswered = {
  change: { personName: '', dateOfBirth: badDates.required!, requesterRelationship: '', requesterName: '', requesterEmail: '', understandsSupportContinues: '' },
  expect: {
    personName: 'required',
    dateOfBirth: 'required',
    requesterRelationship: 'required',
    requesterName: 'required',
    requesterEmail: 'contact_missing',
    understandsSupportContinues: 'required',
  },
};

/** The request form (/ask/) sent with nothing answered, and what each question must say. */
const requestNothingAnswered = {
  change: { askerRelationship: '', personName: '', dateOfBirth: badDates.required!, area: '', worries: '', personKnows: '', askerName: '', askerEmail: '' },
  expect: {
    askerRelationship: 'required',
    personName: 'required',
    dateOfBirth: 'required',
    area: 'required',
    worries: 'required',
    personKnows: 'required',
    askerName: 'required',
    askerEmail: 'contact_missing',
  },
};

const rounds: Round[] = [
  // Register
  {
    form: 'register',
    about: 'nothing answered',
    change: { fullName: '', email: '', jobTitle: '', organisation: '', area: '', agreedToResponsibilities: '' },
    expect: { fullName: 'required', email: 'required', jobTitle: 'required', organisation: 'required', area: 'required', agreedToResponsibilities: 'required' },
  },
  {
    form: 'register',
    about: 'nothing answered, without JavaScript',
    javaScript: false,
    change: { fullName: '', email: '', jobTitle: '', organisation: '', area: '', agreedToResponsibilities: '' },
    expect: { fullName: 'required', email: 'required', jobTitle: 'required', organisation: 'required', area: 'required', agreedToResponsibilities: 'required' },
  },
  {
    form: 'register',
    about: 'answers too long, wrong email and phone',
    change: { fullName: long(101), email: 'casey.nhs.net', jobTitle: long(101), organisation: long(201), phone: '12345' },
    expect: { fullName: 'too_long', email: 'format', jobTitle: 'too_long', organisation: 'too_long', phone: 'format' },
  },
  { form: 'register', about: 'an email address too long', change: { email: `${long(250)}@nhs.net` }, expect: { email: 'too_long' } },
  // Sign in
  { form: 'signIn', about: 'no email address', change: { email: '' }, expect: { email: 'required' } },
  { form: 'signIn', about: 'no email address, without JavaScript', javaScript: false, change: { email: '' }, expect: { email: 'required' } },
  { form: 'signIn', about: 'an email address in the wrong format', change: { email: 'casey@' }, expect: { email: 'format' } },
  { form: 'signIn', about: 'an email address too long', change: { email: `${long(250)}@nhs.net` }, expect: { email: 'too_long' } },
  // Consent
  {
    form: 'consent',
    about: 'nothing answered',
    change: { personName: '', dateOfBirth: badDates.required!, decision: '', decisionDate: badDates.required!, sharingWith: [] },
    expect: { personName: 'required', dateOfBirth: 'required', decision: 'required', decisionDate: 'required', sharingWith: 'required' },
  },
  {
    form: 'consent',
    about: 'nothing answered, without JavaScript',
    javaScript: false,
    change: { personName: '', dateOfBirth: badDates.required!, decision: '', decisionDate: badDates.required!, sharingWith: [] },
    expect: { personName: 'required', dateOfBirth: 'required', decision: 'required', decisionDate: 'required', sharingWith: 'required' },
  },
  {
    form: 'consent',
    about: 'a Best Interests Decision without its details',
    change: { bestInterestsDecisionMakerName: '', decisionMakerRole: '', consulted: [] },
    expect: { bestInterestsDecisionMakerName: 'required', decisionMakerRole: 'required', consulted: 'required' },
  },
  {
    form: 'consent',
    about: 'parental consent without a name, and answers too long',
    change: { personName: long(201), decision: 'parental_responsibility', decisionMakerName: '' },
    expect: { personName: 'too_long', decisionMakerName: 'required' },
  },
  {
    form: 'consent',
    about: 'parental consent with a name too long',
    change: { decision: 'parental_responsibility', decisionMakerName: long(201) },
    expect: { decisionMakerName: 'too_long' },
  },
  {
    form: 'consent',
    about: 'Best Interests details too long',
    change: { bestInterestsDecisionMakerName: long(201), decisionMakerRole: long(201) },
    expect: { bestInterestsDecisionMakerName: 'too_long', decisionMakerRole: 'too_long' },
  },
  { form: 'consent', about: 'a decision before the person was born', change: { decisionDate: parts('1', '1', '2000') }, expect: { decisionDate: 'before_birth' } },
  ...dateCodes
    .filter((code) => code !== 'required')
    .map(
      (code): Round => ({
        form: 'consent',
        about: `dates: ${code}`,
        change: { dateOfBirth: badDates[code]!, decisionDate: badDates[code]! },
        expect: { dateOfBirth: code, decisionDate: code },
      }),
    ),
  // Referral
  {
    form: 'referral',
    about: 'nothing answered',
    change: {
      givenName: '',
      familyName: '',
      dateOfBirth: badDates.required!,
      nhsNumberKnown: '',
      postcode: '',
      area: '',
      condition: '',
      livesIn: '',
      rating: '',
      ratingAgreedOn: badDates.required!,
      ratingReason: '',
      consentBasis: '',
      familyInvolved: '',
      servicesInvolved: [],
      previousReview: '',
    },
    expect: {
      givenName: 'required',
      familyName: 'required',
      dateOfBirth: 'required',
      nhsNumberKnown: 'required',
      postcode: 'required',
      area: 'required',
      condition: 'required',
      livesIn: 'required',
      rating: 'required',
      ratingAgreedOn: 'required',
      ratingReason: 'required',
      consentBasis: 'required',
      familyInvolved: 'required',
      servicesInvolved: 'required',
      previousReview: 'required',
    },
  },
  {
    form: 'referral',
    about: 'nothing answered, without JavaScript',
    javaScript: false,
    change: { givenName: '', familyName: '', dateOfBirth: badDates.required!, rating: '', servicesInvolved: [] },
    expect: { givenName: 'required', familyName: 'required', dateOfBirth: 'required', rating: 'required', servicesInvolved: 'required' },
  },
  {
    form: 'referral',
    about: 'answers too long',
    change: {
      givenName: long(101),
      familyName: long(101),
      nhsNumberUnknownReason: long(501),
      gpPractice: long(201),
      ratingReason: long(2001),
      familyInvolved: long(2001),
      communicationNeeds: long(2001),
      servicesInvolved: ['gp', 'other'],
      otherServices: long(201),
    },
    expect: {
      givenName: 'too_long',
      familyName: 'too_long',
      nhsNumberUnknownReason: 'too_long',
      gpPractice: 'too_long',
      ratingReason: 'too_long',
      familyInvolved: 'too_long',
      communicationNeeds: 'too_long',
      otherServices: 'too_long',
    },
  },
  {
    form: 'referral',
    about: 'a postcode that is not one, another service not named, a consent reference in the wrong format',
    change: { postcode: 'NOT A POSTCODE', servicesInvolved: ['other'], otherServices: '', consentReference: 'CON-1' },
    expect: { postcode: 'format', otherServices: 'required', consentReference: 'format' },
  },
  {
    form: 'referral',
    about: 'a 20-year-old without the EHCP answer (at 18 to 25 it decides CETR or CTR)',
    change: { dateOfBirth: (({ day, month, year }) => parts(day, month, year))(birthDateForAge(20)) },
    expect: { hasEhcp: 'required' },
  },
  { form: 'referral', about: 'no reason the NHS number is unknown', change: { nhsNumberUnknownReason: '' }, expect: { nhsNumberUnknownReason: 'required' } },
  { form: 'referral', about: 'an NHS number not given', change: { nhsNumberKnown: 'yes', nhsNumber: '' }, expect: { nhsNumber: 'required' } },
  { form: 'referral', about: 'an NHS number too short', change: { nhsNumberKnown: 'yes', nhsNumber: '943 476' }, expect: { nhsNumber: 'not_ten_digits' } },
  { form: 'referral', about: 'an NHS number that fails its check', change: { nhsNumberKnown: 'yes', nhsNumber: '943 476 5918' }, expect: { nhsNumber: 'check_digit' } },
  {
    form: 'referral',
    about: 'in hospital without its name or admission date, and not BLUE',
    change: { ...inHospital, hospitalName: '', admissionDate: badDates.required!, rating: 'red' },
    expect: { hospitalName: 'required', admissionDate: 'required', rating: 'hospital_needs_blue' },
  },
  { form: 'referral', about: 'a hospital name too long', change: { ...inHospital, hospitalName: long(201) }, expect: { hospitalName: 'too_long' } },
  { form: 'referral', about: 'BLUE for someone in the community', change: { rating: 'blue' }, expect: { rating: 'blue_needs_hospital' } },
  {
    form: 'referral',
    about: 'dates before the person was born',
    change: { ...inHospital, admissionDate: parts('1', '1', '2000'), ratingAgreedOn: parts('1', '1', '2000') },
    expect: { admissionDate: 'before_birth', ratingAgreedOn: 'before_birth' },
  },
  ...dateCodes
    .filter((code) => code !== 'required')
    .map(
      (code): Round => ({
        form: 'referral',
        about: `dates: ${code}`,
        change: { ...inHospital, dateOfBirth: badDates[code]!, admissionDate: badDates[code]!, ratingAgreedOn: badDates[code]! },
        expect: { dateOfBirth: code, admissionDate: code, ratingAgreedOn: code },
      }),
    ),
  { form: 'referral', about: 'a consent reference with no record', whenSent: true, change: { consentReference: 'CON-2222-2222' }, expect: { consentReference: 'consent_not_yours' } },
  {
    form: 'referral',
    about: 'a consent record for someone with another date of birth',
    whenSent: true,
    change: (made) => ({ consentReference: made.consentReference, consentBasis: 'best_interests', dateOfBirth: parts('2', '2', '2012') }),
    expect: { consentReference: 'consent_not_yours' },
  },
  // (An NHS number on the register with another date of birth is accepted like any other: issue 11, finding 5.)
  // Withdrawal
  {
    form: 'withdrawal',
    about: 'nothing answered',
    ...withdrawalNothingAnswered,
  },
  {
    form: 'withdrawal',
    about: 'nothing answered, without JavaScript',
    javaScript: false,
    ...withdrawalNothingAnswered,
  },
  {
    form: 'withdrawal',
    about: 'answers too long, wrong reference, email and phone',
    change: { personName: long(201), requesterName: long(201), dsrReference: 'DSR-123', requesterEmail: 'pat@', requesterPhone: '123' },
    expect: { personName: 'too_long', requesterName: 'too_long', dsrReference: 'format', requesterEmail: 'format', requesterPhone: 'format' },
  },
  { form: 'withdrawal', about: 'an email address too long', change: { requesterEmail: `${long(250)}@example.com` }, expect: { requesterEmail: 'too_long' } },
  ...dateCodes
    .filter((code) => code !== 'required')
    .map((code): Round => ({ form: 'withdrawal', about: `date of birth: ${code}`, change: { dateOfBirth: badDates[code]! }, expect: { dateOfBirth: code } })),
  // Request to be considered (/ask/)
  {
    form: 'request',
    about: 'nothing answered',
    ...requestNothingAnswered,
  },
  {
    form: 'request',
    about: 'nothing answered, without JavaScript',
    javaScript: false,
    ...requestNothingAnswered,
  },
  {
    form: 'request',
    about: 'someone else, without saying how they know the person',
    change: { askerRelationship: 'someone_else', askerConnection: '' },
    expect: { askerConnection: 'required' },
  },
  {
    form: 'request',
    about: 'answers too long, wrong email and phone',
    change: { askerRelationship: 'someone_else', askerConnection: long(201), personName: long(201), worries: long(2001), askerName: long(201), askerEmail: 'pat@', askerPhone: '123' },
    expect: { askerConnection: 'too_long', personName: 'too_long', worries: 'too_long', askerName: 'too_long', askerEmail: 'format', askerPhone: 'format' },
  },
  { form: 'request', about: 'an email address too long', change: { askerEmail: `${long(250)}@example.com` }, expect: { askerEmail: 'too_long' } },
  ...dateCodes
    .filter((code) => code !== 'required')
    .map((code): Round => ({ form: 'request', about: `date of birth: ${code}`, change: { dateOfBirth: badDates[code]! }, expect: { dateOfBirth: code } })),
];

/** Messages no round provokes, and why. */
const notProvokedHere: Record<string, string> = {
  'register.phone.too_long': 'an over-long phone number is reported as "format"',
  'withdrawal.requesterPhone.too_long': 'an over-long phone number is reported as "format"',
  'withdrawal.requesterEmail.required': 'the email address is optional (a phone number will do: contact_missing)',
  'referral.gpPractice.required': 'the GP practice is optional',
  'referral.communicationNeeds.required': 'communication needs are optional',
  'referral.servicesInvolved.too_long': 'the form has no limit on the number of services; only the database could refuse',
  'consent.dateOfBirth.before_birth': 'a date of birth is not compared with itself',
  'referral.dateOfBirth.before_birth': 'a date of birth is not compared with itself',
  'withdrawal.dateOfBirth.before_birth': 'a date of birth is not compared with itself',
  'request.askerPhone.too_long': 'an over-long phone number is reported as "format"',
  'request.askerEmail.required': 'the email address is optional (a phone number will do: contact_missing)',
  'request.dateOfBirth.before_birth': 'a date of birth is not compared with itself',
  // The sign-in link's messages are provoked by the tests at the end of this file, except:
  'signInConfirm.token.expired': 'a link expires after 10 minutes; test/functions covers it with the clock moved on',
};

/** A signed-in professional for the consent and referral rounds: one per worker, made through the API. */
const test = base.extend<{}, { signedIn: { storageState: StorageState; made: MadeRecords } }>({
  signedIn: [
    async ({}, use) => {
      const { api, storageState } = await signInThroughApi(newWorkEmail('errors'));
      const post = async (path: string, data: Record<string, unknown>) => {
        const response = await api.post(path, { data });
        return { status: response.status(), body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
      };
      // A consent record for a 15-year-old, and a person on the register with an NHS number, for the mismatch rounds.
      const consent = await post('/api/consents', { ...valid.consent });
      expect(consent.status).toBe(201);
      const nhsNumber = '4505577104';
      const referral = await post('/api/referrals', { ...valid.referral, nhsNumberKnown: 'yes', nhsNumber, givenName: 'Sol', familyName: 'Register' });
      expect(referral.status).toBe(201);
      await use({ storageState, made: { consentReference: String(consent.body.reference), nhsNumber } });
      await api.dispose();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

async function fillAnswers(page: Page, formName: Round['form'], answers: Answers) {
  const form = forms[formName];
  for (const field of form.fields) {
    if (!(field.name in answers) || field.type === 'hidden') continue;
    // A question inside a reveal is only answered when its answer is chosen (with JavaScript the others are hidden).
    if (field.shownWhen) {
      const parent = answers[field.shownWhen.field];
      if (!(Array.isArray(parent) ? parent.includes(field.shownWhen.value) : parent === field.shownWhen.value)) continue;
    }
    const answer = answers[field.name]!;
    const named = page.locator(`[name="${field.name}"]`);
    switch (field.type) {
      case 'date': {
        const date = answer as DateParts;
        for (const part of ['day', 'month', 'year'] as const) await page.locator(`#${field.name}-${part}`).fill(date[part]);
        break;
      }
      case 'radios':
        if (answer !== '') await page.locator(`input[name="${field.name}"][value="${answer as string}"]`).check();
        break;
      case 'checkboxes':
        for (const option of field.options) await page.locator(`input[name="${field.name}"][value="${option.value}"]`).setChecked((answer as string[]).includes(option.value));
        break;
      case 'agreement':
        await named.setChecked(answer === 'yes');
        break;
      default:
        await named.fill(answer as string);
    }
  }
}

test('the rounds provoke every error message of every form', () => {
  const provoked = new Set(rounds.flatMap((round) => Object.entries(round.expect).map(([field, code]) => `${round.form}.${field}.${code}`)));
  for (const code of ['link_broken', 'used', 'invalid']) provoked.add(`signInConfirm.token.${code}`);
  provoked.add('signInConfirm.email.link_broken');
  const missing: string[] = [];
  for (const [formName, fields] of Object.entries(messages)) {
    for (const [field, codes] of Object.entries(fields)) {
      for (const code of Object.keys(codes)) {
        const key = `${formName}.${field}.${code}`;
        if (!provoked.has(key) && !notProvokedHere[key]) missing.push(key);
      }
    }
  }
  expect(missing).toEqual([]);
});

for (const round of rounds) {
  const javaScript = round.javaScript ?? true;
  test(`${round.form}: ${round.about}`, async ({ browser, signedIn }) => {
    test.setTimeout(90_000);
    const form = forms[round.form];
    const address = { 'cf-connecting-ip': newAddress() };
    const context = await browser.newContext(form.needsAccount ? { javaScriptEnabled: javaScript, storageState: signedIn.storageState, extraHTTPHeaders: address } : { javaScriptEnabled: javaScript, extraHTTPHeaders: address });
    const page = await context.newPage();
    try {
      await page.goto(baseUrl() + form.page);
      const change = typeof round.change === 'function' ? round.change(signedIn.made) : round.change;
      const answers = { ...valid[round.form], ...change };
      await fillAnswers(page, round.form, answers);
      // Forms with a check-your-answers step (form.checkStep) are sent with Continue first.
      const checkFirst = form.checkStep !== undefined;
      await page.getByRole('button', { name: checkFirst ? 'Continue' : form.submitLabel, exact: true }).click();
      if (round.whenSent) {
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Check your answers/);
        await page.getByRole('button', { name: form.submitLabel, exact: true }).click();
      }
      const summary = await expectErrorSummary(page);
      if (javaScript) await expect(summary).toBeFocused();
      await expect(summary.getByRole('link')).toHaveCount(Object.keys(round.expect).length);
      for (const [field, code] of Object.entries(round.expect)) {
        const message = findMessage(forms[round.form], { field, code });
        expect(message, `${round.form}.${field}.${code} has words`).toBeDefined();
        await expectFieldError(page, field, message!);
      }
      // Every typed answer is kept: a text answer and a date box, as they were typed.
      const keptText = form.fields.find((field) => ['text', 'email', 'tel', 'textarea'].includes(field.type) && !field.shownWhen && answers[field.name]);
      if (keptText) await expect(page.locator(`[name="${keptText.name}"]`)).toHaveValue(answers[keptText.name] as string);
      const keptDate = Object.entries(answers).find(([name]) => form.field(name)?.type === 'date' && !form.field(name)?.shownWhen);
      if (keptDate) await expect(page.locator(`#${keptDate[0]}-year`)).toHaveValue((keptDate[1] as DateParts).year);
      await expectAccessible(page);
    } finally {
      await context.close();
    }
  });
}

test.describe('the sign-in link', () => {
  for (const javaScript of [true, false]) {
    test(`a broken, unknown or used link says so and offers a new one (JavaScript ${javaScript ? 'on' : 'off'})`, async ({ browser }) => {
      test.setTimeout(150_000);
      const context = await browser.newContext({ javaScriptEnabled: javaScript, extraHTTPHeaders: { 'cf-connecting-ip': newAddress() } });
      const page = await context.newPage();
      const confirmMessage = (field: string, code: string) => findMessage(forms.signInConfirm, { field, code })!;
      const expectLinkProblem = async (field: string, code: string) => {
        const summary = await expectErrorSummary(page);
        const link = summary.getByRole('link', { name: confirmMessage(field, code) });
        await expect(link).toBeVisible();
        await expect(link).toHaveAttribute('href', '/sign-in/');
        await expectAccessible(page);
      };
      const open = async (query: string) => {
        await page.goto(`${baseUrl()}/sign-in/confirm/?${query}`);
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      };
      try {
        const email = newWorkEmail(javaScript ? 'link-js' : 'link-nojs');
        await open(`token=too-short&email=${encodeURIComponent(email)}`);
        await expectLinkProblem('token', 'link_broken');
        await open(`token=${'A'.repeat(43)}&email=not-an-email`);
        await expectLinkProblem('email', 'link_broken');
        await open(`token=${'B'.repeat(43)}&email=${encodeURIComponent(email)}`);
        await expectLinkProblem('token', 'invalid');

        // A real link works once; the second time it says it was used.
        const api = await playwrightRequest.newContext({ baseURL: baseUrl(), extraHTTPHeaders: { accept: 'application/json', 'cf-connecting-ip': newAddress() } });
        expect((await api.post('/api/register', { data: { ...valid.register, email } })).status()).toBe(202);
        expect((await api.post('/api/sign-in', { data: { email } })).status()).toBe(202);
        await api.dispose();
        const link = linkIn(await waitForEmail((sent) => sent.to.includes(email) && sent.text.includes('/sign-in/confirm/')), '/sign-in/confirm/');
        await page.goto(link);
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await expect(page).toHaveURL(/\/refer\/$/);
        // Let the referral page finish loading: going to the link again mid-load is cut short by it.
        await page.waitForLoadState('load');
        await page.goto(link);
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await expectLinkProblem('token', 'used');
      } finally {
        await context.close();
      }
    });
  }
});

test.describe('too many tries', () => {
  for (const javaScript of [true, false]) {
    test(`a sixth sign-in link for one address within the hour says how long to wait (JavaScript ${javaScript ? 'on' : 'off'})`, async ({ browser }) => {
      test.setTimeout(90_000);
      const email = newWorkEmail(javaScript ? 'limit-js' : 'limit-nojs');
      for (let sent = 0; sent < 5; sent++) {
        const api = await playwrightRequest.newContext({ baseURL: baseUrl(), extraHTTPHeaders: { accept: 'application/json', 'cf-connecting-ip': newAddress() } });
        expect((await api.post('/api/sign-in', { data: { email } })).status()).toBe(202);
        await api.dispose();
      }
      const context = await browser.newContext({ javaScriptEnabled: javaScript, extraHTTPHeaders: { 'cf-connecting-ip': newAddress() } });
      const page = await context.newPage();
      try {
        await page.goto(baseUrl() + '/sign-in/');
        await page.getByLabel(/Work email address/).fill(email);
        await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
        const summary = await expectErrorSummary(page);
        await expect(summary).toContainText(/You have sent this form too many times\. Wait \d+ minutes?, then try again/);
        if (javaScript) await expect(summary).toBeFocused();
        await expect(page.getByLabel(/Work email address/)).toHaveValue(email);
        await expectAccessible(page);
      } finally {
        await context.close();
      }
    });
  }
});
