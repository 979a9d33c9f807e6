// Who must be assessed for a keyworker, and the minimum standards for keyworking services,
// read from content/ and checked against the schemas when first imported.
// The rules are data because they are set nationally and may change: nothing
// else in the site should hold an age or a rating list for keyworkers.
import eligibilityFile from '../../content/keyworker-eligibility.json' with { type: 'json' };
import standardsFile from '../../content/keyworking-standards.json' with { type: 'json' };
import { ratingFor } from './ratings.ts';
import { isAgeIn } from './rules.ts';
import {
  keyworkerEligibilityFileSchema,
  keyworkingStandardsFileSchema,
  type KeyworkerEligibilityRule,
  type KeyworkingStandard,
  type RatingId,
} from './schemas.ts';

export type { KeyworkerEligibilityRule, KeyworkingStandard };

/** Each rule: an age range (whole years, both ends included) and the ratings that qualify. */
export const keyworkerEligibility: readonly KeyworkerEligibilityRule[] = keyworkerEligibilityFileSchema.parse(eligibilityFile);

/** The seven minimum standards, in their national order. */
export const keyworkingStandards: readonly KeyworkingStandard[] = keyworkingStandardsFileSchema.parse(standardsFile);

/**
 * Whether a child or young person should be assessed for a keyworker.
 * `age` is in whole years on the day it is asked.
 */
export function isEligibleForKeyworker(age: number, rating: RatingId, rules: readonly KeyworkerEligibilityRule[] = keyworkerEligibility): boolean {
  return rules.some((rule) => isAgeIn(age, rule) && rule.ratings.includes(rating));
}

/** The ratings that can lead to a keyworker at some age. */
export function ratingsWithKeyworkers(rules: readonly KeyworkerEligibilityRule[] = keyworkerEligibility): RatingId[] {
  return [...new Set(rules.flatMap((rule) => rule.ratings))];
}

/** "aged 18 and under" or "aged 18 to 25": the rule's ages in words. */
export function describeAges(rule: KeyworkerEligibilityRule): string {
  return rule.youngestAge === undefined ? `aged ${rule.oldestAge} and under` : `aged ${rule.youngestAge} to ${rule.oldestAge}`;
}

/** "RED, AMBER or BLUE": the rule's ratings as their words, in the site's order. */
export function describeRatings(ratings: readonly RatingId[]): string {
  const names = ratings.map((id) => ratingFor(id).name);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : (names[0] ?? '');
}

/** "you are 18 or younger" or "you are 18 to 25": the rule's ages in easy read. */
export function describeAgesEasyRead(rule: KeyworkerEligibilityRule): string {
  return rule.youngestAge === undefined ? `you are ${rule.oldestAge} or younger` : `you are ${rule.youngestAge} to ${rule.oldestAge}`;
}

/**
 * The ages at which a rating leads to a keyworker, in words: rules that overlap or
 * meet are joined, so BLUE reads "aged 25 and under" rather than two ranges.
 * Undefined when the rating never leads to a keyworker.
 */
export function keyworkerAgesFor(rating: RatingId, rules: readonly KeyworkerEligibilityRule[] = keyworkerEligibility): string | undefined {
  const ranges = rules
    .filter((rule) => rule.ratings.includes(rating))
    .map((rule) => ({ from: rule.youngestAge ?? -1, to: rule.oldestAge }))
    .toSorted((a, b) => a.from - b.from);
  const joined: { from: number; to: number }[] = [];
  for (const range of ranges) {
    const last = joined.at(-1);
    if (last && range.from <= last.to + 1) last.to = Math.max(last.to, range.to);
    else joined.push({ ...range });
  }
  if (joined.length === 0) return undefined;
  return joined
    .map((range) => describeAges({ id: 'joined', ratings: [rating], oldestAge: range.to, ...(range.from >= 0 ? { youngestAge: range.from } : {}) }))
    .join(', or ');
}
