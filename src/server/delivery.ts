// Sending what waits in the outbox: just after a submission (in waitUntil, so the
// person does not wait for email), and every minute from POST /api/internal/deliver.
import { connectDatabase, DatabaseUnavailable } from './db';
import { createMailer, deliverOutbox, log, type DeliveryReport } from './mail';
import type { Settings } from './settings';

/** After a response: one batch, within the time Cloudflare allows work after a response. */
export async function deliverSoon(settings: Settings): Promise<DeliveryReport | undefined> {
  const db = connectDatabase(settings);
  try {
    return await deliverOutbox(db, createMailer(settings), { maxBatches: 1, timeBudgetMs: 20_000 });
  } catch (error) {
    // Whatever went wrong, the emails are still in the outbox: the deliver job sends them.
    log({ event: 'delivery_deferred', reason: error instanceof DatabaseUnavailable ? error.reason : (error as Error).name });
    return undefined;
  } finally {
    await db.close();
  }
}
