// The shape every form exposes, so one definition serves the page, the React
// component that draws it, the function that checks it and the tests.
// Nothing here may import server code: this folder is bundled into the browser too.

/** One choice of a radio group, a set of checkboxes or a select. */
export interface Option {
  value: string;
  label: string;
  hint?: string;
}

interface FieldBase {
  /** The name the browser posts, and the `field` of an error about it. */
  name: string;
  /** The question: a <label>, or the <legend> of a fieldset for dates, radios and checkboxes. */
  label: string;
  hint?: string;
  /** Optional fields show "(optional)" after their label. */
  optional?: boolean;
  /**
   * A field asked only after a particular answer: the component draws it inside
   * that radio option's conditional reveal, and validation asks for it only then.
   */
  shownWhen?: { field: string; value: string };
}

export interface TextField extends FieldBase {
  type: 'text' | 'email' | 'tel';
  /** The HTML autocomplete token. Details about someone else are always "off". */
  autocomplete?: string;
  inputmode?: 'numeric' | 'email' | 'tel' | 'text';
  spellcheck?: boolean;
  /** The nhsuk-input--width-N class, for answers of a known length. */
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  maxLength: number;
}

export interface TextareaField extends FieldBase {
  type: 'textarea';
  rows?: number;
  maxLength: number;
}

/** The NHS date input: three boxes posted as `<name>-day`, `<name>-month`, `<name>-year`. */
export interface DateField extends FieldBase {
  type: 'date';
  /** Use the bday-* autocomplete tokens: only for the user's own date of birth. */
  ownBirthday?: boolean;
}

export interface RadiosField extends FieldBase {
  type: 'radios';
  options: readonly Option[];
  inline?: boolean;
}

export interface CheckboxesField extends FieldBase {
  type: 'checkboxes';
  options: readonly Option[];
}

export interface SelectField extends FieldBase {
  type: 'select';
  options: readonly Option[];
}

/** A single checkbox that must be ticked, such as an agreement. Posts `yes`. */
export interface AgreementField extends FieldBase {
  type: 'agreement';
  /** The words beside the box; `label` is the legend above it. */
  statement: string;
}

/** A value the page fills in rather than the user, such as a sign-in token. */
export interface HiddenField extends FieldBase {
  type: 'hidden';
}

export type Field =
  | TextField
  | TextareaField
  | DateField
  | RadiosField
  | CheckboxesField
  | SelectField
  | AgreementField
  | HiddenField;

export interface Section {
  /** A heading above a group of questions; the first section of a short form has none. */
  heading?: string;
  fields: Field[];
}

/** The three boxes of a date as typed, kept as text so they can be shown again. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** What a form posted, tidied into one shape whichever way it arrived (form post or JSON). */
export type FormValues = Record<string, string | string[] | DateParts>;

/** A problem with one answer, as a code that messages.ts turns into words. */
export interface FieldError {
  field: string;
  code: string;
}

/** A problem with one answer, in words, ready for an error summary or an API response. */
export interface FieldMessage {
  field: string;
  message: string;
}

export type Validation<Payload> =
  | { ok: true; payload: Payload }
  | { ok: false; errors: FieldError[] };

export interface ValidateOptions {
  /** Today's date in England as YYYY-MM-DD; tests pin it. */
  today?: string;
}
