// The step protocol between a form's page, its island and the service, as plain data:
// what a form shows (its state), and what a post asks for. The same state is drawn by
// Astro at build, by the server when a post without JavaScript comes back, and by the
// browser once the island has taken over. Nothing here touches the DOM, and the
// browser imports it: nothing here may import content or zod.
//
// - A form without JavaScript posts to its own page's address (the definition's
//   `page`); the island posts JSON to its API (`api`). Both reach the same pipeline.
// - The questions' button posts `step=check` on forms with a check-your-answers step:
//   check only, save nothing. Problems: 422 with the questions and their errors
//   (withErrors); none: 200 with the check page (checkAnswers).
// - Each "Change" button on the check page posts `change=<question>` with every
//   answer: 200 with the questions again, that one focused (changeAnswer).
// - The check page's button posts `step=send`; the questions' button on forms without
//   a check page posts no step: check, then save and 303 to the confirmation page with
//   ?reference=… (src/forms/receipts.ts); problems as above (422).
// - A send refused because the session ended (401): the check page again with a
//   "signed_out" problem (withProblem), answers kept in it.
// The island sends the same `step` in its JSON body and expects: check → 200
// {"ok": true}; send → 201 {"reference", …}; problems → 422 {"errors": [{"field",
// "message", "code"}]} (`code` lets a date outline only the wrong boxes), 401, 429,
// 503 with {"message"}.
import site from '../../content/site.json' with { type: 'json' };
import { fieldsOf, type FormView } from './form-view.ts';
import { describeErrors, type FormWords } from './messages.ts';
import type { Receipt } from './receipts.ts';
import type { DateParts, Field, FieldError, FieldMessage, FormValues } from './types.ts';

export type { Receipt };

/** A problem with one answer, in words; `code` is kept so a date outlines only the wrong boxes. */
export interface ShownError {
  field: string;
  message: string;
  code?: string;
}

/**
 * The step a person is on:
 * - `form`: the questions, with any errors;
 * - `check`: check your answers before sending (forms with a check step);
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
  /**
   * The record of the professional's own that the server filled the answers in from
   * (the referral form opened by "Refer again" or "Refer this person"), so the page can
   * say so. Never set for anyone else's record, nor an unknown one: that page is the empty form.
   */
  filledFrom?: string;
}

/** What a post asked for, from the button that sent it (see above). */
export type PostedStep = { step: 'check' } | { step: 'change'; field: string } | { step: 'send' };

/** Reads the step from a form post (URLSearchParams, FormData) or from the island's JSON body. */
export function readPostedStep(posted: { get(name: string): unknown } | Record<string, unknown>): PostedStep {
  const read = (name: string) => (typeof posted.get === 'function' ? (posted.get as (name: string) => unknown)(name) : (posted as Record<string, unknown>)[name]);
  const change = read('change');
  if (typeof change === 'string' && change !== '') return { step: 'change', field: change };
  return read('step') === 'check' ? { step: 'check' } : { step: 'send' };
}

/** Does this form show the answers to check before sending? */
export const hasCheckStep = (form: Pick<FormView, 'checkStep'>) => form.checkStep !== undefined;

/** The check page's heading: "Check your answers before sending the referral". */
export const checkTitle = (form: Pick<FormView, 'checkStep'>) => `Check your answers before sending ${form.checkStep?.sending ?? 'your answers'}`;

/** The <title> for a step, in the browser and from the server alike: "Error: " first when there is a problem. */
export function titleFor(form: Pick<FormView, 'title' | 'checkStep' | 'confirmationTitle'>, view: View): string {
  const base = view.step === 'sent' ? form.confirmationTitle : view.step === 'check' ? checkTitle(form) : form.title;
  const hasError = (view.step === 'form' && view.errors.length > 0) || (view.step !== 'sent' && view.problem !== undefined);
  return `${hasError ? 'Error: ' : ''}${base} - ${site.serviceName}`;
}

/** Errors as the island shows them: words from the form's messages, keeping the code. */
export function shownErrors(form: FormWords & Pick<FormView, 'sections'>, errors: readonly (FieldError | FieldMessage)[]): ShownError[] {
  const labelOf = (name: string) => fieldsOf(form).find((field) => field.name === name)?.label;
  return errors.map((error) => {
    if ('message' in error) return { field: error.field, message: error.message };
    const [words] = describeErrors(form, [error], labelOf);
    return { field: error.field, code: error.code, message: words?.message ?? error.code };
  });
}

/** The answers with their errors: the page comes back as it was sent (status 422). */
export const withErrors = (form: FormWords & Pick<FormView, 'sections'>, values: FormValues, errors: readonly (FieldError | FieldMessage)[]): FormState => ({
  values,
  view: { step: 'form', errors: shownErrors(form, errors) },
});

/** The check-your-answers page, answers carried in hidden fields. */
export const checkAnswers = (values: FormValues, problem?: FormProblemView): FormState => ({
  values,
  view: problem ? { step: 'check', problem } : { step: 'check' },
});

/** Back to the questions to change one answer; that question's box takes focus. */
export const changeAnswer = (values: FormValues, field: string): FormState => ({ values, view: { step: 'form', errors: [], changing: field } });

/** The questions (or the check page, if that is where they were) with a problem about the whole form. */
export function withProblem(values: FormValues, problem: FormProblemView, fromCheck: boolean): FormState {
  return fromCheck ? checkAnswers(values, problem) : { values, view: { step: 'form', errors: [], problem } };
}

export const blankDate = (): DateParts => ({ day: '', month: '', year: '' });

/** The answers of a form nobody has filled in yet. */
export function blankValues(form: Pick<FormView, 'sections'>): FormValues {
  const values: FormValues = {};
  for (const field of fieldsOf(form)) {
    if (field.type === 'date') values[field.name] = blankDate();
    else if (field.type === 'checkboxes') values[field.name] = [];
    else values[field.name] = '';
  }
  return values;
}

export function initialState(form: Pick<FormView, 'sections'>, given?: Partial<FormState>): FormState {
  return {
    values: { ...blankValues(form), ...given?.values },
    view: given?.view ?? { step: 'form', errors: [] },
  };
}

/** The confirmation step, as a confirmation page shows it. */
export const sentState = (form: Pick<FormView, 'sections'>, receipt: Receipt): FormState => ({
  values: blankValues(form),
  view: { step: 'sent', receipt },
});

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
export function revealsOf(form: Pick<FormView, 'sections'>, parent: Field): Map<string, Field[]> {
  const reveals = new Map<string, Field[]>();
  for (const field of fieldsOf(form)) {
    if (field.shownWhen?.field !== parent.name) continue;
    reveals.set(field.shownWhen.value, [...(reveals.get(field.shownWhen.value) ?? []), field]);
  }
  return reveals;
}
