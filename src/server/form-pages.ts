// Drawing a form page for a post without JavaScript, with the form's own island
// (src/islands/forms), the same component the browser hydrates.
import type { FormName } from '../forms/define-form.ts';
import type { FieldError, FieldMessage, FormValues } from '../forms/types.ts';
import {
  changeAnswer,
  checkAnswers,
  fillFormPage,
  formTitle,
  renderFormHtml,
  withErrors,
  type FormState,
} from '../islands/forms/render-form.tsx';
import type { FormProblemView } from '../islands/forms/state.ts';
import { standalonePage, type FormPageDrawing } from './render';

export type { FormState };

export function drawForm(formName: FormName, state: FormState): FormPageDrawing {
  return {
    fill: (pageHtml) => fillFormPage(pageHtml, formName, state),
    standalone: () => standalonePage(formTitle(formName, state), renderFormHtml(formName, state)),
  };
}

/** The questions again with their problems. */
export const questionsWithErrors = (formName: FormName, values: FormValues, errors: (FieldError | FieldMessage)[]) =>
  withErrors(formName, values, errors);

/** The questions (or the check page, if that is where they were) with a problem about the whole form. */
export function withProblem(values: FormValues, problem: FormProblemView, fromCheck: boolean): FormState {
  return fromCheck ? checkAnswers(values, problem) : { values, view: { step: 'form', errors: [], problem } };
}

export { changeAnswer, checkAnswers };
