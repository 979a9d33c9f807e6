// The ratings, read from content/ratings.json and checked against the schema when
// first imported. This file is where the rating ids come from: the forms, the
// guidance, the emails and (through `npm run rules:sql`) the database all take them
// from here. Import from here, never from the JSON file.
import ratingsFile from '../../content/ratings.json' with { type: 'json' };
import { ratingsFileSchema, type Rating, type RatingId } from './schemas.ts';

export type { Rating, RatingId };

/** The ratings in the order the site shows them: the order of the file. */
export const ratings: readonly Rating[] = ratingsFileSchema.parse(ratingsFile);

/** Every rating's id, in the site's order. */
export const ratingIds: readonly RatingId[] = ratings.map((rating) => rating.id);

/** One rating by its id. */
export function ratingFor(id: RatingId): Rating {
  const rating = ratings.find((candidate) => candidate.id === id);
  if (!rating) throw new Error(`content/ratings.json has no rating "${id}"`);
  return rating;
}

/** True for a string that names a rating in content/ratings.json. */
export function isRatingId(value: string): value is RatingId {
  return ratingIds.includes(value);
}

/** The rating of someone in a mental health hospital now (BLUE): the schema makes sure there is exactly one. */
export const inHospitalRating: Rating = ratings.find((rating) => rating.inHospital)!;
