// `npm start`: the site and its functions on http://127.0.0.1:8788, the way
// Cloudflare Pages serves them, over the embedded database unless DATABASE_URL is set.
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { applyMigrations, applySeed, projectRoot, serveEmbeddedDatabase, type EmbeddedDatabase } from './database.ts';
import { build, isBuildStale, outDir } from './build.ts';
import { freePort, serveSite, type SiteServer } from './processes.ts';
import { readTrustedProxies, serveFrontDoor, type FrontDoor } from './client-address.ts';
import { checkDatabase } from '../src/server/routes/health.ts';
import { connectDatabase } from '../src/server/platform/database.ts';
import { readSettings } from '../src/server/platform/settings.ts';

/** The settings of DESIGN.md that `npm start` hands to the functions when they are set. */
const passedSettings = [
  'SITE_URL',
  'DSR_TEAM_EMAIL',
  'MAIL_FROM',
  'RESEND_API_KEY',
  'RESEND_BASE_URL',
  'DELIVER_SECRET',
  'ALLOWED_EMAIL_DOMAINS',
  'SUPABASE_URL',
  'SUPABASE_SERVICE_ROLE_KEY',
] as const;

const port = Number(process.env.PORT ?? 8788);
const address = `http://127.0.0.1:${port}`;
const dataDir = join(projectRoot, '.data', 'pglite');

let database: EmbeddedDatabase | undefined;
let site: SiteServer | undefined;
let frontDoor: FrontDoor | undefined;
let stopping = false;

async function stopEverything(code: number) {
  if (stopping) return;
  stopping = true;
  await frontDoor?.close().catch(() => {});
  await site?.stop().catch(() => {});
  await database?.stop().catch(() => {});
  process.exit(code);
}
process.on('SIGINT', () => void stopEverything(0));
process.on('SIGTERM', () => void stopEverything(0));

/** Says at start what GET /api/health will say about the database, and what to do about it. */
async function reportDatabase(databaseUrl: string) {
  const db = connectDatabase(readSettings({ DATABASE_URL: databaseUrl }));
  try {
    const health = await checkDatabase(db);
    if (health.database === 'ok') console.log('Database: reached, with every migration applied.');
    else if (health.database === 'unavailable') console.error('Database: cannot be reached at DATABASE_URL. Every form will answer 503 until it can.');
    else console.error(`Database: ${health.message}\n  Missing: ${health.missing.join(', ')}\n  Until then /api/health answers 503 and the forms cannot save anything.`);
  } finally {
    await db.close();
  }
}

async function openEmbeddedDatabase(): Promise<string> {
  const isNew = !existsSync(dataDir);
  database = await serveEmbeddedDatabase({ dataDir, port: await freePort() });
  const applied = await applyMigrations(database.url);
  if (applied.length > 0) console.log(`Database: applied ${applied.length} migration(s): ${applied.join(', ')}`);
  if (isNew) {
    await applySeed(database.url);
    console.log('Database: new embedded database under .data/, loaded with the fictional demo data of supabase/seed.sql');
  }
  return database.url;
}

try {
  if (isBuildStale()) {
    console.log('Building the site (dist/ is missing or older than the sources)…');
    if (!(await build())) {
      console.error('The build failed: see the messages above.');
      await stopEverything(1);
    }
  }
  const databaseUrl = process.env.DATABASE_URL || (await openEmbeddedDatabase());
  await reportDatabase(databaseUrl);
  const bindings: Record<string, string | undefined> = { DATABASE_URL: databaseUrl, SITE_URL: address };
  for (const name of passedSettings) if (process.env[name]) bindings[name] = process.env[name];
  // Wrangler listens on a port of its own; people reach it through the front door, which
  // writes who is calling (scripts/client-address.ts).
  site = await serveSite({ dir: outDir, port: await freePort(), bindings });
  site.child.on('exit', () => void stopEverything(1));
  frontDoor = await serveFrontDoor({ port, upstream: site.url, trustedProxies: readTrustedProxies(process.env.TRUSTED_PROXIES) });
  console.log(`\nThe DSR web page is running. Open ${address}/ (Ctrl-C to stop).\n`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopEverything(1);
}
