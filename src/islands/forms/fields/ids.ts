// The ids the NHS design system markup uses, in one place, so the error summary's
// links always land on the box they name.
import { datePartsInError } from '../../../forms/dates.ts';
import type { Field } from '../../../forms/types.ts';

export const hintId = (name: string) => `${name}-hint`;
export const errorId = (name: string) => `${name}-error`;

/** Radios and checkboxes: the first option has the question's id, the rest -2, -3… */
export const optionId = (name: string, index: number) => (index === 0 ? name : `${name}-${index + 1}`);

export const revealId = (inputId: string) => `conditional-${inputId}`;

/** Space-separated ids for aria-describedby, or undefined when there are none. */
export const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

/** Where an error summary link for this question goes: the first box the error is about. */
export function errorTarget(field: Field, code?: string): string {
  if (field.type === 'date') return `#${field.name}-${code ? datePartsInError(code)[0] : 'day'}`;
  return `#${field.name}`;
}
