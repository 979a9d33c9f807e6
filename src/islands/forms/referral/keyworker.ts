// Must the person be assessed for a keyworker? Answered in the browser as soon as the date of
// birth and the rating are known. The national rules live in content/ and are
// applied at build by src/content/keyworkers.ts: the page carries the result, the
// ages at which each rating leads to a keyworker (src/forms/referral-content.ts).
import { ageOn, readDate } from '../../../forms/dates.ts';
import type { RatingContent, ReferralContent } from '../../../forms/referral-content.ts';
import { dateOf, textOf } from '../../../forms/steps.ts';
import type { FormValues } from '../../../forms/types.ts';

export type { RatingContent, ReferralContent };

export interface KeyworkerAdvice {
  age: number;
  rating: RatingContent;
  eligible: boolean;
}

/** Undefined until both a real, past date of birth and a rating have been given. */
export function keyworkerAdvice(values: FormValues, today: string, content: ReferralContent): KeyworkerAdvice | undefined {
  const born = readDate(dateOf(values, 'dateOfBirth'));
  const rating = content.ratings.find((candidate) => candidate.id === textOf(values, 'rating'));
  if (!born.ok || born.iso > today || !rating) return undefined;
  const age = ageOn(born.iso, today);
  return { age, rating, eligible: (content.keyworkerAges[rating.id] ?? []).includes(age) };
}

/** The sentence the professional sees, e.g. "They must be assessed for a keyworker: they are 15 years old and rated RED." */
export function describeKeyworkerAdvice(advice: KeyworkerAdvice): string {
  const years = `${advice.age} year${advice.age === 1 ? '' : 's'} old`;
  return advice.eligible
    ? `They must be assessed for a keyworker: they are ${years} and rated ${advice.rating.name}. They should be referred to the keyworking service for children and young people.`
    : `They are ${years} and rated ${advice.rating.name}: not among those who must be assessed for a keyworker.`;
}
