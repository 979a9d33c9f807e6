// Record consent, or a Best Interests Decision, for someone to be on the register.
import { defineForm } from './define-form.ts';
import { yearsBefore } from './dates.ts';
import { dateMessages, dateOfBirthMessages, textMessages } from './messages.ts';
import { date, oneOf, optionalText, requiredText, someOf, z, crossCheck, isBlankAnswer as blank } from './schemas.ts';
import type { Option } from './types.ts';

export const decisionOptions = [
  {
    value: 'consented',
    label: 'They gave their consent',
    hint: 'They have the capacity to decide about sharing their information.',
  },
  {
    value: 'parental_responsibility',
    label: 'Someone with parental responsibility gave consent',
    hint: 'For a child who is not able to decide for themselves.',
  },
  {
    value: 'best_interests',
    label: 'A Best Interests Decision was made',
    hint: 'They do not have the capacity to decide, and a decision was made under the Mental Capacity Act 2005.',
  },
] as const satisfies readonly Option[];

export type Decision = (typeof decisionOptions)[number]['value'];

export const consultedOptions: Option[] = [
  { value: 'family', label: 'Family' },
  { value: 'advocate', label: 'An advocate', hint: 'Including an independent mental capacity advocate (IMCA).' },
  { value: 'carer', label: 'Carers or support workers' },
];

export const sharingWithOptions: Option[] = [
  { value: 'health', label: 'NHS health services', hint: 'Such as the GP, learning disability and mental health teams.' },
  { value: 'social_care', label: 'Council social care' },
  { value: 'education', label: 'Education', hint: 'Such as a school or college, and the special educational needs team.' },
  { value: 'keyworking', label: 'The keyworking service', hint: 'For children and young people up to 25.' },
  { value: 'housing', label: 'Housing and support providers' },
  { value: 'commissioners', label: 'NHS and council commissioners' },
];

export interface ConsentPayload {
  personName: string;
  dateOfBirth: string;
  decision: Decision;
  /** Who gave consent, for parental responsibility. */
  decisionMakerName: string | undefined;
  /** Who made the Best Interests Decision. */
  bestInterestsDecisionMakerName: string | undefined;
  decisionMakerRole: string | undefined;
  decisionDate: string;
  consulted: string[];
  sharingWith: string[];
}


