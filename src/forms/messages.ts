// Every error message of every form, in one place, in plain English.
// Validation (the forms' schemas, and the database's checks) gives codes; this file
// gives the words, following the NHS and GOV.UK patterns: say what to do ("Enter the
// date of birth"), or what is wrong in the user's terms ("Date of birth must be in the past").
import type { FormName } from './define-form.ts';
import type { FieldError, FieldMessage } from './types.ts';

type FieldMessages = Record<string, string>;

/** The messages of a date question, from how it is named in a sentence. */
function dateMessages(
  name: { start: string; inside: string },
  overrides: FieldMessages = {},
): FieldMessages {
  return {
    required: `Enter ${name.inside}`,
    missing_day: `${name.start} must include a day`,
    missing_month: `${name.start} must include a month`,
    missing_year: `${name.start} must include a year`,
    missing_day_month: `${name.start} must include a day and month`,
    missing_day_year: `${name.start} must include a day and year`,
    missing_month_year: `${name.start} must include a month and year`,
    year_format: 'Year must include 4 numbers',
    not_real: `${name.start} must be a real date`,
    in_future: `${name.start} must be today or in the past`,
    too_early: `${name.start} must be 1 January 1900 or later`,
    before_birth: `${name.start} must be on or after the date of birth`,
    ...overrides,
  };
}

const dateOfBirth = (whose = 'the') =>
  dateMessages(
    { start: 'Date of birth', inside: `${whose} date of birth` },
    { in_future: 'Date of birth must be in the past', too_early: 'Date of birth must be less than 120 years ago' },
  );

const email = (whose: string): FieldMessages => ({
  required: `Enter ${whose} email address`,
  format: 'Enter an email address in the correct format, like name@example.nhs.uk',
  too_long: 'Email address must be 254 characters or fewer',
});

const phone = (whose: string): FieldMessages => ({
  format: `Enter ${whose} phone number in the correct format, like 01632 960 001 or 07700 900 982`,
  too_long: 'Phone number must be 30 characters or fewer',
});

const text = (required: string, name: string, maxLength: number): FieldMessages => ({
  required,
  too_long: `${name} must be ${maxLength} characters or fewer`,
});

