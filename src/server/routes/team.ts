// The DSR team's console (/team/ and below), drawn by functions: never cached, never
// indexed, working without JavaScript. Every page and action is one SQL function that
// takes the session token and checks the team role inside (supabase/migrations/
// 20261125000870_team.sql); this file only reads the request, calls it, and draws the
// answer. Somebody not signed in is sent to sign in (a post is refused with 401); a
// professional's session gets 403 on every console address.
import { accountsPath, consoleHome, consoleRegionEnd, consoleRegionStart, consoleSignIn, personRecordPath } from '../../forms/console.ts';
import { firstText } from '../../forms/input.ts';
import { accountFormMessages, consoleMessages, formMessages, type ConsoleProblem } from '../../forms/messages.ts';
import { checkReview, readReviewValues } from '../../forms/rating-review.ts';
import { readReference } from '../../forms/references.ts';
import type { FieldError } from '../../forms/types.ts';
import type { FunctionContext } from '../http/context.ts';
import { renderFramedPage, type Frame } from '../http/render.ts';
import { seeOther } from '../http/responses.ts';
import { checkSameSite, readPostedAnswers } from '../http/security.ts';
import { readSessionToken } from '../http/sessions.ts';
import { connectDatabase, DatabaseProblem, DatabaseUnavailable, type Database } from '../platform/database.ts';
import { deliverSoon } from '../emails/delivery.ts';
import { log } from '../platform/log.ts';
import { readSettings } from '../platform/settings.ts';
import { accountsPage, problemPage, recordPage, todayPage, type Accounts, type AccountsProblem, type ConsolePage, type PersonRecord, type Today } from './console/views.tsx';

/** Every console answer: not stored anywhere on the way, not indexed. */
const consoleHeaders = { 'cache-control': 'no-store', 'x-robots-tag': 'noindex, nofollow' } as const;

/** The built frame (src/pages/team/index.astro) each console page is drawn into. */
const consoleFrame: Frame = { page: consoleHome, regionStart: consoleRegionStart, regionEnd: consoleRegionEnd, name: 'DSR team console' };

const consolePage = (context: FunctionContext, page: ConsolePage, status = 200): Promise<Response> =>
  renderFramedPage(context.env, context.request.url, consoleFrame, page, status, consoleHeaders);

const refusal = (context: FunctionContext, status: number, title: string, message: string, links?: { href: string; text: string }[]) =>
  consolePage(context, problemPage(title, message, links), status);

/** What a console address is: Today, a person's record, or an action on one; Accounts, or an action there. */
type Address =
  | { page: 'today' }
  | { page: 'accounts' }
  | { page: 'approve' | 'refuse' | 'switch-off'; professionalId: string }
  | { page: 'add_member' }
  | { page: 'remove_member'; teamMemberId: string }
  | { page: 'record'; reference: string }
  | { page: 'acknowledge'; reference: string }
  | { page: 'identity'; reference: string }
  | { page: 'rating'; reference: string }
  | { page: 'bad_reference' }
  | { page: 'unknown' };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function readAddress(pathname: string): Address {
  if (pathname === consoleHome || pathname === '/team') return { page: 'today' };
  if (pathname === accountsPath || pathname === '/team/accounts') return { page: 'accounts' };
  if (pathname === `${accountsPath}team/`) return { page: 'add_member' };
  // An account's id is a UUID; anything else is no address (and never reaches the database's cast).
  const account = /^\/team\/accounts\/(?:professionals\/([0-9a-f-]{36})\/(approve|refuse|switch-off)|team\/([0-9a-f-]{36})\/remove)\/$/.exec(pathname);
  if (account && uuidPattern.test(account[1] ?? account[3]!)) {
    return account[1] ? { page: account[2] as 'approve' | 'refuse' | 'switch-off', professionalId: account[1] } : { page: 'remove_member', teamMemberId: account[3]! };
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
  isPost: boolean,
  work: (db: Database, sessionToken: string, sendEmailsAfter: () => void) => Promise<Response>,
  backTo?: string,
): Promise<Response> {
  const token = readSessionToken(context.request);
  const signedOut = () =>
    isPost
      ? refusal(context, 401, 'You are signed out', consoleMessages.signed_out, [{ href: consoleSignIn, text: 'Sign in' }])
      : Promise.resolve(seeOther(consoleSignIn, consoleHeaders));
  if (!token) return signedOut();
  const settings = readSettings(context.env);
  const db = connectDatabase(settings);
  // An action that emailed someone (approving or refusing an account) sends it after the answer, as the forms do.
  let sendEmails = false;
  try {
    return await work(db, token, () => {
      sendEmails = true;
    });
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
      if (code in consoleMessages) {
        const back = backTo === accountsPath ? 'Go back to Accounts' : 'Go back to the record';
        return refusal(context, 409, 'Nothing was changed', consoleMessages[code as ConsoleProblem], backTo ? [{ href: backTo, text: back }] : undefined);
      }
    }
    log({ event: 'console_unavailable', reason: error instanceof DatabaseUnavailable ? error.reason : error instanceof DatabaseProblem ? error.code : (error as Error).name });
    return refusal(context, 503, 'Sorry, there is a problem with the service', isPost ? `${formMessages.error} Nothing was changed.` : formMessages.error);
  } finally {
    context.waitUntil(sendEmails ? deliverSoon(db, settings).finally(() => db.close()) : db.close());
  }
}

