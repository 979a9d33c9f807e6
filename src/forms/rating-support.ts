// The rating support tool (/professionals/rating-support/): the MDT answers the
// questions of content/rating-support.json together, the tool suggests a rating and
// says which answers led to it, and the MDT records the rating it agreed. Nothing is
// stored: each step is a form post that the server answers with the next page, and the
// last is a summary to print and save on the agency's own case recording system.
//
// Clinical safety: the suggestion is never lower (in the tool's ratingOrder) than any
// rating an answer points to, and the questions left unanswered are always named
// (test/unit/rating-support.test.ts checks both over every combination of answers).
import type { RatingSupport } from '../content/schemas.ts';
import { ratings } from '../content/ratings.ts';
import { dateMessages, describeErrors, textMessages, type FieldMessages } from './messages.ts';
import { readFormValues, type PostedAnswers } from './input.ts';
import { todayInEngland } from './dates.ts';
import { date, oneOf, requiredText, z } from './schemas.ts';
import type { Field, FieldError, FieldMessage, FormValues, Option, Section } from './types.ts';

/** The tool's page: its questions are built there, and every step posts back to it. */
export const ratingSupportPage = '/professionals/rating-support/';

/** The posted name of a question's answer: "answer-crisis-now". */
export const answerField = (questionId: string) => `answer-${questionId}`;

/** What the tool's pages are drawn from, as plain data (the browser never loads the content modules). */
export interface ToolData {
  questions: RatingSupport['questions'];
  sources: RatingSupport['sources'];
  ratings: { id: string; name: string; colour: string; headline: string; criteria: string[] }[];
  startingRating: string;
}

/** The tool and the ratings, from the checked content (the page at build, the server for each post). */
export function toolData(tool: RatingSupport): ToolData {
  return {
    questions: tool.questions,
    sources: tool.sources,
    ratings: ratings.map(({ id, name, colour, headline, criteria }) => ({ id, name, colour, headline, criteria })),
    startingRating: tool.startingRating,
  };
}

/** The steps: the questions, the suggestion (with the agreed rating to record), and the summary to print. */
export type ToolStep = 'questions' | 'suggestion' | 'summary';

/** Which answer was chosen for each question, by question id; a question left out was not answered. */
export type ToolAnswers = Record<string, string>;

export interface Suggestion {
  /** The suggested rating's id. */
  rating: string;
  /** The questions whose answers point to the suggested rating (none when it is the starting rating and no answer points to it). */
  because: string[];
  /** The questions not answered, in the order asked. */
  missing: string[];
}

/** Where a rating comes in the tool's order: higher asks more. */
export const rankOf = (tool: Pick<RatingSupport, 'ratingOrder'>, rating: string) => tool.ratingOrder.indexOf(rating);

/** The rating an answer points to, if any. */
export function pointsTo(tool: Pick<RatingSupport, 'questions'>, questionId: string, answerId: string | undefined): string | undefined {
  return tool.questions.find((question) => question.id === questionId)?.answers.find((answer) => answer.id === answerId)?.pointsTo;
}

/**
 * The suggestion: the highest rating (in ratingOrder) that any answer points to, or the
 * starting rating when that is higher or none points anywhere. Answers to unknown
 * questions, or unknown answers, count as not answered.
 */
export function suggestRating(tool: RatingSupport, answers: ToolAnswers): Suggestion {
  let rating = tool.startingRating;
  const missing: string[] = [];
  for (const question of tool.questions) {
    const chosen = question.answers.find((answer) => answer.id === answers[question.id]);
    if (!chosen) {
      missing.push(question.id);
      continue;
    }
    if (chosen.pointsTo !== undefined && rankOf(tool, chosen.pointsTo) > rankOf(tool, rating)) rating = chosen.pointsTo;
  }
  const because = tool.questions.filter((question) => pointsTo(tool, question.id, answers[question.id]) === rating).map((question) => question.id);
  return { rating, because, missing };
}

/** The questions as radios, for the form components: "answer-<id>", each answer's id its value. */
export function toolQuestionFields(tool: { questions: readonly { id: string; question: string; help: string; answers: readonly { id: string; label: string }[] }[] }): Field[] {
  return tool.questions.map((question) => ({
    type: 'radios',
    name: answerField(question.id),
    label: question.question,
    hint: question.help,
    options: question.answers.map((answer) => ({ value: answer.id, label: answer.label })),
  }));
}

export const agreedRatingOptions: Option[] = ratings.map((rating) => ({ value: rating.id, label: rating.name, hint: `${rating.headline}.` }));

