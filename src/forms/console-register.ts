// The register in the DSR team console (/team/register/ and "Ratings due for review" at
// /team/register/due/): its filters, sorts and find, read from the address (GET forms,
// so they work without JavaScript and every view can be bookmarked). The database
// (public.team_register) is the authority and refuses the same codes; reading them here
// lets the page show every problem at once and still list the register as it was.
import { ratings } from '../content/ratings.ts';
import { ageGroups, areas, reviewTypes } from '../content/rules.ts';
import { readDate } from './dates.ts';
import { readNhsNumber } from './nhs-number.ts';
import { readReference } from './references.ts';
import type { DateParts, FieldError, Option } from './types.ts';

/** How the register can be sorted (public.team_register's `sort`). */
export const registerSortOptions: Option[] = [
  { value: 'rating', label: 'Rating, RED first' },
  { value: 'due', label: 'Overdue reviews first' },
  { value: 'days', label: 'Days since the last review, most first' },
  { value: 'area', label: 'Area' },
];

export const registerFilterOptions = {
  area: areas.map((area): Option => ({ value: area, label: area })),
  rating: ratings.map((rating): Option => ({ value: rating.id, label: rating.name })),
  ageGroup: ageGroups.map((group): Option => ({ value: group.id, label: group.name.charAt(0).toUpperCase() + group.name.slice(1) })),
  keyworker: [
    { value: 'yes', label: 'Eligible' },
    { value: 'no', label: 'Not eligible' },
  ] as Option[],
  reviewType: reviewTypes.map((review): Option => ({ value: review.id, label: review.shortName })),
  sort: registerSortOptions,
};

export type RegisterFilterName = 'area' | 'rating' | 'ageGroup' | 'keyworker' | 'reviewType' | 'sort';
const choiceFilters: RegisterFilterName[] = ['area', 'rating', 'ageGroup', 'keyworker', 'reviewType', 'sort'];

/** What was typed and chosen, as the address gave it (drawn back into the forms). */
export interface RegisterValues {
  area: string;
  rating: string;
  ageGroup: string;
  keyworker: string;
  reviewType: string;
  overdue: string;
  sort: string;
  page: string;
  q: string;
  name: string;
  dateOfBirth: DateParts;
}

/** The order of the questions on the page, for the error summary. */
export const registerFieldOrder = ['q', 'name', 'dateOfBirth', 'area', 'rating', 'ageGroup', 'keyworker', 'reviewType', 'overdue', 'sort', 'page'] as const;

/** The longest name the find takes (the database's own limit, private.line_200). */
export const findNameMaxLength = 200;

/**
 * Reads the address's answers. `filters` is what to ask public.team_register for: every
 * answer that is good (one in error is left out, so the list stays as it was); `errors`
 * are the problems, in the form's codes.
 */
export function readRegisterQuery(query: URLSearchParams, defaultSort: string): { values: RegisterValues; filters: Record<string, string>; errors: FieldError[] } {
  const text = (name: string) => (query.get(name) ?? '').trim();
  const values: RegisterValues = {
    area: text('area'),
    rating: text('rating'),
    ageGroup: text('ageGroup'),
    keyworker: text('keyworker'),
    reviewType: text('reviewType'),
    overdue: text('overdue'),
    sort: text('sort') || defaultSort,
    page: text('page'),
    q: text('q'),
    name: text('name'),
    dateOfBirth: { day: text('dob-day'), month: text('dob-month'), year: text('dob-year') },
  };
  const errors: FieldError[] = [];
  const filters: Record<string, string> = {};
  for (const name of choiceFilters) {
    const value = values[name];
    if (!value) continue;
    if (registerFilterOptions[name].some((option) => option.value === value)) filters[name] = value;
    else errors.push({ field: name, code: 'unknown' });
  }
  if (values.overdue === 'yes') filters['overdue'] = 'yes';
  else if (values.overdue) errors.push({ field: 'overdue', code: 'unknown' });
  if (/^[1-9]\d{0,5}$/.test(values.page)) filters['page'] = values.page;
  else if (values.page) errors.push({ field: 'page', code: 'format' });

  // The find: all of it or none of it goes to the database.
  const findErrors: FieldError[] = [];
  const find: Record<string, string> = {};
  if (values.q) {
    const nhsNumber = readNhsNumber(values.q);
    const reference = readReference('referral', values.q);
    if (nhsNumber.ok) find['q'] = nhsNumber.digits;
    else if (reference) find['q'] = reference;
    else findErrors.push({ field: 'q', code: 'format' });
  }
  const born = readDate(values.dateOfBirth);
  if (values.name.length > findNameMaxLength) findErrors.push({ field: 'name', code: 'too_long' });
  if (values.name && !born.ok) findErrors.push({ field: 'dateOfBirth', code: born.problem });
  if (!values.name && born.ok) findErrors.push({ field: 'name', code: 'required' });
  if (!values.name && !born.ok && born.problem !== 'required') findErrors.push({ field: 'dateOfBirth', code: born.problem });
  if (values.name && born.ok) {
    find['name'] = values.name;
    find['dateOfBirth'] = born.iso;
  }
  if (findErrors.length === 0) Object.assign(filters, find);
  errors.push(...findErrors);
  if (!filters['sort']) filters['sort'] = defaultSort;
  return { values, filters, errors };
}

/** The answers to keep in the address of another page of the same view (the filters, the sort and the find). */
export function registerAnswers(values: RegisterValues): Record<string, string> {
  return {
    q: values.q,
    name: values.name,
    'dob-day': values.dateOfBirth.day,
    'dob-month': values.dateOfBirth.month,
    'dob-year': values.dateOfBirth.year,
    area: values.area,
    rating: values.rating,
    ageGroup: values.ageGroup,
    keyworker: values.keyworker,
    reviewType: values.reviewType,
    overdue: values.overdue,
    sort: values.sort,
  };
}
