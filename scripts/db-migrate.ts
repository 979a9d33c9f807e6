// npm run db:migrate — apply the migrations in supabase/migrations/ that the database has
// not had yet, recording each as the Supabase CLI does (scripts/database.ts), so the
// functions and GET /api/health find what they need. Nothing is erased.
//
// With DATABASE_URL it migrates that database; without it, the embedded database of
// `npm start` (.data/pglite; stop `npm start` first). A database that is not on this
// machine is only migrated with --yes-remote: production is migrated by the release, on
// purpose, not by a command typed with the wrong DATABASE_URL in the shell.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { applyMigrations, isOnThisMachine, projectRoot, serveEmbeddedDatabase } from './database.ts';

const { values: options } = parseArgs({ options: { 'yes-remote': { type: 'boolean', default: false } } });

async function migrate(url: string, where: string) {
  const applied = await applyMigrations(url);
  console.log(applied.length === 0 ? `${where}: every migration was already applied.` : `${where}: applied ${applied.length} migration(s): ${applied.join(', ')}.`);
}

const databaseUrl = process.env['DATABASE_URL']?.trim();
try {
  if (databaseUrl) {
    const host = new URL(databaseUrl).hostname;
    if (!isOnThisMachine(databaseUrl) && !options['yes-remote']) {
      console.error(`Refusing to migrate the database on ${host}: it is not on this machine. Add --yes-remote if you mean it.`);
      process.exit(1);
    }
    await migrate(databaseUrl, host);
  } else {
    const dataDir = join(projectRoot, '.data', 'pglite');
    const database = await serveEmbeddedDatabase({ dataDir });
    try {
      await migrate(database.url, `The embedded database in ${dataDir}`);
    } finally {
      await database.stop();
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