/** GET /team/ (Today), /team/accounts/ (Accounts) and /team/people/<DSR reference>/ (a person's record). */
export async function getConsolePage(context: FunctionContext): Promise<Response> {
  const address = readAddress(new URL(context.request.url).pathname);
  return withTeamSession(context, false, async (db, sessionToken) => {
    if (address.page === 'today') {
      return consolePage(context, todayPage(await db.call<Today>('team_today', { session_token: sessionToken })));
    }
    if (address.page === 'accounts') {
      return consolePage(context, accountsPage(await db.call<Accounts>('team_accounts', { session_token: sessionToken })));
    }
    // Only a team member learns whether an address exists: the session is checked first.
    const { fullName } = await db.call<{ fullName: string }>('read_team_session', { session_token: sessionToken });
    if (address.page === 'record') {
      const record = await db.call<PersonRecord>('team_person_record', { session_token: sessionToken, referral_reference: address.reference });
      log({ event: 'person_record_opened' });
      return consolePage(context, recordPage(record, { fullName }));
    }
    if (address.page === 'bad_reference') return refusal(context, 404, 'Referral not found', consoleMessages.bad_reference);
    return refusal(context, 404, 'Page not found', 'There is no console page at this address.');
  });
}

/** POST …/acknowledge/, …/identity/ and …/rating/, and the Accounts page's actions: the action, then 303 back (or a plain refusal, with nothing changed). */
export async function postConsoleAction(context: FunctionContext): Promise<Response> {
  const { request } = context;
  const crossSite = checkSameSite(request, readSettings(context.env).siteUrl);
  if (crossSite) return refusal(context, crossSite.status, 'Nothing was changed', formMessages.cross_site);
  const posted = await readPostedAnswers(request);
  if ('reason' in posted) return refusal(context, posted.status, 'Nothing was changed', formMessages[posted.reason]);
  const address = readAddress(new URL(request.url).pathname);
  const onAccounts = ['approve', 'refuse', 'switch-off', 'add_member', 'remove_member'].includes(address.page);
  const backTo = 'reference' in address ? personRecordPath(address.reference) : onAccounts ? accountsPath : consoleHome;
  return withTeamSession(
    context,
    true,
    async (db, sessionToken, sendEmailsAfter) => {
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
        const checked = checkReview(address.reference, values);
        let errors: FieldError[] = checked.ok ? [] : checked.errors;
        if (checked.ok) {
          try {
            await db.call('team_review_rating', { session_token: sessionToken, payload: checked.payload });
            log({ event: 'rating_reviewed' });
            return seeOther(`${backTo}#rating-history`, consoleHeaders);
          } catch (error) {
            // The database's own checks (a date in the future, or before their first referral): the same error summary.
            if (!(error instanceof DatabaseProblem && error.kind === 'bad_input' && error.field)) throw error;
            errors = [{ field: error.field, code: error.code }];
          }
        }
        log({ event: 'rating_review_invalid', fields: errors.map((error) => `${error.field}:${error.code}`) });
        // Drawn again with the errors and what was typed (reading the record again is audited as an opening).
        const record = await db.call<PersonRecord>('team_person_record', { session_token: sessionToken, referral_reference: address.reference });
        return consolePage(context, recordPage(record, { fullName }, { values, errors }), 422);
      }
      if (onAccounts) return accountAction(context, db, sessionToken, address, posted.answers, sendEmailsAfter);
      await db.call('read_team_session', { session_token: sessionToken });
      if (address.page === 'bad_reference') return refusal(context, 400, 'Nothing was changed', consoleMessages.bad_reference);
      return refusal(context, 404, 'Page not found', 'There is no console action at this address.');
    },
    backTo,
  );
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
  sendEmailsAfter: () => void,
): Promise<Response> {
  const session = { session_token: sessionToken };
  const fields: Record<string, string> = {};
  let form: AccountsProblem['form'] | undefined;
  try {
    if (address.page === 'approve') {
      await db.call('team_approve_professional', { ...session, professional_id: address.professionalId });
      sendEmailsAfter();
    } else if (address.page === 'refuse') {
      form = { kind: 'refuse', professionalId: address.professionalId };
      fields['reason'] = firstText(answers, 'reason');
      await db.call('team_refuse_professional', { ...session, professional_id: address.professionalId, reason: fields['reason'] });
      sendEmailsAfter();
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
