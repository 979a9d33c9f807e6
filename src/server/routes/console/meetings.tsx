// Meetings (/team/meetings/) and Actions (/team/actions/): the area DSR tracking
// meetings and meetings by exception, each person's page at a meeting (what was agreed,
// the rating confirmed or changed, the actions), the printable agenda (with names, or
// references only), and the actions followed up. Forms post and work without
// JavaScript; bad input draws the page again with the error summary and nothing changed.
import type { ReactNode } from 'react';
import { ratingFor, isRatingId } from '../../../content/ratings.ts';
import {
  actionDonePath,
  actionSlots,
  actionsPath,
  exceptionMeetingPath,
  meetingAddPath,
  meetingAgendaPath,
  meetingPath,
  meetingPersonPath,
  meetingRecordPath,
  meetingRemovePath,
  meetingsPath,
  personRecordPath,
} from '../../../forms/console.ts';
import { datePartsInError } from '../../../forms/dates.ts';
import { reviewRatingOptions } from '../../../forms/rating-review.ts';
import type { FieldError } from '../../../forms/types.ts';
import { meetingMessages } from '../../../forms/messages.ts';
import { ConsoleErrorSummary, day, draw, Field, RatingTag, SignedIn, SummaryList, Table, when, type ConsolePage } from './views.tsx';

export interface MeetingAction { id: string; what: string; owner: string; dueOn: string; doneAt: string | null; doneNote: string | null; thisMeeting: boolean }
export interface MeetingPerson {
  reference: string;
  givenName: string | null;
  familyName: string | null;
  rating: string;
  ratingAgreedOn: string;
  area: string;
  reasons: string[];
  removedAt: string | null;
  removalReason: string | null;
  outcome: string | null;
  recordedAt: string | null;
  ratingChangedTo: string | null;
  actions: MeetingAction[];
}
/** public.team_meeting's answer. */
export interface Meeting {
  teamMember: { fullName: string };
  meeting: { id: string; kind: 'tracking' | 'exception'; area: string; heldOn: string };
  withNames: boolean;
  people: MeetingPerson[];
}
/** public.team_meetings's answer. */
export interface Meetings {
  teamMember: { fullName: string };
  areas: string[];
  meetings: { id: string; kind: 'tracking' | 'exception'; area: string; heldOn: string; people: number }[];
}
/** public.team_actions's answer. */
export interface Actions {
  teamMember: { fullName: string };
  areas: string[];
  filters: { area: string | null; owner: string | null };
  actions: { id: string; reference: string; area: string; rating: string; what: string; owner: string; dueOn: string; overdue: boolean; meetingId: string; agreedAt: string }[];
}

/** A form drawn again with what was typed and what is wrong (nothing was changed). */
export interface FormProblem {
  /** Which form: 'schedule', 'add', 'record', 'remove', 'exception' or `done:<action id>`. */
  form: string;
  values: Record<string, string>;
  errors: FieldError[];
}

const reasonWords: Record<string, string> = {
  amber: 'AMBER',
  red: 'RED since the last meeting',
  new_referral: 'New referral',
  review_overdue: 'Review overdue',
  action_due: 'Action due',
  added: 'Added by the team',
};
/** Why someone is on a meeting: at a meeting by exception, RED is the reason it was convened. */
const whyWords = (meeting: Meeting['meeting'], reasons: string[]) =>
  reasons.map((r) => (r === 'red' && meeting.kind === 'exception' ? 'RED: urgent' : (reasonWords[r] ?? r))).join(', ');
const kindWords = { tracking: 'Tracking meeting', exception: 'Meeting by exception' } as const;
export const meetingTitle = (meeting: Meeting['meeting']) => `${kindWords[meeting.kind]}, ${meeting.area}, ${day(meeting.heldOn)}`;
const personName = (person: MeetingPerson) => (person.givenName ? `${person.givenName} ${person.familyName}` : person.reference);

