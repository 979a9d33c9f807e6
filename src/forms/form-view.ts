// A form's definition as the browser needs it: its questions and addresses, as plain
// data. The definitions carry their zod schemas, and zod alone would take a quarter of
// a form page's 120 KB budget, so the browser is given this copy (made at build, and by
// the server) and the service does the checking: the island sends the answers to the
// form's API, which runs the form's own validate() and answers with the errors
// (src/forms/steps.ts has the protocol).
import type { FormDefinition } from './define-form.ts';
import type { Field } from './types.ts';

/** What the browser is told of a form: everything but its schema, its checks and its SQL. */
export type FormView = Pick<
  FormDefinition,
  'name' | 'title' | 'page' | 'api' | 'submitLabel' | 'needsAccount' | 'purpose' | 'checkStep' | 'fromAddress' | 'sections'
> & {
  /** Where the island puts the reference in the address bar once it is sent (the form's own page when there is no confirmation page). */
  confirmationPage: string;
  /** The confirmation's heading and title. */
  confirmationTitle: string;
};

/** The plain-data copy of a definition (build and server only: that is where the definitions are imported). */
export function toFormView(definition: FormDefinition): FormView {
  const { name, title, page, api, submitLabel, needsAccount, purpose, checkStep, fromAddress, sections } = definition;
  const { confirmation } = definition;
  const view: FormView = { name, title, page, api, submitLabel, needsAccount, sections, confirmationPage: confirmation.page ?? page, confirmationTitle: confirmation.title };
  // Left out when not given, so the props written into the page stay short.
  if (purpose) view.purpose = purpose;
  if (checkStep) view.checkStep = checkStep;
  if (fromAddress) view.fromAddress = fromAddress;
  return view;
}

/** Every question in the order asked, conditional ones included. */
export const fieldsOf = (form: Pick<FormView, 'sections'>): Field[] => form.sections.flatMap((section) => section.fields);

export const fieldOf = (form: Pick<FormView, 'sections'>, name: string): Field | undefined => fieldsOf(form).find((field) => field.name === name);
