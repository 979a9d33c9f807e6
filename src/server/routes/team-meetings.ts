// The console's meetings and actions (/team/meetings/, /team/actions/, and "Convene a
// meeting by exception" on a RED person's record): each page and action one SQL function
// (supabase/migrations/20261125000880_meetings.sql) that checks the team role inside.
// team.ts hands these addresses here with its session handling, so the answers (401,
// 403, 404, 409, 503) are the console's own. Logs say what was done, never about whom.
import { actionsPath, meetingPath, meetingPersonPath, meetingsPath, personRecordPath } from '../../forms/console.ts';
import { readDate, type DateProblem } from '../../forms/dates.ts';
import { firstText, type PostedAnswers } from '../../forms/input.ts';
import { readReference } from '../../forms/references.ts';
import type { FieldError } from '../../forms/types.ts';
import { DatabaseProblem, type Database } from '../platform/database.ts';
import { log } from '../platform/log.ts';
import { seeOther } from '../http/responses.ts';
import { actionsPage, agendaPage, meetingPage, meetingPersonPage, meetingsPage, type Actions, type FormProblem, type Meeting, type Meetings } from './console/meetings.tsx';
import { recordPage, type ConsolePage, type PersonRecord } from './console/views.tsx';
import { actionSlots } from '../../forms/console.ts';

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A meetings address: the list, a meeting, its agenda, a person at it (and their two posts), an exception from a record, the actions, one done. */
export type MeetingAddress =
  | { page: 'meetings' }
  | { page: 'meeting'; id: string }
  | { page: 'add'; id: string }
  | { page: 'agenda'; id: string }
  | { page: 'person' | 'record' | 'remove'; id: string; reference: string }
  | { page: 'exception'; reference: string }
  | { page: 'actions' }
  | { page: 'done'; actionId: string }
  | { page: 'bad_reference' };

export function readMeetingAddress(pathname: string): MeetingAddress | undefined {
  if (pathname === meetingsPath || pathname === '/team/meetings') return { page: 'meetings' };
  if (pathname === actionsPath || pathname === '/team/actions') return { page: 'actions' };
  const done = new RegExp(`^/team/actions/(${uuid})/done/$`).exec(pathname);
  if (done) return { page: 'done', actionId: done[1]! };
  const exception = /^\/team\/people\/([^/]+)\/exception\/$/.exec(pathname);
  if (exception) {
    const reference = readReference('referral', decodeURIComponent(exception[1]!));
    return reference ? { page: 'exception', reference } : { page: 'bad_reference' };
  }
  const meeting = new RegExp(`^/team/meetings/(${uuid})/(?:(add|agenda)/|people/([^/]+)/(?:(record|remove)/)?)?$`).exec(pathname);
  if (!meeting) return pathname.startsWith(meetingsPath) || pathname.startsWith(actionsPath) ? { page: 'bad_reference' } : undefined;
  const id = meeting[1]!;
  if (meeting[2]) return { page: meeting[2] as 'add' | 'agenda', id };
  if (meeting[3]) {
    const reference = readReference('referral', decodeURIComponent(meeting[3]));
    if (!reference) return { page: 'bad_reference' };
    return { page: (meeting[4] as 'record' | 'remove' | undefined) ?? 'person', id, reference };
  }
  return { page: 'meeting', id };
}

/** What team.ts lends: drawing a console page, and a 303 with the console's headers. */
export interface ConsoleTools {
  page: (page: ConsolePage, status?: number) => Promise<Response>;
  refuse: (status: number, title: string, message: string) => Promise<Response>;
  headers: Record<string, string>;
}

const notFound = (tools: ConsoleTools) => tools.refuse(404, 'Page not found', 'There is no console page at this address.');

/** GET: the meetings, a meeting, a person at it, the printable agenda (audited, with or without names), the actions. */
export async function getMeetingPage(db: Database, token: string, address: MeetingAddress, url: URL, tools: ConsoleTools): Promise<Response> {
  const session = { session_token: token };
  if (address.page === 'meetings') return tools.page(meetingsPage(await db.call<Meetings>('team_meetings', session)));
  if (address.page === 'actions') return showActions(db, token, url.searchParams, tools);
  if (address.page === 'meeting' || address.page === 'agenda' || address.page === 'person') {
    const purpose = address.page === 'agenda' ? (url.searchParams.get('names') === 'no' ? 'agenda_without_names' : 'agenda') : 'meeting';
    const found = await db.call<Meeting>('team_meeting', { ...session, meeting_id: address.id, purpose });
    log({ event: 'meeting_opened', purpose });
    if (address.page === 'agenda') return tools.page(agendaPage(found));
    if (address.page === 'meeting') return tools.page(meetingPage(found));
    const person = found.people.find((p) => p.reference === address.reference);
    if (!person) return tools.refuse(404, 'Not on this meeting', 'This person is not on this meeting’s agenda. Add them from the meeting’s page.');
    return tools.page(meetingPersonPage(found, person));
  }
  await db.call('read_team_session', session);
  return notFound(tools);
}

