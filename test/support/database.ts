// A fresh, migrated database for a test file: PGlite always, and real PostgreSQL
// as well when TEST_DATABASE_URL is set (CI sets it to the Debian server).
//
//   for (const target of databaseTargets()) {
//     describe(target.name, () => {
//       const db = useDatabase(target);   // db.url, db.sql inside tests
//       ...
//     });
//   }
import { afterAll, beforeAll } from 'vitest';
import postgres from 'postgres';
import { applyMigrations, connect, createScratchDatabase, serveEmbeddedDatabase } from '../../scripts/database.ts';

export interface DatabaseTarget {
  name: 'PGlite' | 'PostgreSQL';
  /** Creates an empty database and returns its address and a way to remove it. */
  create(): Promise<{ url: string; drop(): Promise<void> }>;
}

export function databaseTargets(): DatabaseTarget[] {
  const targets: DatabaseTarget[] = [{ name: 'PGlite', create: createEmbedded }];
  const server = process.env.TEST_DATABASE_URL;
  if (server) targets.push({ name: 'PostgreSQL', create: () => createOnServer(server) });
  return targets;
}

async function createEmbedded() {
  const embedded = await serveEmbeddedDatabase();
  return { url: embedded.url, drop: () => embedded.stop() };
}

/** Each test file gets its own database on the server, so files can run in parallel. */
function createOnServer(serverUrl: string) {
  return createScratchDatabase(serverUrl, `dsr_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`);
}

export interface TestDatabase {
  /** The database's address, for code that opens its own connections. */
  readonly url: string;
  /** A connection pool for the test's own queries. */
  readonly sql: postgres.Sql;
}

/** Creates and migrates a database before the file's tests, and removes it after them. */
export function useDatabase(target: DatabaseTarget, options: { connections?: number } = {}): TestDatabase {
  let created: { url: string; drop(): Promise<void> } | undefined;
  let sql: postgres.Sql | undefined;
  beforeAll(async () => {
    created = await target.create();
    await applyMigrations(created.url);
    sql = connect(created.url, options.connections ?? 1);
  }, 60_000);
  afterAll(async () => {
    await sql?.end({ timeout: 1 });
    await created?.drop();
  }, 60_000);
  return {
    get url() {
      if (!created) throw new Error('The test database is not ready yet: use it inside a test or hook.');
      return created.url;
    },
    get sql() {
      if (!sql) throw new Error('The test database is not ready yet: use it inside a test or hook.');
      return sql;
    },
  };
}
