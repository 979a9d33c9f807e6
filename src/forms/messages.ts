// Turning error codes into plain English: the one place that does it. Validation (the
// forms' schemas, and the database's checks, which raise the same codes) gives codes;
// each form's definition holds the words for its questions, built with the helpers
// here, following the NHS and GOV.UK patterns: say what to do ("Enter the date of
// birth"), or what is wrong in the user's terms ("Date of birth must be in the past").
// The browser imports this file too: nothing here may import content or zod.
import type { FieldError, FieldMessage } from './types.ts';

/** The words for each error code of one question. */
export type FieldMessages = Record<string, string>;

/** A form's questions' words, by field name (its definition's `messages`). */
export interface FormWords {
  messages: Record<string, FieldMessages>;
}

/** The messages of a date question, from how it is named in a sentence. */
export function dateMessages(
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

export const dateOfBirthMessages = (whose = 'the') =>
  dateMessages(
    { start: 'Date of birth', inside: `${whose} date of birth` },
    { in_future: 'Date of birth must be in the past', too_early: 'Date of birth must be less than 120 years ago' },
  );

export const emailMessages = (whose: string): FieldMessages => ({
  required: `Enter ${whose} email address`,
  format: 'Enter an email address in the correct format, like name@example.nhs.uk',
  too_long: 'Email address must be 254 characters or fewer',
});

export const phoneMessages = (whose: string): FieldMessages => ({
  format: `Enter ${whose} phone number in the correct format, like 01632 960 001 or 07700 900 982`,
  too_long: 'Phone number must be 30 characters or fewer',
});

export const textMessages = (required: string, name: string, maxLength: number): FieldMessages => ({
  required,
  too_long: `${name} must be ${maxLength} characters or fewer`,
});

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

/** The DSR team console's words for its refusals (src/server/routes/team.ts), by the SQL function's code. */
export const consoleMessages = {
  not_team: 'This page is for the DSR team. You are signed in with a professional’s account, which cannot open it.',
  signed_out: 'You have been signed out of the DSR team console, so nothing was changed. Sign in again, then try again.',
  referral_reference_not_found: 'There is no referral with that DSR reference. Check the reference and try again.',
  bad_reference: 'That is not a DSR reference. A DSR reference looks like DSR-7K3M-Q9PA.',
  bad_action: 'Choose whether the two entries are the same person or two different people.',
  already_acknowledged: 'Another team member has already acknowledged this referral. Nothing was changed.',
  recommendation_already: 'Another team member has already changed this recommendation’s status. Nothing was changed.',
  recommendation_not_found: 'There is no such recommendation. Go back to the C(E)TRs and try again.',
  question_not_open: 'Another team member has already decided this question. Nothing was changed.',
  same_entry: 'These two references are already the same person’s. Nothing was changed.',
  nhs_numbers_differ: 'These two entries have different NHS numbers, so they are two people. Nothing was changed.',
  professional_not_found: 'There is no account at this address. Go back to Accounts and try again.',
  professional_not_pending: 'Another team member has already approved or refused this account. Nothing was changed.',
  professional_not_active: 'This account is not active, so it cannot be switched off. Another team member may have switched it off already. Nothing was changed.',
  team_member_exists: 'This email address is already on the team. Nothing was changed.',
  team_member_not_found: 'There is no team member at this address. Go back to Accounts and try again.',
  team_member_not_active: 'Another team member has already removed this team member. Nothing was changed.',
  cannot_remove_yourself: 'You cannot remove yourself from the team. Ask another team member to do it. Nothing was changed.',
  withdrawal_reference_not_found: 'There is no withdrawal request with that reference. Check the reference and try again.',
  bad_withdrawal_reference: 'That is not a withdrawal reference. A withdrawal reference looks like WDR-7K3M-Q9PA.',
  entry_already_matched: 'Another team member has already matched this entry to the request. Nothing was changed.',
  date_of_birth_differs: 'This entry’s date of birth is not the one on the request, so it cannot be matched. Nothing was changed.',
  withdrawal_already_completed: 'Another team member has already finished this request: it was completed or closed as no entry found. Go back to the request to see what was done. Nothing was changed.',
  withdrawal_not_matched: 'No entry is matched to this request, so there is nobody to erase. Match the entries that are the person, or close the request as no entry found. Nothing was changed.',
  withdrawal_matched: 'An entry is matched to this request, so it cannot be closed as no entry found. Complete it instead. Nothing was changed.',
  request_reference_not_found: 'There is no request with that reference. Check the reference and try again.',
  bad_request_reference: 'That is not a request reference. A request reference looks like REQ-7K3M-Q9PA.',
  request_already_decided: 'Another team member has already recorded a decision on this request. Go back to the request to see it. Nothing was changed.',
  email_not_found: 'There is no email at this address. It may have been sent and cleared. Go back to Today.',
  email_already_sent: 'This email has been sent since the page was drawn. Nothing was changed.',
  email_already_queued: 'Another team member has already asked for this email to be sent again. Nothing was changed.',
  meeting_not_found: 'There is no meeting at this address. Go to Meetings to find it.',
  already_on_agenda: 'This person is already on the agenda. Nothing was changed.',
  not_on_agenda: 'This person is not on the agenda: another team member may have taken them off. Nothing was changed.',
  already_recorded: 'Another team member has already recorded what was agreed for this person at this meeting. Nothing was changed.',
  meeting_not_held: 'This meeting has not been held yet. Record what was agreed on the day of the meeting or after. Nothing was changed.',
  not_red: 'This person is not rated RED now, so a meeting by exception cannot be convened from here. Add them to their area’s next tracking meeting instead. Nothing was changed.',
  action_not_found: 'There is no action at this address. Go to Actions to find it.',
  action_already_done: 'Another team member has already marked this action done. Nothing was changed.',
} as const;

/** The meetings' forms (public.team_schedule_meeting, team_meeting_record and the rest), by field. */
export const meetingMessages = {
  area: { required: 'Choose the area of the meeting' },
  heldOn: {
    ...dateMessages({ start: 'The day of the meeting', inside: 'the day of the meeting' }, {
      too_early: 'The day of the meeting must be within a year of today',
      too_late: 'The day of the meeting must be within a year of today',
      in_future: 'The day the meeting was held must be today or in the past',
      before_first_referral: 'The day the meeting was held must be on or after the day their first referral arrived',
    }),
  },
  referral_reference: {
    required: 'Enter a DSR reference, like DSR-7K3M-Q9PA',
    format: 'Enter a DSR reference, like DSR-7K3M-Q9PA',
    not_found: 'There is no referral with that reference. Check the reference and try again.',
  },
  reason: { required: 'Enter why they are taken off the agenda', too_long: 'Why they are taken off the agenda must be 500 characters or fewer' },
  outcome: { required: 'Enter what was agreed', too_long: 'What was agreed must be 2,000 characters or fewer', payload_invalid: 'What was agreed must not contain special characters' },
  rating: { required: 'Choose the rating agreed at the meeting' },
  what: { required: 'Enter what the action is', too_long: 'The action must be 500 characters or fewer', payload_invalid: 'The action must not contain special characters' },
  owner: { required: 'Enter who owns the action (a service or a person)', too_long: 'Who owns the action must be 200 characters or fewer', payload_invalid: 'Who owns the action must be on one line' },
  dueOn: {
    ...dateMessages({ start: 'The day the action is due by', inside: 'the day the action is due by' }, {
      too_early: 'The day the action is due by must be within a year of today',
      too_late: 'The day the action is due by must be within a year of today',
    }),
  },
  note: { required: 'Enter what was done', too_long: 'What was done must be 500 characters or fewer', payload_invalid: 'What was done must not contain special characters' },
  owner_filter: { too_long: 'Who owns the action must be 200 characters or fewer' },
  area_filter: { unknown: 'Choose an area from the list' },
} as const satisfies Record<string, Record<string, string>>;

/** The decision on a family's request: its note, by the outcome chosen (the outcome itself is a button). */
export const requestDecisionMessages = {
  professional_will_refer: {
    required: 'Enter which service or professional will refer them',
    too_long: 'Which service or professional will refer them must be 500 characters or fewer',
  },
  not_the_right_route: {
    required: 'Enter where else they can go',
    too_long: 'Where else they can go must be 500 characters or fewer',
  },
  outcome: { required: 'Choose what happens next' },
} as const;

/** The Accounts page's two forms: refusing an account (its reason) and adding a team member. */
export const accountFormMessages = {
  reason: { required: 'Enter why the account is not approved', too_long: 'Why the account is not approved must be 500 characters or fewer' },
  email: { format: 'Enter an email address in the correct format, like name@example.nhs.net', required: 'Enter their email address' },
  fullName: {
    required: 'Enter their full name',
    too_long: 'Full name must be 200 characters or fewer',
    format: 'Full name must be on one line, without tabs',
  },
} as const satisfies Record<string, Record<string, string>>;

/** The register's filters and find (src/forms/console-register.ts, public.team_register's codes), by field. */
export const registerMessages = {
  area: { unknown: 'Choose an area from the list' },
  rating: { unknown: 'Choose a rating from the list' },
  ageGroup: { unknown: 'Choose an age group from the list' },
  keyworker: { unknown: 'Choose whether they are eligible for a keyworker from the list' },
  reviewType: { unknown: 'Choose C(E)TR or CTR from the list' },
  overdue: { unknown: 'Tick the box to show only overdue reviews, or leave it empty' },
  sort: { unknown: 'Choose how to sort the register from the list' },
  page: { format: 'The page number must be a whole number, like 2' },
  q: { format: 'Enter a 10-digit NHS number, like 943 476 5919, or a DSR reference, like DSR-7K3M-Q9PA' },
  name: { required: 'Enter their full name as well as their date of birth', too_long: 'Full name must be 200 characters or fewer' },
  dateOfBirth: {
    ...dateOfBirthMessages('their'),
    required: 'Enter their date of birth as well as their full name',
  },
} as const satisfies Record<string, Record<string, string>>;

export type ConsoleProblem = keyof typeof consoleMessages;

/** The message for an error code, or undefined if the form has none (a test makes sure that never happens). */
export function findMessage(form: FormWords, error: FieldError): string | undefined {
  return form.messages[error.field]?.[error.code];
}

/** Words for each error. A code without words still gets a specific message naming the question. */
export function describeErrors(form: FormWords, errors: readonly FieldError[], labelOf: (field: string) => string | undefined): FieldMessage[] {
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
