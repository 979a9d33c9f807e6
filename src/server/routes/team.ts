// The DSR team's console (/team/ and below), drawn by functions: never cached, never
// indexed, working without JavaScript. Every page and action is one SQL function that
// takes the session token and checks the team role inside (supabase/migrations/
// 20261125000870_team.sql); this file only reads the request, calls it, and draws the
// answer. Somebody not signed in is sent to sign in (a post is refused with 401); a
// professional's session gets 403 on every console address.
import { accountsPath, cetrsPath, consoleHome, consoleRegionEnd, consoleRegionStart, consoleSignIn, figuresCsvPath, figuresPath, personRecordPath, ratingsDuePath, registerExportPath, registerPath, requestOutcomes, requestPath, withdrawalPath, type WithdrawalAction } from '../../forms/console.ts';
import { readRegisterQuery } from '../../forms/console-register.ts';
import { checkCetr, readCetrValues } from '../../forms/cetr.ts';
import { firstText } from '../../forms/input.ts';
import { accountFormMessages, consoleMessages, formMessages, requestDecisionMessages, type ConsoleProblem } from '../../forms/messages.ts';
import { checkReview, readReviewValues } from '../../forms/rating-review.ts';
import { readReference } from '../../forms/references.ts';
import type { FieldError, Validation } from '../../forms/types.ts';
import type { FunctionContext } from '../http/context.ts';
import { renderFramedPage, type Frame } from '../http/render.ts';
import { seeOther } from '../http/responses.ts';
import { checkSameSite, readPostedAnswers } from '../http/security.ts';
import { readSessionToken } from '../http/sessions.ts';
import { connectDatabase, DatabaseProblem, DatabaseUnavailable, type Database } from '../platform/database.ts';
import { deliverSoon } from '../emails/delivery.ts';
import { log } from '../platform/log.ts';
import { readSettings } from '../platform/settings.ts';
import { cetrsPage, type PersonCetrs } from './console/cetrs.tsx';
import { figuresPage, monthEndsCsv, registerCsv, type Figures } from './console/figures.tsx';
import { registerPage, type Register } from './console/register.tsx';
import { requestPage, type ConsoleRequest, type DecisionProblem } from './console/requests.tsx';
import { accountsPage, problemPage, recordPage, todayPage, type Accounts, type AccountsProblem, type ConsolePage, type PersonRecord, type Today } from './console/views.tsx';
import { withdrawalPage, type ConsoleWithdrawal } from './console/withdrawals.tsx';
import { getMeetingPage, meetingBack, postMeetingAction, readMeetingAddress, type ConsoleTools } from './team-meetings.ts';

/** Every console answer: not stored anywhere on the way, not indexed. */
const consoleHeaders = { 'cache-control': 'no-store', 'x-robots-tag': 'noindex, nofollow' } as const;

/** The built frame (src/pages/team/index.astro) each console page is drawn into. */
const consoleFrame: Frame = { page: consoleHome, regionStart: consoleRegionStart, regionEnd: consoleRegionEnd, name: 'DSR team console' };

const consolePage = (context: FunctionContext, page: ConsolePage, status = 200): Promise<Response> =>
  renderFramedPage(context.env, context.request.url, consoleFrame, page, status, consoleHeaders);

const refusal = (context: FunctionContext, status: number, title: string, message: string, links?: { href: string; text: string }[]) =>
  consolePage(context, problemPage(title, message, links), status);

/** What the meetings' pages borrow: drawing a page in the console's frame, a refusal, the headers. */
const consoleTools = (context: FunctionContext): ConsoleTools => ({
  page: (page, status) => consolePage(context, page, status),
  refuse: (status, title, message) => refusal(context, status, title, message),
  headers: consoleHeaders,
});

