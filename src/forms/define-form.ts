// Turns a form's questions and schema into the object every part of the site uses.
import type { z } from 'astro/zod';
import { readFormValues, type PostedAnswers } from './input.ts';
import { todayInEngland } from './dates.ts';
import type { Field, FieldError, FormValues, Section, Validation, ValidateOptions } from './types.ts';

export type FormName = 'register' | 'signIn' | 'signInConfirm' | 'consent' | 'referral' | 'withdrawal';

export interface FormSpec<Payload> {
  name: FormName;
  /** The page's heading and title. */
  title: string;
  /** The page the form is on, e.g. "/refer/". A form that comes back with errors is drawn into this page. */
  page: string;
  /** Where it posts. */
  action: string;
  /** Where a plain form post goes once it is accepted (the reference is added as ?reference=…). */
  confirmationPage: string;
  /** The words on the button. */
  submitLabel: string;
  /** Only a signed-in professional may send it. */
  needsAccount: boolean;
  sections: Section[];
  /** The zod schema: FormValues in, the database payload out. Dates are judged against `today`. */
  schema(options: Required<ValidateOptions>): z.ZodType<Payload, FormValues>;
}

export interface FormDefinition<Payload = unknown> extends Omit<FormSpec<Payload>, 'schema'> {
  schema(options?: ValidateOptions): z.ZodType<Payload, FormValues>;
  /** Every field in the order asked, conditional ones included. */
  fields: Field[];
  field(name: string): Field | undefined;
  /** Tidies a form post or a JSON body into FormValues (what is shown again after an error). */
  read(posted: PostedAnswers): FormValues;
  /** Checks the answers. Errors come in the order of the questions, at most one per question. */
  validate(posted: PostedAnswers | FormValues, options?: ValidateOptions): Validation<Payload>;
}

export function defineForm<Payload>(spec: FormSpec<Payload>): FormDefinition<Payload> {
  const fields = spec.sections.flatMap((section) => section.fields);
  const order = new Map(fields.map((field, index) => [field.name, index]));
  // Building a zod schema costs far more than using one, and it only changes with the date.
  let built: { today: string; schema: z.ZodType<Payload, FormValues> } | undefined;
  const schema = (options: ValidateOptions = {}) => {
    const today = options.today ?? todayInEngland();
    if (built?.today !== today) built = { today, schema: spec.schema({ today }) };
    return built.schema;
  };
  const read = (posted: PostedAnswers) => readFormValues(fields, posted);
  return {
    ...spec,
    fields,
    schema,
    read,
    field: (name) => fields.find((field) => field.name === name),
    validate(posted, options) {
      const result = schema(options).safeParse(read(posted as PostedAnswers));
      if (result.success) return { ok: true, payload: result.data };
      const errors: FieldError[] = [];
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (!errors.some((error) => error.field === field)) errors.push({ field, code: issue.message });
      }
      errors.sort((a, b) => (order.get(a.field) ?? fields.length) - (order.get(b.field) ?? fields.length));
      return { ok: false, errors };
    },
  };
}