/** What the MDT records on the suggestion page: the summary is made from these. */
export const agreementFields: Field[] = [
  { type: 'date', name: 'discussedOn', label: 'Date of the discussion', hint: 'For example, 3 11 2026' },
  {
    type: 'textarea',
    name: 'tookPart',
    label: 'Who took part?',
    hint: 'Their roles and agencies, for example "community nurse (learning disability team), social worker, mother". Names are not needed.',
    rows: 3,
    maxLength: 1000,
  },
  { type: 'radios', name: 'agreedRating', label: 'What rating did the MDT agree?', hint: 'The MDT decides. It may agree a different rating from the suggestion.', options: agreedRatingOptions },
  {
    type: 'textarea',
    name: 'agreedReasons',
    label: 'Why did the MDT agree this rating?',
    hint: 'The main risks and what is happening now. If the MDT agreed a different rating from the suggestion, say why. Do not include the person’s name.',
    rows: 5,
    maxLength: 2000,
  },
];

/** The words for the agreement's errors (messages.ts's helpers, as every form). */
export const agreementMessages: Record<string, FieldMessages> = {
  discussedOn: dateMessages({ start: 'Date of the discussion', inside: 'the date of the discussion' }),
  tookPart: textMessages('Say who took part in the discussion', 'Who took part', 1000),
  agreedRating: { required: 'Select the rating the MDT agreed' },
  agreedReasons: textMessages('Say why the MDT agreed this rating', 'The reasons', 2000),
  // Only a changed page can send an answer that is not one of a question's answers.
  answer: { unknown: 'Select one of the answers to this question, or leave it unanswered' },
};

export interface Agreement {
  discussedOn: string;
  tookPart: string;
  agreedRating: string;
  agreedReasons: string;
}

const agreementSchema = (today: string) =>
  z.object({
    discussedOn: date({ today, notAfterToday: true, notBefore: '1900-01-01' }),
    tookPart: requiredText(1000),
    agreedRating: oneOf(agreedRatingOptions),
    agreedReasons: requiredText(2000),
  });

/** Every field the tool posts, in the order asked. */
export const allToolFields = (tool: Parameters<typeof toolQuestionFields>[0]): Field[] => [...toolQuestionFields(tool), ...agreementFields];

/** The sections as the form components draw them. */
export const toolSections = (tool: RatingSupport): Section[] => [{ fields: allToolFields(tool) }];

/** A post tidied into the tool's values (every answer as typed, for drawing it again). */
export const readToolValues = (tool: RatingSupport, posted: PostedAnswers): FormValues => readFormValues(allToolFields(tool), posted);

/** The answers as chosen; an answer that is not one of its question's is an error, never a guess. */
export function readAnswers(tool: RatingSupport, values: FormValues): { answers: ToolAnswers; errors: FieldError[] } {
  const answers: ToolAnswers = {};
  const errors: FieldError[] = [];
  for (const question of tool.questions) {
    const given = values[answerField(question.id)];
    if (typeof given !== 'string' || given === '') continue;
    if (question.answers.some((answer) => answer.id === given)) answers[question.id] = given;
    else errors.push({ field: answerField(question.id), code: 'unknown' });
  }
  return { answers, errors };
}

/** The agreement checked; errors in the order asked. */
export function readAgreement(values: FormValues, today = todayInEngland()): { ok: true; agreement: Agreement } | { ok: false; errors: FieldError[] } {
  const result = agreementSchema(today).safeParse(values);
  if (result.success) return { ok: true, agreement: result.data };
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!errors.some((error) => error.field === field)) errors.push({ field, code: issue.message });
  }
  const order = agreementFields.map((field) => field.name);
  return { ok: false, errors: errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field)) };
}

/** Errors in words: the agreement's own, and "unknown" for any question's answer. */
export function describeToolErrors(tool: RatingSupport, errors: readonly FieldError[]): FieldMessage[] {
  const messages = { ...agreementMessages, ...Object.fromEntries(tool.questions.map((question) => [answerField(question.id), agreementMessages.answer!])) };
  return describeErrors({ messages }, errors, (name) => allToolFields(tool).find((field) => field.name === name)?.label);
}

/** Which step a post asks for: the button that sent it posts `step`. */
export function readToolStep(posted: PostedAnswers): ToolStep {
  const step = readFormValues([{ type: 'text', name: 'step', label: 'Step', maxLength: 20 }], posted).step;
  return step === 'summary' ? 'summary' : step === 'questions' ? 'questions' : 'suggestion';
}