/** What a console address is: Today, a person's record, or an action on one; Accounts, or an action there; a withdrawal request or a family's request, or an action on one; an email to send again. */
type Address =
  | { page: 'today' }
  | { page: 'accounts' }
  | { page: 'register' | 'due' }
  | { page: 'approve' | 'refuse' | 'switch-off'; professionalId: string }
  | { page: 'add_member' }
  | { page: 'remove_member'; teamMemberId: string }
  | { page: 'record'; reference: string }
  | { page: 'acknowledge'; reference: string }
  | { page: 'identity'; reference: string }
  | { page: 'rating'; reference: string }
  | { page: 'cetrs'; reference: string }
  | { page: 'recommendation_status'; reference: string; recommendationId: string; status: 'open' | 'done' }
  | { page: 'figures' | 'figures_csv' | 'register_export' }
  | { page: 'withdrawal'; reference: string }
  | { page: 'withdrawal_action'; reference: string; action: WithdrawalAction }
  | { page: 'request'; reference: string }
  | { page: 'request_decision'; reference: string }
  | { page: 'send_again'; outboxId: string }
  | { page: 'bad_reference'; code?: 'bad_withdrawal_reference' | 'bad_request_reference' }
  | { page: 'unknown' };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Saves a console form the form has checked and the database checks again (a rating review,
 * a C(E)TR): the form's errors, or the database's own (a date in the future, or before the
 * first referral) as the same field errors, or none once it is saved. Anything else is thrown.
 */
async function saveChecked(
  db: Database,
  sessionToken: string,
  save: 'team_review_rating' | 'team_record_cetr',
  checked: Validation<Record<string, unknown>>,
): Promise<FieldError[]> {
  if (!checked.ok) return checked.errors;
  try {
    await db.call(save, { session_token: sessionToken, payload: checked.payload });
    return [];
  } catch (error) {
    if (!(error instanceof DatabaseProblem && error.kind === 'bad_input' && error.field)) throw error;
    return [{ field: error.field, code: error.code }];
  }
}

function readAddress(pathname: string): Address {
  if (pathname === consoleHome || pathname === '/team') return { page: 'today' };
  if (pathname === accountsPath || pathname === '/team/accounts') return { page: 'accounts' };
  if (pathname === registerPath || pathname === '/team/register') return { page: 'register' };
  if (pathname === ratingsDuePath || pathname === '/team/register/due') return { page: 'due' };
  if (pathname === `${accountsPath}team/`) return { page: 'add_member' };
  if (pathname === figuresPath || pathname === '/team/figures') return { page: 'figures' };
  if (pathname === figuresCsvPath) return { page: 'figures_csv' };
  if (pathname === registerExportPath) return { page: 'register_export' };
  const cetr = /^\/team\/people\/([^/]+)\/cetrs\/(?:recommendations\/([0-9a-f-]{36})\/(open|done)\/)?$/.exec(pathname);
  if (cetr) {
    const reference = readReference('referral', decodeURIComponent(cetr[1]!));
    if (!reference) return { page: 'bad_reference' };
    if (!cetr[2]) return { page: 'cetrs', reference };
    if (!uuidPattern.test(cetr[2])) return { page: 'unknown' };
    return { page: 'recommendation_status', reference, recommendationId: cetr[2], status: cetr[3] as 'open' | 'done' };
  }
  // An account's id is a UUID; anything else is no address (and never reaches the database's cast).
  const account = /^\/team\/accounts\/(?:professionals\/([0-9a-f-]{36})\/(approve|refuse|switch-off)|team\/([0-9a-f-]{36})\/remove)\/$/.exec(pathname);
  if (account && uuidPattern.test(account[1] ?? account[3]!)) {
    return account[1] ? { page: account[2] as 'approve' | 'refuse' | 'switch-off', professionalId: account[1] } : { page: 'remove_member', teamMemberId: account[3]! };
  }
  const email = /^\/team\/emails\/([0-9a-f-]{36})\/send-again\/$/.exec(pathname);
  if (email && uuidPattern.test(email[1]!)) return { page: 'send_again', outboxId: email[1]! };
  const withdrawal = /^\/team\/withdrawals\/([^/]+)\/(?:(match|complete|close)\/)?$/.exec(pathname);
  if (withdrawal) {
    const reference = readReference('withdrawal', decodeURIComponent(withdrawal[1]!));
    if (!reference) return { page: 'bad_reference', code: 'bad_withdrawal_reference' };
    return withdrawal[2] ? { page: 'withdrawal_action', reference, action: withdrawal[2] as WithdrawalAction } : { page: 'withdrawal', reference };
  }
  const request = /^\/team\/requests\/([^/]+)\/(decision\/)?$/.exec(pathname);
  if (request) {
    const reference = readReference('request', decodeURIComponent(request[1]!));
    if (!reference) return { page: 'bad_reference', code: 'bad_request_reference' };
    return { page: request[2] ? 'request_decision' : 'request', reference };
  }
  const match = /^\/team\/people\/([^/]+)\/(?:(acknowledge|identity|rating)\/)?$/.exec(pathname);
  if (!match) return { page: 'unknown' };
  const reference = readReference('referral', decodeURIComponent(match[1]!));
  if (!reference) return { page: 'bad_reference' };
  return { page: (match[2] as 'acknowledge' | 'identity' | 'rating' | undefined) ?? 'record', reference };
}

