// Posted answers arrive two ways: a plain HTML form post (no JavaScript) and JSON
// from the island. Both are tidied here into one shape, FormValues, named after the
// form's fields, so validation and the redrawn form see exactly what was typed.
import { partsFromIsoDate } from './dates.ts';
import type { DateParts, Field, FormValues } from './types.ts';

/** A form post (URLSearchParams, FormData) or a parsed JSON object. */
export type PostedAnswers = { getAll(name: string): unknown[] } | Record<string, unknown>;

// Postgres refuses the NUL character in text, and no other control character
// (C0 or C1) belongs in an answer either; tabs and line breaks are kept.
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// Invisible characters are removed too, before an answer is checked, stored or put in an
// email (issue 11, finding 13): bidirectional controls (marks, embeddings, overrides,
// isolates), which can make a subject line read backwards, and zero-width characters,
// which hide or split words.
const invisibleCharacters = /[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

const isFormPost = (posted: PostedAnswers): posted is { getAll(name: string): unknown[] } =>
  typeof (posted as { getAll?: unknown }).getAll === 'function';

function asText(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\p{Cs}/gu, '\ufffd').replace(controlCharacters, '').replace(invisibleCharacters, ''); // a lone surrogate (JSON "\ud800") becomes U+FFFD: the database refuses it
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  // The island may send yes/no questions and agreements as booleans.
  if (value === true) return 'yes';
  if (value === false) return 'no';
  return '';
}

function allValues(posted: PostedAnswers, name: string): unknown[] {
  if (isFormPost(posted)) return posted.getAll(name);
  const value = posted[name];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first value posted under a name, tidied as every answer is. */
export const firstText = (posted: PostedAnswers, name: string) => asText(allValues(posted, name)[0]);

function readDateParts(posted: PostedAnswers, name: string): DateParts {
  const whole = allValues(posted, name)[0];
  if (typeof whole === 'string') return partsFromIsoDate(asText(whole));
  if (whole && typeof whole === 'object' && !Array.isArray(whole)) {
    const parts = whole as Record<string, unknown>;
    return { day: asText(parts.day), month: asText(parts.month), year: asText(parts.year) };
  }
  return {
    day: firstText(posted, `${name}-day`),
    month: firstText(posted, `${name}-month`),
    year: firstText(posted, `${name}-year`),
  };
}

export function readFormValues(fields: readonly Field[], posted: PostedAnswers): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    switch (field.type) {
      case 'date':
        values[field.name] = readDateParts(posted, field.name);
        break;
      case 'checkboxes':
        values[field.name] = allValues(posted, field.name).map(asText).filter((value) => value !== '');
        break;
      case 'agreement': {
        // An HTML checkbox posts its value ("yes"); JSON may say true.
        const ticked = ['yes', 'true', 'on'].includes(firstText(posted, field.name).toLowerCase());
        values[field.name] = ticked ? 'yes' : '';
        break;
      }
      default:
        values[field.name] = field.type === 'textarea' ? firstText(posted, field.name) : firstText(posted, field.name).replace(/[\t\r\n]+/g, ' '); // the database refuses line breaks and tabs in one-line answers
    }
  }
  return values;
}

/** The honeypot: a field people never see (hidden by CSS, skipped by screen readers). Bots fill it in. */
export const honeypot = { name: 'website', label: 'Leave this field empty' } as const;

export function isHoneypotFilled(posted: PostedAnswers): boolean {
  return firstText(posted, honeypot.name).trim() !== '';
}
