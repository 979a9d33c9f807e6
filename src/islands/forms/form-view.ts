// A form's definition as the browser needs it: its questions and addresses, as
// plain data. The definitions in src/forms carry their zod schemas, and zod alone
// would take a quarter of a form page's 120 KB budget, so the browser is given
// this copy (made at build, and by the server) and the service does the checking:
// the island sends the answers to the form's /api/… route, which runs the form's
// own validate() and answers with the errors (see render-form.tsx).
import type { FormSpec } from '../../forms/define-form.ts';
import type { Field } from '../../forms/types.ts';

/** Everything in a form's spec but its schema. */
export type FormView = Omit<FormSpec<unknown>, 'schema'>;

/** The plain-data copy of a definition (build and server only: that is where the definitions are imported). */
export function toFormView(definition: FormView): FormView {
  const { name, title, page, action, confirmationPage, submitLabel, needsAccount, sections } = definition;
  return { name, title, page, action, confirmationPage, submitLabel, needsAccount, sections };
}

/** Every question in the order asked, conditional ones included. */
export const fieldsOf = (form: FormView): Field[] => form.sections.flatMap((section) => section.fields);

export const fieldOf = (form: FormView, name: string): Field | undefined => fieldsOf(form).find((field) => field.name === name);
