// The data other parts of the site import from src/content/: the ratings in
// their fixed order, and who is eligible for a keyworker (18 and under rated
// RED, AMBER or BLUE; 18 to 25 rated BLUE), read from content/.
import { describe, expect, test } from 'vitest';
import { describeAges, isEligibleForKeyworker, keyworkerAgesFor, keyworkerEligibility, keyworkingStandards, ratingsWithKeyworkers } from '../../src/content/keyworkers.ts';
import { isRatingId, ratingFor, ratings } from '../../src/content/ratings.ts';
import { keyworkerEligibilityFileSchema, type RatingId } from '../../src/content/schemas.ts';

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
