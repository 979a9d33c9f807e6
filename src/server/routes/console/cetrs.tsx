// A person's C(E)TRs in the DSR team console (/team/people/<DSR reference>/cetrs/): each
// review with its recommendations (who owns each, open or done, and every change), the
// rating review it brought, when the next is due, and the form to record a new one.
import type { ReactNode } from 'react';
import { blankCetr, cetrErrorMessage, cetrFieldOrder, cetrKindOptions, cetrSettingOptions, ownerMaxLength, recommendationMaxLength, type CetrValues } from '../../../forms/cetr.ts';
import { cetrsPath, personRecordPath, recommendationStatusPath, registerPath } from '../../../forms/console.ts';
import { datePartsInError } from '../../../forms/dates.ts';
import { reasonMaxLength, reviewRatingOptions } from '../../../forms/rating-review.ts';
import type { FieldError } from '../../../forms/types.ts';
import { reviewWords } from '../../emails/words.ts';
import { day, draw, ErrorMessage, ErrorSummary, Radios, RatingTag, sentence, SignedIn, SummaryList, Table, when, type ConsolePage } from './views.tsx';

export interface PersonCetrs {
  reference: string;
  latestReference: string;
  person: { givenName: string; familyName: string; rating: string; reviewType: string; livesIn: string };
  nextDue: { kind: string; setting: string; lastHeldOn: string; months: number | null; dueOn: string | null; overdue: boolean | null } | null;
  cetrs: {
    id: string; kind: string; setting: string; heldOn: string; recordedAt: string; recordedBy: string;
    review: { rating: string; ratingAgreedOn: string; reason: string };
    recommendations: { id: string; recommendation: string; owner: string; status: 'open' | 'done'; history: { status: string; at: string; by: string }[] }[];
  }[];
}

const kindWords = (kind: string) => (kind === 'cetr' ? 'CETR' : 'CTR');
const settingWords = (setting: string) => (setting === 'inpatient' ? 'in hospital' : 'in the community');

function NextDue({ cetrs }: { cetrs: PersonCetrs }) {
  const next = cetrs.nextDue;
  if (!next) return <p>No C(E)TR has been recorded for this person yet. Their rating says whether one must take place now.</p>;
  if (!next.dueOn) {
    return (
      <p>
        The last C(E)TR ({kindWords(next.kind)}, {settingWords(next.setting)}) was held on {day(next.lastHeldOn)}. In the community a C(E)TR is held
        when the person is at risk of going into hospital, so no date is set: their rating says when one must take place.
      </p>
    );
  }
  return (
    <p>
      {next.overdue && <><strong className="nhsuk-tag nhsuk-tag--red">Overdue</strong>{' '}</>}
      The next {kindWords(next.kind)} is due by <strong>{day(next.dueOn)}</strong>: the last was held in hospital on {day(next.lastHeldOn)}, and NHS England’s
      policy is a {kindWords(next.kind)} at least every {next.months} months for someone in hospital.
    </p>
  );
}

function TextInput({ id, label, value, error, maxLength, multiline }: { id: string; label: ReactNode; value: string; error: FieldError | undefined; maxLength: number; multiline?: boolean }) {
  const className = multiline ? `nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}` : `nhsuk-input${error ? ' nhsuk-input--error' : ''}`;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>{label}</label>
      <ErrorMessage id={id} error={error} describe={cetrErrorMessage} />
      {multiline ? (
        <textarea className={className} id={id} name={id} rows={2} defaultValue={value} aria-describedby={error ? `${id}-error` : undefined} />
      ) : (
        <input className={className} id={id} name={id} type="text" defaultValue={value} autoComplete="off" aria-describedby={error ? `${id}-error` : undefined} data-max={maxLength} />
      )}
    </div>
  );
}

const errorTarget = (error: FieldError) =>
  error.field === 'heldOn' ? `heldOn-${datePartsInError(error.code)[0] ?? 'day'}` : ['kind', 'setting', 'rating'].includes(error.field) ? `${error.field}-1` : error.field;

