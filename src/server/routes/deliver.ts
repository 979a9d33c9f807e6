// POST /api/internal/deliver: sends what waits in the outbox and clears out expired
// tokens, sessions and counters, and clears finished withdrawals' erased rows from the
// table files (erasure.ts); writes the team's weekly digest of overdue actions (once per
// ISO week, queue_actions_digest). Production calls it every minute (Supabase pg_cron
// with pg_net; see the README), with `Authorization: Bearer <DELIVER_SECRET>`.
import { deliverOutbox } from '../emails/delivery.ts';
import type { FunctionContext } from '../http/context.ts';
import { json } from '../http/responses.ts';
import { clearErasedFromDisk } from './erasure.ts';
import { connectDatabase, DatabaseUnavailable } from '../platform/database.ts';
import { sha256 } from '../platform/hash.ts';
import { log } from '../platform/log.ts';
import { createMailer } from '../platform/mail.ts';
import { readSettings } from '../platform/settings.ts';

async function sameSecret(given: string, expected: string): Promise<boolean> {
  // Comparing hashes takes the same time however much of the secret was right.
  return (await sha256(given)) === (await sha256(expected));
}

export async function deliver(context: FunctionContext): Promise<Response> {
  const settings = readSettings(context.env);
  // Without a secret the route does not exist: nobody can make the site send email.
  if (!settings.deliverSecret) return json({ message: 'Not found' }, 404);
  const given = /^Bearer (.+)$/.exec(context.request.headers.get('authorization') ?? '')?.[1] ?? '';
  if (!(await sameSecret(given, settings.deliverSecret))) {
    log({ event: 'deliver_refused' });
    return json({ message: 'The deliver route needs the DELIVER_SECRET as a bearer token.' }, 401, { 'www-authenticate': 'Bearer' });
  }
  const db = connectDatabase(settings, { timeoutMs: 20_000 });
  try {
    // The team's weekly digest of overdue actions: written at most once a week (its
    // key is the ISO week), so the first run of the week with an action overdue writes it.
    const digest = await db.call<{ queued: boolean }>('queue_actions_digest', { team_email: settings.teamEmail });
    const report = await deliverOutbox(db, createMailer(settings), settings, { timeBudgetMs: 25_000, maxBatches: 20, batchSize: 20 });
    const purged = await db.call('purge_expired', {});
    const erasure = await clearErasedFromDisk(db);
    log({ event: 'delivered', ...report, ...erasure, actionsDigestQueued: digest.queued });
    return json({ ...report, purged, erasure, actionsDigestQueued: digest.queued });
  } catch (error) {
    log({ event: 'deliver_failed', reason: error instanceof DatabaseUnavailable ? error.reason : (error as Error).name });
    return json({ message: 'The database could not be reached. Nothing was sent; the emails are still waiting.' }, 503);
  } finally {
    context.waitUntil(db.close());
  }
}