export const consentForm = defineForm<'consent', ConsentPayload>({
  name: 'consent',
  title: 'Record consent or a Best Interests Decision',
  description: 'Record that someone consented to being on the Dynamic Support Register, or a Best Interests Decision.',
  audience: 'professionals',
  page: '/consent/',
  api: '/api/consents',
  submitLabel: 'Save the consent record',
  needsAccount: true,
  purpose: 'record consent or a Best Interests Decision',
  checkStep: { sending: 'the consent record' },
  confirmation: {
    page: '/consent/confirmation/',
    title: 'Consent record saved',
    description: 'The consent record is saved, with its CON- reference.',
    formPageName: 'Record consent',
  },
  reference: 'consent',
  sql: 'record_consent',
  sections: [
    {
      heading: 'The person',
      fields: [
        { type: 'text', name: 'personName', label: 'Full name', autocomplete: 'off', spellcheck: false, maxLength: 200 },
        { type: 'date', name: 'dateOfBirth', label: 'Date of birth', hint: 'For example, 27 3 2007' },
      ],
    },
    {
      heading: 'The decision',
      fields: [
        { type: 'radios', name: 'decision', label: 'How was the decision made?', options: decisionOptions },
        {
          type: 'text',
          name: 'decisionMakerName',
          label: 'Name of the person who gave consent',
          autocomplete: 'off',
          maxLength: 200,
          shownWhen: { field: 'decision', value: 'parental_responsibility' },
        },
        {
          type: 'text',
          name: 'bestInterestsDecisionMakerName',
          label: 'Name of the decision-maker',
          autocomplete: 'off',
          maxLength: 200,
          shownWhen: { field: 'decision', value: 'best_interests' },
        },
        {
          type: 'text',
          name: 'decisionMakerRole',
          label: 'Role of the decision-maker',
          hint: 'For example, social worker or consultant psychiatrist',
          maxLength: 200,
          shownWhen: { field: 'decision', value: 'best_interests' },
        },
        {
          type: 'checkboxes',
          name: 'consulted',
          label: 'Who was consulted about the decision?',
          hint: 'Select all that apply.',
          options: consultedOptions,
          shownWhen: { field: 'decision', value: 'best_interests' },
        },
        { type: 'date', name: 'decisionDate', label: 'Date of the decision', hint: 'For example, 3 11 2026' },
      ],
    },
    {
      heading: 'Sharing',
      fields: [
        {
          type: 'checkboxes',
          name: 'sharingWith',
          label: 'Who may the information be shared with?',
          hint: 'Select all that were agreed. The DSR team always sees it.',
          options: sharingWithOptions,
        },
      ],
    },
  ],
  messages: {
    personName: textMessages('Enter the person’s full name', 'Full name', 200),
    dateOfBirth: dateOfBirthMessages(),
    decision: { required: 'Select how the decision was made' },
    decisionMakerName: textMessages('Enter the name of the person with parental responsibility who gave consent', 'Name', 200),
    bestInterestsDecisionMakerName: textMessages('Enter the name of the decision-maker', 'Name', 200),
    decisionMakerRole: textMessages('Enter the role of the decision-maker', 'Role', 200),
    consulted: { required: 'Select who was consulted about the Best Interests Decision' },
    decisionDate: dateMessages({ start: 'Date of the decision', inside: 'the date of the decision' }),
    sharingWith: { required: 'Select who the information may be shared with' },
  },
  schema: ({ today }) =>
    z
      .object({
        personName: requiredText(200),
        dateOfBirth: date({ today, notAfterToday: true, notBefore: yearsBefore(today, 120) }),
        decision: oneOf(decisionOptions),
        decisionMakerName: optionalText(200),
        bestInterestsDecisionMakerName: optionalText(200),
        decisionMakerRole: optionalText(200),
        consulted: z.array(z.string()),
        decisionDate: date({ today, notAfterToday: true, notBefore: '1900-01-01' }),
        sharingWith: someOf(sharingWithOptions, 1),
      })
      .superRefine((answers, ctx) => {
        const need = (field: string, code = 'required') => ctx.addIssue({ code: 'custom', message: code, path: [field] });
        if (answers.decision === 'parental_responsibility' && blank(answers.decisionMakerName)) need('decisionMakerName');
        if (answers.decision === 'best_interests') {
          if (blank(answers.bestInterestsDecisionMakerName)) need('bestInterestsDecisionMakerName');
          if (blank(answers.decisionMakerRole)) need('decisionMakerRole');
          const consulted = answers.consulted;
          if (consulted.length === 0) need('consulted');
          else if (!consulted.every((value) => consultedOptions.some((option) => option.value === value))) need('consulted');
        }
        // A decision cannot come before the person was born (both dates must have been read).
        const born = answers.dateOfBirth as unknown;
        const decided = answers.decisionDate as unknown;
        if (typeof born === 'string' && typeof decided === 'string' && decided < born) need('decisionDate', 'before_birth');
      }, crossCheck)
      .transform(
        (answers): ConsentPayload => ({
          personName: answers.personName,
          dateOfBirth: answers.dateOfBirth,
          decision: answers.decision,
          decisionMakerName: answers.decision === 'parental_responsibility' ? answers.decisionMakerName : undefined,
          bestInterestsDecisionMakerName: answers.decision === 'best_interests' ? answers.bestInterestsDecisionMakerName : undefined,
          decisionMakerRole: answers.decision === 'best_interests' ? answers.decisionMakerRole : undefined,
          decisionDate: answers.decisionDate,
          consulted: answers.decision === 'best_interests' ? answers.consulted : [],
          sharingWith: answers.sharingWith,
        }),
      ),
});
