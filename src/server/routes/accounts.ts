// Professionals' accounts: registering, signing in by emailed link, signing out,
// and who is signed in. Nothing here ever says whether an email address has an account.
import { registerForm, signInConfirmForm, signInForm } from '../../forms/index.ts';
import { formMessages } from '../../forms/messages.ts';
import type { RegistrationPayload } from '../../forms/register.ts';
import type { SignInConfirmation } from '../../forms/sign-in.ts';
import { deliverSoon, sendSignInLink } from '../emails/delivery.ts';
import type { FunctionContext } from '../http/context.ts';
import { json, problem, seeOther, wantsJson } from '../http/responses.ts';
import { checkSameSite, clientAddress, readPostedAnswers } from '../http/security.ts';
import { currentProfessional, endedSessionCookie, readSessionToken, sessionCookie } from '../http/sessions.ts';
import { connectDatabase, DatabaseUnavailable, type Database } from '../platform/database.ts';
import { log } from '../platform/log.ts';
import { createMailer } from '../platform/mail.ts';
import { readSettings } from '../platform/settings.ts';
import { hitLimit, limits } from '../submission/rate-limits.ts';
import type { FormRoute } from '../submission/pipeline.ts';

/** Does this address's domain let its account work straight away (ALLOWED_EMAIL_DOMAINS)? */
export function isAllowedDomain(email: string, allowedDomains: readonly string[]): boolean {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return allowedDomains.some((allowed) =>
    allowed.startsWith('*.') ? domain.endsWith(allowed.slice(1)) && domain.length > allowed.length - 1 : domain === allowed,
  );
}

interface SignInToken {
  token: string | null;
  expiresAt: string | null;
}

// Registering sends the first sign-in link: following it proves the address, and only
// then do the details count (issue 11, finding 7). An address already proven is sent
// an email saying so instead (from the outbox), and the answer is the same.
export const registerRoute: FormRoute<RegistrationPayload, SignInToken & { status: string; created: boolean }> = {
  form: registerForm,
  submit: (db, payload, { settings }) =>
    db.call('register_professional', {
      payload: { ...payload, approvalNeeded: !isAllowedDomain(payload.email, settings.allowedEmailDomains), teamEmail: settings.teamEmail },
    }),
  after: async (result, payload, settings, db) => {
    const approvalNeeded = !isAllowedDomain(payload.email, settings.allowedEmailDomains);
    if (result.token) await sendSignInLink(createMailer(settings), settings, payload.email, result.token, { approvalNeeded });
    else await deliverSoon(db, settings);
  },
  // The answer depends only on what was typed (the domain), never on whether the
  // address already had an account: that person is told by email instead.
  accepted: (_result, payload, settings) => {
    const approvalNeeded = !isAllowedDomain(payload.email, settings.allowedEmailDomains);
    return {
      status: 202,
      body: {
        approvalNeeded,
        message: approvalNeeded
          ? 'Thank you. We have sent you an email with a link to confirm your email address. Then the DSR team will check your request and email you when your account is ready.'
          : 'Thank you. We have sent you an email with a link to confirm your email address and sign in. The link works once, for 10 minutes.',
      },
      location: `${registerForm.confirmation.page ?? registerForm.page}${approvalNeeded ? '?approval=needed' : ''}`,
    };
  },
};

export const signInRoute: FormRoute<{ email: string }, SignInToken> = {
  form: signInForm,
  extraLimit: (db, payload) => hitLimit(db, limits.signInEmailsPerAddress, payload.email),
  submit: (db, payload) => db.call<SignInToken>('create_sign_in_token', { email: payload.email }),
  // The link is sent after the response, so an address with an account takes no longer to answer than one without.
  after: async (result, payload, settings) => {
    if (result.token) await sendSignInLink(createMailer(settings), settings, payload.email, result.token);
  },
  accepted: () => ({
    status: 202,
    body: { message: 'If this email address has an account, we have sent it a link to sign in. The link works once, for 10 minutes.' },
    location: signInForm.confirmation.page ?? signInForm.page,
  }),
};

type Redeemed =
  | { sessionToken: string; professionalId: string; approvalNeeded: false; idleExpiresAt: string; absoluteExpiresAt: string; role?: undefined }
  /** A DSR team member's link: a console session, and the console is where they go. */
  | { sessionToken: string; professionalId: null; approvalNeeded: false; idleExpiresAt: string; absoluteExpiresAt: string; role: 'team' }
  /** The first link of an account the DSR team must approve: the address is proven, nobody is signed in. */
  | { sessionToken: null; approvalNeeded: true };

