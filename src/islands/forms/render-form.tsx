// Drawing a form's island on the server (src/server/form-pages.ts), for posts that
// arrive without JavaScript: the same component the browser uses, with the typed
// values and the errors, the check page, or the confirmation, dropped into the
// built page in place of its marked form region. The browser then hydrates it as usual.
//
// The protocol between the form pages and their /api/… routes:
// - The questions' button posts `step=check` on forms with a check-your-answers step
//   (referral, consent): check only, save nothing. Problems: 422 with the questions
//   and their errors (withErrors); none: 200 with the check page (checkAnswers).
// - Each "Change" button on the check page posts `change=<question>` with every
//   answer: 200 with the questions again, that one focused (changeAnswer).
// - The check page's button posts `step=send`; the questions' button on forms without
//   a check page posts no step: check, then save and 303 to the confirmation page with
//   ?reference=…; problems as above (422).
// - A send refused because the session ended (401): the check page again with a
//   "signed_out" problem (checkAnswers(values, problem)), answers kept in it.
// The island sends the same `step` in its JSON body (Accept: application/json) and
// expects: check → 200 {"ok": true}; send → 201 {"reference", …}; problems →
// 422 {"errors": [{"field", "message", "code"}]} (`code` lets a date outline only
// the wrong boxes), 401, 429, 503 with {"message"}. The browser does not carry the
// forms' zod schemas (see form-view.ts): the route's validate() is the one check.
import { renderToString } from 'react-dom/server';
import { describeErrors } from '../../forms/messages.ts';
import { forms, type FormName } from '../../forms/index.ts';
import type { FieldError, FieldMessage, FormValues } from '../../forms/types.ts';
import { titleFor } from './FormFlow.tsx';
import { islandProps } from './island-props.ts';
import { formPages } from './registry.ts';
import { jsonForScript, propsId, regionEnd, regionStart, rootId } from './region.ts';
import { sentState, type FormProblemView, type FormState, type Receipt, type ShownError } from './state.ts';

export { regionEnd, regionStart };
export type { FormState, Receipt };

/** What a post without JavaScript asked for, from the button that sent it (see above). */
export type PostedStep = { step: 'check' } | { step: 'change'; field: string } | { step: 'send' };

/** Reads the step from a form post (URLSearchParams, FormData) or from the island's JSON body. */
export function readPostedStep(posted: { get(name: string): unknown } | Record<string, unknown>): PostedStep {
  const read = (name: string) => (typeof posted.get === 'function' ? (posted.get as (name: string) => unknown)(name) : (posted as Record<string, unknown>)[name]);
  const change = read('change');
  if (typeof change === 'string' && change !== '') return { step: 'change', field: change };
  return read('step') === 'check' ? { step: 'check' } : { step: 'send' };
}

/** Errors as the island shows them: words from messages.ts, keeping the code so a date outlines only the wrong boxes. */
export function shownErrors(formName: FormName, errors: readonly (FieldError | FieldMessage)[]): ShownError[] {
  const form = forms[formName];
  return errors.map((error) => {
    if ('message' in error) return { field: error.field, message: error.message };
    const [words] = describeErrors(formName, [error], (name) => form.field(name)?.label);
    return { field: error.field, code: error.code, message: words?.message ?? error.code };
  });
}

/** The answers with their errors: the page comes back as it was sent (status 422). */
export const withErrors = (formName: FormName, values: FormValues, errors: readonly (FieldError | FieldMessage)[]): FormState => ({
  values,
  view: { step: 'form', errors: shownErrors(formName, errors) },
});

/** The check-your-answers page, answers carried in hidden fields. */
export const checkAnswers = (values: FormValues, problem?: FormProblemView): FormState => ({
  values,
  view: problem ? { step: 'check', problem } : { step: 'check' },
});

/** Back to the questions to change one answer; that question's box takes focus. */
export const changeAnswer = (values: FormValues, field: string): FormState => ({ values, view: { step: 'form', errors: [], changing: field } });

/** The confirmation with its reference (the confirmation page, or a post that was accepted). */
export const sent = (formName: FormName, receipt: Receipt): FormState => sentState(islandProps(formName).form, receipt);

/** The island's HTML: its root element, and its props (with the state) for the browser to hydrate with. */
export function renderFormHtml(formName: FormName, state: FormState): string {
  const { Component } = formPages[formName];
  const props = islandProps(formName, state);
  const html = renderToString(<Component {...props} />);
  return `<div id="${rootId}" data-form="${formName}">${html}</div><script type="application/json" id="${propsId}">${jsonForScript(props)}</script>`;
}

/** The <title> for this state: "Error: " first when there are errors. */
export function formTitle(formName: FormName, state: FormState): string {
  return titleFor(islandProps(formName).form, formPages[formName].options, state.view);
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The built page (fetched through env.ASSETS) with its form region drawn for this state
 * and its <title> to match. Throws if the page has no form region: that is a build fault.
 */
export function fillFormPage(pageHtml: string, formName: FormName, state: FormState): string {
  const start = pageHtml.indexOf(regionStart);
  const end = pageHtml.indexOf(regionEnd, start);
  if (start < 0 || end < 0) throw new Error(`The built page for the ${formName} form has no form region`);
  const page = pageHtml.slice(0, start + regionStart.length) + renderFormHtml(formName, state) + pageHtml.slice(end);
  return page.replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(formTitle(formName, state))}</title>`);
}
