// The register (/team/register/) and "Ratings due for review" (/team/register/due/):
// everyone on the register, 50 to a page, with a small find form and the filters, both
// GET forms (no JavaScript needed, and every view has its own address). Each row links
// to the person's record, the one place that shows their details in full.
import type { ReactNode } from 'react';
import { ageGroups, reviewTypes, byId } from '../../../content/rules.ts';
import { personRecordPath, ratingsDuePath, registerAddress, registerExportPath, registerPath } from '../../../forms/console.ts';
import {
  findNameMaxLength,
  registerAnswers,
  registerFieldOrder,
  registerFilterOptions,
  type RegisterFilterName,
  type RegisterValues,
} from '../../../forms/console-register.ts';
import { formatDate } from '../../../forms/dates.ts';
import { registerMessages } from '../../../forms/messages.ts';
import type { FieldError, Option } from '../../../forms/types.ts';
import { draw, ErrorSummary, RatingTag, SignedIn, Table, WarningCallout, type ConsolePage } from './views.tsx';

export interface RegisterPerson {
  reference: string;
  givenName: string;
  familyName: string;
  rating: string;
  area: string;
  ageGroup: string | null;
  keyworkerEligible: boolean;
  reviewType: string | null;
  ratingAgreedOn: string;
  daysSinceReview: number;
  reviewWithinDays: number;
  overdue: boolean;
}
/** public.team_register's answer. */
export interface Register {
  teamMember: { fullName: string };
  found: boolean;
  page: number;
  pageSize: number;
  total: number;
  overdueTotal: number;
  people: RegisterPerson[];
}

export type RegisterView = 'register' | 'due';

const titles: Record<RegisterView, string> = { register: 'Register', due: 'Ratings due for review' };
const pathOf = (view: RegisterView) => (view === 'due' ? ratingsDuePath : registerPath);

const messageFor = (error: FieldError) =>
  (registerMessages as Record<string, Record<string, string>>)[error.field]?.[error.code] ?? 'Check this answer';

/** Where an error points: the first box of the date, the question's own box otherwise. */
const errorTarget = (field: string) => (field === 'dateOfBirth' ? 'dob-day' : field === 'overdue' ? 'overdue' : field === 'page' ? 'results' : field);

const daysWords = (days: number) => (days === 1 ? '1 day' : `${days.toLocaleString('en-GB')} days`);

function ErrorMessage({ id, error }: { id: string; error: FieldError | undefined }) {
  if (!error) return null;
  return (
    <span className="nhsuk-error-message" id={`${id}-error`}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {messageFor(error)}
    </span>
  );
}

