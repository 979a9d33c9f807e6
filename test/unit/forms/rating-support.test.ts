// The rating support tool's suggestion (src/forms/rating-support.ts), over the tool as
// the comms team wrote it (content/rating-support.json) and over tools made up by
// fast-check, so that a change to the questions cannot break the rule either.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ratingSupport } from '../../../src/content/rating-support.ts';
import { ratingIds } from '../../../src/content/ratings.ts';
import type { RatingSupport } from '../../../src/content/schemas.ts';
import { answerField, rankOf, readAgreement, readAnswers, suggestRating, type ToolAnswers } from '../../../src/forms/rating-support.ts';

/**
 * What the safety rule says must hold for any answers, worked out apart from how
 * suggestRating does it: the first way it fails, in words, or undefined. (Plain checks,
 * not expect(): the exhaustive test below runs it half a million times.)
 */
function safetyProblem(tool: RatingSupport, answers: ToolAnswers): string | undefined {
  const suggestion = suggestRating(tool, answers);
  const answered = tool.questions.filter((question) => question.answers.some((answer) => answer.id === answers[question.id]));
  const pointed = answered.flatMap((question) => question.answers.find((answer) => answer.id === answers[question.id])!.pointsTo ?? []);
  const said = `${JSON.stringify(answers)} suggested ${suggestion.rating}`;
  // Never lower than the highest rating whose criteria an answer meets.
  const higher = pointed.find((rating) => rankOf(tool, rating) > rankOf(tool, suggestion.rating));
  if (higher) return `${said}, lower than ${higher}, which an answer points to`;
  // Never higher than it needs to be either: one of the ratings pointed to, or the starting rating.
  if (!pointed.includes(suggestion.rating) && suggestion.rating !== tool.startingRating) return `${said}, which nothing points to`;
  // Says which questions are not answered, every one, in the order asked.
  const missing = tool.questions.filter((question) => !answered.includes(question)).map((question) => question.id);
  if (suggestion.missing.join() !== missing.join()) return `${said} with missing ${suggestion.missing.join()}, not ${missing.join()}`;
  // Shows which answers led to it: each of them points to the suggested rating, and there is one unless it is the starting rating.
  const leading = answered.filter((question) => question.answers.find((answer) => answer.id === answers[question.id])!.pointsTo === suggestion.rating);
  if (suggestion.because.join() !== leading.map((question) => question.id).join()) return `${said} because of ${suggestion.because.join()}`;
  return undefined;
}

/** Any answers to a tool's questions: each question answered with one of its answers, left out, or sent with a made-up answer. */
const answersFor = (tool: RatingSupport) =>
  fc.record(
    Object.fromEntries(tool.questions.map((question) => [question.id, fc.constantFrom(...question.answers.map((answer) => answer.id), undefined, 'made-up')])),
    { requiredKeys: [] },
  ) as fc.Arbitrary<ToolAnswers>;

