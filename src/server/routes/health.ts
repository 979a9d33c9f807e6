// GET /api/health: is the service up, can it reach its database, and has the database had
// every migration this code needs? Asked through the database abstraction, so it answers
// truly over either transport (postgres.js or Supabase's HTTP API). `npm start` prints
// the same finding when it starts (scripts/start.ts).
import { json } from '../http/responses.ts';
import { connectDatabase, DatabaseUnavailable, type Database } from '../platform/database.ts';
import { expectedMigrations, migrationsCheckedFrom } from '../platform/migrations.ts';
import { missingLiveSettings, readSettings, type Env } from '../platform/settings.ts';

/** How long a health check waits for the database before calling it unavailable. */
const databaseTimeoutMs = 4000;

export type DatabaseHealth =
  | { database: 'ok' }
  | { database: 'unavailable' }
  | { database: 'migrations_missing'; missing: string[]; message: string };

/** A function the migrations make is not there: PostgreSQL's undefined_function, or PostgREST's "not in the schema cache". */
const isMissingFunction = (error: unknown) => error instanceof DatabaseUnavailable && ['42883', 'PGRST202'].includes(error.reason);

function missingFrom(applied: readonly string[]): DatabaseHealth {
  const missing = expectedMigrations.filter((name) => !applied.includes(name));
  if (missing.length === 0) return { database: 'ok' };
  return {
    database: 'migrations_missing',
    missing,
    message: `The database is missing ${missing.length} migration(s): run npm run db:migrate with DATABASE_URL set to it.`,
  };
}

/** Reaches the database and compares the migrations it has had with those this code needs. */
export async function checkDatabase(db: Database): Promise<DatabaseHealth> {
  try {
    await db.call('health', {});
  } catch (error) {
    // Reached, but without even the first migrations' functions.
    return isMissingFunction(error) ? missingFrom([]) : { database: 'unavailable' };
  }
  try {
    return missingFrom(await db.call<string[]>('applied_migrations', {}));
  } catch (error) {
    if (!isMissingFunction(error)) return { database: 'unavailable' };
    // Migrations are applied in order: without the function, none from its file on.
    return missingFrom(expectedMigrations.slice(0, expectedMigrations.indexOf(migrationsCheckedFrom)));
  }
}

/** `waitUntil` closes the connection after the answer (Cloudflare's context.waitUntil; callers without one let it close by itself). */
export async function checkHealth(env: Env, waitUntil: (promise: Promise<unknown>) => void = (closing) => void closing): Promise<Response> {
  const settings = readSettings(env);
  const db = connectDatabase(settings, { timeoutMs: databaseTimeoutMs });
  try {
    const health = await checkDatabase(db);
    // A live site without a setting it must have is not healthy either (HAZ-002).
    const missing = missingLiveSettings(settings);
    const settingsProblem = missing.length === 0 ? {} : {
      missingSettings: missing,
      settingsMessage: `Set ${missing.join(', ')}: until DSR_TEAM_EMAIL is the DSR team's shared inbox, the team's emails wait unsent.`,
    };
    if (health.database !== 'ok') return json({ status: 'unavailable', ...health, ...settingsProblem }, 503);
    if (missing.length > 0) return json({ status: 'misconfigured', database: 'ok', ...settingsProblem }, 503);
    return json({ status: 'ok', database: 'ok' });
  } finally {
    waitUntil(db.close());
  }
}
