// The four DSR ratings, read from content/ratings.json and checked against the
// schema when first imported. Import from here (pages, forms, functions, tests),
// never from the JSON file, so every part of the site reads the same, valid words.
import ratingsFile from '../../content/ratings.json' with { type: 'json' };
import { ratingIds, ratingsFileSchema, type Rating, type RatingId } from './schemas.ts';

export { ratingIds, type Rating, type RatingId };

/** The ratings in the order the site shows them: RED, AMBER, GREEN, BLUE. */
export const ratings: readonly Rating[] = ratingsFileSchema
  .parse(ratingsFile)
  .toSorted((a, b) => ratingIds.indexOf(a.id) - ratingIds.indexOf(b.id));

/** One rating by its id; the schema guarantees every id has exactly one. */
export function ratingFor(id: RatingId): Rating {
  const rating = ratings.find((candidate) => candidate.id === id);
  if (!rating) throw new Error(`content/ratings.json has no ${id} rating`);
  return rating;
}

/** True for a string that names a rating ("red", "amber", "green" or "blue"). */
export function isRatingId(value: string): value is RatingId {
  return (ratingIds as readonly string[]).includes(value);
}