function Select({ name, label, options, value, any, error }: { name: RegisterFilterName; label: string; options: Option[]; value: string; any?: string; error: FieldError | undefined }) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={name}>{label}</label>
      <ErrorMessage id={name} error={error} />
      <select className={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`} id={name} name={name} defaultValue={error ? '' : value} aria-describedby={error ? `${name}-error` : undefined}>
        {any !== undefined && <option value="">{any}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>{option.label}</option>
        ))}
      </select>
    </div>
  );
}

/** Find one person: an NHS number or a DSR reference, or their full name with their date of birth. */
function FindForm({ action, values, errorOf }: { action: string; values: RegisterValues; errorOf: (field: string) => FieldError | undefined }) {
  const qError = errorOf('q');
  const nameError = errorOf('name');
  const dateError = errorOf('dateOfBirth');
  return (
    <form method="get" action={action} noValidate className="nhsuk-u-margin-bottom-6" role="search" aria-label="Find a person on the register">
      <h2 className="nhsuk-heading-m">Find a person</h2>
      {/* The filters and sort in force go with the find, so a mistyped find leaves the list as it was. */}
      {(['area', 'rating', 'ageGroup', 'keyworker', 'reviewType', 'overdue', 'sort'] as const).map((name) =>
        values[name] ? <input key={name} type="hidden" name={name} value={values[name]} /> : null,
      )}
      <div className={`nhsuk-form-group${qError ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label" htmlFor="q">NHS number or DSR reference</label>
        <div className="nhsuk-hint" id="q-hint">For example, 943 476 5919 or DSR-7K3M-Q9PA</div>
        <ErrorMessage id="q" error={qError} />
        <input className={`nhsuk-input nhsuk-input--width-20${qError ? ' nhsuk-input--error' : ''}`} id="q" name="q" type="text" spellCheck={false} autoComplete="off"
          aria-describedby={`q-hint${qError ? ' q-error' : ''}`} defaultValue={values.q} />
      </div>
      <p className="nhsuk-body">Or find them by their full name and date of birth.</p>
      <div className={`nhsuk-form-group${nameError ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label" htmlFor="name">Full name</label>
        <ErrorMessage id="name" error={nameError} />
        <input className={`nhsuk-input nhsuk-u-width-two-thirds${nameError ? ' nhsuk-input--error' : ''}`} id="name" name="name" type="text" spellCheck={false} autoComplete="off"
          maxLength={findNameMaxLength} aria-describedby={nameError ? 'name-error' : undefined} defaultValue={values.name} />
      </div>
      <div className={`nhsuk-form-group${dateError ? ' nhsuk-form-group--error' : ''}`}>
        <fieldset className="nhsuk-fieldset" role="group" aria-describedby={`dob-hint${dateError ? ' dob-error' : ''}`}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Date of birth</legend>
          <div className="nhsuk-hint" id="dob-hint">For example, 17 5 2011</div>
          <ErrorMessage id="dob" error={dateError} />
          <div className="nhsuk-date-input" id="dob">
            {(['day', 'month', 'year'] as const).map((part) => (
              <div key={part} className="nhsuk-date-input__item">
                <div className="nhsuk-form-group">
                  <label className="nhsuk-label nhsuk-date-input__label" htmlFor={`dob-${part}`}>{part.charAt(0).toUpperCase() + part.slice(1)}</label>
                  <input className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${part === 'year' ? 4 : 2}${dateError ? ' nhsuk-input--error' : ''}`}
                    id={`dob-${part}`} name={`dob-${part}`} type="text" inputMode="numeric" autoComplete="off" defaultValue={values.dateOfBirth[part]} />
                </div>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <button type="submit" className="nhsuk-button nhsuk-button--secondary" data-module="nhsuk-button">Find</button>
    </form>
  );
}

function FilterForm({ action, values, errorOf }: { action: string; values: RegisterValues; errorOf: (field: string) => FieldError | undefined }) {
  const overdueError = errorOf('overdue');
  return (
    <form method="get" action={action} noValidate className="nhsuk-u-margin-bottom-6" aria-label="Filter and sort the register">
      <h2 className="nhsuk-heading-m">Filter and sort</h2>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-third">
          <Select name="area" label="Area" any="Any area" options={registerFilterOptions.area} value={values.area} error={errorOf('area')} />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <Select name="rating" label="Rating" any="Any rating" options={registerFilterOptions.rating} value={values.rating} error={errorOf('rating')} />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <Select name="ageGroup" label="Age group" any="Any age group" options={registerFilterOptions.ageGroup} value={values.ageGroup} error={errorOf('ageGroup')} />
        </div>
      </div>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-third">
          <Select name="keyworker" label="Keyworker" any="Eligible or not" options={registerFilterOptions.keyworker} value={values.keyworker} error={errorOf('keyworker')} />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <Select name="reviewType" label="C(E)TR or CTR" any="Either" options={registerFilterOptions.reviewType} value={values.reviewType} error={errorOf('reviewType')} />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <Select name="sort" label="Sort by" options={registerFilterOptions.sort} value={values.sort} error={errorOf('sort')} />
        </div>
      </div>
      <div className="nhsuk-grid-row">
      <div className={`nhsuk-grid-column-full nhsuk-form-group${overdueError ? ' nhsuk-form-group--error' : ''}`}>
        <ErrorMessage id="overdue" error={overdueError} />
        <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
          <div className="nhsuk-checkboxes__item">
            <input className="nhsuk-checkboxes__input" id="overdue" name="overdue" type="checkbox" value="yes" defaultChecked={values.overdue === 'yes'}
              aria-describedby={overdueError ? 'overdue-error' : undefined} />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="overdue">Only people whose rating is overdue for review</label>
          </div>
        </div>
      </div>
      </div>
      <button type="submit" className="nhsuk-button nhsuk-button--secondary" data-module="nhsuk-button">Apply filters</button>
      <p className="nhsuk-body-s">
        <a href={action}>Clear filters</a>
      </p>
    </form>
  );
}

