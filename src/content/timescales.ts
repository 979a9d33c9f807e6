// What the DSR team commits to, and how soon, read from content/timescales.json and
// checked on import. The confirmation pages, the emails and the guidance take their
// promises from here: import from here, never from the JSON file.
import timescalesFile from '../../content/timescales.json' with { type: 'json' };
import { ratingTimescaleProblems } from './cross-checks.ts';
import { ratingFor, ratingIds, type RatingId } from './ratings.ts';
import { timescalesSchema, type Timescales } from './schemas.ts';

export type { Timescales };

export const timescales: Timescales = timescalesSchema.parse(timescalesFile);
const problems = ratingTimescaleProblems(timescales, ratingIds);
if (problems.length > 0) throw new Error(`content/timescales.json: ${problems.map((problem) => problem.message).join(' ')}`);

/** "on the same working day": how soon the team acts on a referral with this rating. */
export function referralTimescale(rating: RatingId): string {
  return timescales.referrals.byRating.find((entry) => entry.rating === rating)!.when;
}

/** "The DSR team reads the referral and contacts the professional who made it on the same working day." */
export const referralPromise = (rating: RatingId) => `${timescales.referrals.whatHappens} ${referralTimescale(rating)}.`;

/** "The DSR team checks the request … within one month." */
export const withdrawalPromise = `${timescales.withdrawals.whatHappens} ${timescales.withdrawals.when}.`;

/** "The DSR team reads the request and contacts the person who asked … within five working days." */
export const requestPromise = `${timescales.requests.whatHappens} ${timescales.requests.when}.`;

/** Each rating with how soon the team acts on its referrals, in the site's order of ratings. */
export const referralTimescales = ratingIds.map((id) => ({ rating: ratingFor(id), when: referralTimescale(id) }));