async function showActions(db: Database, token: string, query: URLSearchParams, tools: ConsoleTools, problem?: FormProblem, status = 200) {
  const filters = { area: query.get('area') ?? '', owner: query.get('owner') ?? '' };
  try {
    return tools.page(actionsPage(await db.call<Actions>('team_actions', { session_token: token, filters }), problem), status);
  } catch (error) {
    if (!(error instanceof DatabaseProblem && error.kind === 'bad_input' && error.field)) throw error;
    // A filter in error: the whole list, under the error summary.
    const field = error.field === 'area' ? 'area_filter' : 'owner_filter';
    const actions = await db.call<Actions>('team_actions', { session_token: token, filters: {} });
    return tools.page(actionsPage(actions, { form: 'filter', values: {}, errors: [{ field, code: error.code }] }), 400);
  }
}

/** Reads a date's three boxes (`<name>-day` …); the ISO date, or its error. */
function readBoxes(answers: PostedAnswers, name: string, values: Record<string, string>): { iso?: string; error?: FieldError } {
  const parts = { day: firstText(answers, `${name}-day`), month: firstText(answers, `${name}-month`), year: firstText(answers, `${name}-year`) };
  values[`${name}-day`] = parts.day;
  values[`${name}-month`] = parts.month;
  values[`${name}-year`] = parts.year;
  const read = readDate(parts);
  return read.ok ? { iso: read.iso } : { error: { field: name, code: read.problem as DateProblem } };
}