/** The message for a field's error code, from messages.ts. */
export function meetingMessage(error: FieldError): string {
  const words = (meetingMessages as Record<string, Record<string, string>>)[error.field.replace(/^actions\.\d+\./, '')];
  return words?.[error.code] ?? words?.['required'] ?? 'Check this answer';
}
/** Where an error points: a date's first box in error, a choice's first radio, the box otherwise. */
const errorHref = (error: FieldError) =>
  /(heldOn|dueOn)$/.test(error.field)
    ? `#${error.field.replaceAll('.', '-')}-${datePartsInError(error.code)[0] ?? 'day'}`
    : error.field === 'rating' || error.field === 'area' ? `#${error.field}-1` : `#${error.field.replaceAll('.', '-')}`;
const summaryOf = (errors: FieldError[]) => errors.map((error) => ({ href: errorHref(error), message: meetingMessage(error) }));
const errorFor = (problem: FormProblem | undefined, field: string) => {
  const error = problem?.errors.find((e) => e.field === field);
  return error ? meetingMessage(error) : undefined;
};

/** Three boxes for a date (day, month, year), as the design system draws them. */
function DateInput({ name, legend, hint, problem }: { name: string; legend: string; hint?: string; problem?: FormProblem | undefined }) {
  const id = name.replaceAll('.', '-');
  const error = problem?.errors.find((e) => e.field === name);
  const inError = error ? datePartsInError(error.code) : [];
  const part = (which: 'day' | 'month' | 'year', label: string, width: number) => (
    <div className="nhsuk-date-input__item">
      <div className="nhsuk-form-group">
        <label className="nhsuk-label nhsuk-date-input__label" htmlFor={`${id}-${which}`}>{label}</label>
        <input
          className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${width}${inError.includes(which) ? ' nhsuk-input--error' : ''}`}
          id={`${id}-${which}`}
          name={`${name}-${which}`}
          type="text"
          inputMode="numeric"
          defaultValue={problem?.values[`${name}-${which}`] ?? ''}
        />
      </div>
    </div>
  );
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" role="group" aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        {hint && <div className="nhsuk-hint" id={`${id}-hint`}>{hint}</div>}
        {error && (
          <span className="nhsuk-error-message" id={`${id}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {meetingMessage(error)}
          </span>
        )}
        <div className="nhsuk-date-input">
          {part('day', 'Day', 2)}
          {part('month', 'Month', 2)}
          {part('year', 'Year', 4)}
        </div>
      </fieldset>
    </div>
  );
}

function TextBox({ name, label, hint, problem, multiline, width }: { name: string; label: string; hint?: string; problem?: FormProblem | undefined; multiline?: boolean; width?: number }) {
  const id = name.replaceAll('.', '-');
  const error = errorFor(problem, name);
  return (
    <Field id={id} name={name} label={label} hint={hint} error={error}>
      {(describedBy, hasError) =>
        multiline ? (
          <textarea className={`nhsuk-textarea${hasError ? ' nhsuk-textarea--error' : ''}`} id={id} name={name} rows={4} aria-describedby={describedBy} defaultValue={problem?.values[name] ?? ''} />
        ) : (
          <input className={`nhsuk-input${width ? ` nhsuk-input--width-${width}` : ''}${hasError ? ' nhsuk-input--error' : ''}`} id={id} name={name} type="text" aria-describedby={describedBy} defaultValue={problem?.values[name] ?? ''} />
        )
      }
    </Field>
  );
}

function Button({ children, secondary }: { children: ReactNode; secondary?: boolean }) {
  return (
    <button type="submit" className={`nhsuk-button${secondary ? ' nhsuk-button--secondary' : ''}`} data-module="nhsuk-button">
      {children}
    </button>
  );
}

function Back({ href, text }: { href: string; text: string }) {
  return (
    <nav className="nhsuk-back-link nhsuk-u-margin-bottom-4" aria-label="Back">
      <a className="nhsuk-back-link__link" href={href}>{text}</a>
    </nav>
  );
}

