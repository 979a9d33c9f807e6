// Complete, valid answers for each form, as a browser would post them. Tests change
// one answer at a time to check one rule. The people are fictional.
import { todayInEngland, yearsBefore } from '../../src/forms/dates.ts';

export const today = '2026-11-25';

export const registration = {
  fullName: 'Sam Carter',
  email: 'sam.carter@nhs.net',
  jobTitle: 'Community nurse',
  organisation: 'Northshire Community Learning Disability Team',
  area: 'Riverton City',
  phone: '01632 960 001',
  agreedToResponsibilities: 'yes',
};

export const consent = {
  personName: 'Alex Example',
  'dateOfBirth-day': '4',
  'dateOfBirth-month': '3',
  'dateOfBirth-year': '2010',
  decision: 'best_interests',
  bestInterestsDecisionMakerName: 'Jo Social',
  decisionMakerRole: 'Social worker',
  consulted: ['family', 'advocate'],
  'decisionDate-day': '20',
  'decisionDate-month': '11',
  'decisionDate-year': '2026',
  sharingWith: ['health', 'social_care'],
};

export const referral = {
  givenName: 'Alex',
  familyName: 'Example',
  'dateOfBirth-day': '4',
  'dateOfBirth-month': '3',
  'dateOfBirth-year': '2010',
  nhsNumberKnown: 'yes',
  nhsNumber: '943 476 5919',
  postcode: 'ls1 4ap',
  area: 'Riverton City',
  gpPractice: 'Riverside Surgery',
  condition: 'autism',
  livesIn: 'community',
  rating: 'amber',
  'ratingAgreedOn-day': '18',
  'ratingAgreedOn-month': '11',
  'ratingAgreedOn-year': '2026',
  ratingReason: 'Placement at risk of breaking down; two crisis calls this month.',
  consentBasis: 'consented',
  familyInvolved: 'Mother, and an advocate',
  servicesInvolved: ['camhs', 'education'],
  previousReview: 'none',
  communicationNeeds: 'Uses pictures; meet at home.',
};

export const withdrawal = {
  personName: 'Alex Example',
  'dateOfBirth-day': '4',
  'dateOfBirth-month': '3',
  'dateOfBirth-year': '2010',
  dsrReference: '',
  requesterRelationship: 'parent_or_carer',
  requesterName: 'Pat Example',
  requesterEmail: 'pat@example.com',
  requesterPhone: '',
  understandsSupportContinues: 'yes',
};

export const request = {
  askerRelationship: 'parent_or_carer',
  askerConnection: '',
  personName: 'Sam Example',
  'dateOfBirth-day': '12',
  'dateOfBirth-month': '6',
  'dateOfBirth-year': '2011',
  area: 'Riverton City',
  worries: 'He has stopped going to school and hurt himself twice this week. His support worker has left.',
  personKnows: 'knows_and_agrees',
  askerName: 'Chris Example',
  askerEmail: 'chris@example.com',
  askerPhone: '',
};

type Answers = Record<string, string | string[]>;

/** The answers as an HTML form would post them (checkboxes repeat their name). */
export function asFormPost(answers: Answers): URLSearchParams {
  const post = new URLSearchParams();
  for (const [name, value] of Object.entries(answers)) {
    for (const one of Array.isArray(value) ? value : [value]) post.append(name, one);
  }
  return post;
}

/** A date question's three boxes, as a browser posts them (`name-day`, `name-month`, `name-year`). */
export function dateAnswer(name: string, isoDate: string): Record<string, string> {
  const [year = '', month = '', day = ''] = isoDate.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year };
}

/** The answers with a date of birth `years` ago today (so age rules hold whatever day the tests run). */
export function bornYearsAgo(base: Answers, years: number): Answers {
  return { ...base, ...dateAnswer('dateOfBirth', yearsBefore(todayInEngland(), years)) };
}
