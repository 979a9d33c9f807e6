// Ask for someone to be considered for the register: a person, their family, or anyone
// worried about them, without an account. The DSR team reads the request and decides
// what happens (usually a professional who knows the person refers them, with their
// consent). The answer is the same whoever the request is about: nothing here, or in
// its SQL function, looks the person up.
import { areaOptions } from './areas.ts';
import { defineForm } from './define-form.ts';
import { yearsBefore } from './dates.ts';
import { dateOfBirthMessages, emailMessages, phoneMessages, textMessages } from './messages.ts';
import { crossCheck, date, isBlankAnswer as blank, oneOf, optionalEmailAddress, optionalPhoneNumber, optionalText, requiredText, z } from './schemas.ts';
import type { Option } from './types.ts';
import { requestPromise, timescales } from '../content/timescales.ts';

export const askerOptions = [
  { value: 'self', label: 'I am asking for myself' },
  { value: 'parent_or_carer', label: 'I am their parent or carer' },
  { value: 'someone_else', label: 'I am someone else who knows them', hint: 'For example, a relative, a friend, an advocate or a teacher.' },
] as const satisfies readonly Option[];

export const personKnowsOptions = [
  { value: 'knows_and_agrees', label: 'Yes, they know and they agree', hint: 'Choose this if you are asking for yourself.' },
  { value: 'knows_not_agreed', label: 'They know, but have not agreed' },
  { value: 'does_not_know', label: 'They do not know yet' },
  { value: 'cannot_say', label: 'They cannot tell us what they think' },
] as const satisfies readonly Option[];

export interface RequestPayload {
  askerRelationship: (typeof askerOptions)[number]['value'];
  askerConnection: string | undefined;
  personName: string;
  dateOfBirth: string;
  area: string;
  worries: string;
  personKnows: (typeof personKnowsOptions)[number]['value'];
  askerName: string;
  askerEmail: string | undefined;
  askerPhone: string | undefined;
}

export const requestForm = defineForm<'request', RequestPayload>({
  name: 'request',
  title: 'Ask for someone to be considered for the register',
  description: 'Ask the DSR team to consider someone for the Dynamic Support Register: for yourself, or for someone you care about. No account needed.',
  audience: 'families',
  page: '/ask/',
  api: '/api/requests',
  submitLabel: 'Send the request',
  needsAccount: false,
  checkStep: { sending: 'your request' },
  confirmation: {
    page: '/ask/confirmation/',
    title: 'Request sent',
    description: 'Your request for someone to be considered for the register is sent, with its REQ- reference and what happens next.',
    formPageName: 'Ask for someone to be considered',
  },
  reference: 'request',
  sql: 'request_consideration',
  // What the DSR team will do and by when (content/timescales.json), beside the questions and on the confirmation.
  pageContent: () => ({ promise: requestPromise, steps: timescales.requests.steps }),
  // "What happens after you ask" folds away under the first question (src/islands/forms/RequestForm.tsx).
  showsDetails: true,
  sections: [
    {
      heading: 'About you',
      fields: [
        { type: 'radios', name: 'askerRelationship', label: 'Who is asking?', options: askerOptions },
        {
          type: 'text',
          name: 'askerConnection',
          label: 'How do you know them?',
          maxLength: 200,
          shownWhen: { field: 'askerRelationship', value: 'someone_else' },
        },
      ],
    },
    {
      heading: 'The person',
      fields: [
        {
          type: 'text',
          name: 'personName',
          label: 'Their full name',
          hint: 'If you are asking for yourself, your own name.',
          autocomplete: 'off',
          spellcheck: false,
          maxLength: 200,
        },
        { type: 'date', name: 'dateOfBirth', label: 'Their date of birth', hint: 'For example, 27 3 2007' },
        { type: 'radios', name: 'area', label: 'Which area do they live in?', options: areaOptions },
        {
          type: 'textarea',
          name: 'worries',
          label: 'What is worrying you now?',
          hint: 'What has changed, and what you think could happen. For example, problems at home or school, support that has stopped, or a visit to A&E.',
          rows: 6,
          maxLength: 2000,
        },
        { type: 'radios', name: 'personKnows', label: 'Does the person know you are asking, and do they agree?', options: personKnowsOptions },
      ],
    },
    {
      heading: 'How to contact you',
      fields: [
        { type: 'text', name: 'askerName', label: 'Your full name', autocomplete: 'name', spellcheck: false, maxLength: 200 },
        {
          type: 'email',
          name: 'askerEmail',
          label: 'Your email address',
          hint: 'Give an email address or a phone number, or both. We send an email to say we have your request.',
          autocomplete: 'email',
          inputmode: 'email',
          spellcheck: false,
          maxLength: 254,
        },
        { type: 'tel', name: 'askerPhone', label: 'Your phone number', autocomplete: 'tel', inputmode: 'tel', width: 20, maxLength: 30 },
      ],
    },
  ],
  messages: {
    askerRelationship: { required: 'Select who is asking' },
    askerConnection: textMessages('Say how you know them', 'How you know them', 200),
    personName: textMessages('Enter their full name', 'Full name', 200),
    dateOfBirth: dateOfBirthMessages('their'),
    area: { required: 'Select the area they live in' },
    worries: textMessages('Say what is worrying you now', 'What is worrying you', 2000),
    personKnows: { required: 'Select whether the person knows you are asking' },
    askerName: textMessages('Enter your full name', 'Your name', 200),
    askerEmail: {
      ...emailMessages('your'),
      contact_missing: 'Enter an email address or a phone number so the DSR team can contact you',
    },
    askerPhone: phoneMessages('your'),
  },
  schema: ({ today }) =>
    z
      .object({
        askerRelationship: oneOf(askerOptions),
        askerConnection: optionalText(200),
        personName: requiredText(200),
        dateOfBirth: date({ today, notAfterToday: true, notBefore: yearsBefore(today, 120) }),
        area: oneOf(areaOptions),
        worries: requiredText(2000),
        personKnows: oneOf(personKnowsOptions),
        askerName: requiredText(200),
        askerEmail: optionalEmailAddress(),
        askerPhone: optionalPhoneNumber(),
      })
      .superRefine((answers, ctx) => {
        if (answers.askerRelationship === 'someone_else' && blank(answers.askerConnection)) {
          ctx.addIssue({ code: 'custom', message: 'required', path: ['askerConnection'] });
        }
        // One way to reach them is enough; the error sits on the email box, the first of the two.
        if (blank(answers.askerEmail) && blank(answers.askerPhone)) {
          ctx.addIssue({ code: 'custom', message: 'contact_missing', path: ['askerEmail'] });
        }
      }, crossCheck)
      .transform((answers): RequestPayload => ({
        ...answers,
        askerConnection: answers.askerRelationship === 'someone_else' ? answers.askerConnection : undefined,
      })),
});
