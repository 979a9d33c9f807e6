// The DSR team console's pages, drawn on the server with the NHS design system's markup
// (nhsuk-frontend 10: summary lists, responsive tables, tags, buttons, the error
// summary). No JavaScript: every action is a form with a button that posts. The words
// for codes are the site's own (content/, messages.ts, the emails' words).
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { ratingFor, isRatingId } from '../../../content/ratings.ts';
import {
  accountsPath,
  actionsPath,
  acknowledgePath,
  cetrsPath,
  figuresPath,
  addTeamMemberPath,
  consoleHome,
  identityPath,
  meetingsPath,
  personRecordPath,
  professionalActionPath,
  ratingsDuePath,
  registerPath,
  refusalReasonMaxLength,
  removeTeamMemberPath,
  requestPath,
  reviewRatingPath,
  sendEmailAgainPath,
  withdrawalPath,
} from '../../../forms/console.ts';
import { formatDate } from '../../../forms/dates.ts';
import { datePartsInError } from '../../../forms/dates.ts';
import { promptedByOptions, reasonMaxLength, reviewErrorMessage, reviewFieldOrder, reviewRatingOptions, type ReviewValues } from '../../../forms/rating-review.ts';
import { conditionOptions } from '../../../forms/referral.ts';
import type { FieldError } from '../../../forms/types.ts';
import { ageGroupWords, askerWords, decisionWords, livesWords, reviewWords } from '../../emails/words.ts';
import { ExceptionMeeting, type FormProblem } from './meetings.tsx';

export interface TodayReferral {
  reference: string;
  rating: string;
  urgent: boolean;
  area: string;
  ageGroup: string;
  ageAtReferral: number;
  receivedAt: string;
  hoursSince: number;
}
export interface IdentityQuestion {
  kind: 'likely_match' | 'nhs_number_conflict';
  askedAt: string;
  reference: string;
  otherReference: string;
}
export interface Today {
  teamMember: { fullName: string };
  referrals: TodayReferral[];
  identityQuestions: IdentityQuestion[];
  withdrawals: { reference: string; requestedAt: string; matched: number }[];
  /** Families' requests (/ask/) not yet decided, oldest first. */
  requests: { reference: string; askerRelationship: string; area: string; requestedAt: string; hoursSince: number }[];
  /** Emails that failed for good, or have been retrying for over an hour: never their addresses. */
  emailsNeedingAttention: { id: string; kind: string; reference: string | null; status: 'pending' | 'failed'; attempts: number; createdAt: string; lastError: string | null }[];
  accountsWaiting: { id: string; email: string; jobTitle: string; organisation: string; area: string; provenAt: string }[];
}

interface ReferralHistory {
  reference: string;
  receivedAt: string;
  rating: string;
  ratingAgreedOn: string;
  ratingReason: string;
  referrer: { fullName: string; jobTitle: string; organisation: string; email: string };
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  nhsNumber: string | null;
  nhsNumberUnknownReason: string | null;
  postcode: string;
  area: string;
  gpPractice: string | null;
  condition: string;
  livesIn: string;
  hospitalName: string | null;
  consentBasis: string;
  consentReference: string | null;
  ageAtReferral: number;
  keyworkerEligible: boolean;
  reviewType: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}
export interface PersonRecord {
  reference: string;
  latestReference: string;
  person: {
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    nhsNumber: string | null;
    postcode: string;
    area: string;
    condition: string;
    livesIn: string;
    hospitalName: string | null;
    admissionDate: string | null;
    gpPractice: string | null;
    communicationNeeds: string | null;
    rating: string;
    ratingAgreedOn: string;
    age: number;
  };
  rules: { ageGroup: string; keyworkerEligible: boolean; reviewType: string; hasEhcp: string | null };
  referrals: ReferralHistory[];
  /** Every rating agreed for them, by a referral or a review: the latest agreed first. */
  ratingHistory: {
    kind: 'referral' | 'review';
    reference: string | null;
    rating: string;
    ratingAgreedOn: string;
    recordedAt: string;
    reason: string;
    promptedBy: string;
    by: string;
  }[];
  consents: {
    reference: string;
    decision: string;
    decisionDate: string;
    decisionMakerName: string | null;
    decisionMakerRole: string | null;
    sharingWith: string[];
    recordedAt: string;
    recordedBy: { jobTitle: string; organisation: string };
  }[];
  withdrawals: { reference: string; requestedAt: string; status: string }[];
  identityQuestions: { kind: IdentityQuestion['kind']; askedAt: string; otherReference: string }[];
  openedBy: { fullName: string; at: string }[];
}

/** A drawn console page: its title (for <title> and the <h1>) and its HTML. */
export interface ConsolePage {
  title: string;
  html: string;
}

const times = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
/** "1 December 2026, 09:05" in England's time. */
export const when = (timestamp: string) => times.format(new Date(timestamp)).replace(' at ', ', ');
export const day = (iso: string) => formatDate(iso.slice(0, 10));
export const hoursWords = (hours: number) => (hours < 1 ? 'less than 1 hour' : hours === 1 ? '1 hour' : `${hours} hours`);
const conditionWords = (id: string) => conditionOptions.find((option) => option.value === id)?.label ?? id;
/** "Child", "In the community": a word from the content, starting a summary list's value. */
export const sentence = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);
const questionWords = { likely_match: 'Possible duplicate', nhs_number_conflict: 'NHS number conflict' } as const;

