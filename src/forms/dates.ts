// Dates as the NHS date input asks for them: day, month and year in three boxes.
import type { DateParts } from './types.ts';

const blankParts: DateParts = { day: '', month: '', year: '' };

/** Today's date in England, as YYYY-MM-DD. A date "in the future" means after this. */
// Made once (see longDates below): each form's checks ask for today several times a request.
let englishDays: Intl.DateTimeFormat | undefined;

export function todayInEngland(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  englishDays ??= new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
  return englishDays.format(now);
}

/** True for three empty boxes. Anything else (including a date already read) is not blank. */
export function isBlankDate(parts: unknown): boolean {
  if (parts === undefined) return true;
  if (!parts || typeof parts !== 'object') return false;
  const { day, month, year } = parts as Partial<DateParts>;
  return [day, month, year].every((part) => typeof part === 'string' && part.trim() === '');
}

/** A date posted as one YYYY-MM-DD string (the island may send dates this way) split into its boxes. */
export function partsFromIsoDate(text: string): DateParts {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  if (!match) return text.trim() === '' ? { ...blankParts } : { day: text.trim(), month: '', year: '' };
  const [, year = '', month = '', day = ''] = match;
  return { day: String(Number(day)), month: String(Number(month)), year };
}

export type DateProblem =
  | 'required'
  | 'missing_day'
  | 'missing_month'
  | 'missing_year'
  | 'missing_day_month'
  | 'missing_day_year'
  | 'missing_month_year'
  | 'year_format'
  | 'not_real';

/**
 * Reads the three boxes. Returns the date as YYYY-MM-DD, or what is wrong with it.
 * Whitespace around numbers is forgiven; anything else that is not a number is not a real date.
 */
export function readDate(parts: DateParts): { ok: true; iso: string } | { ok: false; problem: DateProblem } {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  const missing = [day === '' ? 'day' : '', month === '' ? 'month' : '', year === '' ? 'year' : ''].filter(Boolean);
  if (missing.length === 3) return { ok: false, problem: 'required' };
  if (missing.length > 0) return { ok: false, problem: `missing_${missing.join('_')}` as DateProblem };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month)) return { ok: false, problem: 'not_real' };
  if (!/^\d+$/.test(year)) return { ok: false, problem: 'not_real' };
  if (year.length !== 4) return { ok: false, problem: 'year_format' };
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return { ok: false, problem: 'not_real' };
  return { ok: true, iso: `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Which of the three boxes an error is about, so only those are outlined in red. */
export function datePartsInError(code: string): (keyof DateParts)[] {
  const match = /^missing_(.+)$/.exec(code);
  if (match?.[1]) return match[1].split('_') as (keyof DateParts)[];
  if (code === 'year_format') return ['year'];
  return ['day', 'month', 'year'];
}

/** Someone's age in whole years on a day, both as YYYY-MM-DD (as PostgreSQL's age() counts it). */
export function ageOn(born: string, on: string): number {
  const [bornYear = 0, bornMonth = 1, bornDay = 1] = born.split('-').map(Number);
  const [year = 0, month = 1, day = 1] = on.split('-').map(Number);
  const birthdayToCome = month < bornMonth || (month === bornMonth && day < bornDay);
  return year - bornYear - (birthdayToCome ? 1 : 0);
}

/** The same day `years` years before `iso` (29 February falls back to 28 February). */
export function yearsBefore(iso: string, years: number): string {
  const [year = 0, month = 1, day = 1] = iso.split('-').map(Number);
  const earlier = Math.min(day, daysInMonth(year - years, month));
  return `${String(year - years).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(earlier).padStart(2, '0')}`;
}

// Made once: building an Intl formatter costs far more than using one (emails draw dates by the dozen).
let longDates: Intl.DateTimeFormat | undefined;

/** "3 February 2001", the way the NHS writes dates. */
export function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
  longDates ??= new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return longDates.format(date);
}
