// What every form post goes through, in order:
//   1. from this site only (403), no larger than 32 KB (413), readable (400/415);
//   2. the honeypot: a bot that fills it in is told "thank you" and nothing is kept;
//   3. signed in, for the professionals' forms (401);
//   4. the answers checked by the form's own schema (422, every problem at once);
//   5. the rate limit for the caller's address (429, with how long to wait);
//   6. the SQL function, in one transaction (a refusal about an answer is a 422;
//      a database that cannot be reached is a 503, with nothing saved);
//   7. emails sent after the response (waitUntil), so nobody waits for them.
// JSON callers (the island) get JSON; a browser without JavaScript, which posts to the
// form's own page, gets a 303 to the confirmation page, or the form page again with its
// answers and errors (the protocol: src/forms/steps.ts).
import type { FormDefinition, FormName } from '../../forms/index.ts';
import { isHoneypotFilled } from '../../forms/input.ts';
import { describeErrors, findMessage, formMessages, rateLimitedMessage } from '../../forms/messages.ts';
import { changeAnswer, checkAnswers, readPostedStep, withErrors, withProblem, type FormState } from '../../forms/steps.ts';
import type { FieldError, FormValues } from '../../forms/types.ts';
import { deliverSoon } from '../emails/delivery.ts';
import type { FunctionContext } from '../http/context.ts';
import { renderFormPage } from '../http/render.ts';
import { json, problem, seeOther, wantsJson } from '../http/responses.ts';
import { checkSameSite, clientAddress, readPostedAnswers } from '../http/security.ts';
import { currentProfessional, type Professional } from '../http/sessions.ts';
import { connectDatabase, DatabaseProblem, DatabaseUnavailable, type Database } from '../platform/database.ts';
import { log } from '../platform/log.ts';
import { readSettings, type Settings } from '../platform/settings.ts';
import { hitLimit, limits, type RateLimitResult } from './rate-limits.ts';

export interface Accepted {
  status: number;
  /** What the island is told. */
  body: Record<string, unknown>;
  /** Where a browser without JavaScript goes next. */
  location: string;
  headers?: HeadersInit;
}

export interface FormRoute<Payload, Result> {
  form: FormDefinition<string, Payload>;
  /** Limits beyond the per-address one, such as sign-in emails per email address. */
  extraLimit?(db: Database, payload: Payload): Promise<RateLimitResult | undefined>;
  /** Calls the form's SQL function. */
  submit(db: Database, payload: Payload, context: { settings: Settings; professional: Professional | undefined }): Promise<Result>;
  /** Work after the response, on the request's connection (closed when it is done). Emails from the outbox by default. */
  after?(result: Result, payload: Payload, settings: Settings, db: Database): Promise<unknown>;
  accepted(result: Result, payload: Payload, settings: Settings): Accepted;
}

/** Where to sign in, coming back to this form afterwards. */
const signInFor = (form: FormDefinition<string, unknown>) => `/sign-in/?next=${encodeURIComponent(form.page)}`;

/**
 * The SQL functions raise the forms' own codes, with the field's name: a problem the form
 * has words for is the person's to fix (422, as if the form had caught it); anything
 * else (a setting, a bug, what no form sends) is not, and answers 503.
 */
function answerError(form: FormDefinition<string, unknown>, problem: DatabaseProblem): FieldError | undefined {
  const error = { field: problem.field ?? '', code: problem.code };
  return findMessage(form, error) === undefined ? undefined : error;
}

