// Facts that a data file must agree on with ratings.json. `npm run check:content`
// reports them in an editor's words, and the modules that read the files
// (timescales.ts, rating-support.ts) refuse to load without them, so a build never
// carries a timescale or a question that points at a rating the site does not have.
import type { RatingSupport, Timescales } from './schemas.ts';

export interface CrossProblem {
  field: string;
  message: string;
  fix: string;
}

const quoted = (ids: readonly string[]) => ids.map((id) => `"${id}"`).join(', ');

/** Every rating has exactly one timescale for its referrals, and none is for a rating that does not exist. */
export function ratingTimescaleProblems(timescales: Timescales | undefined, ratingIds: readonly string[]): CrossProblem[] {
  if (!timescales) return [];
  const problems: CrossProblem[] = [];
  const given = timescales.referrals.byRating.map((entry) => entry.rating);
  for (const id of given.filter((id) => !ratingIds.includes(id))) {
    problems.push({ field: 'referrals, byRating', message: `"${id}" is not a rating in ratings.json.`, fix: `Use the ids of ratings.json: ${quoted(ratingIds)}.` });
  }
  for (const id of ratingIds) {
    const count = given.filter((rating) => rating === id).length;
    if (count !== 1) {
      problems.push({
        field: 'referrals, byRating',
        message: count === 0 ? `The rating "${id}" has no timescale.` : `The rating "${id}" has ${count} timescales.`,
        fix: 'Give every rating of ratings.json exactly one entry, so each referral has one promise.',
      });
    }
  }
  return problems;
}

/** The tool's ratings are the site's, its order has each once, and every source a question names is listed. */
export function ratingSupportProblems(tool: RatingSupport | undefined, ratingIds: readonly string[]): CrossProblem[] {
  if (!tool) return [];
  const problems: CrossProblem[] = [];
  const notARating = (field: string, id: string) =>
    problems.push({ field, message: `"${id}" is not a rating in ratings.json.`, fix: `Use the ids of ratings.json: ${quoted(ratingIds)}.` });
  if (!ratingIds.includes(tool.startingRating)) notARating('startingRating', tool.startingRating);
  for (const id of tool.ratingOrder.filter((id) => !ratingIds.includes(id))) notARating('ratingOrder', id);
  for (const id of ratingIds) {
    const count = tool.ratingOrder.filter((rating) => rating === id).length;
    if (count !== 1) {
      problems.push({
        field: 'ratingOrder',
        message: `The rating "${id}" is in the order ${count} times.`,
        fix: 'List every rating of ratings.json exactly once, lowest first.',
      });
    }
  }
  const sourceIds = tool.sources.map((source) => source.id);
  const questionIds = new Set<string>();
  for (const question of tool.questions) {
    if (questionIds.has(question.id)) {
      problems.push({ field: `the question with id "${question.id}"`, message: `Two questions have the id "${question.id}".`, fix: 'Give each question its own id.' });
    }
    questionIds.add(question.id);
    for (const source of question.sources.filter((id) => !sourceIds.includes(id))) {
      problems.push({ field: `the question with id "${question.id}", field sources`, message: `"${source}" is not one of the sources.`, fix: `Use the ids of the sources: ${quoted(sourceIds)}.` });
    }
    const answerIds = question.answers.map((answer) => answer.id);
    if (new Set(answerIds).size !== answerIds.length) {
      problems.push({ field: `the question with id "${question.id}", field answers`, message: 'Two answers have the same id.', fix: 'Give each answer of a question its own id.' });
    }
    for (const answer of question.answers) {
      if (answer.pointsTo !== undefined && !ratingIds.includes(answer.pointsTo)) notARating(`the question with id "${question.id}", answer "${answer.id}"`, answer.pointsTo);
    }
  }
  return problems;
}
