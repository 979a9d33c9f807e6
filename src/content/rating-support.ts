// The rating support tool's questions, read from content/rating-support.json and
// checked on import (against its schema and against ratings.json). Import from here,
// never from the JSON file; src/forms/rating-support.ts works out the suggestion.
import toolFile from '../../content/rating-support.json' with { type: 'json' };
import { ratingSupportProblems } from './cross-checks.ts';
import { ratingIds } from './ratings.ts';
import { ratingSupportSchema, type RatingSupport } from './schemas.ts';

export type { RatingSupport };

export const ratingSupport: RatingSupport = ratingSupportSchema.parse(toolFile);
const problems = ratingSupportProblems(ratingSupport, ratingIds);
if (problems.length > 0) throw new Error(`content/rating-support.json: ${problems.map((problem) => problem.message).join(' ')}`);