export async function handleFormPost<Payload, Result>(context: FunctionContext, route: FormRoute<Payload, Result>): Promise<Response> {
  const { request, env } = context;
  const { form } = route;
  const settings = readSettings(env);

  const crossSite = checkSameSite(request, settings.siteUrl);
  if (crossSite) {
    log({ event: 'refused', form: form.name, reason: crossSite.reason });
    return problem(request, crossSite.status, formMessages[crossSite.reason]);
  }
  const posted = await readPostedAnswers(request);
  if ('reason' in posted) {
    log({ event: 'refused', form: form.name, reason: posted.reason });
    return problem(request, posted.status, formMessages[posted.reason]);
  }

  const asJson = posted.format === 'json' || wantsJson(request);
  const values = form.read(posted.answers);
  // The island sends its step in the JSON body too: a "check" must never save anything.
  const step = readPostedStep(posted.answers);
  const fromCheck = posted.format === 'form' && step.step === 'send' && (posted.answers as URLSearchParams).get('step') === 'send';
  const page = (state: FormState, status: number, headers: HeadersInit = {}) =>
    renderFormPage(env, request, { form: form.name as FormName, page: form.page, state }, status, headers);

  if (isHoneypotFilled(posted.answers)) {
    log({ event: 'honeypot', form: form.name });
    return asJson ? json({ message: 'Thank you' }, 200) : seeOther(form.confirmation.page ?? form.page);
  }
  if (step.step === 'change') return page(changeAnswer(values, step.field), 200);

  const invalid = (errors: FieldError[]) => {
    log({ event: 'answers_refused', form: form.name, fields: errors.map((error) => error.field) });
    if (!asJson) return page(withErrors(form, values, errors), 422);
    const words = describeErrors(form, errors, (name) => form.field(name)?.label);
    // The code lets the island outline only the wrong boxes of a date.
    return json({ message: 'There is a problem', errors: words.map(({ field, message }, index) => ({ field, message, code: errors[index]?.code })) }, 422);
  };
  const signedOut = () =>
    asJson
      ? json({ message: formMessages.not_signed_in, signIn: signInFor(form) }, 401)
      : page(withProblem(values, { kind: 'signed_out', message: formMessages.signed_out }, fromCheck), 401);
  const rateLimited = (limit: RateLimitResult) => {
    log({ event: 'rate_limited', form: form.name });
    const message = rateLimitedMessage(limit.retryAfterSeconds);
    const headers = { 'retry-after': String(limit.retryAfterSeconds) };
    return asJson ? json({ message, retryAfterSeconds: limit.retryAfterSeconds }, 429, headers) : page(withProblem(values, { kind: 'rate_limited', message }, fromCheck), 429, headers);
  };
  const unavailable = (status = 503) =>
    asJson
      ? json({ message: formMessages.unavailable }, status)
      : page(withProblem(values, { kind: 'unavailable', message: formMessages.unavailable }, fromCheck), status);

  const db = connectDatabase(settings);
  // Once the work after the response has the connection, that work closes it.
  let closeAfterResponse: Promise<unknown> | undefined;
  try {
    let professional: Professional | undefined;
    if (form.needsAccount) {
      professional = await currentProfessional(db, request);
      if (!professional) return signedOut();
    }
    const checked = form.validate(values);
    if (!checked.ok) return invalid(checked.errors);
    if (step.step === 'check') return asJson ? json({ ok: true }, 200) : page(checkAnswers(values), 200);

    const limit = await hitLimit(db, limits.submissionsPerAddress, clientAddress(request));
    if (limit.limited) return rateLimited(limit);
    const extra = await route.extraLimit?.(db, checked.payload);
    if (extra?.limited) return rateLimited(extra);

    let result: Result;
    try {
      result = await route.submit(db, checked.payload, { settings, professional });
    } catch (error) {
      if (!(error instanceof DatabaseProblem)) throw error;
      if (error.code === 'professional_not_active') return signedOut();
      const refused = answerError(form, error);
      if (refused) return invalid([refused]);
      log({ event: 'database_refused', form: form.name, code: error.code });
      return unavailable();
    }

    // The work after the response starts on a later turn, once the answer is on its way:
    // drawing an email is a few milliseconds of work, and done here it would make an answer
    // about a known address or person slower than one about nobody (no oracle in time).
    const after = nextTurn().then(() => (route.after ? route.after(result, checked.payload, settings, db) : deliverSoon(db, settings)));
    closeAfterResponse = after.finally(() => db.close());
    const accepted = route.accepted(result, checked.payload, settings);
    return asJson ? json(accepted.body, accepted.status, accepted.headers) : seeOther(accepted.location, accepted.headers);
  } catch (error) {
    if (error instanceof DatabaseUnavailable) {
      log({ event: 'database_unavailable', form: form.name, reason: error.reason });
      return unavailable();
    }
    // A fault in this code: the person is told plainly, and the log has its name only.
    log({ event: 'error', form: form.name, error: (error as Error).name });
    return unavailable(500);
  } finally {
    context.waitUntil(closeAfterResponse ?? db.close());
  }
}

/** Resolves on a later turn of the event loop (after the response has been handed over). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export type { FormValues };
