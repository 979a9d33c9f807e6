// The building blocks of every form's zod schema. Each check fails with a code
// (such as "required" or "too_long"), never with words: messages.ts holds the words.
import { z } from 'astro/zod';
import { isBlankDate, readDate, todayInEngland } from './dates.ts';
import type { DateParts, Option } from './types.ts';

export { z };

/**
 * For the rules between answers (a hospital needs an admission date). They run even
 * when other answers have problems, so every problem is shown at once; they then see
 * each answer as read (not yet tidied), and are written to cope with both.
 */
export const crossCheck = { when: () => true };

/** In those rules: was this answer left empty? An answer that failed its own check is not. */
export const isBlankAnswer = (value: unknown) => (typeof value === 'string' ? value.trim() === '' : isBlankDate(value));

const fail = (ctx: z.core.$RefinementCtx, code: string) => ctx.addIssue({ code: 'custom', message: code });

/** Text that must be given. */
export const requiredText = (maxLength: number) =>
  z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(maxLength, { error: 'too_long' });

/** Text that may be left blank; blank becomes undefined so it is left out of the record. */
export const optionalText = (maxLength: number) =>
  z
    .string({ error: 'required' })
    .trim()
    .max(maxLength, { error: 'too_long' })
    .transform((text) => (text === '' ? undefined : text));

/** One of the options of a radio group or select. Anything else reads as no answer. */
export const oneOf = <Value extends string>(options: readonly { value: Value }[] | readonly Option[]) => {
  const values = options.map((option) => option.value) as Value[];
  return z.string({ error: 'required' }).refine((value): value is Value => values.includes(value as Value), { error: 'required' });
};

/** Ticked checkboxes, each one of the options, at least `min` of them. */
export const someOf = (options: readonly Option[], min: number) => {
  const values = options.map((option) => option.value);
  return z
    .array(z.string(), { error: 'required' })
    .refine((ticked) => ticked.every((value) => values.includes(value)), { error: 'required' })
    .refine((ticked) => ticked.length >= min, { error: 'required' })
    .transform((ticked) => values.filter((value) => ticked.includes(value)));
};

/** Yes or no, as a boolean. */
export const yesOrNo = () =>
  z
    .string({ error: 'required' })
    .refine((value) => value === 'yes' || value === 'no', { error: 'required' })
    .transform((value) => value === 'yes');

/** A box that must be ticked. */
export const mustAgree = () =>
  z
    .string({ error: 'required' })
    .refine((value) => value === 'yes', { error: 'required' })
    .transform(() => true as const);

const emailPattern = /^[^\s@<>()[\]\\,;:"]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** An email address. Stored in lower case: an address names one account however it is typed. */
export const emailAddress = () =>
  z
    .string({ error: 'required' })
    .trim()
    .toLowerCase()
    .min(1, { error: 'required' })
    .max(254, { error: 'too_long' })
    .refine((address) => emailPattern.test(address), { error: 'format' });

export const optionalEmailAddress = () =>
  z
    .string({ error: 'required' })
    .trim()
    .toLowerCase()
    .max(254, { error: 'too_long' })
    .refine((address) => address === '' || emailPattern.test(address), { error: 'format' })
    .transform((address) => (address === '' ? undefined : address));

/** A UK phone number (01632 960 000, 07700 900 123, +44 7700 900123), or an international one starting +. */
export function isPhoneNumber(typed: string): boolean {
  const compact = typed.replace(/[\s\-().]/g, '');
  return /^(?:0\d{9,10}|\+44\d{9,10}|\+(?!44)\d{7,15})$/.test(compact);
}

export const optionalPhoneNumber = () =>
  z
    .string({ error: 'required' })
    .trim()
    .max(30, { error: 'format' })
    .refine((typed) => typed === '' || isPhoneNumber(typed), { error: 'format' })
    .transform((typed) => (typed === '' ? undefined : typed));

const dateParts = z.object({ day: z.string(), month: z.string(), year: z.string() }, { error: 'required' });

export interface DateRules {
  /** Today's date in England, YYYY-MM-DD. */
  today?: string;
  /** The date may not be after today ("in_future"). */
  notAfterToday?: boolean;
  /** The earliest date accepted; before it gives "too_early". */
  notBefore?: string;
}

function checkDate(parts: DateParts, rules: DateRules, blankAllowed: boolean, ctx: z.core.$RefinementCtx): string | undefined {
  const read = readDate(parts);
  if (!read.ok) {
    if (read.problem === 'required' && blankAllowed) return undefined;
    fail(ctx, read.problem);
    return z.NEVER;
  }
  if (rules.notAfterToday && read.iso > (rules.today ?? todayInEngland())) {
    fail(ctx, 'in_future');
    return z.NEVER;
  }
  if (rules.notBefore && read.iso < rules.notBefore) {
    fail(ctx, 'too_early');
    return z.NEVER;
  }
  return read.iso;
}

/** A date from the three boxes, as YYYY-MM-DD. */
export const date = (rules: DateRules) => dateParts.transform((parts, ctx) => checkDate(parts, rules, false, ctx) as string);

/** A date that may be left blank (asked only after another answer): blank becomes undefined. */
export const optionalDate = (rules: DateRules) => dateParts.transform((parts, ctx) => checkDate(parts, rules, true, ctx));
