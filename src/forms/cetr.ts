// Recording a C(E)TR on a person's record in the DSR team console: its questions, the
// words of its errors, and reading a post into the payload of team_record_cetr
// (supabase/migrations/20261125000890_cetrs_and_figures.sql). The database is the
// authority and raises the same codes; the checks here let one post show every problem.
import { readDate } from './dates.ts';
import { firstText, readFormValues, type PostedAnswers } from './input.ts';
import { dateMessages, textMessages, type FieldMessages } from './messages.ts';
import { reasonMaxLength, reviewRatingOptions } from './rating-review.ts';
import type { DateParts, FieldError, Option } from './types.ts';

export const cetrKindOptions: Option[] = [
  { value: 'cetr', label: 'Care, Education and Treatment Review (CETR)', hint: 'For children and young people (up to 17, or 18 to 25 with an education, health and care plan).' },
  { value: 'ctr', label: 'Care and Treatment Review (CTR)', hint: 'For adults.' },
];
export const cetrSettingOptions: Option[] = [
  { value: 'community', label: 'In the community' },
  { value: 'inpatient', label: 'In hospital (inpatient)' },
];

/** How many recommendations the form has room for at once. */
export const recommendationRows = 6;
export const recommendationMaxLength = 2000;
export const ownerMaxLength = 200;

export const cetrFieldOrder = ['kind', 'setting', 'heldOn', 'rating', 'reason',
  ...Array.from({ length: recommendationRows }, (_, i) => [`recommendation${i + 1}`, `owner${i + 1}`]).flat()] as const;

const heldOnMessages = dateMessages(
  { start: 'Date the C(E)TR was held', inside: 'the date the C(E)TR was held' },
  { before_first_referral: 'Date the C(E)TR was held must be on or after the day of their first referral' },
);

export function cetrErrorMessage(error: FieldError): string {
  const row = /^(recommendation|owner)(\d+)$/.exec(error.field);
  if (row) {
    const words: FieldMessages = row[1] === 'recommendation'
      ? { required: `Enter recommendation ${row[2]}, or clear its owner`, too_long: `Recommendation ${row[2]} must be ${recommendationMaxLength.toLocaleString('en-GB')} characters or fewer` }
      : { required: `Enter who owns recommendation ${row[2]}`, too_long: `The owner of recommendation ${row[2]} must be ${ownerMaxLength} characters or fewer` };
    return words[error.code] ?? 'Check this recommendation';
  }
  const messages: Record<string, FieldMessages> = {
    kind: { required: 'Select whether it was a CETR or a CTR' },
    setting: { required: 'Select where the C(E)TR was held' },
    heldOn: heldOnMessages,
    rating: { required: 'Select the rating the C(E)TR agreed' },
    reason: textMessages('Say why this rating was agreed', 'The reason for the rating', reasonMaxLength),
  };
  return messages[error.field]?.[error.code] ?? 'Check your answer to this question';
}

export interface CetrValues {
  kind: string;
  setting: string;
  heldOn: DateParts;
  rating: string;
  reason: string;
  recommendations: { recommendation: string; owner: string }[];
}

export const blankCetr: CetrValues = {
  kind: '', setting: '', heldOn: { day: '', month: '', year: '' }, rating: '', reason: '',
  recommendations: Array.from({ length: recommendationRows }, () => ({ recommendation: '', owner: '' })),
};

export function readCetrValues(posted: PostedAnswers): CetrValues {
  const values = readFormValues([{ type: 'date', name: 'heldOn', label: '' }, { type: 'textarea', name: 'reason', label: '' }] as never, posted);
  return {
    kind: firstText(posted, 'kind'),
    setting: firstText(posted, 'setting'),
    heldOn: values['heldOn'] as DateParts,
    rating: firstText(posted, 'rating'),
    reason: values['reason'] as string,
    recommendations: Array.from({ length: recommendationRows }, (_, i) => ({
      recommendation: firstText(posted, `recommendation${i + 1}`),
      owner: firstText(posted, `owner${i + 1}`),
    })),
  };
}

/** The payload for team_record_cetr, or every problem the form can see on its own. */
export function checkCetr(reference: string, values: CetrValues): { ok: true; payload: Record<string, unknown> } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!cetrKindOptions.some((option) => option.value === values.kind)) errors.push({ field: 'kind', code: 'required' });
  if (!cetrSettingOptions.some((option) => option.value === values.setting)) errors.push({ field: 'setting', code: 'required' });
  const date = readDate(values.heldOn);
  if (!date.ok) errors.push({ field: 'heldOn', code: date.problem });
  if (!reviewRatingOptions.some((option) => option.value === values.rating)) errors.push({ field: 'rating', code: 'required' });
  const reason = values.reason.trim();
  if (reason === '') errors.push({ field: 'reason', code: 'required' });
  else if (reason.length > reasonMaxLength) errors.push({ field: 'reason', code: 'too_long' });
  const recommendations = values.recommendations.map((row, i) => {
    const recommendation = row.recommendation.trim();
    const owner = row.owner.trim();
    if (recommendation === '' && owner !== '') errors.push({ field: `recommendation${i + 1}`, code: 'required' });
    if (recommendation !== '' && owner === '') errors.push({ field: `owner${i + 1}`, code: 'required' });
    if (recommendation.length > recommendationMaxLength) errors.push({ field: `recommendation${i + 1}`, code: 'too_long' });
    if (owner.length > ownerMaxLength) errors.push({ field: `owner${i + 1}`, code: 'too_long' });
    return { recommendation, owner };
  });
  if (errors.length > 0 || !date.ok) return { ok: false, errors };
  return { ok: true, payload: { reference, kind: values.kind, setting: values.setting, heldOn: date.iso, rating: values.rating, reason, recommendations } };
}
