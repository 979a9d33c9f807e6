// Refer someone to the register: who they are, where they live, the rating the
// MDT agreed, consent, and who is involved. The database works out the age group,
// keyworker eligibility and review type from the date of birth and rating.
import { inHospitalRating, ratings, type RatingId } from '../content/ratings.ts';
import { ehcpAges, ehcpMatters, reviewTypes } from '../content/rules.ts';
import { areaOptions } from './areas.ts';
import { defineForm } from './define-form.ts';
import { ageOn, yearsBefore } from './dates.ts';
import { dateMessages, dateOfBirthMessages, textMessages } from './messages.ts';
import { readNhsNumber } from './nhs-number.ts';
import { readPostcode } from './postcodes.ts';
import { readReference } from './references.ts';
import { referralContent } from './referral-content.ts';
import { date, oneOf, optionalDate, optionalText, requiredText, z, crossCheck, isBlankAnswer as blank } from './schemas.ts';
import type { Option } from './types.ts';

export const conditionOptions = [
  { value: 'learning_disability', label: 'A learning disability' },
  { value: 'autism', label: 'Autism' },
  { value: 'both', label: 'Both a learning disability and autism' },
  { value: 'awaiting_autism_assessment', label: 'Waiting for an autism assessment' },
] as const satisfies readonly Option[];

export const livesInOptions = [
  { value: 'community', label: 'In the community', hint: 'At home, with family, in supported living, a residential home or a school.' },
  { value: 'mental_health_hospital', label: 'In a mental health hospital' },
] as const satisfies readonly Option[];

/** The ratings, from content/ratings.json (the island adds each one's headline and description beside it). */
export const ratingOptions: Option[] = ratings.map((rating) => ({ value: rating.id, label: rating.name, hint: `${rating.headline}.` }));

export const consentBasisOptions = [
  { value: 'consented', label: 'They gave their consent' },
  { value: 'parental_responsibility', label: 'Someone with parental responsibility gave consent' },
  { value: 'best_interests', label: 'A Best Interests Decision was made' },
] as const satisfies readonly Option[];

export const ehcpOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not_known', label: 'I do not know' },
] as const satisfies readonly Option[];

// "aged 18 to 25", from content/review-types.json: the ages at which an EHCP decides the review.
const ehcpAgesInWords = [...new Set(ehcpAges.map((range) => `${range.youngestAge ?? 0} to ${range.oldestAge ?? 'any age'}`))].join(' or ');
const reviewInitials = reviewTypes.map((review) => review.shortName).join(' or a ');

export const previousReviewOptions = [
  // The reviews of content/review-types.json: "A Care and Treatment Review (CTR)".
  ...reviewTypes.map((review) => ({ value: review.id, label: `A ${review.name} (${review.shortName})` })),
  { value: 'leap', label: 'A Local Area Emergency Protocol (LEAP) meeting' },
  { value: 'none', label: 'None' },
  { value: 'not_known', label: 'I do not know' },
] as const satisfies readonly Option[];

export const serviceOptions: Option[] = [
  { value: 'gp', label: 'GP' },
  { value: 'community_learning_disability_team', label: 'Community learning disability team' },
  { value: 'camhs', label: 'Children and young people’s mental health services (CAMHS)' },
  { value: 'adult_mental_health', label: 'Adult mental health services' },
  { value: 'intensive_support_team', label: 'Intensive support team' },
  { value: 'social_care', label: 'Council social care' },
  { value: 'education', label: 'Education, such as a school or college' },
  { value: 'keyworking', label: 'The keyworking service' },
  { value: 'care_provider', label: 'A care or support provider' },
  { value: 'youth_justice', label: 'Youth justice or probation' },
  { value: 'other', label: 'Another service' },
];

export interface ReferralPayload {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  hasEhcp: (typeof ehcpOptions)[number]['value'] | undefined;
  nhsNumber: string | null;
  nhsNumberUnknownReason: string | undefined;
  postcode: string;
  area: string;
  gpPractice: string | undefined;
  condition: (typeof conditionOptions)[number]['value'];
  livesIn: (typeof livesInOptions)[number]['value'];
  hospitalName: string | undefined;
  admissionDate: string | undefined;
  rating: RatingId;
  ratingAgreedOn: string;
  ratingReason: string;
  consentBasis: (typeof consentBasisOptions)[number]['value'];
  consentReference: string | undefined;
  familyInvolved: string;
  servicesInvolved: string[];
  previousReview: string;
  communicationNeeds: string | undefined;
  submissionId: string | undefined;
}