/** A made-up tool over the site's ratings, in any order, with any answers pointing anywhere. */
const anyTool: fc.Arbitrary<RatingSupport> = fc
  .record({
    order: fc.shuffledSubarray([...ratingIds], { minLength: ratingIds.length, maxLength: ratingIds.length }),
    questions: fc.uniqueArray(
      fc.record({
        id: fc.stringMatching(/^[a-z]{1,8}$/),
        pointsTo: fc.array(fc.option(fc.constantFrom(...ratingIds), { nil: undefined }), { minLength: 2, maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 8, selector: (question) => question.id },
    ),
  })
  .chain(({ order, questions }) =>
    fc.constantFrom(...order).map((startingRating) => ({
      startingRating,
      ratingOrder: order,
      sources: [{ id: 'source', title: 'A source', publisher: 'NHS England', url: 'https://www.england.nhs.uk/' }],
      questions: questions.map(({ id, pointsTo }) => ({
        id,
        question: `${id}?`,
        help: 'Help.',
        sources: ['source'],
        answers: pointsTo.map((rating, index) => ({ id: `answer-${index}`, label: `Answer ${index}`, ...(rating ? { pointsTo: rating } : {}) })),
      })),
    })),
  );

describe('the rating support tool', () => {
  test('never suggests a rating lower than the highest rating whose criteria are met, and says when answers are missing: every combination of answers to the published questions', () => {
    // Every question answered with each of its answers or left unanswered: all of them, not a sample.
    const choices = ratingSupport.questions.map((question) => [...question.answers.map((answer) => answer.id), undefined]);
    const total = choices.reduce((product, options) => product * options.length, 1);
    let checked = 0;
    const walk = (index: number, answers: ToolAnswers) => {
      if (index === choices.length) {
        const problem = safetyProblem(ratingSupport, answers);
        if (problem) throw new Error(problem);
        checked += 1;
        return;
      }
      const id = ratingSupport.questions[index]!.id;
      for (const choice of choices[index]!) {
        if (choice === undefined) delete answers[id];
        else answers[id] = choice;
        walk(index + 1, answers);
      }
      delete answers[id];
    };
    walk(0, {});
    expect(checked).toBe(total);
  }, 60_000);

  test('never suggests a rating lower than the highest rating whose criteria are met, and says when answers are missing (fast-check, published questions and made-up answers)', () => {
    fc.assert(fc.property(answersFor(ratingSupport), (answers) => {
      expect(safetyProblem(ratingSupport, answers)).toBeUndefined();
    }), { numRuns: 2000 });
  });

  test('the same holds for any questions the comms team might write (fast-check over made-up tools)', () => {
    fc.assert(fc.property(anyTool.chain((tool) => answersFor(tool).map((answers) => ({ tool, answers }))), ({ tool, answers }) => {
      expect(safetyProblem(tool, answers)).toBeUndefined();
    }), { numRuns: 2000 });
  });

  test('in hospital now suggests BLUE whatever else is answered; a crisis suggests RED; nothing answered says every question is missing', () => {
    const all = (answer: string) => Object.fromEntries(ratingSupport.questions.map((question) => [question.id, answer]));
    expect(suggestRating(ratingSupport, { ...all('yes'), 'risks-managed': 'no' }).rating).toBe('blue');
    const crisis = suggestRating(ratingSupport, { ...all('no'), 'risks-managed': 'yes', 'crisis-now': 'yes', 'mental-health': 'yes' });
    expect(crisis).toEqual({ rating: 'red', because: ['crisis-now'], missing: [] });
    const none = suggestRating(ratingSupport, {});
    expect(none.rating).toBe(ratingSupport.startingRating);
    expect(none.missing).toHaveLength(ratingSupport.questions.length);
  });

  test('an answer that is not one of the question’s is an error, never read as an answer', () => {
    const read = readAnswers(ratingSupport, { [answerField('crisis-now')]: 'maybe', [answerField('behaviour')]: 'yes' });
    expect(read.answers).toEqual({ behaviour: 'yes' });
    expect(read.errors).toEqual([{ field: answerField('crisis-now'), code: 'unknown' }]);
  });

  test('the agreed rating, who took part, the date and the reasons are all needed, and the rating is never filled in for the MDT', () => {
    const blank = { discussedOn: { day: '', month: '', year: '' }, tookPart: '', agreedRating: '', agreedReasons: '' };
    const read = readAgreement(blank, '2026-11-30');
    expect(read.ok ? [] : read.errors.map((error) => `${error.field}:${error.code}`)).toEqual(['discussedOn:required', 'tookPart:required', 'agreedRating:required', 'agreedReasons:required']);
    const given = readAgreement({ discussedOn: { day: '30', month: '11', year: '2026' }, tookPart: 'Nurse, social worker', agreedRating: 'red', agreedReasons: 'Crisis at home.' }, '2026-11-30');
    expect(given).toEqual({ ok: true, agreement: { discussedOn: '2026-11-30', tookPart: 'Nurse, social worker', agreedRating: 'red', agreedReasons: 'Crisis at home.' } });
  });
});
