// What a form island shows, as plain data: the same shape is drawn by Astro at
// build, by the server when a post without JavaScript comes back (render-form.tsx),
// and by the browser once the island has taken over. Nothing here touches the DOM.
import type { FormName } from '../../forms/define-form.ts';
import type { DateParts, Field, FormValues } from '../../forms/types.ts';
import { fieldsOf, type FormView } from './form-view.ts';

/** A problem with one answer, in words; `code` is known when the browser checked it itself. */
export interface ShownError {
  field: string;
  message: string;
  code?: string;
}

/** What the service said once a submission was accepted. */
export interface Receipt {
  reference: string;
  /** Referrals only: the rating sent, so the page can say what happens next. */
  rating?: string;
  /** Referrals only: whether the person must be assessed for a keyworker (worked out by the database). */
  keyworker?: boolean;
}

/**
 * The step a person is on:
 * - `form`: the questions, with any errors;
 * - `check`: check your answers before sending (referral and consent);
 * - `sent`: the confirmation panel.
 * `problem` is a message about the whole form, such as being signed out or the service being down.
 */
export type View =
  | { step: 'form'; errors: ShownError[]; changing?: string; problem?: FormProblemView }
  | { step: 'check'; problem?: FormProblemView }
  | { step: 'sent'; receipt: Receipt };

export interface FormProblemView {
  kind: 'signed_out' | 'rate_limited' | 'unavailable';
  message: string;
}

export interface FormState {
  values: FormValues;
  view: View;
}

/** The forms that ask the person to check their answers before sending. */
export const formsWithCheckStep: readonly FormName[] = ['referral', 'consent'];

export const hasCheckStep = (form: FormView) => formsWithCheckStep.includes(form.name);

export const blankDate = (): DateParts => ({ day: '', month: '', year: '' });

/** The answers of a form nobody has filled in yet. */
export function blankValues(form: FormView): FormValues {
  const values: FormValues = {};
  for (const field of fieldsOf(form)) {
    if (field.type === 'date') values[field.name] = blankDate();
    else if (field.type === 'checkboxes') values[field.name] = [];
    else values[field.name] = '';
  }
  return values;
}

export function initialState(form: FormView, given?: Partial<FormState>): FormState {
  return {
    values: { ...blankValues(form), ...given?.values },
    view: given?.view ?? { step: 'form', errors: [] },
  };
}

export const textOf = (values: FormValues, name: string): string => {
  const value = values[name];
  return typeof value === 'string' ? value : '';
};

export const listOf = (values: FormValues, name: string): string[] => {
  const value = values[name];
  return Array.isArray(value) ? value : [];
};

export const dateOf = (values: FormValues, name: string): DateParts => {
  const value = values[name];
  return value && typeof value === 'object' && !Array.isArray(value) ? value : blankDate();
};

/** Is this field asked, given the answers so far? (Conditional questions only after their answer.) */
export function isAsked(field: Field, values: FormValues): boolean {
  if (!field.shownWhen) return true;
  const answer = values[field.shownWhen.field];
  return Array.isArray(answer) ? answer.includes(field.shownWhen.value) : answer === field.shownWhen.value;
}

/** The questions shown inside each option's conditional reveal, by option value. */
export function revealsOf(form: FormView, parent: Field): Map<string, Field[]> {
  const reveals = new Map<string, Field[]>();
  for (const field of fieldsOf(form)) {
    if (field.shownWhen?.field !== parent.name) continue;
    reveals.set(field.shownWhen.value, [...(reveals.get(field.shownWhen.value) ?? []), field]);
  }
  return reveals;
}

/** The confirmation step, as a confirmation page shows it. */
export const sentState = (form: FormView, receipt: Receipt): FormState => ({
  values: blankValues(form),
  view: { step: 'sent', receipt },
});
