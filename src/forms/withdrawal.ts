// Ask for consent to be withdrawn and someone's details removed from the register.
// Anyone may ask, without an account: the person, their family, an advocate or a professional.
import { defineForm } from './define-form.ts';
import { yearsBefore } from './dates.ts';
import { dateOfBirthMessages, emailMessages, phoneMessages, textMessages } from './messages.ts';
import { readReference } from './references.ts';
import { date, mustAgree, oneOf, optionalEmailAddress, optionalPhoneNumber, requiredText, z, crossCheck, isBlankAnswer as blank } from './schemas.ts';
import type { Option } from './types.ts';
import { withdrawalPromise } from '../content/timescales.ts';

export const requesterRelationshipOptions = [
  { value: 'self', label: 'I am the person on the register' },
  { value: 'parent_or_carer', label: 'I am their parent or carer' },
  { value: 'advocate', label: 'I am their advocate' },
  { value: 'professional', label: 'I am a professional working with them' },
] as const satisfies readonly Option[];

export interface WithdrawalPayload {
  personName: string;
  dateOfBirth: string;
  dsrReference: string | undefined;
  requesterRelationship: (typeof requesterRelationshipOptions)[number]['value'];
  requesterName: string;
  requesterEmail: string | undefined;
  requesterPhone: string | undefined;
  understandsSupportContinues: true;
}

export const withdrawalForm = defineForm<'withdrawal', WithdrawalPayload>({
  name: 'withdrawal',
  title: 'Ask for someone to be taken off the register',
  description: 'Ask for someone to be taken off the Dynamic Support Register. Anyone can ask, and their support carries on.',
  audience: 'families',
  page: '/withdraw/',
  api: '/api/withdrawals',
  submitLabel: 'Send the request',
  needsAccount: false,
  confirmation: {
    page: '/withdraw/confirmation/',
    title: 'Request sent',
    description: 'Your request to take someone off the register is sent, with its WDR- reference.',
    formPageName: 'Ask for someone to be taken off the register',
  },
  reference: 'withdrawal',
  sql: 'request_withdrawal',
  // What the team commits to (content/timescales.json), for the confirmation.
  pageContent: () => ({ promise: withdrawalPromise }),
  sections: [
    {
      heading: 'The person on the register',
      fields: [
        { type: 'text', name: 'personName', label: 'Their full name', autocomplete: 'off', spellcheck: false, maxLength: 200 },
        { type: 'date', name: 'dateOfBirth', label: 'Their date of birth', hint: 'For example, 27 3 2007' },
        {
          type: 'text',
          name: 'dsrReference',
          label: 'DSR reference',
          optional: true,
          hint: 'If you know it. It starts DSR-, like DSR-7K3M-Q9PA.',
          autocomplete: 'off',
          spellcheck: false,
          width: 20,
          maxLength: 20,
        },
      ],
    },
    {
      heading: 'About you',
      fields: [
        { type: 'radios', name: 'requesterRelationship', label: 'Who are you?', options: requesterRelationshipOptions },
        { type: 'text', name: 'requesterName', label: 'Your full name', autocomplete: 'name', spellcheck: false, maxLength: 200 },
        {
          type: 'email',
          name: 'requesterEmail',
          label: 'Your email address',
          hint: 'Give an email address or a phone number, or both, so the DSR team can tell you when it is done.',
          autocomplete: 'email',
          inputmode: 'email',
          spellcheck: false,
          maxLength: 254,
        },
        { type: 'tel', name: 'requesterPhone', label: 'Your phone number', autocomplete: 'tel', inputmode: 'tel', width: 20, maxLength: 30 },
      ],
    },
    {
      heading: 'Before you send this',
      fields: [
        {
          type: 'agreement',
          name: 'understandsSupportContinues',
          label: 'Support will carry on',
          statement: 'I understand that taking someone off the register does not stop or reduce the care and support they get.',
        },
      ],
    },
  ],
  messages: {
    personName: textMessages('Enter the person’s full name', 'Full name', 200),
    dateOfBirth: dateOfBirthMessages('their'),
    dsrReference: { format: 'Enter the DSR reference as it was given, like DSR-7K3M-Q9PA, or leave it blank' },
    requesterRelationship: { required: 'Select who you are' },
    requesterName: textMessages('Enter your full name', 'Your name', 200),
    requesterEmail: {
      ...emailMessages('your'),
      contact_missing: 'Enter an email address or a phone number so the DSR team can tell you when it is done',
    },
    requesterPhone: phoneMessages('your'),
    understandsSupportContinues: { required: 'Confirm that you understand support will carry on' },
  },
  schema: ({ today }) =>
    z
      .object({
        personName: requiredText(200),
        dateOfBirth: date({ today, notAfterToday: true, notBefore: yearsBefore(today, 120) }),
        dsrReference: z
          .string()
          .trim()
          .transform((typed, ctx) => {
            if (typed === '') return undefined;
            return readReference('referral', typed) ?? (ctx.addIssue({ code: 'custom', message: 'format' }), z.NEVER);
          }),
        requesterRelationship: oneOf(requesterRelationshipOptions),
        requesterName: requiredText(200),
        requesterEmail: optionalEmailAddress(),
        requesterPhone: optionalPhoneNumber(),
        understandsSupportContinues: mustAgree(),
      })
      .superRefine((answers, ctx) => {
        // One way to reach them is enough; the error sits on the email box, the first of the two.
        if (blank(answers.requesterEmail) && blank(answers.requesterPhone)) {
          ctx.addIssue({ code: 'custom', message: 'contact_missing', path: ['requesterEmail'] });
        }
      }, crossCheck),
});