export function RatingTag({ rating }: { rating: string }) {
  if (!isRatingId(rating)) return <strong className="nhsuk-tag nhsuk-tag--grey">{rating}</strong>;
  const { name, colour } = ratingFor(rating);
  return <strong className={`nhsuk-tag nhsuk-tag--${colour} dsr-rating-tag`}>{name}</strong>;
}

/**
 * A responsive table (nhsuk-table--responsive): each cell repeats its heading for narrow
 * screens. The design system also puts ARIA roles on every row and cell; the Nu HTML
 * Checker (which every page here passes) refuses those inside a table, so only the
 * table keeps its role.
 */
export function Table({ caption, head, rows }: { caption: string; head: string[]; rows: ReactNode[][] }) {
  return (
    <table className="nhsuk-table nhsuk-table--responsive" role="table">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          {head.map((heading) => (
            <th key={heading} className="nhsuk-table__header" scope="col">{heading}</th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {rows.map((cells, row) => (
          <tr key={row} className="nhsuk-table__row">
            {cells.map((cell, column) => (
              <td key={column} className="nhsuk-table__cell">
                <span className="nhsuk-table__heading" aria-hidden="true">{head[column]} </span>
                {/* One box for the value: on a narrow screen the cell lays out its children side by
                    side beside the heading, which ran a name and its reference together. */}
                <div>{cell}</div>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * An email address in a table: it has no place to wrap, so on a narrow screen, beside a
 * responsive table's repeated heading, a long one would push the page sideways. It may
 * break anywhere; nothing else in a table does (names and words stay whole).
 */
export function Email({ address }: { address: string }) {
  return <span className="dsr-email">{address}</span>;
}

/**
 * The design system's warning callout. Its markup wraps the label in role="text", which
 * the Nu HTML Checker refuses (no such role): a plain span reads the same.
 */
export function WarningCallout({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="nhsuk-warning-callout">
      <h3 className="nhsuk-warning-callout__label">
        <span>
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {label}
        </span>
      </h3>
      {children}
    </div>
  );
}

export function SummaryList({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="nhsuk-summary-list">
      {rows.map(([key, value]) => (
        <div key={key} className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">{key}</dt>
          <dd className="nhsuk-summary-list__value">{value ?? 'Not given'}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The console's menu, in its order. */
const consoleMenu = [
  { href: consoleHome, text: 'Today' },
  { href: registerPath, text: 'Register' },
  { href: ratingsDuePath, text: 'Ratings due for review' },
  { href: meetingsPath, text: 'Meetings' },
  { href: actionsPath, text: 'Actions' },
  { href: figuresPath, text: 'Figures' },
  { href: accountsPath, text: 'Accounts' },
] as const;
export type ConsoleMenuPage = (typeof consoleMenu)[number]['href'];

/**
 * Signed in as …, with the sign-out button (a post, so it works without JavaScript), and the
 * console's pages. `current` is the menu's page this one is or belongs to: marked with
 * aria-current, "page" when it is that page itself and "true" when it is within it (a
 * meeting, within Meetings), as the NHS header marks its navigation.
 */
export function SignedIn({ fullName, current, within = false }: { fullName: string; current?: ConsoleMenuPage; within?: boolean }) {
  return (
    <>
      <nav aria-label="DSR team console" className="nhsuk-u-margin-bottom-4">
        <ul className="nhsuk-list nhsuk-u-margin-bottom-0 dsr-console-nav">
          {consoleMenu.map(({ href, text }) => (
            <li key={href} className="nhsuk-u-margin-bottom-1">
              <a href={href} aria-current={href === current ? (within ? 'true' : 'page') : undefined}>{text}</a>
            </li>
          ))}
        </ul>
      </nav>
      <SignedInForm fullName={fullName} />
    </>
  );
}

function SignedInForm({ fullName }: { fullName: string }) {
  return (
    <form method="post" action="/api/sign-out" className="dsr-console-signed-in">
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">Signed in to the DSR team console as {fullName}.</p>
      <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" data-module="nhsuk-button">
        Sign out
      </button>
    </form>
  );
}

export const draw = (node: ReactNode) => renderToStaticMarkup(node);

/** "Request acknowledgement": an email's kind, as the team reads it. */
export const emailKindWords = (kind: string) => sentence(kind.replaceAll('_', ' '));

/** A reference, linked to where the console shows it (a person's record, a withdrawal request, a family's request). */
export function ReferenceLink({ reference }: { reference: string }) {
  const href = reference.startsWith('DSR-') ? personRecordPath(reference) : reference.startsWith('WDR-') ? withdrawalPath(reference) : reference.startsWith('REQ-') ? requestPath(reference) : undefined;
  return href ? <a href={href}>{reference}</a> : <>{reference}</>;
}

export function todayPage(today: Today): ConsolePage {
  const { referrals, identityQuestions, withdrawals, requests, emailsNeedingAttention, accountsWaiting } = today;
  const title = 'Today';
  return {
    title,
    html: draw(
      <>
        <span className="nhsuk-caption-l">DSR team console</span>
        <h1 className="nhsuk-heading-xl">{title}</h1>
        <SignedIn fullName={today.teamMember.fullName} current={consoleHome} />
        <h2 className="nhsuk-heading-l" id="new-referrals">New referrals ({referrals.length})</h2>
        {referrals.length === 0 ? (
          <p>Every referral has been acknowledged.</p>
        ) : (
          <>
            <p>Not yet acknowledged, RED first. Open a referral to see the person’s record and acknowledge it.</p>
            <Table
              caption="New referrals, RED first"
              head={['DSR reference', 'Rating', 'Arrived', 'Area', 'Age']}
              rows={referrals.map((referral) => [
                <a href={personRecordPath(referral.reference)}>{referral.reference}</a>,
                <RatingTag rating={referral.rating} />,
                <>{hoursWords(referral.hoursSince)} ago</>,
                referral.area,
                <>
                  {referral.ageAtReferral} ({ageGroupWords(referral.ageGroup)})
                </>,
              ])}
            />
          </>
        )}
        <h2 className="nhsuk-heading-l" id="identity-questions">Possible duplicates to decide ({identityQuestions.length})</h2>
        {identityQuestions.length === 0 ? (
          <p>There are no possible duplicates or NHS number conflicts to decide.</p>
        ) : (
          <Table
            caption="Possible duplicates and NHS number conflicts"
            head={['Question', 'New referral', 'Earlier entry', 'Asked']}
            rows={identityQuestions.map((question) => [
              questionWords[question.kind],
              <a href={personRecordPath(question.reference)}>{question.reference}</a>,
              <a href={personRecordPath(question.otherReference)}>{question.otherReference}</a>,
              when(question.askedAt),
            ])}
          />
        )}
        <h2 className="nhsuk-heading-l" id="withdrawals">Withdrawal requests ({withdrawals.length})</h2>
        {withdrawals.length === 0 ? (
          <p>There are no open withdrawal requests.</p>
        ) : (
          <Table
            caption="Open withdrawal requests"
            head={['Reference', 'Asked', 'Entries matched']}
            rows={withdrawals.map((withdrawal) => [<a href={withdrawalPath(withdrawal.reference)}>{withdrawal.reference}</a>, when(withdrawal.requestedAt), String(withdrawal.matched)])}
          />
        )}
        <h2 className="nhsuk-heading-l" id="requests">Requests to be considered ({requests.length})</h2>
        {requests.length === 0 ? (
          <p>There are no requests waiting for a decision.</p>
        ) : (
          <>
            <p>Asked for on the “Ask for someone to be considered” form, oldest first. Open a request to read it and record what happens next.</p>
            <Table
              caption="Requests to be considered, oldest first"
              head={['Reference', 'Who is asking', 'Area', 'Asked']}
              rows={requests.map((request) => [
                <a href={requestPath(request.reference)}>{request.reference}</a>,
                sentence(askerWords[request.askerRelationship] ?? request.askerRelationship),
                request.area,
                <>{hoursWords(request.hoursSince)} ago</>,
              ])}
            />
          </>
        )}
        <h2 className="nhsuk-heading-l" id="emails">Emails that need attention ({emailsNeedingAttention.length})</h2>
        {emailsNeedingAttention.length === 0 ? (
          <p>Every email has been sent or is on its way.</p>
        ) : (
          <>
            <p>Emails that could not be sent, or have kept failing for over an hour. Check the error, then send again: the next delivery run tries it from the start.</p>
            <Table
              caption="Emails that need attention"
              head={['Email', 'About', 'Attempts', 'Last error', 'Action']}
              rows={emailsNeedingAttention.map((email) => [
                <>
                  {emailKindWords(email.kind)}
                  <br />
                  <span className="nhsuk-body-s">{email.status === 'failed' ? 'Stopped trying' : 'Still trying'}, written {when(email.createdAt)}</span>
                </>,
                email.reference ? <ReferenceLink reference={email.reference} /> : 'No record',
                String(email.attempts),
                email.lastError ?? 'None recorded',
                <RowButton action={sendEmailAgainPath(email.id)} text="Send again" who={`the ${emailKindWords(email.kind).toLowerCase()} email${email.reference ? ` about ${email.reference}` : ''}`} />,
              ])}
            />
          </>
        )}
        <h2 className="nhsuk-heading-l" id="accounts-waiting">Accounts waiting for approval ({accountsWaiting.length})</h2>
        {accountsWaiting.length === 0 ? (
          <p>No accounts are waiting for approval.</p>
        ) : (
          <Table
            caption="Accounts waiting for approval"
            head={['Email address', 'Job title', 'Organisation', 'Area', 'Address confirmed']}
            rows={accountsWaiting.map((account) => [<a href={`${accountsPath}#professional-${account.id}`}><Email address={account.email} /></a>, account.jobTitle, account.organisation, account.area, when(account.provenAt)])}
          />
        )}
      </>,
    ),
  };
}

function AcknowledgeButton({ reference }: { reference: string }) {
  return (
    <form method="post" action={acknowledgePath(reference)}>
      <button type="submit" className="nhsuk-button nhsuk-u-margin-bottom-0" data-module="nhsuk-button">
        Acknowledge referral <span className="nhsuk-u-visually-hidden">{reference}</span>
      </button>
    </form>
  );
}

function IdentityDecision({ reference, question }: { reference: string; question: PersonRecord['identityQuestions'][number] }) {
  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">
          {questionWords[question.kind]}: <a href={personRecordPath(question.otherReference)}>{question.otherReference}</a>
        </h3>
        <p className="nhsuk-card__description nhsuk-u-margin-bottom-4">
          {question.kind === 'likely_match'
            ? 'An earlier entry has the same full name and date of birth, and one or both have no NHS number.'
            : 'The NHS number given is held for an entry with another date of birth.'}{' '}
          Asked {when(question.askedAt)}. Open the other entry to compare before you decide.
        </p>
        <form method="post" action={identityPath(reference)}>
          <input type="hidden" name="otherReference" value={question.otherReference} />
          <div className="nhsuk-button-group nhsuk-u-margin-bottom-0">
            <button type="submit" name="decision" value="same_person" className="nhsuk-button nhsuk-button--secondary" data-module="nhsuk-button">
              They are the same person
            </button>
            <button type="submit" name="decision" value="keep_apart" className="nhsuk-button nhsuk-button--secondary" data-module="nhsuk-button">
              They are different people
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

const promptedWords = (id: string) =>
  id === 'referral' ? 'A referral' : id === 'meeting_by_exception' ? 'A meeting by exception' : (promptedByOptions.find((option) => option.value === id)?.label ?? id);

/** The rating's history: every referral's and every review's rating, the latest agreed first (the first is the current rating). */
function RatingHistory({ history }: { history: PersonRecord['ratingHistory'] }) {
  return (
    <Table
      caption="Rating history, the latest agreed first"
      head={['Rating', 'Agreed', 'Who', 'Why', 'Prompted by']}
      rows={history.map((entry) => [
        <RatingTag rating={entry.rating} />,
        day(entry.ratingAgreedOn),
        <>
          {entry.by}
          <br />
          <span className="nhsuk-body-s">
            {entry.kind === 'referral' ? `Referral ${entry.reference ?? ''}` : 'Review'}, recorded {when(entry.recordedAt)}
          </span>
        </>,
        <span className="dsr-preserve-lines">{entry.reason}</span>,
        promptedWords(entry.promptedBy),
      ])}
    />
  );
}

/** Where a question's error points: the first box of a date, the first radio. */
const errorTarget = (field: string, code: string) =>
  field === 'ratingAgreedOn' ? `ratingAgreedOn-${datePartsInError(code)[0] ?? 'day'}` : field === 'rating' || field === 'promptedBy' ? `${field}-1` : field;

export const blankReview: ReviewValues = { rating: '', ratingAgreedOn: { day: '', month: '', year: '' }, reason: '', promptedBy: '' };

/** A question's error message, in the words `describe` gives its code (the rating review's by default). */
export function ErrorMessage({ id, error, describe = reviewErrorMessage }: { id: string; error: FieldError | undefined; describe?: ((error: FieldError) => string) | undefined }) {
  if (!error) return null;
  return (
    <span className="nhsuk-error-message" id={`${id}-error`}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {describe(error)}
    </span>
  );
}

/** A radios question as the design system draws it, the first radio `${name}-1` (where its error links). */
export function Radios({ name, legend, options, value, error, describe }: { name: string; legend: string; options: { value: string; label: string; hint?: string }[]; value: string; error: FieldError | undefined; describe?: ((error: FieldError) => string) | undefined }) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={error ? `${name}-error` : undefined}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        <ErrorMessage id={name} error={error} describe={describe} />
        <div className="nhsuk-radios" data-module="nhsuk-radios">
          {options.map((option, index) => (
            <div key={option.value} className="nhsuk-radios__item">
              <input className="nhsuk-radios__input" id={`${name}-${index + 1}`} name={name} type="radio" value={option.value} defaultChecked={value === option.value}
                aria-describedby={option.hint ? `${name}-${index + 1}-hint` : undefined} />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${name}-${index + 1}`}>{option.label}</label>
              {option.hint && <div className="nhsuk-hint nhsuk-radios__hint" id={`${name}-${index + 1}-hint`}>{option.hint}</div>}
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** Review the rating: a new rating with its date, reason and what prompted it, kept as history. Drawn again with the errors and what was typed. */
function ReviewForm({ reference, values, errors }: { reference: string; values: ReviewValues; errors: FieldError[] }) {
  const errorOf = (field: string) => errors.find((error) => error.field === field);
  const dateError = errorOf('ratingAgreedOn');
  const partsInError = dateError ? datePartsInError(dateError.code) : [];
  const reasonError = errorOf('reason');
  return (
    <form method="post" action={reviewRatingPath(reference)} noValidate>
      <Radios name="rating" legend="New rating" options={reviewRatingOptions} value={values.rating} error={errorOf('rating')} />
      <div className={`nhsuk-form-group${dateError ? ' nhsuk-form-group--error' : ''}`}>
        <fieldset className="nhsuk-fieldset" role="group" aria-describedby={`ratingAgreedOn-hint${dateError ? ' ratingAgreedOn-error' : ''}`}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Date the rating was agreed</legend>
          <div className="nhsuk-hint" id="ratingAgreedOn-hint">For example, 3 11 2026</div>
          <ErrorMessage id="ratingAgreedOn" error={dateError} />
          <div className="nhsuk-date-input" id="ratingAgreedOn">
            {(['day', 'month', 'year'] as const).map((part) => (
              <div key={part} className="nhsuk-date-input__item">
                <div className="nhsuk-form-group">
                  <label className="nhsuk-label nhsuk-date-input__label" htmlFor={`ratingAgreedOn-${part}`}>{sentence(part)}</label>
                  <input
                    className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${part === 'year' ? 4 : 2}${partsInError.includes(part) ? ' nhsuk-input--error' : ''}`}
                    id={`ratingAgreedOn-${part}`} name={`ratingAgreedOn-${part}`} type="text" inputMode="numeric" defaultValue={values.ratingAgreedOn[part]}
                    autoComplete="off"
                  />
                </div>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <div className={`nhsuk-form-group${reasonError ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label nhsuk-label--s" htmlFor="reason">Why this rating was agreed</label>
        <div className="nhsuk-hint" id="reason-hint">What has changed, and what the rating means for them now. Up to {reasonMaxLength.toLocaleString('en-GB')} characters.</div>
        <ErrorMessage id="reason" error={reasonError} />
        <textarea className={`nhsuk-textarea${reasonError ? ' nhsuk-textarea--error' : ''}`} id="reason" name="reason" rows={5}
          aria-describedby={`reason-hint${reasonError ? ' reason-error' : ''}`} defaultValue={values.reason} />
      </div>
      <Radios name="promptedBy" legend="What prompted the review" options={promptedByOptions} value={values.promptedBy} error={errorOf('promptedBy')} />
      <button type="submit" className="nhsuk-button" data-module="nhsuk-button">Save the new rating</button>
    </form>
  );
}

/**
 * The NHS error summary of a console form drawn again after a post, from its field errors:
 * its links in the order of the questions (`order`), each to the box the error is about
 * (`target`), in the form's own words (`describe`). The rating review's form uses it, a
 * C(E)TR's (cetrs.tsx) and the register's filters (register.tsx).
 */
export function ErrorSummary({ errors, order, target, describe, note }: {
  errors: FieldError[];
  order: readonly string[];
  target: (error: FieldError) => string;
  describe: (error: FieldError) => string;
  note?: string;
}) {
  const ordered = [...errors].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  return <ConsoleErrorSummary errors={ordered.map((error) => ({ href: `#${target(error)}`, message: describe(error) }))} note={note} />;
}

export function recordPage(
  record: PersonRecord,
  teamMember: { fullName: string },
  review: { values: ReviewValues; errors: FieldError[] } = { values: blankReview, errors: [] },
  exception?: FormProblem,
): ConsolePage {
  const { person, rules } = record;
  const title = `${review.errors.length > 0 || exception ? 'Error: ' : ''}${person.givenName} ${person.familyName}`;
  const waiting = record.referrals.filter((referral) => !referral.acknowledgedAt);
  return {
    title,
    html: draw(
      <>
        <nav className="nhsuk-back-link nhsuk-u-margin-bottom-4" aria-label="Back">
          <a className="nhsuk-back-link__link" href={consoleHome}>Back to Today</a>
        </nav>
        {review.errors.length > 0 && <ErrorSummary errors={review.errors} order={reviewFieldOrder} target={(error) => errorTarget(error.field, error.code)} describe={reviewErrorMessage} />}
        <span className="nhsuk-caption-l">Person’s record, {record.latestReference}</span>
        <h1 className="nhsuk-heading-xl">
          {person.givenName} {person.familyName}
        </h1>
        <SignedIn fullName={teamMember.fullName} current={registerPath} within />
        {waiting.map((referral) => (
          <div key={referral.reference} className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>
              <RatingTag rating={referral.rating} /> referral {referral.reference} arrived {when(referral.receivedAt)} and has not been acknowledged.
            </p>
            <AcknowledgeButton reference={referral.reference} />
          </div>
        ))}
        <h2 className="nhsuk-heading-l">Now</h2>
        <SummaryList
          rows={[
            ['Current rating', <><RatingTag rating={person.rating} /> agreed {day(person.ratingAgreedOn)}</>],
            ['Date of birth', `${day(person.dateOfBirth)} (${person.age})`],
            ['NHS number', person.nhsNumber ?? 'Not known'],
            ['Postcode', person.postcode],
            ['Area', person.area],
            ['Condition', conditionWords(person.condition)],
            ['Lives', sentence(person.hospitalName ? `${livesWords[person.livesIn]}: ${person.hospitalName}` : (livesWords[person.livesIn] ?? person.livesIn))],
            ['GP practice', person.gpPractice],
            ['Communication needs', person.communicationNeeds],
            ['Age group', sentence(ageGroupWords(rules.ageGroup))],
            ['Keyworker', rules.keyworkerEligible ? 'Eligible for a keyworker' : 'Not eligible for a keyworker'],
            ['Review', reviewWords(rules.reviewType)],
          ]}
        />
        <h2 className="nhsuk-heading-l" id="rating-history">Rating history ({record.ratingHistory.length})</h2>
        <p>Every rating agreed for them, by a referral or a review, the latest agreed first. The first is their current rating. Nothing here is ever changed: a review adds a row.</p>
        <RatingHistory history={record.ratingHistory} />
        <h2 className="nhsuk-heading-l" id="review-rating">Review the rating</h2>
        <p>
          Record the rating agreed at a C(E)TR, a tracking meeting or on new information. The earlier ratings are kept, and the lead professional (who made
          their latest referral) is emailed the reference and the new rating.
        </p>
        <ReviewForm reference={record.latestReference} values={review.values} errors={review.errors} />
        {person.rating === 'red' && <ExceptionMeeting reference={record.latestReference} problem={exception} />}
        {record.identityQuestions.length > 0 && (
          <>
            <h2 className="nhsuk-heading-l">Possible duplicates to decide</h2>
            {record.identityQuestions.map((question) => (
              <IdentityDecision key={question.otherReference} reference={record.reference} question={question} />
            ))}
          </>
        )}
        <h2 className="nhsuk-heading-l">Referrals ({record.referrals.length})</h2>
        <p>Newest first. Each keeps the details it gave on the day: this is the person’s history.</p>
        {record.referrals.map((referral) => (
          <section key={referral.reference} aria-labelledby={`referral-${referral.reference}`}>
            <h3 className="nhsuk-heading-m" id={`referral-${referral.reference}`}>
              {referral.reference} <RatingTag rating={referral.rating} />
            </h3>
            <SummaryList
              rows={[
                ['Arrived', when(referral.receivedAt)],
                ['Referred by', `${referral.referrer.fullName}, ${referral.referrer.jobTitle}, ${referral.referrer.organisation} (${referral.referrer.email})`],
                ['Rating', <><RatingTag rating={referral.rating} /> agreed {day(referral.ratingAgreedOn)}</>],
                ['Why', referral.ratingReason],
                ['Name given', `${referral.givenName} ${referral.familyName}`],
                ['Date of birth given', `${day(referral.dateOfBirth)} (${referral.ageAtReferral} then)`],
                ['NHS number given', referral.nhsNumber ?? `Not known: ${referral.nhsNumberUnknownReason ?? ''}`],
                ['Postcode and area', `${referral.postcode}, ${referral.area}`],
                ['Lives', sentence(referral.hospitalName ? `${livesWords[referral.livesIn]}: ${referral.hospitalName}` : (livesWords[referral.livesIn] ?? referral.livesIn))],
                ['Consent', sentence(`${decisionWords[referral.consentBasis] ?? referral.consentBasis}${referral.consentReference ? ` (${referral.consentReference})` : ''}`)],
                ['Then', `${reviewWords(referral.reviewType)}; ${referral.keyworkerEligible ? 'eligible' : 'not eligible'} for a keyworker`],
                ['Acknowledged', referral.acknowledgedAt ? `${when(referral.acknowledgedAt)} by ${referral.acknowledgedBy ?? 'a team member'}` : 'Not yet'],
              ]}
            />
          </section>
        ))}
        <h2 className="nhsuk-heading-l" id="cetrs">C(E)TRs</h2>
        <p>Each C(E)TR held, its recommendations and who owns them, and when the next is due.</p>
        <p><a href={cetrsPath(record.reference)}>See the C(E)TRs and record a C(E)TR<span className="nhsuk-u-visually-hidden"> for {person.givenName} {person.familyName}</span></a></p>
        <h2 className="nhsuk-heading-l">Consent records ({record.consents.length})</h2>
        {record.consents.length === 0 ? (
          <p>No consent record is tied to this person.</p>
        ) : (
          <Table
            caption="Consent records"
            head={['Reference', 'Decision', 'Date', 'Decided by', 'Recorded by']}
            rows={record.consents.map((consent) => [
              consent.reference,
              sentence(decisionWords[consent.decision] ?? consent.decision),
              day(consent.decisionDate),
              [consent.decisionMakerName, consent.decisionMakerRole].filter(Boolean).join(', ') || 'The person',
              `${consent.recordedBy.jobTitle}, ${consent.recordedBy.organisation}`,
            ])}
          />
        )}
        <h2 className="nhsuk-heading-l">Withdrawal</h2>
        {record.withdrawals.length === 0 ? (
          <p>No withdrawal request is matched to this person.</p>
        ) : (
          <ul className="nhsuk-list nhsuk-list--bullet">
            {record.withdrawals.map((withdrawal) => (
              <li key={withdrawal.reference}><a href={withdrawalPath(withdrawal.reference)}>{withdrawal.reference}</a>, asked {when(withdrawal.requestedAt)}: matched, not yet completed</li>
            ))}
          </ul>
        )}
        <h2 className="nhsuk-heading-l">Who has opened this record</h2>
        <ul className="nhsuk-list">
          {record.openedBy.map((opening, index) => (
            <li key={index}>
              {opening.fullName}, {when(opening.at)}
            </li>
          ))}
        </ul>
      </>,
    ),
  };
}

/** A plain console page for a refusal or a problem: what happened, and where to go. */
export function problemPage(title: string, message: string, links: { href: string; text: string }[] = [{ href: consoleHome, text: 'Go to Today' }]): ConsolePage {
  return {
    title,
    html: draw(
      <>
        <h1 className="nhsuk-heading-xl">{title}</h1>
        <p>{message}</p>
        {links.map((link) => (
          <p key={link.href}>
            <a href={link.href}>{link.text}</a>
          </p>
        ))}
      </>,
    ),
  };
}

export interface ProfessionalAccount {
  id: string;
  status: 'pending_approval' | 'active' | 'refused' | 'switched_off';
  fullName: string;
  jobTitle: string;
  organisation: string;
  area: string;
  email: string;
  registeredAt: string;
  provenAt: string;
  approvedAt: string | null;
  refusedAt: string | null;
  refusalReason: string | null;
  switchedOffAt: string | null;
}
export interface TeamMemberAccount {
  id: string;
  status: 'active' | 'switched_off';
  fullName: string;
  email: string;
  addedAt: string;
  removedAt: string | null;
  isYou: boolean;
}
export interface Accounts {
  teamMember: { id: string; fullName: string };
  professionals: ProfessionalAccount[];
  teamMembers: TeamMemberAccount[];
}

/** Bad input on one of the Accounts page's forms: which form, each field's message, and what was typed. */
export interface AccountsProblem {
  form: { kind: 'refuse'; professionalId: string } | { kind: 'add' };
  errors: { field: string; message: string }[];
  values: Record<string, string>;
}

/** The ids of the fields, so the error summary links to them. */
const reasonId = (professionalId: string) => `reason-${professionalId}`;
const memberFieldId = (field: string) => `member-${field}`;

/** A form group with its label, hint and error message, as nhsuk-frontend draws them. */
export function Field({ id, name, label, hint, error, children }: { id: string; name: string; label: string; hint?: string | undefined; error?: string | undefined; children: (describedBy: string | undefined, hasError: boolean) => ReactNode }) {
  const describedBy = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`} data-field={name}>
      <label className="nhsuk-label" htmlFor={id}>{label}</label>
      {hint && <div className="nhsuk-hint" id={`${id}-hint`}>{hint}</div>}
      {error && (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
      {children(describedBy, Boolean(error))}
    </div>
  );
}

/** The NHS error summary: each link to the box an error is about, and what became of the post (`note`). */
export function ConsoleErrorSummary({ errors, note = 'Nothing was changed.' }: { errors: { href: string; message: string }[]; note?: string | undefined }) {
  return (
    <div className="nhsuk-error-summary" data-module="nhsuk-error-summary" tabIndex={-1}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading">There is a problem</h2>
        <div className="nhsuk-error-summary__body">
          <p>{note}</p>
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {errors.map((error) => (
              <li key={error.href}>
                <a href={error.href}>{error.message}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

function WaitingAccount({ account, problem }: { account: ProfessionalAccount; problem?: AccountsProblem | undefined }) {
  const mine = problem?.form.kind === 'refuse' && problem.form.professionalId === account.id ? problem : undefined;
  const reasonError = mine?.errors.find((error) => error.field === 'reason')?.message;
  return (
    <div className="nhsuk-card" id={`professional-${account.id}`}>
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-m">{account.fullName}</h3>
        <SummaryList
          rows={[
            ['Job title', account.jobTitle],
            ['Organisation', account.organisation],
            ['Area', account.area],
            ['Email', account.email],
            ['Asked', when(account.registeredAt)],
            ['Address confirmed', when(account.provenAt)],
          ]}
        />
        <p>Check they work where they say before you approve the account. Approving or refusing it emails them.</p>
        <form method="post" action={professionalActionPath(account.id, 'approve')}>
          <button type="submit" className="nhsuk-button" data-module="nhsuk-button">
            Approve account <span className="nhsuk-u-visually-hidden">for {account.fullName}</span>
          </button>
        </form>
        <details className="nhsuk-details nhsuk-u-margin-bottom-0" open={Boolean(mine)}>
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">
              Refuse this account <span className="nhsuk-u-visually-hidden">for {account.fullName}</span>
            </span>
          </summary>
          <div className="nhsuk-details__text">
            <form method="post" action={professionalActionPath(account.id, 'refuse')} noValidate>
              <Field
                id={reasonId(account.id)}
                name="reason"
                label="Why is this account not approved?"
                hint={`For the DSR team only, up to ${refusalReasonMaxLength} characters. The email to the person says only that it was not approved and to contact the DSR team.`}
                error={reasonError}
              >
                {(describedBy, hasError) => (
                  <textarea
                    className={`nhsuk-textarea${hasError ? ' nhsuk-textarea--error' : ''}`}
                    id={reasonId(account.id)}
                    name="reason"
                    rows={3}
                    aria-describedby={describedBy}
                    defaultValue={mine?.values['reason'] ?? ''}
                  />
                )}
              </Field>
              <button type="submit" className="nhsuk-button nhsuk-button--warning nhsuk-u-margin-bottom-0" data-module="nhsuk-button">
                Refuse account <span className="nhsuk-u-visually-hidden">for {account.fullName}</span>
              </button>
            </form>
          </div>
        </details>
      </div>
    </div>
  );
}

/** A small button in a table's row, posting to its action. */
export function RowButton({ action, text, who }: { action: string; text: string; who: string }) {
  return (
    <form method="post" action={action}>
      <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0" data-module="nhsuk-button">
        {text} <span className="nhsuk-u-visually-hidden">{who}</span>
      </button>
    </form>
  );
}

export function accountsPage(accounts: Accounts, problem?: AccountsProblem): ConsolePage {
  const by = (status: ProfessionalAccount['status']) => accounts.professionals.filter((account) => account.status === status);
  const waiting = by('pending_approval');
  const active = by('active');
  const refused = by('refused');
  const switchedOff = by('switched_off');
  const members = accounts.teamMembers.filter((member) => member.status === 'active');
  const removed = accounts.teamMembers.filter((member) => member.status !== 'active');
  const adding = problem?.form.kind === 'add' ? problem : undefined;
  const addError = (field: string) => adding?.errors.find((error) => error.field === field)?.message;
  const summary = problem?.errors.map((error) => ({
    href: `#${problem.form.kind === 'refuse' ? reasonId(problem.form.professionalId) : memberFieldId(error.field)}`,
    message: error.message,
  }));
  const title = problem ? 'Error: Accounts' : 'Accounts';
  return {
    title,
    html: draw(
      <>
        {summary && <ConsoleErrorSummary errors={summary} />}
        <span className="nhsuk-caption-l">DSR team console</span>
        <h1 className="nhsuk-heading-xl">Accounts</h1>
        <SignedIn fullName={accounts.teamMember.fullName} current={accountsPath} />
        <h2 className="nhsuk-heading-l" id="waiting">Waiting for approval ({waiting.length})</h2>
        {waiting.length === 0 ? <p>No accounts are waiting for approval.</p> : waiting.map((account) => <WaitingAccount key={account.id} account={account} problem={problem} />)}
        <h2 className="nhsuk-heading-l" id="active">Active ({active.length})</h2>
        {active.length === 0 ? (
          <p>No professional has an active account.</p>
        ) : (
          <>
            <p>Switch off the account of someone who has left: they are signed out at once and can no longer sign in. They are not emailed.</p>
            <Table
              caption="Active accounts"
              head={['Name', 'Job title', 'Organisation', 'Area', 'Email', 'Active since', 'Action']}
              rows={active.map((account) => [
                account.fullName,
                account.jobTitle,
                account.organisation,
                account.area,
                <Email address={account.email} />,
                day(account.approvedAt ?? account.provenAt),
                <RowButton action={professionalActionPath(account.id, 'switch-off')} text="Switch off" who={`the account of ${account.fullName}`} />,
              ])}
            />
          </>
        )}
        <h2 className="nhsuk-heading-l" id="refused">Refused ({refused.length})</h2>
        {refused.length === 0 ? (
          <p>No accounts have been refused.</p>
        ) : (
          <Table
            caption="Refused accounts"
            head={['Name', 'Job title', 'Organisation', 'Area', 'Email', 'Refused', 'Why (for the team only)']}
            rows={refused.map((account) => [account.fullName, account.jobTitle, account.organisation, account.area, <Email address={account.email} />, day(account.refusedAt!), account.refusalReason])}
          />
        )}
        <h2 className="nhsuk-heading-l" id="switched-off">Switched off ({switchedOff.length})</h2>
        {switchedOff.length === 0 ? (
          <p>No accounts have been switched off.</p>
        ) : (
          <Table
            caption="Switched off accounts"
            head={['Name', 'Job title', 'Organisation', 'Area', 'Email', 'Switched off']}
            rows={switchedOff.map((account) => [account.fullName, account.jobTitle, account.organisation, account.area, <Email address={account.email} />, day(account.switchedOffAt!)])}
          />
        )}
        <h2 className="nhsuk-heading-l" id="team">DSR team ({members.length})</h2>
        <Table
          caption="DSR team members"
          head={['Name', 'Email', 'Added', 'Action']}
          rows={members.map((member) => [
            member.fullName,
            <Email address={member.email} />,
            day(member.addedAt),
            member.isYou ? 'This is you' : <RowButton action={removeTeamMemberPath(member.id)} text="Remove" who={`${member.fullName} from the team`} />,
          ])}
        />
        {removed.length > 0 && (
          <>
            <h3 className="nhsuk-heading-m">Removed from the team ({removed.length})</h3>
            <Table
              caption="Removed team members"
              head={['Name', 'Email', 'Removed']}
              rows={removed.map((member) => [member.fullName, <Email address={member.email} />, day(member.removedAt ?? member.addedAt)])}
            />
          </>
        )}
        <h3 className="nhsuk-heading-m" id="add-team-member">Add a team member</h3>
        <p>They sign in with a link sent to this email address.</p>
        <form method="post" action={addTeamMemberPath} noValidate>
          <Field id={memberFieldId('fullName')} name="fullName" label="Full name" error={addError('fullName')}>
            {(describedBy, hasError) => (
              <input className={`nhsuk-input${hasError ? ' nhsuk-input--error' : ''}`} id={memberFieldId('fullName')} name="fullName" type="text" autoComplete="off" spellCheck={false} aria-describedby={describedBy} defaultValue={adding?.values['fullName'] ?? ''} />
            )}
          </Field>
          <Field id={memberFieldId('email')} name="email" label="Email address" error={addError('email')}>
            {(describedBy, hasError) => (
              <input className={`nhsuk-input${hasError ? ' nhsuk-input--error' : ''}`} id={memberFieldId('email')} name="email" type="email" autoComplete="off" spellCheck={false} aria-describedby={describedBy} defaultValue={adding?.values['email'] ?? ''} />
            )}
          </Field>
          <button type="submit" className="nhsuk-button" data-module="nhsuk-button">Add team member</button>
        </form>
      </>,
    ),
  };
}
