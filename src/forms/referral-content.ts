// What the referral page shows from the comms team's content beside its questions (each
// rating's words, who must be assessed for a keyworker), prepared at build and by the server from
// the checked modules in src/content, and handed to the browser as plain data: those
// modules check their files with zod on import, which the browser can do without.
import { describeAges, describeRatings, isEligibleForKeyworker, keyworkerEligibility, type KeyworkerEligibilityRule } from '../content/keyworkers.ts';
import { ratings, type Rating } from '../content/ratings.ts';
import { referralPromise } from '../content/timescales.ts';

export interface RatingContent {
  id: string;
  name: string;
  headline: string;
  describes: string;
  /** When the rating fits: the national criteria in the site's words. */
  criteria: string[];
  mustHappen: string[];
  /** What the DSR team does with a referral of this rating, and how soon (content/timescales.json). */
  promise: string;
}

export interface ReferralContent {
  ratings: RatingContent[];
  /** For each rating id, every age (whole years) at which someone with it must be assessed for a keyworker. */
  keyworkerAges: Record<string, number[]>;
  /** The rules in words: "aged 18 and under rated RED, AMBER or BLUE, or aged 18 to 25 rated BLUE". */
  keyworkerRule: string;
}

/** Nobody on the register is older than this; only used to list the ages a rule covers. */
const oldestAge = 120;

/** From the content as it is (tests pass changed rules to see the page follow them). */
export function referralContent(
  rules: { ratings: readonly Rating[]; keyworkerEligibility: readonly KeyworkerEligibilityRule[] } = { ratings, keyworkerEligibility },
): ReferralContent {
  const ages = Array.from({ length: oldestAge + 1 }, (_, age) => age);
  return {
    ratings: rules.ratings.map(({ id, name, headline, describes, criteria, mustHappen }) => ({
      id,
      name,
      headline,
      describes,
      criteria,
      mustHappen,
      // A rating the timescales do not know yet (tests pass made-up ratings) has no promise to show.
      promise: ratings.some((rating) => rating.id === id) ? referralPromise(id) : '',
    })),
    keyworkerAges: Object.fromEntries(
      rules.ratings.map(({ id }) => [id, ages.filter((age) => isEligibleForKeyworker(age, id, rules.keyworkerEligibility))]),
    ),
    keyworkerRule: rules.keyworkerEligibility.map((rule) => `${describeAges(rule)} rated ${describeRatings(rule.ratings)}`).join(', or '),
  };
}