/**
 * Runs one console call on its own connection and answers for every way it can fail:
 * signed out, not a team member, a reference that is not there, a decision someone
 * else made first, or a database that cannot be reached.
 */
async function withTeamSession(
  context: FunctionContext,
  work: (db: Database, sessionToken: string) => Promise<Response>,
  back?: { href: string; text: string },
): Promise<Response> {
  const isPost = context.request.method === 'POST';
  const token = readSessionToken(context.request);
  const signedOut = () =>
    isPost
      ? refusal(context, 401, 'You are signed out', consoleMessages.signed_out, [{ href: consoleSignIn, text: 'Sign in' }])
      : Promise.resolve(seeOther(consoleSignIn, consoleHeaders));
  if (!token) return signedOut();
  const settings = readSettings(context.env);
  const db = connectDatabase(settings);
  // A post that changed something answers 303 (see other), and only after the team session was checked.
  let changed = false;
  try {
    const response = await work(db, token);
    changed = isPost && response.status === 303;
    return response;
  } catch (error) {
    if (error instanceof DatabaseProblem) {
      const code = error.code as ConsoleProblem | 'session_invalid' | 'session_expired';
      log({ event: 'console_refused', code });
      if (code === 'session_invalid' || code === 'session_expired') return signedOut();
      if (code === 'not_team') return refusal(context, 403, 'You cannot open this page', consoleMessages.not_team, [{ href: '/', text: 'Go to the home page' }]);
      if (code === 'referral_reference_not_found') return refusal(context, 404, 'Referral not found', consoleMessages.referral_reference_not_found);
      if (code === 'professional_not_found' || code === 'team_member_not_found') {
        return refusal(context, 404, 'Account not found', consoleMessages[code], [{ href: accountsPath, text: 'Go to Accounts' }]);
      }
      if (code === 'withdrawal_reference_not_found') return refusal(context, 404, 'Withdrawal request not found', consoleMessages[code]);
      if (code === 'request_reference_not_found') return refusal(context, 404, 'Request not found', consoleMessages[code]);
      if (code === 'recommendation_not_found') return refusal(context, 404, 'Recommendation not found', consoleMessages[code], back ? [back] : undefined);
      if (code === 'email_not_found') return refusal(context, 404, 'Email not found', consoleMessages[code]);
      if (code === 'meeting_not_found') return refusal(context, 404, 'Meeting not found', consoleMessages[code]);
      if (code === 'action_not_found') return refusal(context, 404, 'Action not found', consoleMessages[code]);
      if (code in consoleMessages) {
        return refusal(context, 409, 'Nothing was changed', consoleMessages[code as ConsoleProblem], back ? [back] : undefined);
      }
    }
    log({ event: 'console_unavailable', reason: error instanceof DatabaseUnavailable ? error.reason : error instanceof DatabaseProblem ? error.code : (error as Error).name });
    return refusal(context, 503, 'Sorry, there is a problem with the service', isPost ? `${formMessages.error} Nothing was changed.` : formMessages.error);
  } finally {
    // After a team member's post that changed something, whatever it emailed (an account
    // approved or refused, a rating reviewed, at a C(E)TR or a meeting too, a request
    // decided, an email sent again) goes after the answer, as the forms' emails do, rather
    // than at the deliver job's next run. One rule for every post, so no action that
    // emails can be missed; with nothing waiting, it is one query after the answer.
    context.waitUntil(changed ? deliverSoon(db, settings).finally(() => db.close()) : db.close());
  }
}