/** /team/meetings/: every meeting, and the form that schedules an area's tracking meeting. */
export function meetingsPage(meetings: Meetings, problem?: FormProblem): ConsolePage {
  const areaError = errorFor(problem, 'area');
  return {
    title: `${problem ? 'Error: ' : ''}Meetings`,
    html: draw(
      <>
        {problem && <ConsoleErrorSummary errors={summaryOf(problem.errors)} />}
        <h1 className="nhsuk-heading-xl">Meetings</h1>
        <SignedIn fullName={meetings.teamMember.fullName} current={meetingsPath} />
        <p>
          AMBER referrals are discussed at their area’s next DSR tracking meeting to agree the resources needed. RED referrals get an urgent meeting by exception:
          convene it from the person’s record.
        </p>
        <h2 className="nhsuk-heading-l" id="schedule">Schedule a tracking meeting</h2>
        <form method="post" action={meetingsPath} noValidate>
          <div className={`nhsuk-form-group${areaError ? ' nhsuk-form-group--error' : ''}`}>
            <fieldset className="nhsuk-fieldset" aria-describedby={areaError ? 'area-error' : undefined}>
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Area</legend>
              {areaError && (
                <span className="nhsuk-error-message" id="area-error">
                  <span className="nhsuk-u-visually-hidden">Error:</span> {areaError}
                </span>
              )}
              <div className="nhsuk-radios nhsuk-radios--small">
                {meetings.areas.map((area, index) => (
                  <div key={area} className="nhsuk-radios__item">
                    <input className="nhsuk-radios__input" id={`area-${index + 1}`} name="area" type="radio" value={area} defaultChecked={problem?.values['area'] === area} />
                    <label className="nhsuk-label nhsuk-radios__label" htmlFor={`area-${index + 1}`}>{area}</label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <DateInput name="heldOn" legend="Day of the meeting" hint="For example, 15 12 2026" problem={problem} />
          <Button>Schedule the meeting</Button>
        </form>
        <h2 className="nhsuk-heading-l">All meetings ({meetings.meetings.length})</h2>
        {meetings.meetings.length === 0 ? (
          <p>No meetings yet.</p>
        ) : (
          <Table
            caption="All meetings, the latest first"
            head={['Meeting', 'Area', 'Day', 'People']}
            rows={meetings.meetings.map((m) => [<a href={meetingPath(m.id)}>{kindWords[m.kind]}</a>, m.area, day(m.heldOn), String(m.people)])}
          />
        )}
      </>,
    ),
  };
}

function ActionList({ actions }: { actions: MeetingAction[] }) {
  if (actions.length === 0) return <>None</>;
  return (
    <ul className="nhsuk-list nhsuk-list--bullet nhsuk-u-margin-bottom-0">
      {actions.map((a) => (
        <li key={a.id}>
          {a.what} ({a.owner}, by {day(a.dueOn)}){a.doneAt ? `: done ${when(a.doneAt)}` : a.thisMeeting ? '' : ': open, from an earlier meeting'}
        </li>
      ))}
    </ul>
  );
}

/** /team/meetings/<id>/: the agenda (with names), what was agreed so far, who was taken off and why, and the form that adds a person. */
export function meetingPage(found: Meeting, problem?: FormProblem): ConsolePage {
  const { meeting } = found;
  const on = found.people.filter((p) => !p.removedAt);
  const off = found.people.filter((p) => p.removedAt);
  return {
    title: `${problem ? 'Error: ' : ''}${meetingTitle(meeting)}`,
    html: draw(
      <>
        <Back href={meetingsPath} text="Back to Meetings" />
        {problem && <ConsoleErrorSummary errors={summaryOf(problem.errors)} />}
        <span className="nhsuk-caption-l">{kindWords[meeting.kind]}</span>
        <h1 className="nhsuk-heading-xl">
          {meeting.area}, {day(meeting.heldOn)}
        </h1>
        <SignedIn fullName={found.teamMember.fullName} current={meetingsPath} within />
        <p>
          Print the agenda: <a href={meetingAgendaPath(meeting.id)}>with names</a> or <a href={meetingAgendaPath(meeting.id, false)}>with references only</a>.
        </p>
        <h2 className="nhsuk-heading-l" id="agenda">Agenda ({on.length})</h2>
        {on.length === 0 ? (
          <p>Nobody is on the agenda.</p>
        ) : (
          <Table
            caption="People on the agenda"
            head={['Person', 'Rating now', 'Why', 'Agreed', 'Actions']}
            rows={on.map((p) => [
              <>
                <a href={meetingPersonPath(meeting.id, p.reference)}>{personName(p)}</a>
                <br />
                <span className="nhsuk-body-s">{p.reference}</span>
              </>,
              <RatingTag rating={p.rating} />,
              whyWords(meeting, p.reasons),
              p.recordedAt ? (
                <>
                  <span className="dsr-preserve-lines">{p.outcome}</span>
                  {p.ratingChangedTo && <> Rating changed to <RatingTag rating={p.ratingChangedTo} />.</>}
                </>
              ) : (
                <a href={meetingPersonPath(meeting.id, p.reference)}>Record what was agreed<span className="nhsuk-u-visually-hidden"> for {p.reference}</span></a>
              ),
              <ActionList actions={p.actions} />,
            ])}
          />
        )}
        <h2 className="nhsuk-heading-m" id="add">Add a person</h2>
        <form method="post" action={meetingAddPath(meeting.id)} noValidate>
          <TextBox name="referral_reference" label="DSR reference" hint="Any of their DSR references, like DSR-7K3M-Q9PA" problem={problem} width={10} />
          <Button secondary>Add to the agenda</Button>
        </form>
        {off.length > 0 && (
          <>
            <h2 className="nhsuk-heading-m" id="taken-off">Taken off the agenda ({off.length})</h2>
            <Table
              caption="People taken off the agenda"
              head={['Person', 'Why', 'When']}
              rows={off.map((p) => [<a href={personRecordPath(p.reference)}>{personName(p)}</a>, <span className="dsr-preserve-lines">{p.removalReason}</span>, when(p.removedAt!)])}
            />
          </>
        )}
      </>,
    ),
  };
}

/** /team/meetings/<id>/people/<reference>/: what was agreed for one person (the form, or what was recorded), and "Take off the agenda". */
export function meetingPersonPage(found: Meeting, person: MeetingPerson, problem?: FormProblem): ConsolePage {
  const { meeting } = found;
  const rating = problem?.values['rating'] ?? person.rating;
  const ratingError = errorFor(problem, 'rating');
  return {
    title: `${problem ? 'Error: ' : ''}${personName(person)}, ${meetingTitle(meeting)}`,
    html: draw(
      <>
        <Back href={meetingPath(meeting.id)} text="Back to the meeting" />
        {problem && <ConsoleErrorSummary errors={summaryOf(problem.errors)} />}
        <span className="nhsuk-caption-l">{meetingTitle(meeting)}</span>
        <h1 className="nhsuk-heading-xl">{personName(person)}</h1>
        <SignedIn fullName={found.teamMember.fullName} current={meetingsPath} within />
        <SummaryList
          rows={[
            ['DSR reference', <a href={personRecordPath(person.reference)}>{person.reference}</a>],
            ['Rating now', <><RatingTag rating={person.rating} /> agreed {day(person.ratingAgreedOn)}</>],
            ['Why on the agenda', whyWords(meeting, person.reasons)],
            ['Open actions', <ActionList actions={person.actions} />],
          ]}
        />
        {person.removedAt ? (
          <p>Taken off the agenda {when(person.removedAt)}: {person.removalReason}</p>
        ) : person.recordedAt ? (
          <>
            <h2 className="nhsuk-heading-l">What was agreed</h2>
            <p className="dsr-preserve-lines">{person.outcome}</p>
            <p>{person.ratingChangedTo ? <>Rating changed to <RatingTag rating={person.ratingChangedTo} />.</> : 'Rating confirmed.'}</p>
          </>
        ) : (
          <>
            <h2 className="nhsuk-heading-l" id="record">Record what was agreed</h2>
            <form method="post" action={meetingRecordPath(meeting.id, person.reference)} noValidate>
              <TextBox name="outcome" label="What was agreed" hint="The outcome of the discussion and the resources agreed. If the rating changes, this is the reason kept in the rating history." problem={problem} multiline />
              <div className={`nhsuk-form-group${ratingError ? ' nhsuk-form-group--error' : ''}`}>
                <fieldset className="nhsuk-fieldset" aria-describedby={ratingError ? 'rating-error' : 'rating-hint'}>
                  <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Rating agreed at the meeting</legend>
                  <div className="nhsuk-hint" id="rating-hint">Leave it as it is to confirm it. A change is recorded as a new rating review; the earlier rating stays in the history.</div>
                  {ratingError && (
                    <span className="nhsuk-error-message" id="rating-error">
                      <span className="nhsuk-u-visually-hidden">Error:</span> {ratingError}
                    </span>
                  )}
                  <div className="nhsuk-radios nhsuk-radios--small">
                    {reviewRatingOptions.map((option, index) => (
                      <div key={option.value} className="nhsuk-radios__item">
                        <input className="nhsuk-radios__input" id={`rating-${index + 1}`} name="rating" type="radio" value={option.value} defaultChecked={rating === option.value} />
                        <label className="nhsuk-label nhsuk-radios__label" htmlFor={`rating-${index + 1}`}>
                          {isRatingId(option.value) ? ratingFor(option.value).name : option.label}
                          {option.value === person.rating ? ' (now)' : ''}
                        </label>
                      </div>
                    ))}
                  </div>
                </fieldset>
              </div>
              <h3 className="nhsuk-heading-m">Actions agreed</h3>
              <p>Up to {actionSlots}. Leave the rest empty.</p>
              {Array.from({ length: actionSlots }, (_, i) => (
                <fieldset key={i} className="nhsuk-fieldset nhsuk-u-margin-bottom-4">
                  <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Action {i + 1}</legend>
                  <TextBox name={`actions.${i}.what`} label="What" problem={problem} />
                  <TextBox name={`actions.${i}.owner`} label="Who owns it" hint="A service or a person" problem={problem} width={20} />
                  <DateInput name={`actions.${i}.dueOn`} legend="Due by" problem={problem} />
                </fieldset>
              ))}
              <Button>Record what was agreed</Button>
            </form>
            <h2 className="nhsuk-heading-m" id="remove">Take off the agenda</h2>
            <form method="post" action={meetingRemovePath(meeting.id, person.reference)} noValidate>
              <TextBox name="reason" label="Why" hint="Kept with the meeting" problem={problem} multiline />
              <Button secondary>Take off the agenda</Button>
            </form>
          </>
        )}
      </>,
    ),
  };
}

/** /team/meetings/<id>/agenda/ (and ?names=no): the agenda to print, marked OFFICIAL-SENSITIVE. */
export function agendaPage(found: Meeting): ConsolePage {
  const { meeting } = found;
  const on = found.people.filter((p) => !p.removedAt);
  return {
    title: `Agenda: ${meetingTitle(meeting)}`,
    html: draw(
      <div className="dsr-agenda">
        <p className="dsr-protective-marking"><strong>OFFICIAL-SENSITIVE</strong></p>
        <Back href={meetingPath(meeting.id)} text="Back to the meeting" />
        <span className="nhsuk-caption-l">Agenda{found.withNames ? '' : ', references only'}</span>
        <h1 className="nhsuk-heading-xl">{meetingTitle(meeting)}</h1>
        <p className="dsr-no-print">
          {found.withNames ? <a href={meetingAgendaPath(meeting.id, false)}>The agenda with references only</a> : <a href={meetingAgendaPath(meeting.id)}>The agenda with names</a>}.
          Use your browser’s print to print it on A4.
        </p>
        <Table
          caption="People on the agenda"
          head={found.withNames ? ['Person', 'DSR reference', 'Rating now', 'Why', 'Open actions'] : ['DSR reference', 'Rating now', 'Why', 'Open actions']}
          rows={on.map((p) => [
            ...(found.withNames ? [personName(p)] : []),
            p.reference,
            <RatingTag rating={p.rating} />,
            whyWords(meeting, p.reasons),
            <ActionList actions={p.actions.filter((a) => !a.doneAt)} />,
          ])}
        />
        <p className="dsr-protective-marking"><strong>OFFICIAL-SENSITIVE</strong></p>
      </div>,
    ),
  };
}

/** /team/actions/: open actions, the overdue first, filtered by area and owner, each marked done with a note. */
export function actionsPage(found: Actions, problem?: FormProblem): ConsolePage {
  const doneFor = problem?.form.startsWith('done:') ? problem.form.slice(5) : undefined;
  return {
    title: `${problem ? 'Error: ' : ''}Actions`,
    html: draw(
      <>
        {problem && <ConsoleErrorSummary errors={problem.errors.map((error) => ({ href: error.field === 'note' ? `#note-${doneFor}` : `#${error.field}`, message: meetingMessage(error) }))} />}
        <h1 className="nhsuk-heading-xl">Actions</h1>
        <SignedIn fullName={found.teamMember.fullName} current={actionsPath} />
        <p>Actions agreed at DSR meetings and not yet done, the overdue first. Every action is followed up by the DSR team.</p>
        <form method="get" action={actionsPath} className="nhsuk-u-margin-bottom-6">
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="area_filter">Area</label>
            <select className="nhsuk-select" id="area_filter" name="area" defaultValue={found.filters.area ?? ''}>
              <option value="">All areas</option>
              {found.areas.map((area) => <option key={area} value={area}>{area}</option>)}
            </select>
          </div>
          <TextBox name="owner" label="Who owns it" hint="Part of the name is enough" problem={{ form: 'filter', values: { owner: found.filters.owner ?? '' }, errors: [] }} width={20} />
          <Button secondary>Show actions</Button>
        </form>
        <h2 className="nhsuk-heading-l" id="open">Open actions ({found.actions.length})</h2>
        {found.actions.length === 0 ? (
          <p>No open actions{found.filters.area || found.filters.owner ? ' match' : ''}.</p>
        ) : (
          found.actions.map((a) => {
            const noteError = doneFor === a.id ? errorFor(problem, 'note') : undefined;
            return (
              <div key={a.id} className="nhsuk-card" id={`action-${a.id}`}>
                <div className="nhsuk-card__content">
                  <h3 className="nhsuk-card__heading nhsuk-heading-s">
                    {a.overdue && <strong className="nhsuk-tag nhsuk-tag--red">Overdue</strong>} {a.what}
                  </h3>
                  <SummaryList
                    rows={[
                      ['Person', <><a href={personRecordPath(a.reference)}>{a.reference}</a> <RatingTag rating={a.rating} /></>],
                      ['Area', a.area],
                      ['Who owns it', a.owner],
                      ['Due by', day(a.dueOn)],
                      ['Agreed', <a href={meetingPath(a.meetingId)}>{when(a.agreedAt)}</a>],
                    ]}
                  />
                  <form method="post" action={actionDonePath(a.id)} noValidate>
                    <Field id={`note-${a.id}`} name="note" label="What was done" error={noteError}>
                      {(describedBy, hasError) => (
                        <textarea className={`nhsuk-textarea${hasError ? ' nhsuk-textarea--error' : ''}`} id={`note-${a.id}`} name="note" rows={2} aria-describedby={describedBy} defaultValue={doneFor === a.id ? (problem?.values['note'] ?? '') : ''} />
                      )}
                    </Field>
                    <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" data-module="nhsuk-button">
                      Mark done<span className="nhsuk-u-visually-hidden">: {a.what}, {a.reference}</span>
                    </button>
                  </form>
                </div>
              </div>
            );
          })
        )}
      </>,
    ),
  };
}

/** On a RED person's record: "Convene a meeting by exception" in one step, recording the day it was held. */
export function ExceptionMeeting({ reference, problem }: { reference: string; problem?: FormProblem | undefined }) {
  return (
    <>
      <h2 className="nhsuk-heading-l" id="exception">Convene a meeting by exception</h2>
      <p>RED: an urgent meeting by exception. Record the day it was held; then record what was agreed and the actions on the meeting’s page.</p>
      {problem && <ConsoleErrorSummary errors={summaryOf(problem.errors)} />}
      <form method="post" action={exceptionMeetingPath(reference)} noValidate>
        <DateInput name="heldOn" legend="Day the meeting was held" hint="For example, 1 12 2026" problem={problem} />
        <Button secondary>Convene a meeting by exception</Button>
      </form>
    </>
  );
}
