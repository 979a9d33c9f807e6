// What the referral island shows from the comms team's content, prepared at build
// (and by the server) from the checked modules in src/content, and handed to the
// browser as plain data: those modules check their files with zod on import,
// which the browser can do without.
import { describeAges, describeRatings, isEligibleForKeyworker, keyworkerEligibility } from '../../../content/keyworkers.ts';
import { ratingIds, ratings } from '../../../content/ratings.ts';
import type { ReferralContent } from './keyworker.ts';

/** Nobody on the register is older than this; only used to list the ages a rule covers. */
const oldestAge = 120;

export function referralContent(): ReferralContent {
  const ages = Array.from({ length: oldestAge + 1 }, (_, age) => age);
  return {
    ratings: ratings.map(({ id, name, headline, describes, mustHappen }) => ({ id, name, headline, describes, mustHappen })),
    keyworkerAges: Object.fromEntries(ratingIds.map((rating) => [rating, ages.filter((age) => isEligibleForKeyworker(age, rating))])),
    keyworkerRule: keyworkerEligibility.map((rule) => `${describeAges(rule)} rated ${describeRatings(rule.ratings)}`).join(', or '),
  };
}
