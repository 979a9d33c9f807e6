// GET /api/health: is the service up, and can it reach its database?
import { openDatabase } from './db';
import { json } from './responses';
import { readSettings, type Env } from './settings';

/** How long a health check waits for the database before calling it unavailable. */
const databaseTimeoutMs = 4000;

export async function checkHealth(env: Env): Promise<Response> {
  const { databaseUrl } = readSettings(env);
  if (!databaseUrl) return unavailable();
  const sql = openDatabase(databaseUrl);
  try {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), databaseTimeoutMs));
    await Promise.race([sql`select 1 as ok`, timeout]);
    return json({ status: 'ok', database: 'ok' });
  } catch {
    return unavailable();
  } finally {
    sql.end({ timeout: 0 }).catch(() => {});
  }
}

const unavailable = () => json({ status: 'unavailable', database: 'unavailable' }, 503);
