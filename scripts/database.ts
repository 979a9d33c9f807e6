// The local database: PGlite served on loopback (the embedded default of `npm start`
// and the tests), and the migration runner that brings any Postgres up to date.
// Both speak to the database through postgres.js, so the code under test reaches
// PGlite exactly as it reaches a real PostgreSQL server or Supabase.
import { readdirSync } from 'node:fs';
import { readdir, readFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import postgres from 'postgres';

export const projectRoot = resolve(import.meta.dirname, '..');
export const migrationsDir = join(projectRoot, 'supabase', 'migrations');
export const seedFile = join(projectRoot, 'supabase', 'seed.sql');

export interface EmbeddedDatabase {
  /** postgres://… address of the loopback server. */
  url: string;
  db: PGlite;
  stop(): Promise<void>;
}

/**
 * Opens PGlite (on disk under `dataDir`, or in memory when it is undefined) and
 * serves it on 127.0.0.1. `port` 0 lets the system pick a free port.
 */
export async function serveEmbeddedDatabase(options: { dataDir?: string; port?: number } = {}): Promise<EmbeddedDatabase> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir ?? 'memory://', { extensions: { pgcrypto } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port ?? 0, maxConnections: 100 });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgres://postgres@${address}/postgres`,
    db,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

export interface ScratchDatabase {
  /** postgres://… address of the new database. */
  url: string;
  /** Removes the database, closing any connections still open to it. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database `name` on the PostgreSQL server at `serverUrl` (replacing
 * one of that name left behind by an earlier run) and returns its address and a way to
 * remove it. One place for the tests and the benchmarks, which each want a fresh
 * database of their own on a shared server; callers apply migrations themselves.
 */
export async function createScratchDatabase(serverUrl: string, name: string): Promise<ScratchDatabase> {
  // The name goes into SQL as it is: keep it a plain lower-case identifier.
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** A client for scripts and tests; one connection keeps PGlite's single session simple. */
/** Is this database on this machine (loopback)? db:reset and db:migrate touch any other only when told to. */
export function isOnThisMachine(url: string): boolean {
  return ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(url).hostname);
}

export function connect(url: string, max = 1) {
  return postgres(url, { max, onnotice: () => {}, connect_timeout: 5, idle_timeout: 2 });
}

/** The migration files' paths, in the order Supabase applies them (for code that cannot wait). */
export function listMigrationFiles(): string[] {
  return readdirSync(migrationsDir).filter((f) => /^\d+_.+\.sql$/.test(f)).sort().map((file) => join(migrationsDir, file));
}

/** The migration files in the order Supabase applies them: by their timestamp prefix. */
export async function listMigrations(): Promise<{ version: string; name: string; file: string }[]> {
  const files = (await readdir(migrationsDir)).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
  return files.map((file) => {
    const [, version = '', name = ''] = /^(\d+)_(.+)\.sql$/.exec(file) ?? [];
    return { version, name, file: join(migrationsDir, file) };
  });
}

/**
 * Applies the migrations not yet applied, each in its own transaction, recording
 * them in the same table the Supabase CLI uses, so a restart applies only new ones.
 * Returns the versions it applied.
 */
export async function applyMigrations(url: string, options: { upTo?: string } = {}): Promise<string[]> {
  const sql = connect(url);
  try {
    await sql.unsafe(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (
        version text primary key, name text, statements text[]
      );`);
    const all = await listMigrations();
    // `upTo` (a file's name without .sql, or '' for none): a database left part of the way, for tests.
    const migrations = options.upTo === undefined ? all : all.slice(0, all.findIndex((m) => `${m.version}_${m.name}` === options.upTo) + 1);
    // A database made by migrations that are no longer here (they were re-cut before
    // anything was deployed) cannot be brought up to date: say how to start again.
    const known = new Set(all.map((migration) => migration.version));
    const gone = (await sql`select version from supabase_migrations.schema_migrations`).map((row) => row['version'] as string).filter((version) => !known.has(version));
    if (gone.length > 0) {
      throw new Error(`The database has migrations that supabase/migrations/ no longer has (${gone.join(', ')}). Locally, run \`npm run db:reset\`.`);
    }
    const applied: string[] = [];
    for (const migration of migrations) {
      const text = await readFile(migration.file, 'utf8');
      const done = await sql.begin(async (tx) => {
        // Two runners at once (parallel test files) must not apply the same file twice.
        await tx`select pg_advisory_xact_lock(hashtext('dsr-migrations'))`;
        const [row] = await tx`select 1 from supabase_migrations.schema_migrations where version = ${migration.version}`;
        if (row) return false;
        await tx.unsafe(text);
        await tx`insert into supabase_migrations.schema_migrations (version, name, statements)
                 values (${migration.version}, ${migration.name}, ${[text]})`;
        return true;
      });
      if (done) applied.push(migration.version);
    }
    return applied;
  } finally {
    await sql.end();
  }
}

/** Loads supabase/seed.sql: clearly fictional demo data, for local use only. */
export async function applySeed(url: string): Promise<void> {
  const sql = connect(url);
  try {
    await sql.unsafe(await readFile(seedFile, 'utf8'));
  } finally {
    await sql.end();
  }
}