/** Where a DSR team member goes once signed in: the console's Today page. */
export const teamHome = '/team/';

/** Where a proven address waiting for the team's approval is sent. */
export const addressConfirmedPage = `${registerForm.confirmation.page}?address=confirmed`;

// A sign-in link that is spent, out of date or wrong is refused by the SQL function with
// the form's own codes (`expired`, `used`, `invalid` on `token`): ask for a new one.
export const signInConfirmRoute = (request: Request): FormRoute<SignInConfirmation, Redeemed> => ({
  form: signInConfirmForm,
  extraLimit: (db) => hitLimit(db, limits.signInConfirmationsPerAddress, clientAddress(request)),
  submit: (db, payload) => db.call<Redeemed>('redeem_sign_in_token', { token: payload.token, email: payload.email }),
  after: (_result, _payload, settings, db) => deliverSoon(db, settings),
  accepted: (result, payload) => {
    if (result.sessionToken === null) {
      log({ event: 'address_proven' });
      return {
        status: 200,
        body: {
          signedIn: false,
          approvalNeeded: true,
          next: addressConfirmedPage,
          message: 'Thank you. Your email address is confirmed. The DSR team will check your request and email you when your account is ready.',
        },
        location: addressConfirmedPage,
      };
    }
    const cookie = sessionCookie(request.url, result.sessionToken, new Date(result.absoluteExpiresAt));
    const next = result.role === 'team' ? teamHome : payload.next;
    log({ event: 'signed_in', ...(result.role === 'team' ? { role: 'team' } : {}) });
    return {
      status: 200,
      body: { signedIn: true, next, idleExpiresAt: result.idleExpiresAt, absoluteExpiresAt: result.absoluteExpiresAt },
      location: next,
      headers: { 'set-cookie': cookie },
    };
  },
});

/** POST /api/sign-out: ends the session on the server and removes the cookie. */
export async function signOut(context: FunctionContext): Promise<Response> {
  const { request, env } = context;
  const settings = readSettings(env);
  const crossSite = checkSameSite(request, settings.siteUrl);
  if (crossSite) return problem(request, 403, formMessages.cross_site);
  const posted = await readPostedAnswers(request);
  if ('reason' in posted) return problem(request, posted.status, formMessages[posted.reason]);
  const cookie = { 'set-cookie': endedSessionCookie(request.url) };
  const token = readSessionToken(request);
  if (token) {
    const db = connectDatabase(settings);
    try {
      await db.call('end_session', { session_token: token });
    } catch (error) {
      // The cookie is not removed unless the session really ended: otherwise the
      // person would think they were signed out on a shared computer when they were not.
      log({ event: 'sign_out_failed', reason: error instanceof DatabaseUnavailable ? error.reason : (error as Error).name });
      return problem(request, 503, 'Sorry, there is a problem with the service. You have not been signed out. Try again later.');
    } finally {
      context.waitUntil(db.close());
    }
  }
  log({ event: 'signed_out' });
  return wantsJson(request) ? json({ signedIn: false }, 200, cookie) : seeOther('/', cookie);
}

/**
 * GET /api/session: who is signed in (for the page header and the forms). Nobody
 * signed in is a plain answer, 200 {"signedIn": false}: a 401 would be logged in the
 * browser console of every signed-out visitor to a form page.
 */
export async function readSession(context: FunctionContext): Promise<Response> {
  const settings = readSettings(context.env);
  const db: Database = connectDatabase(settings);
  try {
    const professional = await currentProfessional(db, context.request);
    if (!professional) return json({ signedIn: false });
    const { fullName, email, jobTitle, organisation, area, idleExpiresAt, absoluteExpiresAt } = professional;
    return json({ signedIn: true, professional: { fullName, email, jobTitle, organisation, area }, idleExpiresAt, absoluteExpiresAt });
  } catch (error) {
    log({ event: 'session_unavailable', reason: error instanceof DatabaseUnavailable ? error.reason : (error as Error).name });
    return json({ message: formMessages.error }, 503);
  } finally {
    context.waitUntil(db.close());
  }
}
