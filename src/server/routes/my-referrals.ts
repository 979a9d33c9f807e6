// A professional's own page, /my-referrals/: the referrals and consent records they made,
// and where each stands. Drawn by this function into its built frame
// (src/pages/my-referrals/index.astro), as the console's pages are: never cached, never
// indexed, working without JavaScript. The session is the forms' (the cookie read by
// read_session); my_referrals reads only this professional's records. Signed out, the
// page sends them to sign in and brings them back.
import { myReferralsPage, myReferralsRegionEnd, myReferralsRegionStart, myReferralsSignIn } from '../../forms/my-referrals.ts';
import { formMessages } from '../../forms/messages.ts';
import type { FunctionContext } from '../http/context.ts';
import { renderFramedPage, type DrawnPage, type Frame } from '../http/render.ts';
import { seeOther } from '../http/responses.ts';
import { currentProfessional, readSessionToken } from '../http/sessions.ts';
import { connectDatabase, DatabaseProblem, DatabaseUnavailable } from '../platform/database.ts';
import { log } from '../platform/log.ts';
import { readSettings } from '../platform/settings.ts';
import { myReferralsProblem, myReferralsView, type MyRecords } from './my-referrals/views.tsx';

/** Every answer: personal details, so stored nowhere on the way, and not indexed. */
const pageHeaders = { 'cache-control': 'no-store', 'x-robots-tag': 'noindex, nofollow' } as const;

const frame: Frame = { page: myReferralsPage, regionStart: myReferralsRegionStart, regionEnd: myReferralsRegionEnd, name: 'Dynamic Support Register' };

const drawn = (context: FunctionContext, page: DrawnPage, status = 200) => renderFramedPage(context.env, context.request.url, frame, page, status, pageHeaders);

/** GET /my-referrals/. */
export async function getMyReferrals(context: FunctionContext): Promise<Response> {
  const { pathname } = new URL(context.request.url);
  if (pathname !== myReferralsPage && pathname !== '/my-referrals') return drawn(context, myReferralsProblem('Page not found', 'There is no page at this address.'), 404);
  const signIn = () => seeOther(myReferralsSignIn, pageHeaders);
  const token = readSessionToken(context.request);
  if (!token) return signIn();
  const db = connectDatabase(readSettings(context.env));
  try {
    const professional = await currentProfessional(db, context.request);
    if (!professional) return signIn();
    const records = await db.call<MyRecords>('my_referrals', { session_token: token });
    return drawn(context, myReferralsView(records, professional));
  } catch (error) {
    // Signed out between the two calls: sign in again, as for any ended session.
    if (error instanceof DatabaseProblem && ['session_invalid', 'session_expired', 'professional_not_active'].includes(error.code)) return signIn();
    log({ event: 'my_referrals_unavailable', reason: error instanceof DatabaseUnavailable ? error.reason : error instanceof DatabaseProblem ? error.code : (error as Error).name });
    return drawn(context, myReferralsProblem('Sorry, there is a problem with the service', formMessages.error), 503);
  } finally {
    context.waitUntil(db.close());
  }
}
