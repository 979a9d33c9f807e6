// The one way functions reach the database: postgres.js over DATABASE_URL.
import postgres from 'postgres';

export type Sql = postgres.Sql;

/**
 * A client for one request. Workers may not share sockets between requests, so
 * each request opens its own connection and closes it when the response is done.
 */
export function openDatabase(databaseUrl: string): Sql {
  return postgres(databaseUrl, {
    max: 1,
    // A database that cannot be reached must turn into a 503 within seconds, not a hang.
    connect_timeout: 3,
    idle_timeout: 5,
    // Prepared statements do not survive poolers such as Supabase's transaction pooler.
    prepare: false,
    onnotice: () => {},
  });
}
