// A form is one definition carrying every fact about it: its questions and their
// checks, the words of its errors, its page and its API address, whether it has a
// check-your-answers step, the kind of reference and receipt it gives, and the SQL
// function that saves it. Everything else (the page, the island, the function that
// takes its posts, public/_routes.json, the tests' lists) is derived from these.
import type { z } from 'astro/zod';
import { readFormValues, type PostedAnswers } from './input.ts';
import { todayInEngland } from './dates.ts';
import type { FieldMessages } from './messages.ts';
import type { Field, FieldError, FormValues, Section, Validation, ValidateOptions } from './types.ts';

/** A link in the breadcrumbs above a page's heading. */
export interface Crumb {
  href: string;
  text: string;
}

export type Audience = 'professionals' | 'families';

/** Each audience's own page, the breadcrumb above its forms. */
const audiencePages: Record<Audience, Crumb> = {
  professionals: { href: '/professionals/', text: 'For professionals' },
  families: { href: '/families/', text: 'For families' },
};

export interface FormSpec<Name extends string, Payload> {
  name: Name;
  /** The page's heading and title. */
  title: string;
  /** The page's meta description. */
  description: string;
  /** Who it is for: the professionals' form pages show who is signed in, and the breadcrumbs lead to the audience's page. */
  audience: Audience;
  /** The breadcrumbs above the heading, when not Home and the audience's page. */
  trail?: readonly Crumb[];
  /** The page the form is on, e.g. "/refer/". A post without JavaScript comes here too, and comes back with errors drawn into it. */
  page: string;
  /** The JSON API the island posts to, e.g. "/api/referrals". */
  api: string;
  /** The words on the button that sends it. */
  submitLabel: string;
  /** Only a signed-in professional may send it. */
  needsAccount: boolean;
  /** What an account lets the person do here, after "You need to be signed in to": "refer someone to the register". */
  purpose?: string;
  /** Forms that show the answers to check before sending: what is being sent, "the referral". */
  checkStep?: { sending: string };
  /**
   * What the person sees once it is accepted: the island's confirmation `title`, and the
   * page a post without JavaScript is sent to (built from this definition). A form
   * without one (signing in) sends the person on to where they were going instead.
   */
  confirmation: { title: string } & (
    | {
        page: string;
        /** The confirmation page's meta description. */
        description: string;
        /** The breadcrumb's words for the form's own page. */
        formPageName: string;
      }
    | { page?: undefined }
  );
  /** The kind of reference the saved record has (content/reference-kinds.json), shown on the confirmation. */
  reference?: string;
  /**
   * What the person is told once it is saved, besides the reference: answers of theirs
   * and facts the SQL function worked out (src/forms/receipts.ts carries them to the
   * confirmation). Anything else the function returns stays on the server.
   */
  receipt?: { answers?: readonly string[]; saved?: readonly string[] };
  /** The SQL function that saves it (supabase/API.md). */
  sql: string;
  /** Values the page copies from its own address once it opens (the sign-in link's token). */
  fromAddress?: readonly string[];
  /** What the page shows from the comms team's content beside the questions, as plain data for the browser. */
  pageContent?(): unknown;
  /**
   * The page offers to sign out when JavaScript is off: without it the header cannot tell
   * who is signed in, so it never offers to sign out (the sign-in page does instead).
   */
  signOutWithoutScript?: boolean;
  /** The page shows the design system's expander (details), so it loads that stylesheet; other form pages do not. */
  showsDetails?: boolean;
  sections: Section[];
  /** The words for each error code of each question: messages.ts turns codes into these. */
  messages: Record<string, FieldMessages>;
  /** The zod schema: FormValues in, the database payload out. Dates are judged against `today`. */
  schema(options: Required<ValidateOptions>): z.ZodType<Payload, FormValues>;
}

export interface FormDefinition<Name extends string = string, Payload = unknown> extends Omit<FormSpec<Name, Payload>, 'schema' | 'trail'> {
  trail: readonly Crumb[];
  schema(options?: ValidateOptions): z.ZodType<Payload, FormValues>;
  /** Every field in the order asked, conditional ones included. */
  fields: Field[];
  field(name: string): Field | undefined;
  /** Tidies a form post or a JSON body into FormValues (what is shown again after an error). */
  read(posted: PostedAnswers): FormValues;
  /** Checks the answers. Errors come in the order of the questions, at most one per question. */
  validate(posted: PostedAnswers | FormValues, options?: ValidateOptions): Validation<Payload>;
}

export function defineForm<Name extends string, Payload>(spec: FormSpec<Name, Payload>): FormDefinition<Name, Payload> {
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
    trail: spec.trail ?? [{ href: '/', text: 'Home' }, audiencePages[spec.audience]],
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
