// Sending what waits in the outbox: just after a submission (in waitUntil, so the
// person does not wait for email), and every minute from POST /api/internal/deliver.
import { DatabaseUnavailable, type Database } from './db';
import { createMailer, deliverOutbox, log, type DeliveryReport } from './mail';
import type { Settings } from './settings';

/**
 * After a response: one batch, within the time Cloudflare allows work after a response.
 * It uses the request's own connection (the caller closes it): a second connection
 * would cost a new database backend for every submission.
 */
export async function deliverSoon(db: Database, settings: Settings): Promise<DeliveryReport | undefined> {
  try {
    return await deliverOutbox(db, createMailer(settings), { maxBatches: 1, timeBudgetMs: 20_000 });
  } catch (error) {
    // Whatever went wrong, the emails are still in the outbox: the deliver job sends them.
    log({ event: 'delivery_deferred', reason: error instanceof DatabaseUnavailable ? error.reason : (error as Error).name });
    return undefined;
  }
}
