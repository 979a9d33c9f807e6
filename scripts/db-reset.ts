// npm run db:reset — start the register's database again from nothing: wipe it, apply
// every migration, load the fictional demo data of supabase/seed.sql.
//
// Without DATABASE_URL it resets the embedded database of `npm start` (.data/pglite;
// stop `npm start` first). With DATABASE_URL it resets that database: it drops the
// schema `private` (every table), the API functions in `public` that the migrations
// create, and the migration records. A database that is not on this machine is only
// reset with --yes-erase-remote, because the register's data cannot be brought back.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { applyMigrations, applySeed, connect, isOnThisMachine, listMigrations, projectRoot, serveEmbeddedDatabase } from './database.ts';

/** Where `npm start` keeps the embedded database (scripts/start.ts uses the same path). */
const embeddedDataDir = join(projectRoot, '.data', 'pglite');

const { values: options } = parseArgs({ options: { 'yes-erase-remote': { type: 'boolean', default: false } } });

/** The public functions the migrations define, read from the files so the list never goes stale. */
async function migrationFunctionNames(): Promise<string[]> {
  const names = new Set<string>();
  for (const { file } of await listMigrations()) {
    for (const [, name] of (await readFile(file, 'utf8')).matchAll(/create\s+(?:or\s+replace\s+)?function\s+public\.(\w+)/gi)) {
      names.add(name!);
    }
  }
  return [...names];
}

async function resetServer(url: string) {
  const host = new URL(url).hostname;
  if (!isOnThisMachine(url) && !options['yes-erase-remote']) {
    console.error(`Refusing to erase the database on ${host}: it is not on this machine. Add --yes-erase-remote if you mean it.`);
    process.exit(1);
  }
  const sql = connect(url);
  try {
    const names = await migrationFunctionNames();
    await sql.begin(async (tx) => {
      await tx`drop schema if exists private cascade`;
      await tx`drop schema if exists supabase_migrations cascade`;
      const functions = await tx`
        select p.oid::regprocedure::text as signature from pg_proc p
         where p.pronamespace = 'public'::regnamespace and p.proname in ${tx(names)}`;
      for (const { signature } of functions) await tx.unsafe(`drop function ${signature as string} cascade`);
    });
  } finally {
    await sql.end();
  }
  const applied = await applyMigrations(url);
  await applySeed(url);
  console.log(`Reset ${host}: applied ${applied.length} migrations and the demo data.`);
}

async function resetEmbedded() {
  await rm(embeddedDataDir, { recursive: true, force: true });
  const database = await serveEmbeddedDatabase({ dataDir: embeddedDataDir });
  try {
    const applied = await applyMigrations(database.url);
    await applySeed(database.url);
    console.log(`Reset the embedded database in ${embeddedDataDir}: applied ${applied.length} migrations and the demo data.`);
  } finally {
    await database.stop();
  }
}

const databaseUrl = process.env['DATABASE_URL']?.trim();
if (databaseUrl) await resetServer(databaseUrl);
else await resetEmbedded();
