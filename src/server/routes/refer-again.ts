// The referral form filled in from one of the professional's own records: GET
// /refer/?from=DSR-… ("Refer again" on /my-referrals/) or /refer/?consent=CON-… (the
// consent confirmation's "Refer this person"). The address carries only the reference;
// the details come from refer_again_answers, which reads only this professional's records.
// Drawn on the server into the built page (so it works without JavaScript, and the
// island hydrates with the values in place), never cached, never indexed. Anything but
// the professional's own record (another's reference, an unknown or malformed one,
// nobody signed in, the database down) draws the same empty form: no oracle.
import type { FormDefinition } from '../../forms/index.ts';
import { referFromAddress, referralValuesFrom, type KnownAnswers } from '../../forms/refer-again.ts';
import type { FormValues } from '../../forms/types.ts';
import type { FunctionContext } from '../http/context.ts';
import { renderFormPage } from '../http/render.ts';
import { readSessionToken } from '../http/sessions.ts';
import { connectDatabase, DatabaseProblem, DatabaseUnavailable } from '../platform/database.ts';
import { log } from '../platform/log.ts';
import { readSettings } from '../platform/settings.ts';

export async function showReferAgain(context: FunctionContext, form: FormDefinition): Promise<Response> {
  const { request, env } = context;
  const reference = referFromAddress(new URL(request.url).searchParams);
  const token = readSessionToken(request);
  let values: FormValues = {};
  let filledFrom: string | undefined;
  if (reference && token) {
    const db = connectDatabase(readSettings(env));
    try {
      values = referralValuesFrom(await db.call<KnownAnswers>('refer_again_answers', { session_token: token, reference }));
      // Said on the page only when it was theirs: otherwise the page is the empty form, as for an unknown reference.
      if (Object.keys(values).length > 0) filledFrom = reference;
    } catch (error) {
      // Signed out, or the database is down: the empty form, which says what to do (sign in) when it is sent.
      log({ event: 'refer_again_unfilled', reason: error instanceof DatabaseProblem ? error.code : error instanceof DatabaseUnavailable ? error.reason : (error as Error).name });
    } finally {
      context.waitUntil(db.close());
    }
  }
  return renderFormPage(env, request, { form: 'referral', page: form.page, state: { values, view: { step: 'form', errors: [] }, ...(filledFrom ? { filledFrom } : {}) } }, 200, {
    'x-robots-tag': 'noindex, nofollow',
  });
}
