// GET /api/health: is the service up, and can it reach its database? Asked through the
// database abstraction, so it answers truly over either transport (postgres.js or
// Supabase's HTTP API).
import { json } from '../http/responses.ts';
import { connectDatabase } from '../platform/database.ts';
import { readSettings, type Env } from '../platform/settings.ts';

/** How long a health check waits for the database before calling it unavailable. */
const databaseTimeoutMs = 4000;

/** `waitUntil` closes the connection after the answer (Cloudflare's context.waitUntil; callers without one let it close by itself). */
export async function checkHealth(env: Env, waitUntil: (promise: Promise<unknown>) => void = (closing) => void closing): Promise<Response> {
  const db = connectDatabase(readSettings(env), { timeoutMs: databaseTimeoutMs });
  try {
    await db.call('health', {});
    return json({ status: 'ok', database: 'ok' });
  } catch {
    return json({ status: 'unavailable', database: 'unavailable' }, 503);
  } finally {
    waitUntil(db.close());
  }
}