const arrowLeft = 'M10.7 6.3c.4.4.4 1 0 1.4L7.4 11H19a1 1 0 0 1 0 2H7.4l3.3 3.3c.4.4.4 1 0 1.4a1 1 0 0 1-1.4 0l-5-5A1 1 0 0 1 4 12c0-.3.1-.5.3-.7l5-5a1 1 0 0 1 1.4 0Z';
const arrowRight = 'm14.7 6.3 5 5c.2.2.3.4.3.7 0 .3-.1.5-.3.7l-5 5a1 1 0 0 1-1.4-1.4l3.3-3.3H5a1 1 0 0 1 0-2h11.6l-3.3-3.3a1 1 0 1 1 1.4-1.4Z';
const Arrow = ({ path, name }: { path: string; name: string }) => (
  <svg className={`nhsuk-icon nhsuk-icon--${name}`} xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true">
    <path d={path} />
  </svg>
);

/** The NHS pagination (previous and next, with the page each leads to), as nhsuk-frontend 10 draws it without numbered items. */
function Pagination({ previous, next }: { previous?: { href: string; label: string } | undefined; next?: { href: string; label: string } | undefined }) {
  if (!previous && !next) return null;
  return (
    <nav className="nhsuk-pagination" role="navigation" aria-label="Pages of the register">
      <ul className="nhsuk-list nhsuk-pagination__list">
        {previous && (
          <li className="nhsuk-pagination-item--previous">
            <a className="nhsuk-pagination__link nhsuk-pagination__link--prev" href={previous.href} rel="prev">
              <span className="nhsuk-pagination__title">Previous<span className="nhsuk-u-visually-hidden"> page</span></span>
              <span className="nhsuk-u-visually-hidden">:</span>
              <span className="nhsuk-pagination__page">{previous.label}</span>
              <Arrow path={arrowLeft} name="arrow-left" />
            </a>
          </li>
        )}
        {next && (
          <li className="nhsuk-pagination-item--next">
            <a className="nhsuk-pagination__link nhsuk-pagination__link--next" href={next.href} rel="next">
              <span className="nhsuk-pagination__title">Next<span className="nhsuk-u-visually-hidden"> page</span></span>
              <span className="nhsuk-u-visually-hidden">:</span>
              <span className="nhsuk-pagination__page">{next.label}</span>
              <Arrow path={arrowRight} name="arrow-right" />
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

function ReviewDue({ person }: { person: RegisterPerson }) {
  if (person.overdue) {
    return (
      <>
        <strong className="nhsuk-tag nhsuk-tag--red">Overdue</strong> by {daysWords(person.daysSinceReview - person.reviewWithinDays)}
      </>
    );
  }
  const left = person.reviewWithinDays - person.daysSinceReview;
  return <>{left === 0 ? 'Due today' : `Due in ${daysWords(left)}`}</>;
}

const sentence = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

export function registerPage(register: Register, view: RegisterView, values: RegisterValues, errors: FieldError[] = []): ConsolePage {
  const path = pathOf(view);
  const errorOf = (field: string) => errors.find((error) => error.field === field);
  const heading = titles[view];
  const title = errors.length > 0 ? `Error: ${heading}` : heading;
  const { page, pageSize, total, people } = register;
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = (page - 1) * pageSize + people.length;
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const pageAddress = (n: number) => registerAddress(path, { ...registerAnswers(values), page: n > 1 ? String(n) : undefined });
  const pageLabel = (n: number) => `${(n - 1) * pageSize + 1} to ${Math.min(n * pageSize, total)} of ${total.toLocaleString('en-GB')}`;
  const rows: ReactNode[][] = people.map((person) => [
    <a href={personRecordPath(person.reference)}>{person.reference}</a>,
    `${person.givenName} ${person.familyName}`,
    <RatingTag rating={person.rating} />,
    person.area,
    person.ageGroup ? sentence(byId(ageGroups, person.ageGroup)?.name ?? person.ageGroup) : 'Not known',
    person.keyworkerEligible ? 'Eligible' : 'Not eligible',
    person.reviewType ? (byId(reviewTypes, person.reviewType)?.shortName ?? person.reviewType) : 'Not known',
    <>
      {person.daysSinceReview === 0 ? 'Today' : `${daysWords(person.daysSinceReview)} ago`}
      <br />
      <span className="nhsuk-body-s">{formatDate(person.ratingAgreedOn)}</span>
    </>,
    <ReviewDue person={person} />,
  ]);
  return {
    title,
    html: draw(
      <>
        {errors.length > 0 && (
          <ErrorSummary errors={errors} order={registerFieldOrder} target={(error) => errorTarget(error.field)} describe={messageFor} note="The list below is as it was before." />
        )}
        <span className="nhsuk-caption-l">DSR team console</span>
        <h1 className="nhsuk-heading-xl">{heading}</h1>
        <SignedIn fullName={register.teamMember.fullName} current={view === 'due' ? ratingsDuePath : registerPath} />
        {view === 'due' ? (
          <p>
            Everyone on the register, the ratings overdue for review first (the longest overdue first). A rating is due for review a set number of days after it was
            agreed: RED and AMBER sooner than GREEN. Put the overdue ones on the area’s next tracking meeting.
          </p>
        ) : (
          <p>Everyone on the register now. Open a DSR reference to see the person’s record in full.</p>
        )}
        <FindForm action={path} values={values} errorOf={errorOf} />
        <FilterForm action={path} values={values} errorOf={errorOf} />
        <h2 className="nhsuk-heading-l" id="results" tabIndex={-1}>
          {register.found ? 'Found' : 'People on the register'} ({total.toLocaleString('en-GB')})
        </h2>
        {register.found && (
          <p>
            <a href={path}>Show everyone on the register</a>
          </p>
        )}
        {total === 0 ? (
          <p>
            {register.found
              ? 'Nobody on the register matches what you typed with these filters. Check what you typed, or clear the filters and try again.'
              : 'Nobody on the register matches these filters.'}
          </p>
        ) : (
          <>
            <p aria-live="polite">
              Showing {from.toLocaleString('en-GB')} to {to.toLocaleString('en-GB')} of {total.toLocaleString('en-GB')}.{' '}
              {register.overdueTotal === 0 ? 'None is overdue for review.' : `${register.overdueTotal.toLocaleString('en-GB')} overdue for review.`}
            </p>
            <Table
              caption={`${heading}: ${from} to ${to} of ${total}`}
              head={['DSR reference', 'Name', 'Rating', 'Area', 'Age group', 'Keyworker', 'Review type', 'Last review', 'Next review']}
              rows={rows}
            />
            <Pagination
              previous={page > 1 ? { href: pageAddress(page - 1), label: pageLabel(page - 1) } : undefined}
              next={page < lastPage ? { href: pageAddress(page + 1), label: pageLabel(page + 1) } : undefined}
            />
          </>
        )}
        {view === 'register' && (
          <>
            <h2 className="nhsuk-heading-l" id="export">Download the register</h2>
            <WarningCallout label="OFFICIAL-SENSITIVE">
              <p>
                The download has everyone on the register with their name, date of birth, NHS number, postcode, area and rating. It is OFFICIAL-SENSITIVE: keep it
                only on NHS systems, share it only with people who need it, and delete it when you are done.
              </p>
              <p>Every download is audited: who downloaded it, when, and how many people it had.</p>
            </WarningCallout>
            <p><a href={registerExportPath} download>Download the register with personal details (CSV, OFFICIAL-SENSITIVE)</a></p>
          </>
        )}
      </>,
    ),
  };
}