/** POST: schedule, add, record, take off, convene by exception, mark done. Bad input draws the form again (nothing changed); otherwise 303. */
export async function postMeetingAction(db: Database, token: string, address: MeetingAddress, answers: PostedAnswers, tools: ConsoleTools): Promise<Response> {
  const session = { session_token: token };
  // The session is checked before the answers, so nobody outside the team learns anything from them.
  await db.call('read_team_session', session);
  const values: Record<string, string> = {};
  const redo = async (errors: FieldError[], form: string): Promise<Response> => {
    const problem: FormProblem = { form, values, errors };
    log({ event: 'meeting_form_invalid', form: form.replace(/:.*/, ''), fields: errors.map((e) => `${e.field}:${e.code}`) });
    if (address.page === 'meetings') return tools.page(meetingsPage(await db.call<Meetings>('team_meetings', session), problem), 400);
    if (address.page === 'exception') {
      const [{ fullName }, record] = await Promise.all([
        db.call<{ fullName: string }>('read_team_session', session),
        db.call<PersonRecord>('team_person_record', { ...session, referral_reference: address.reference }),
      ]);
      return tools.page(recordPage(record, { fullName }, undefined, problem), 400);
    }
    if (address.page === 'done') return showActions(db, token, new URLSearchParams(), tools, problem, 400);
    if (address.page === 'add' || address.page === 'record' || address.page === 'remove') {
      const found = await db.call<Meeting>('team_meeting', { ...session, meeting_id: address.id, purpose: 'meeting' });
      if (address.page === 'add') return tools.page(meetingPage(found, problem), 400);
      const person = found.people.find((p) => p.reference === address.reference);
      if (person) return tools.page(meetingPersonPage(found, person, problem), 400);
    }
    return tools.refuse(400, 'Nothing was changed', 'Check your answers and try again.');
  };
  /** Runs the call; the database's own checks of the input draw the form again. */
  const attempt = async (work: () => Promise<unknown>): Promise<FieldError[] | undefined> => {
    try {
      await work();
      return undefined;
    } catch (error) {
      if (error instanceof DatabaseProblem && error.kind === 'bad_input' && error.field) return [{ field: error.field, code: error.code }];
      throw error;
    }
  };

  if (address.page === 'meetings') {
    values['area'] = firstText(answers, 'area');
    const date = readBoxes(answers, 'heldOn', values);
    const errors = [...(values['area'] ? [] : [{ field: 'area', code: 'required' }]), ...(date.error ? [date.error] : [])];
    if (errors.length > 0) return redo(errors, 'schedule');
    let made: { meetingId: string } | undefined;
    const failed = await attempt(async () => {
      made = await db.call<{ meetingId: string }>('team_schedule_meeting', { ...session, payload: { area: values['area'], heldOn: date.iso } });
    });
    if (failed) return redo(failed, 'schedule');
    log({ event: 'meeting_scheduled', kind: 'tracking' });
    return seeOther(meetingPath(made!.meetingId), tools.headers);
  }
  if (address.page === 'exception') {
    const date = readBoxes(answers, 'heldOn', values);
    if (date.error) return redo([date.error], 'exception');
    let made: { meetingId: string } | undefined;
    const failed = await attempt(async () => {
      made = await db.call<{ meetingId: string }>('team_convene_exception', { ...session, payload: { reference: address.reference, heldOn: date.iso } });
    });
    if (failed) return redo(failed, 'exception');
    log({ event: 'meeting_scheduled', kind: 'exception' });
    return seeOther(meetingPersonPath(made!.meetingId, address.reference), tools.headers);
  }
  if (address.page === 'add') {
    values['referral_reference'] = firstText(answers, 'referral_reference');
    const reference = readReference('referral', values['referral_reference']);
    if (!reference) return redo([{ field: 'referral_reference', code: values['referral_reference'] ? 'format' : 'required' }], 'add');
    try {
      await db.call('team_meeting_add_person', { ...session, meeting_id: address.id, referral_reference: reference });
    } catch (error) {
      // A reference nobody has: the form again, with the error (nothing changed).
      if (!(error instanceof DatabaseProblem && error.code === 'referral_reference_not_found')) throw error;
      return redo([{ field: 'referral_reference', code: 'not_found' }], 'add');
    }
    log({ event: 'meeting_person_added' });
    return seeOther(`${meetingPath(address.id)}#agenda`, tools.headers);
  }
  if (address.page === 'remove') {
    const reason = (values['reason'] = firstText(answers, 'reason'));
    const failed = await attempt(() => db.call('team_meeting_remove_person', { ...session, meeting_id: address.id, referral_reference: address.reference, reason }));
    if (failed) return redo(failed, 'remove');
    log({ event: 'meeting_person_removed' });
    return seeOther(`${meetingPath(address.id)}#taken-off`, tools.headers);
  }
  if (address.page === 'record') {
    values['outcome'] = firstText(answers, 'outcome');
    values['rating'] = firstText(answers, 'rating');
    const errors: FieldError[] = [];
    if (!values['outcome'].trim()) errors.push({ field: 'outcome', code: 'required' });
    if (!values['rating']) errors.push({ field: 'rating', code: 'required' });
    const actions: { what: string; owner: string; dueOn: string | undefined }[] = [];
    for (let i = 0; i < actionSlots; i++) {
      const what = (values[`actions.${i}.what`] = firstText(answers, `actions.${i}.what`));
      const owner = (values[`actions.${i}.owner`] = firstText(answers, `actions.${i}.owner`));
      const date = readBoxes(answers, `actions.${i}.dueOn`, values);
      const blankDate = date.error?.code === 'required';
      if (!what.trim() && !owner.trim() && blankDate) continue; // an empty slot
      if (!what.trim()) errors.push({ field: `actions.${i}.what`, code: 'required' });
      if (!owner.trim()) errors.push({ field: `actions.${i}.owner`, code: 'required' });
      if (date.error) errors.push(date.error);
      actions.push({ what, owner, dueOn: date.iso });
    }
    if (errors.length > 0) return redo(errors, 'record');
    const failed = await attempt(() =>
      db.call('team_meeting_record', { ...session, meeting_id: address.id, payload: { reference: address.reference, outcome: values['outcome'], rating: values['rating'], actions } }),
    );
    if (failed) return redo(failed, 'record');
    log({ event: 'meeting_outcome_recorded', actions: actions.length });
    return seeOther(`${meetingPath(address.id)}#agenda`, tools.headers);
  }
  if (address.page === 'done') {
    const note = (values['note'] = firstText(answers, 'note'));
    const failed = await attempt(() => db.call('team_action_done', { ...session, action_id: address.actionId, note }));
    if (failed) return redo(failed, `done:${address.actionId}`);
    log({ event: 'meeting_action_done' });
    return seeOther(`${actionsPath}#open`, tools.headers);
  }
  return notFound(tools);
}

/** Where a refusal's "go back" link points for a meetings address. */
export function meetingBack(address: MeetingAddress): { href: string; text: string } {
  if (address.page === 'done' || address.page === 'actions') return { href: actionsPath, text: 'Go back to Actions' };
  if (address.page === 'exception') return { href: personRecordPath(address.reference), text: 'Go back to the record' };
  if ('id' in address) return { href: meetingPath(address.id), text: 'Go back to the meeting' };
  return { href: meetingsPath, text: 'Go back to Meetings' };
}