export const messages: Record<FormName, Record<string, FieldMessages>> = {
  register: {
    fullName: text('Enter your full name', 'Full name', 100),
    email: email('your work'),
    jobTitle: text('Enter your job title', 'Job title', 100),
    organisation: text('Enter the organisation you work for', 'Organisation', 200),
    area: { required: 'Select the area you mainly work in' },
    phone: phone('your work'),
    agreedToResponsibilities: { required: 'Confirm that you will look after the information from the register' },
  },
  signIn: {
    email: email('your work'),
  },
  signInConfirm: {
    token: {
      link_broken: 'This sign-in link is not complete. Copy the whole link from the email, or ask for a new one',
      expired: 'This sign-in link has expired. Links work for 10 minutes: ask for a new one',
      used: 'This sign-in link has already been used. Ask for a new one',
      invalid: 'This sign-in link does not work. Ask for a new one',
    },
    email: {
      link_broken: 'This sign-in link is not complete. Copy the whole link from the email, or ask for a new one',
    },
  },
  consent: {
    personName: text('Enter the person’s full name', 'Full name', 200),
    dateOfBirth: dateOfBirth(),
    decision: { required: 'Select how the decision was made' },
    decisionMakerName: text(
      'Enter the name of the person with parental responsibility who gave consent',
      'Name',
      200,
    ),
    bestInterestsDecisionMakerName: text('Enter the name of the decision-maker', 'Name', 200),
    decisionMakerRole: text('Enter the role of the decision-maker', 'Role', 200),
    consulted: { required: 'Select who was consulted about the Best Interests Decision' },
    decisionDate: dateMessages({ start: 'Date of the decision', inside: 'the date of the decision' }),
    sharingWith: { required: 'Select who the information may be shared with' },
  },
  referral: {
    givenName: text('Enter the person’s given name', 'Given name', 100),
    familyName: text('Enter the person’s family name', 'Family name', 100),
    dateOfBirth: dateOfBirth(),
    nhsNumberKnown: { required: 'Select yes if you know their NHS number' },
    nhsNumber: {
      required: 'Enter their NHS number',
      not_ten_digits: 'NHS number must be 10 digits, like 943 476 5919',
      check_digit: 'Check the NHS number: this is not a real NHS number',
      mismatch: 'This NHS number is on the register with a different date of birth. Check the NHS number and the date of birth',
    },
    nhsNumberUnknownReason: text('Say why the NHS number is not known', 'The reason', 500),
    postcode: { required: 'Enter their postcode', format: 'Enter a real postcode, like LS1 4AP' },
    area: { required: 'Select the area they live in' },
    gpPractice: text('Enter their GP practice', 'GP practice', 200),
    condition: { required: 'Select if they have a learning disability, autism or both' },
    livesIn: { required: 'Select where they live now' },
    hospitalName: text('Enter the name of the hospital', 'Name of the hospital', 200),
    admissionDate: dateMessages({ start: 'Date they were admitted', inside: 'the date they were admitted' }),
    rating: {
      required: 'Select the rating the MDT agreed',
      hospital_needs_blue: 'Select BLUE for someone in a mental health hospital now',
      blue_needs_hospital: 'BLUE is only for someone in a mental health hospital now: select another rating, or change where they live',
    },
    ratingAgreedOn: dateMessages({ start: 'Date the rating was agreed', inside: 'the date the rating was agreed' }),
    ratingReason: text('Say why this rating was agreed', 'The reason for the rating', 2000),
    consentBasis: { required: 'Select how consent was given' },
    consentReference: {
      format: 'Enter the consent reference as it was given, like CON-7K3M-Q9PA, or leave it blank',
      not_found: 'There is no consent record with this reference. Check it, or leave it blank',
      mismatch:
        'This consent record is for a different date of birth or a different kind of decision. Check the reference, or leave it blank',
    },
    familyInvolved: text('Say which family members, advocates or carers are involved, or that nobody is', 'This answer', 2000),
    servicesInvolved: { required: 'Select the services that are involved', too_long: 'Select fewer services' },
    otherServices: text('Enter the other service', 'The other service', 200),
    previousReview: { required: 'Select if they have had a CETR, CTR or LEAP meeting before' },
    communicationNeeds: text('Enter their communication needs', 'Communication needs', 2000),
  },
  withdrawal: {
    personName: text('Enter the person’s full name', 'Full name', 200),
    dateOfBirth: dateOfBirth('their'),
    dsrReference: { format: 'Enter the DSR reference as it was given, like DSR-7K3M-Q9PA, or leave it blank' },
    requesterRelationship: { required: 'Select who you are' },
    requesterName: text('Enter your full name', 'Your name', 200),
    requesterEmail: {
      ...email('your'),
      contact_missing: 'Enter an email address or a phone number so the DSR team can tell you when it is done',
    },
    requesterPhone: phone('your'),
    understandsSupportContinues: { required: 'Confirm that you understand support will carry on' },
  },
};

/** Problems that are about the whole form rather than one answer. */
export const formMessages = {
  signed_out: 'You have been signed out, so your answers have not been sent. Sign in again in a new tab, then send them again',
  rate_limited: 'You have sent this form too many times. Wait {wait}, then try again',
  unavailable: 'Sorry, there is a problem with the service. Your answers have not been sent. Try again later.',
  cross_site: 'This form can only be sent from the Dynamic Support Register website. Your answers have not been sent.',
  too_large: 'Your answers are too long to send. Shorten the longest answers, then try again.',
  unreadable: 'Your answers could not be read. Go back to the form and try again.',
  unsupported_type: 'Your answers could not be read. Go back to the form and try again.',
  not_signed_in: 'You need to sign in to use this form.',
  error: 'Sorry, there is a problem with the service. Try again later.',
} as const;

export type FormProblem = keyof typeof formMessages;

/** The message for an error code, or undefined if this file has none (a test makes sure that never happens). */
export function findMessage(form: FormName, error: FieldError): string | undefined {
  return messages[form][error.field]?.[error.code];
}

/** Words for each error. A code without words still gets a specific message naming the question. */
export function describeErrors(form: FormName, errors: FieldError[], labelOf: (field: string) => string | undefined): FieldMessage[] {
  return errors.map((error) => ({
    field: error.field,
    message: findMessage(form, error) ?? `Check your answer to “${labelOf(error.field) ?? error.field}”`,
  }));
}

/** "5 minutes", "1 minute", "30 seconds": how long to wait, for the too-many-attempts message. */
export function describeWait(seconds: number): string {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60);
    return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  }
  const whole = Math.max(1, Math.ceil(seconds));
  return `${whole} second${whole === 1 ? '' : 's'}`;
}

export function rateLimitedMessage(retryAfterSeconds: number): string {
  return formMessages.rate_limited.replace('{wait}', describeWait(retryAfterSeconds));
}
