// "Review the rating" on a person's record in the DSR team console: its questions, the
// words of its errors, and reading a post into the payload of team_review_rating
// (supabase/migrations/20261125000870_team.sql). The database is the authority and
// raises the same codes; the checks here only let one post show every problem at once.
import { readDate } from './dates.ts';
import { firstText, readFormValues, type PostedAnswers } from './input.ts';
import { dateMessages, textMessages, type FieldMessages } from './messages.ts';
import { ratingOptions } from './referral.ts';
import type { DateParts, FieldError, Option } from './types.ts';

/** What prompted the review (team_review_rating's promptedBy). */
export const promptedByOptions: Option[] = [
  { value: 'cetr', label: 'A C(E)TR or CTR' },
  { value: 'tracking_meeting', label: 'A tracking meeting' },
  { value: 'new_information', label: 'New information' },
  { value: 'other', label: 'Something else' },
];

/** The ratings to choose from: all of them (a review does not ask where the person lives, so BLUE is not held to a hospital stay here). */
export const reviewRatingOptions = ratingOptions;

export const reasonMaxLength = 2000;

/** The order of the questions on the page, and so of the error summary. */
export const reviewFieldOrder = ['rating', 'ratingAgreedOn', 'reason', 'promptedBy'] as const;
export type ReviewField = (typeof reviewFieldOrder)[number];

export const reviewMessages: Record<ReviewField, FieldMessages> = {
  rating: { required: 'Select the rating that was agreed' },
  ratingAgreedOn: dateMessages(
    { start: 'Date the rating was agreed', inside: 'the date the rating was agreed' },
    { before_first_referral: 'Date the rating was agreed must be on or after the day of their first referral' },
  ),
  reason: textMessages('Say why this rating was agreed', 'The reason for the rating', reasonMaxLength),
  promptedBy: { required: 'Select what prompted the review' },
};

/** What was typed, kept to draw the form again. */
export interface ReviewValues {
  rating: string;
  ratingAgreedOn: DateParts;
  reason: string;
  promptedBy: string;
}

export function readReviewValues(posted: PostedAnswers): ReviewValues {
  const values = readFormValues(
    [
      { type: 'date', name: 'ratingAgreedOn', label: '' },
      { type: 'textarea', name: 'reason', label: '' },
    ] as never,
    posted,
  );
  return {
    rating: firstText(posted, 'rating'),
    ratingAgreedOn: values['ratingAgreedOn'] as DateParts,
    reason: values['reason'] as string,
    promptedBy: firstText(posted, 'promptedBy'),
  };
}

/** The payload for team_review_rating, or every problem the form can see on its own. */
export function checkReview(reference: string, values: ReviewValues): { ok: true; payload: Record<string, string> } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!reviewRatingOptions.some((option) => option.value === values.rating)) errors.push({ field: 'rating', code: 'required' });
  const date = readDate(values.ratingAgreedOn);
  if (!date.ok) errors.push({ field: 'ratingAgreedOn', code: date.problem });
  const reason = values.reason.trim();
  if (reason === '') errors.push({ field: 'reason', code: 'required' });
  else if (reason.length > reasonMaxLength) errors.push({ field: 'reason', code: 'too_long' });
  if (!promptedByOptions.some((option) => option.value === values.promptedBy)) errors.push({ field: 'promptedBy', code: 'required' });
  if (errors.length > 0 || !date.ok) return { ok: false, errors };
  return { ok: true, payload: { reference, rating: values.rating, ratingAgreedOn: date.iso, reason, promptedBy: values.promptedBy } };
}

/** The words for an error; a code without words still names the question. */
export const reviewErrorMessage = (error: FieldError) =>
  reviewMessages[error.field as ReviewField]?.[error.code] ?? 'Check your answer to this question';
