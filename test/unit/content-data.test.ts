// The data other parts of the site import from src/content/: the ratings in
// their fixed order, and who is eligible for a keyworker (18 and under rated
// RED, AMBER or BLUE; 18 to 25 rated BLUE), read from content/.
import { describe, expect, test } from 'vitest';
import { describeAges, isEligibleForKeyworker, keyworkerAgesFor, keyworkerEligibility, keyworkingStandards, ratingsWithKeyworkers } from '../../src/content/keyworkers.ts';
import { isRatingId, ratingFor, ratings } from '../../src/content/ratings.ts';
import { ehcpMatters, reviewFor } from '../../src/content/rules.ts';
import { keyworkerEligibilityFileSchema, reviewTypesFileSchema, type RatingId } from '../../src/content/schemas.ts';

describe('ratings', () => {
  test('are the four ratings, in the order RED, AMBER, GREEN, BLUE, each with its word', () => {
    expect(ratings.map((rating) => rating.name)).toEqual(['RED', 'AMBER', 'GREEN', 'BLUE']);
    expect(ratingFor('blue').describes).toMatch(/mental health hospital/);
    expect(isRatingId('amber')).toBe(true);
    expect(isRatingId('purple')).toBe(false);
  });

  test('lead to a keyworker referral when a keyworker rule names them (one owner: keyworker-eligibility.json)', () => {
    expect(ratingsWithKeyworkers()).toEqual(['red', 'amber', 'blue']);
  });
});

describe('keyworker eligibility', () => {
  const cases: [number, RatingId, boolean][] = [
    [10, 'red', true],
    [17, 'amber', true],
    [18, 'red', true],
    [18, 'blue', true],
    [19, 'red', false],
    [19, 'amber', false],
    [19, 'blue', true],
    [25, 'blue', true],
    [26, 'blue', false],
    [12, 'green', false],
  ];
  test.each(cases)('age %i rated %s: eligible is %s', (age, rating, eligible) => {
    expect(isEligibleForKeyworker(age, rating)).toBe(eligible);
  });

  test('reads the ages from the rules it is given, not from code', () => {
    const rules = keyworkerEligibilityFileSchema.parse([{ id: 'older', youngestAge: 30, oldestAge: 40, ratings: ['green'] }]);
    expect(isEligibleForKeyworker(35, 'green', rules)).toBe(true);
    expect(isEligibleForKeyworker(18, 'red', rules)).toBe(false);
  });

  test('describes the ages in words, joining ranges that meet', () => {
    expect(keyworkerEligibility.map(describeAges)).toEqual(['aged 18 and under', 'aged 18 to 25']);
    expect(keyworkerAgesFor('red')).toBe('aged 18 and under');
    expect(keyworkerAgesFor('blue')).toBe('aged 25 and under');
    expect(keyworkerAgesFor('green')).toBeUndefined();
  });
});

test('there are seven keyworking minimum standards, numbered in order', () => {
  expect(keyworkingStandards.map((standard) => standard.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
});

describe('the review someone has (content/review-types.json)', () => {
  test.each([
    [10, false, 'CETR'],
    [17, false, 'CETR'],
    [18, true, 'CETR'],
    [18, false, 'CTR'],
    [25, true, 'CETR'],
    [25, false, 'CTR'],
    [26, true, 'CTR'],
    [60, false, 'CTR'],
  ])('age %i, EHCP %s: a %s', (age, hasEhcp, shortName) => {
    expect(reviewFor(age, hasEhcp).shortName).toBe(shortName);
  });

  test('the referral form asks about an EHCP only at the ages where it decides the review', () => {
    expect([16, 17, 18, 25, 26].map(ehcpMatters)).toEqual([false, false, true, true, false]);
  });

  test('a file that leaves 18 to 25-year-olds with an EHCP without a review is refused, naming the age', () => {
    const gap = [
      { id: 'cetr', name: 'Care, Education and Treatment Review', shortName: 'CETR', for: [{ oldestAge: 17 }], inHospitalEveryMonths: 3 },
      { id: 'ctr', name: 'Care and Treatment Review', shortName: 'CTR', for: [{ youngestAge: 18, hasEhcp: false }, { youngestAge: 26 }], inHospitalEveryMonths: 6 },
    ];
    const result = reviewTypesFileSchema.safeParse(gap);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['gives no review to someone aged 18 with an EHCP']);
  });

  test('how often in hospital is a whole number of months from 1 to 12', () => {
    const file = (months: unknown) => [
      { id: 'cetr', name: 'Care, Education and Treatment Review', shortName: 'CETR', for: [{ oldestAge: 17 }, { youngestAge: 18, oldestAge: 25, hasEhcp: true }], inHospitalEveryMonths: months },
      { id: 'ctr', name: 'Care and Treatment Review', shortName: 'CTR', for: [{ youngestAge: 18, oldestAge: 25, hasEhcp: false }, { youngestAge: 26 }], inHospitalEveryMonths: 6 },
    ];
    expect(reviewTypesFileSchema.safeParse(file(3)).success).toBe(true);
    for (const [months, message] of [[0, 'must be at least 1 month'], [13, 'must be 12 months or fewer'], [2.5, 'must be a whole number of months']] as const) {
      expect(reviewTypesFileSchema.safeParse(file(months)).error?.issues.map((issue) => issue.message)).toEqual([message]);
    }
  });

  test('a file that gives someone two reviews is refused', () => {
    const overlap = [
      { id: 'cetr', name: 'Care, Education and Treatment Review', shortName: 'CETR', for: [{ oldestAge: 25 }], inHospitalEveryMonths: 3 },
      { id: 'ctr', name: 'Care and Treatment Review', shortName: 'CTR', for: [{ youngestAge: 18 }], inHospitalEveryMonths: 6 },
    ];
    const result = reviewTypesFileSchema.safeParse(overlap);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['gives someone aged 18 with an EHCP two reviews']);
  });
});