export const referralForm = defineForm<'referral', ReferralPayload>({
  name: 'referral',
  title: 'Refer someone to the DSR',
  description: 'Refer someone to the Dynamic Support Register, with the rating their multidisciplinary team agreed.',
  audience: 'professionals',
  page: '/refer/',
  api: '/api/referrals',
  submitLabel: 'Send the referral',
  needsAccount: true,
  purpose: 'refer someone to the register',
  checkStep: { sending: 'the referral' },
  confirmation: {
    page: '/refer/confirmation/',
    title: 'Referral sent',
    description: 'The referral is sent, with its DSR- reference and what happens next.',
    formPageName: 'Refer someone',
  },
  reference: 'referral',
  // The rating sent, whether the person can have a keyworker, and the review that applies.
  // A re-referral by the professional who referred the entry before: its rating before and now (see submit_referral).
  receipt: { answers: ['rating'], saved: ['ageGroup', 'keyworkerEligible', 'reviewType', 'updatedEntry', 'ratingBefore', 'ratingNow'] },
  sql: 'submit_referral',
  pageContent: () => referralContent(),
  sections: [
    {
      heading: 'The person',
      fields: [
        { type: 'text', name: 'givenName', label: 'Given name', autocomplete: 'off', spellcheck: false, maxLength: 100 },
        { type: 'text', name: 'familyName', label: 'Family name', autocomplete: 'off', spellcheck: false, maxLength: 100 },
        { type: 'date', name: 'dateOfBirth', label: 'Date of birth', hint: 'For example, 27 3 2007' },
        {
          type: 'radios',
          name: 'hasEhcp',
          label: 'Do they have an education, health and care plan (EHCP)?',
          hint: `Answer this if they are aged ${ehcpAgesInWords}: it decides whether they have a ${reviewInitials}.`,
          inline: false,
          options: ehcpOptions,
        },
        {
          type: 'radios',
          name: 'nhsNumberKnown',
          label: 'Do you know their NHS number?',
          inline: false,
          options: [
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ],
        },
        {
          type: 'text',
          name: 'nhsNumber',
          label: 'NHS number',
          hint: 'A 10 digit number, like 943 476 5919',
          autocomplete: 'off',
          inputmode: 'numeric',
          spellcheck: false,
          width: 10,
          maxLength: 20,
          shownWhen: { field: 'nhsNumberKnown', value: 'yes' },
        },
        {
          type: 'textarea',
          name: 'nhsNumberUnknownReason',
          label: 'Why is the NHS number not known?',
          rows: 3,
          maxLength: 500,
          shownWhen: { field: 'nhsNumberKnown', value: 'no' },
        },
        { type: 'text', name: 'postcode', label: 'Postcode', hint: 'Where they live now', autocomplete: 'off', spellcheck: false, width: 10, maxLength: 10 },
        { type: 'radios', name: 'area', label: 'Which area do they live in?', options: areaOptions },
        { type: 'text', name: 'gpPractice', label: 'GP practice', optional: true, maxLength: 200 },
        { type: 'radios', name: 'condition', label: 'Do they have a learning disability, autism or both?', options: conditionOptions },
      ],
    },
    {
      heading: 'Where they live',
      fields: [
        { type: 'radios', name: 'livesIn', label: 'Where do they live now?', options: livesInOptions },
        {
          type: 'text',
          name: 'hospitalName',
          label: 'Name of the hospital',
          maxLength: 200,
          shownWhen: { field: 'livesIn', value: 'mental_health_hospital' },
        },
        {
          type: 'date',
          name: 'admissionDate',
          label: 'Date they were admitted',
          hint: 'For example, 14 9 2026',
          shownWhen: { field: 'livesIn', value: 'mental_health_hospital' },
        },
      ],
    },
    {
      heading: 'The rating',
      fields: [
        {
          type: 'radios',
          name: 'rating',
          label: 'What rating did the multidisciplinary team (MDT) agree?',
          hint: `${inHospitalRating.name} is only for someone in a mental health hospital now.`,
          options: ratingOptions,
        },
        { type: 'date', name: 'ratingAgreedOn', label: 'Date the rating was agreed', hint: 'For example, 3 11 2026' },
        {
          type: 'textarea',
          name: 'ratingReason',
          label: 'Why was this rating agreed?',
          hint: 'The main risks and what is happening now. Do not include the person’s name.',
          rows: 5,
          maxLength: 2000,
        },
      ],
    },
    {
      heading: 'Consent',
      fields: [
        { type: 'radios', name: 'consentBasis', label: 'How was consent given to be on the register?', options: consentBasisOptions },
        {
          type: 'text',
          name: 'consentReference',
          label: 'Consent record reference',
          optional: true,
          hint: 'If you recorded the consent on this site, its reference starts CON-, like CON-7K3M-Q9PA.',
          autocomplete: 'off',
          spellcheck: false,
          width: 20,
          maxLength: 20,
        },
      ],
    },
    {
      heading: 'Who is involved',
      fields: [
        {
          type: 'textarea',
          name: 'familyInvolved',
          label: 'Which family members, advocates or carers are involved?',
          hint: 'Their relationship to the person, for example "mother and an advocate". If nobody is, say so.',
          rows: 3,
          maxLength: 2000,
        },
        {
          type: 'checkboxes',
          name: 'servicesInvolved',
          label: 'Which services are involved?',
          hint: 'Select all that apply.',
          options: serviceOptions,
        },
        {
          type: 'text',
          name: 'otherServices',
          label: 'Which other service?',
          maxLength: 200,
          shownWhen: { field: 'servicesInvolved', value: 'other' },
        },
        {
          type: 'radios',
          name: 'previousReview',
          label: 'Have they had a CETR, CTR or LEAP meeting before?',
          options: previousReviewOptions,
        },
        {
          type: 'textarea',
          name: 'communicationNeeds',
          label: 'Communication needs and reasonable adjustments',
          optional: true,
          hint: 'How best to communicate with them and their family, and anything that helps them take part in meetings.',
          rows: 4,
          maxLength: 2000,
        },
        // Set by the island so that sending twice (a double click, a retry after a lost answer) records one referral.
        { type: 'hidden', name: 'submissionId', label: 'Submission identifier' },
      ],
    },
  ],
  messages: {
    givenName: textMessages('Enter the person’s given name', 'Given name', 100),
    familyName: textMessages('Enter the person’s family name', 'Family name', 100),
    dateOfBirth: dateOfBirthMessages(),
    hasEhcp: { required: 'Select if they have an education, health and care plan (EHCP), or that you do not know' },
    nhsNumberKnown: { required: 'Select yes if you know their NHS number' },
    nhsNumber: {
      required: 'Enter their NHS number',
      not_ten_digits: 'NHS number must be 10 digits, like 943 476 5919',
      check_digit: 'Check the NHS number: this is not a real NHS number',
    },
    nhsNumberUnknownReason: textMessages('Say why the NHS number is not known', 'The reason', 500),
    postcode: { required: 'Enter their postcode', format: 'Enter a real postcode, like LS1 4AP' },
    area: { required: 'Select the area they live in' },
    gpPractice: textMessages('Enter their GP practice', 'GP practice', 200),
    condition: { required: 'Select if they have a learning disability, autism or both' },
    livesIn: { required: 'Select where they live now' },
    hospitalName: textMessages('Enter the name of the hospital', 'Name of the hospital', 200),
    admissionDate: dateMessages({ start: 'Date they were admitted', inside: 'the date they were admitted' }),
    rating: {
      required: 'Select the rating the MDT agreed',
      hospital_needs_blue: `Select ${inHospitalRating.name} for someone in a mental health hospital now`,
      blue_needs_hospital: `${inHospitalRating.name} is only for someone in a mental health hospital now: select another rating, or change where they live`,
    },
    ratingAgreedOn: dateMessages({ start: 'Date the rating was agreed', inside: 'the date the rating was agreed' }),
    ratingReason: textMessages('Say why this rating was agreed', 'The reason for the rating', 2000),
    consentBasis: { required: 'Select how consent was given' },
    consentReference: {
      format: 'Enter the consent reference as it was given, like CON-7K3M-Q9PA, or leave it blank',
      // One message for every refusal: it must not say whether a reference exists, or whose it is.
      consent_not_yours: 'Check the consent reference: it must be one you recorded for this person',
    },
    familyInvolved: textMessages('Say which family members, advocates or carers are involved, or that nobody is', 'This answer', 2000),
    servicesInvolved: { required: 'Select the services that are involved', too_long: 'Select fewer services' },
    otherServices: textMessages('Enter the other service', 'The other service', 200),
    previousReview: { required: 'Select if they have had a CETR, CTR or LEAP meeting before' },
    communicationNeeds: textMessages('Enter their communication needs', 'Communication needs', 2000),
  },
  schema: ({ today }) => {
    const pastDate = date({ today, notAfterToday: true, notBefore: '1900-01-01' });
    return z
      .object({
        givenName: requiredText(100),
        familyName: requiredText(100),
        dateOfBirth: date({ today, notAfterToday: true, notBefore: yearsBefore(today, 120) }),
        hasEhcp: z.string(),
        nhsNumberKnown: oneOf([{ value: 'yes' }, { value: 'no' }]),
        nhsNumber: z.string(),
        nhsNumberUnknownReason: optionalText(500),
        postcode: z
          .string()
          .trim()
          .min(1, { error: 'required' })
          .transform((typed, ctx) => readPostcode(typed) ?? (ctx.addIssue({ code: 'custom', message: 'format' }), z.NEVER)),
        area: oneOf(areaOptions),
        gpPractice: optionalText(200),
        condition: oneOf(conditionOptions),
        livesIn: oneOf(livesInOptions),
        hospitalName: optionalText(200),
        admissionDate: optionalDate({ today, notAfterToday: true, notBefore: '1900-01-01' }),
        rating: oneOf(ratingOptions),
        ratingAgreedOn: pastDate,
        ratingReason: requiredText(2000),
        consentBasis: oneOf(consentBasisOptions),
        consentReference: z
          .string()
          .trim()
          .transform((typed, ctx) => {
            if (typed === '') return undefined;
            return readReference('consent', typed) ?? (ctx.addIssue({ code: 'custom', message: 'format' }), z.NEVER);
          }),
        familyInvolved: requiredText(2000),
        servicesInvolved: z.array(z.string()),
        otherServices: optionalText(200),
        previousReview: oneOf(previousReviewOptions),
        communicationNeeds: optionalText(2000),
        submissionId: z
          .string()
          .trim()
          .transform((typed) => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(typed) ? typed.toLowerCase() : undefined)),
      })
      .superRefine((answers, ctx) => {
        const problem = (field: string, code = 'required') => ctx.addIssue({ code: 'custom', message: code, path: [field] });
        if (answers.nhsNumberKnown === 'yes') {
          if (blank(answers.nhsNumber)) problem('nhsNumber');
          else {
            const read = readNhsNumber(answers.nhsNumber);
            if (!read.ok) problem('nhsNumber', read.problem);
          }
        }
        if (answers.nhsNumberKnown === 'no' && blank(answers.nhsNumberUnknownReason)) problem('nhsNumberUnknownReason');

        // An EHCP is asked for at the ages where it decides the review (18 to 25), and read at any age when given.
        const born = typeof answers.dateOfBirth === 'string' ? answers.dateOfBirth : undefined;
        const ehcpGiven = !blank(answers.hasEhcp);
        if (ehcpGiven && !ehcpOptions.some((option) => option.value === answers.hasEhcp)) problem('hasEhcp');
        else if (!ehcpGiven && born && ehcpMatters(ageOn(born, today))) problem('hasEhcp');

        const inHospital = answers.livesIn === 'mental_health_hospital';
        if (inHospital && blank(answers.hospitalName)) problem('hospitalName');
        if (inHospital && blank(answers.admissionDate)) problem('admissionDate');
        // BLUE means "in a mental health hospital now", so the two answers must agree.
        const rated = ratings.find((rating) => rating.id === answers.rating);
        if (inHospital && rated && !rated.inHospital) problem('rating', 'hospital_needs_blue');
        if (answers.livesIn === 'community' && rated?.inHospital) problem('rating', 'blue_needs_hospital');

        const known = serviceOptions.map((option) => option.value);
        if (answers.servicesInvolved.length === 0 || !answers.servicesInvolved.every((value) => known.includes(value))) problem('servicesInvolved');
        else if (answers.servicesInvolved.includes('other') && blank(answers.otherServices)) problem('otherServices');

        // Dates that cannot come before the person was born (checked only once both were read).
        for (const field of ['admissionDate', 'ratingAgreedOn'] as const) {
          const when = answers[field] as unknown;
          if (born && typeof when === 'string' && when < born) problem(field, 'before_birth');
        }
      }, crossCheck)
      .transform((answers): ReferralPayload => {
        const inHospital = answers.livesIn === 'mental_health_hospital';
        const nhsNumber = answers.nhsNumberKnown === 'yes' ? readNhsNumber(answers.nhsNumber) : undefined;
        const services = answers.servicesInvolved.filter((value) => value !== 'other');
        if (answers.servicesInvolved.includes('other') && answers.otherServices) services.push(answers.otherServices);
        return {
          givenName: answers.givenName,
          familyName: answers.familyName,
          dateOfBirth: answers.dateOfBirth,
          hasEhcp: ehcpOptions.find((option) => option.value === answers.hasEhcp)?.value,
          nhsNumber: nhsNumber?.ok ? nhsNumber.digits : null,
          nhsNumberUnknownReason: answers.nhsNumberKnown === 'no' ? answers.nhsNumberUnknownReason : undefined,
          postcode: answers.postcode,
          area: answers.area,
          gpPractice: answers.gpPractice,
          condition: answers.condition,
          livesIn: answers.livesIn,
          hospitalName: inHospital ? answers.hospitalName : undefined,
          admissionDate: inHospital ? answers.admissionDate : undefined,
          rating: answers.rating,
          ratingAgreedOn: answers.ratingAgreedOn,
          ratingReason: answers.ratingReason,
          consentBasis: answers.consentBasis,
          consentReference: answers.consentReference,
          familyInvolved: answers.familyInvolved,
          servicesInvolved: services,
          previousReview: answers.previousReview,
          communicationNeeds: answers.communicationNeeds,
          submissionId: answers.submissionId,
        };
      });
  },
});