function CetrForm({ reference, values, errors }: { reference: string; values: CetrValues; errors: FieldError[] }) {
  const errorOf = (field: string) => errors.find((error) => error.field === field);
  const dateError = errorOf('heldOn');
  const partsInError = dateError ? datePartsInError(dateError.code) : [];
  const reasonError = errorOf('reason');
  return (
    <form method="post" action={cetrsPath(reference)} noValidate>
      <Radios describe={cetrErrorMessage} name="kind" legend="Which review was it?" options={cetrKindOptions} value={values.kind} error={errorOf('kind')} />
      <Radios describe={cetrErrorMessage} name="setting" legend="Where was the person when it was held?" options={cetrSettingOptions} value={values.setting} error={errorOf('setting')} />
      <div className={`nhsuk-form-group${dateError ? ' nhsuk-form-group--error' : ''}`}>
        <fieldset className="nhsuk-fieldset" role="group" aria-describedby={`heldOn-hint${dateError ? ' heldOn-error' : ''}`}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Date the C(E)TR was held</legend>
          <div className="nhsuk-hint" id="heldOn-hint">The rating it agreed is recorded as agreed on this day. For example, 3 11 2026</div>
          <ErrorMessage id="heldOn" error={dateError} describe={cetrErrorMessage} />
          <div className="nhsuk-date-input" id="heldOn">
            {(['day', 'month', 'year'] as const).map((part) => (
              <div key={part} className="nhsuk-date-input__item">
                <div className="nhsuk-form-group">
                  <label className="nhsuk-label nhsuk-date-input__label" htmlFor={`heldOn-${part}`}>{sentence(part)}</label>
                  <input
                    className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${part === 'year' ? 4 : 2}${partsInError.includes(part) ? ' nhsuk-input--error' : ''}`}
                    id={`heldOn-${part}`} name={`heldOn-${part}`} type="text" inputMode="numeric" defaultValue={values.heldOn[part]} autoComplete="off"
                  />
                </div>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <h3 className="nhsuk-heading-s">The rating review it brought</h3>
      <p>Every C(E)TR reviews the rating. It is kept in the rating history, prompted by the C(E)TR.</p>
      <Radios describe={cetrErrorMessage} name="rating" legend="Rating agreed at the C(E)TR" options={reviewRatingOptions} value={values.rating} error={errorOf('rating')} />
      <div className={`nhsuk-form-group${reasonError ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label nhsuk-label--s" htmlFor="reason">Why this rating was agreed</label>
        <div className="nhsuk-hint" id="reason-hint">Up to {reasonMaxLength.toLocaleString('en-GB')} characters.</div>
        <ErrorMessage id="reason" error={reasonError} describe={cetrErrorMessage} />
        <textarea className={`nhsuk-textarea${reasonError ? ' nhsuk-textarea--error' : ''}`} id="reason" name="reason" rows={4}
          aria-describedby={`reason-hint${reasonError ? ' reason-error' : ''}`} defaultValue={values.reason} />
      </div>
      <h3 className="nhsuk-heading-s">Recommendations</h3>
      <p>Each recommendation with who owns it. Leave the rows you do not need empty. Each starts as open.</p>
      {values.recommendations.map((row, i) => (
        <fieldset key={i} className="nhsuk-fieldset nhsuk-u-margin-bottom-4">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Recommendation {i + 1}</legend>
          <TextInput id={`recommendation${i + 1}`} label="What is recommended" value={row.recommendation} error={errorOf(`recommendation${i + 1}`)} maxLength={recommendationMaxLength} multiline />
          <TextInput id={`owner${i + 1}`} label="Who owns it (a role or organisation)" value={row.owner} error={errorOf(`owner${i + 1}`)} maxLength={ownerMaxLength} />
        </fieldset>
      ))}
      <button type="submit" className="nhsuk-button" data-module="nhsuk-button">Save the C(E)TR</button>
    </form>
  );
}

function StatusButton({ reference, id, status, what }: { reference: string; id: string; status: 'open' | 'done'; what: string }) {
  const to = status === 'open' ? 'done' : 'open';
  return (
    <form method="post" action={recommendationStatusPath(reference, id, to)} className="nhsuk-u-margin-bottom-0">
      <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0" data-module="nhsuk-button">
        {to === 'done' ? 'Mark as done' : 'Open again'}<span className="nhsuk-u-visually-hidden"> (recommendation: {what})</span>
      </button>
    </form>
  );
}

export function cetrsPage(cetrs: PersonCetrs, teamMember: { fullName: string }, form: { values: CetrValues; errors: FieldError[] } = { values: blankCetr, errors: [] }): ConsolePage {
  const { person, reference } = cetrs;
  const title = `${form.errors.length > 0 ? 'Error: ' : ''}C(E)TRs: ${person.givenName} ${person.familyName}`;
  return {
    title,
    html: draw(
      <>
        <nav className="nhsuk-back-link nhsuk-u-margin-bottom-4" aria-label="Back">
          <a className="nhsuk-back-link__link" href={personRecordPath(reference)}>Back to {person.givenName} {person.familyName}’s record</a>
        </nav>
        <SignedIn fullName={teamMember.fullName} current={registerPath} within />
        {form.errors.length > 0 && <ErrorSummary errors={form.errors} order={cetrFieldOrder} target={errorTarget} describe={cetrErrorMessage} />}
        <h1 className="nhsuk-heading-xl">
          <span className="nhsuk-caption-l">C(E)TRs</span>
          {person.givenName} {person.familyName}
        </h1>
        <SummaryList rows={[
          ['Rating now', <RatingTag rating={person.rating} />],
          ['Review type now', sentence(reviewWords(person.reviewType))],
          ['DSR reference', cetrs.latestReference],
        ]} />
        <h2 className="nhsuk-heading-l" id="next-due">When the next C(E)TR is due</h2>
        <NextDue cetrs={cetrs} />
        <h2 className="nhsuk-heading-l" id="cetrs">C(E)TRs held ({cetrs.cetrs.length})</h2>
        {cetrs.cetrs.length === 0 && <p>None recorded yet.</p>}
        {cetrs.cetrs.map((cetr) => (
          <section key={cetr.id} className="nhsuk-u-margin-bottom-6" aria-labelledby={`cetr-${cetr.id}`}>
            <h3 className="nhsuk-heading-m" id={`cetr-${cetr.id}`}>{kindWords(cetr.kind)} held {settingWords(cetr.setting)} on {day(cetr.heldOn)}</h3>
            <SummaryList rows={[
              ['Rating agreed', <><RatingTag rating={cetr.review.rating} /> {cetr.review.reason}</>],
              ['Recorded', `${when(cetr.recordedAt)} by ${cetr.recordedBy}`],
            ]} />
            {cetr.recommendations.length === 0 ? (
              <p>No recommendations were recorded.</p>
            ) : (
              <Table
                caption={`Recommendations of the ${kindWords(cetr.kind)} held on ${day(cetr.heldOn)}`}
                head={['Recommendation', 'Owner', 'Status', 'Changes', 'Action']}
                rows={cetr.recommendations.map((item) => [
                  item.recommendation,
                  item.owner,
                  item.status === 'done' ? <strong className="nhsuk-tag nhsuk-tag--green">Done</strong> : <strong className="nhsuk-tag nhsuk-tag--yellow">Open</strong>,
                  <ul className="nhsuk-list nhsuk-body-s nhsuk-u-margin-bottom-0">
                    {item.history.map((change, index) => (
                      <li key={index}>{sentence(change.status)}: {when(change.at)}, {change.by}</li>
                    ))}
                  </ul>,
                  <StatusButton reference={reference} id={item.id} status={item.status} what={item.recommendation} />,
                ])}
              />
            )}
          </section>
        ))}
        <h2 className="nhsuk-heading-l" id="record-cetr">Record a C(E)TR</h2>
        <CetrForm reference={reference} values={form.values} errors={form.errors} />
      </>,
    ),
  };
}