/** GET /team/ (Today), /team/register/ (and its ratings due for review), /team/accounts/ (Accounts), /team/people/<DSR reference>/ (a person's record), /team/withdrawals/<WDR reference>/ and /team/requests/<REQ reference>/. */
export async function getConsolePage(context: FunctionContext): Promise<Response> {
  const url = new URL(context.request.url);
  const meeting = readMeetingAddress(url.pathname);
  if (meeting) return withTeamSession(context, (db, sessionToken) => getMeetingPage(db, sessionToken, meeting, url, consoleTools(context)));
  const address = readAddress(url.pathname);
  return withTeamSession(context, async (db, sessionToken) => {
    if (address.page === 'today') {
      return consolePage(context, todayPage(await db.call<Today>('team_today', { session_token: sessionToken })));
    }
    if (address.page === 'accounts') {
      return consolePage(context, accountsPage(await db.call<Accounts>('team_accounts', { session_token: sessionToken })));
    }
    if (address.page === 'register' || address.page === 'due') {
      // Answers in error are left out, so the list is drawn as it was, under the error summary.
      const { values, filters, errors } = readRegisterQuery(url.searchParams, address.page === 'due' ? 'due' : 'rating');
      const register = await db.call<Register>('team_register', { session_token: sessionToken, filters });
      log({ event: 'register_listed', fields: errors.map((error) => `${error.field}:${error.code}`) });
      return consolePage(context, registerPage(register, address.page, values, errors), errors.length > 0 ? 400 : 200);
    }
    if (address.page === 'figures') {
      const figures = await db.call<Figures>('team_figures', { session_token: sessionToken });
      log({ event: 'figures_viewed' });
      return consolePage(context, figuresPage(figures));
    }
    if (address.page === 'figures_csv' || address.page === 'register_export') {
      // Downloads: an attachment, never stored on the way. The register's has personal details (audited in the database).
      const csv = address.page === 'figures_csv'
        ? monthEndsCsv(await db.call<Parameters<typeof monthEndsCsv>[0]>('team_figures_month_ends', { session_token: sessionToken }))
        : registerCsv((await db.call<{ people: Parameters<typeof registerCsv>[0] }>('team_register_export', { session_token: sessionToken })).people);
      log({ event: address.page === 'figures_csv' ? 'figures_downloaded' : 'register_exported' });
      const name = address.page === 'figures_csv' ? 'dsr-month-end-counts.csv' : 'dsr-register-OFFICIAL-SENSITIVE.csv';
      return new Response(csv, { status: 200, headers: { ...consoleHeaders, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` } });
    }
    // Only a team member learns whether an address exists: the session is checked first.
    const { fullName } = await db.call<{ fullName: string }>('read_team_session', { session_token: sessionToken });
    if (address.page === 'cetrs') {
      const cetrs = await db.call<PersonCetrs>('team_person_cetrs', { session_token: sessionToken, referral_reference: address.reference });
      log({ event: 'person_record_opened' });
      return consolePage(context, cetrsPage(cetrs, { fullName }));
    }
    if (address.page === 'record') {
      const record = await db.call<PersonRecord>('team_person_record', { session_token: sessionToken, referral_reference: address.reference });
      log({ event: 'person_record_opened' });
      return consolePage(context, recordPage(record, { fullName }));
    }
    if (address.page === 'withdrawal') {
      const withdrawal = await db.call<ConsoleWithdrawal>('team_withdrawal', { session_token: sessionToken, withdrawal_reference: address.reference });
      log({ event: 'withdrawal_opened' });
      return consolePage(context, withdrawalPage(withdrawal));
    }
    if (address.page === 'request') {
      const request = await db.call<ConsoleRequest>('team_request', { session_token: sessionToken, request_reference: address.reference });
      log({ event: 'request_opened' });
      return consolePage(context, requestPage(request));
    }
    if (address.page === 'bad_reference') {
      if (address.code) return refusal(context, 404, address.code === 'bad_withdrawal_reference' ? 'Withdrawal request not found' : 'Request not found', consoleMessages[address.code]);
      return refusal(context, 404, 'Referral not found', consoleMessages.bad_reference);
    }
    return refusal(context, 404, 'Page not found', 'There is no console page at this address.');
  });
}

/** POST …/acknowledge/, …/identity/ and …/rating/, the Accounts page's actions, a withdrawal's match/complete/close, a request's decision and an email's send-again: the action, then 303 back (or a plain refusal, with nothing changed). */
export async function postConsoleAction(context: FunctionContext): Promise<Response> {
  const { request } = context;
  const crossSite = checkSameSite(request, readSettings(context.env).siteUrl);
  if (crossSite) return refusal(context, crossSite.status, 'Nothing was changed', formMessages.cross_site);
  const posted = await readPostedAnswers(request);
  if ('reason' in posted) return refusal(context, posted.status, 'Nothing was changed', formMessages[posted.reason]);
  const meeting = readMeetingAddress(new URL(request.url).pathname);
  if (meeting) {
    return withTeamSession(context, (db, sessionToken) => postMeetingAction(db, sessionToken, meeting, posted.answers, consoleTools(context)), meetingBack(meeting));
  }
  const address = readAddress(new URL(request.url).pathname);
  const onAccounts = ['approve', 'refuse', 'switch-off', 'add_member', 'remove_member'].includes(address.page);
  const back =
    address.page === 'withdrawal_action'
      ? { href: withdrawalPath(address.reference), text: 'Go back to the withdrawal request' }
      : address.page === 'request_decision'
        ? { href: requestPath(address.reference), text: 'Go back to the request' }
        : address.page === 'cetrs' || address.page === 'recommendation_status'
          ? { href: cetrsPath(address.reference), text: 'Go back to the C(E)TRs' }
          : 'reference' in address
          ? { href: personRecordPath(address.reference), text: 'Go back to the record' }
          : onAccounts
            ? { href: accountsPath, text: 'Go back to Accounts' }
            : { href: consoleHome, text: 'Go back to Today' };
  const backTo = back.href;
  return withTeamSession(
    context,
    async (db, sessionToken) => {
      if (address.page === 'acknowledge') {
        await db.call('acknowledge_referral', { session_token: sessionToken, referral_reference: address.reference });
        log({ event: 'referral_acknowledged' });
        return seeOther(backTo, consoleHeaders);
      }
      if (address.page === 'identity') {
        const other = readReference('referral', firstText(posted.answers, 'otherReference'));
        const decision = firstText(posted.answers, 'decision');
        // The session is checked before the answers, so nobody outside the team learns anything from them.
        await db.call('read_team_session', { session_token: sessionToken });
        if (!other) return refusal(context, 400, 'Nothing was changed', consoleMessages.bad_reference, [{ href: backTo, text: 'Go back to the record' }]);
        if (decision !== 'same_person' && decision !== 'keep_apart') {
          return refusal(context, 400, 'Nothing was changed', consoleMessages.bad_action, [{ href: backTo, text: 'Go back to the record' }]);
        }
        const args = { session_token: sessionToken, referral_reference: address.reference, other_referral_reference: other };
        await db.call(decision === 'same_person' ? 'team_confirm_same_person' : 'team_keep_people_apart', args);
        log({ event: 'identity_question_decided', decision });
        return seeOther(backTo, consoleHeaders);
      }
      if (address.page === 'rating') {
        // The session is checked before the answers, so nobody outside the team learns anything from them.
        const { fullName } = await db.call<{ fullName: string }>('read_team_session', { session_token: sessionToken });
        const values = readReviewValues(posted.answers);
        const errors = await saveChecked(db, sessionToken, 'team_review_rating', checkReview(address.reference, values));
        if (errors.length === 0) {
          log({ event: 'rating_reviewed' });
          return seeOther(`${backTo}#rating-history`, consoleHeaders);
        }
        log({ event: 'rating_review_invalid', fields: errors.map((error) => `${error.field}:${error.code}`) });
        // Drawn again with the errors and what was typed (reading the record again is audited as an opening).
        const record = await db.call<PersonRecord>('team_person_record', { session_token: sessionToken, referral_reference: address.reference });
        return consolePage(context, recordPage(record, { fullName }, { values, errors }), 422);
      }
      if (address.page === 'cetrs') {
        // The session is checked before the answers, so nobody outside the team learns anything from them.
        const { fullName } = await db.call<{ fullName: string }>('read_team_session', { session_token: sessionToken });
        const values = readCetrValues(posted.answers);
        const errors = await saveChecked(db, sessionToken, 'team_record_cetr', checkCetr(address.reference, values));
        if (errors.length === 0) {
          log({ event: 'cetr_recorded' });
          return seeOther(`${cetrsPath(address.reference)}#cetrs`, consoleHeaders);
        }
        log({ event: 'cetr_invalid', fields: errors.map((error) => `${error.field}:${error.code}`) });
        const cetrs = await db.call<PersonCetrs>('team_person_cetrs', { session_token: sessionToken, referral_reference: address.reference });
        return consolePage(context, cetrsPage(cetrs, { fullName }, { values, errors }), 422);
      }
      if (address.page === 'recommendation_status') {
        await db.call('team_set_recommendation_status', { session_token: sessionToken, recommendation_id: address.recommendationId, status: address.status });
        log({ event: 'cetr_recommendation_status', status: address.status });
        return seeOther(`${cetrsPath(address.reference)}#cetrs`, consoleHeaders);
      }
      if (address.page === 'withdrawal_action') {
        const session = { session_token: sessionToken, withdrawal_reference: address.reference };
        if (address.action === 'match') {
          // The session is checked before the answers, so nobody outside the team learns anything from them.
          await db.call('read_team_session', { session_token: sessionToken });
          const entry = readReference('referral', firstText(posted.answers, 'referralReference'));
          if (!entry) return refusal(context, 400, 'Nothing was changed', consoleMessages.bad_reference, [back]);
          await db.call('team_match_withdrawal', { ...session, referral_reference: entry });
        } else {
          await db.call(address.action === 'complete' ? 'team_complete_withdrawal' : 'team_close_withdrawal_no_entry', session);
        }
        log({ event: 'withdrawal_action', action: address.action });
        return seeOther(address.action === 'match' ? `${backTo}#matched` : backTo, consoleHeaders);
      }
      if (address.page === 'request_decision') return decideRequest(context, db, sessionToken, address.reference, posted.answers);
      if (address.page === 'send_again') {
        await db.call('team_send_email_again', { session_token: sessionToken, outbox_id: address.outboxId });
        log({ event: 'email_sent_again' });
        return seeOther(`${consoleHome}#emails`, consoleHeaders);
      }
      if (onAccounts) return accountAction(context, db, sessionToken, address, posted.answers);
      await db.call('read_team_session', { session_token: sessionToken });
      if (address.page === 'bad_reference') return refusal(context, 400, 'Nothing was changed', consoleMessages[address.code ?? 'bad_reference']);
      return refusal(context, 404, 'Page not found', 'There is no console action at this address.');
    },
    back,
  );
}

/**
 * The team's decision on a family's request, then 303 back to it. The database checks
 * the team role first, then the input: a missing or too long note draws the request again
 * with the error summary (422), and nothing is changed. The log says the outcome, never
 * the team's words.
 */
async function decideRequest(
  context: FunctionContext,
  db: Database,
  sessionToken: string,
  reference: string,
  answers: Parameters<typeof firstText>[0],
): Promise<Response> {
  const posted = firstText(answers, 'outcome');
  const outcome = requestOutcomes.find((choice) => choice === posted);
  const note = firstText(answers, 'note');
  if (!outcome) {
    // Only a changed page posts no outcome (each form carries its own). The session is checked first.
    await db.call('read_team_session', { session_token: sessionToken });
    return refusal(context, 400, 'Nothing was changed', requestDecisionMessages.outcome.required, [{ href: requestPath(reference), text: 'Go back to the request' }]);
  }
  try {
    await db.call('team_decide_request', { session_token: sessionToken, request_reference: reference, outcome, note });
  } catch (error) {
    if (!(error instanceof DatabaseProblem && error.kind === 'bad_input' && error.field === 'note')) throw error;
    const words: Record<string, string> = requestDecisionMessages[outcome];
    const problem: DecisionProblem = { outcome, message: words[error.code] ?? words['required']!, note };
    log({ event: 'console_refused', code: error.code });
    const request = await db.call<ConsoleRequest>('team_request', { session_token: sessionToken, request_reference: reference });
    return consolePage(context, requestPage(request, problem), 422);
  }
  log({ event: 'request_decided', outcome });
  return seeOther(`${requestPath(reference)}#decision`, consoleHeaders);
}



/**
 * An action on the Accounts page, then 303 back to it. The database checks the team
 * role first, then the input (a refusal's reason, a new member's address and name): bad
 * input draws the page again with the error summary, and nothing is changed. The log
 * says what was done, never to whom.
 */
async function accountAction(
  context: FunctionContext,
  db: Database,
  sessionToken: string,
  address: Address,
  answers: Parameters<typeof firstText>[0],
): Promise<Response> {
  const session = { session_token: sessionToken };
  const fields: Record<string, string> = {};
  let form: AccountsProblem['form'] | undefined;
  try {
    if (address.page === 'approve') {
      await db.call('team_approve_professional', { ...session, professional_id: address.professionalId });
    } else if (address.page === 'refuse') {
      form = { kind: 'refuse', professionalId: address.professionalId };
      fields['reason'] = firstText(answers, 'reason');
      await db.call('team_refuse_professional', { ...session, professional_id: address.professionalId, reason: fields['reason'] });
    } else if (address.page === 'switch-off') {
      await db.call('team_switch_off_professional', { ...session, professional_id: address.professionalId });
    } else if (address.page === 'add_member') {
      form = { kind: 'add' };
      fields['fullName'] = firstText(answers, 'fullName');
      fields['email'] = firstText(answers, 'email');
      await db.call('team_add_member', { ...session, email: fields['email'], full_name: fields['fullName'] });
    } else if (address.page === 'remove_member') {
      await db.call('team_remove_member', { ...session, team_member_id: address.teamMemberId });
    }
  } catch (error) {
    if (!(form && error instanceof DatabaseProblem && error.kind === 'bad_input' && error.field && error.field in accountFormMessages)) throw error;
    const words = accountFormMessages[error.field as keyof typeof accountFormMessages] as Record<string, string>;
    const problem: AccountsProblem = { form, errors: [{ field: error.field, message: words[error.code] ?? words['required']! }], values: fields };
    log({ event: 'console_refused', code: error.code });
    const accounts = await db.call<Accounts>('team_accounts', session);
    return consolePage(context, accountsPage(accounts, problem), 400);
  }
  log({ event: 'account_action', action: address.page });
  return seeOther(accountsPath, consoleHeaders);
}
