// npm run team:add -- EMAIL NAME — add a member of the DSR team (the first one, or any
// other while the console cannot yet add them). They then sign in at /sign-in/ with the
// same one-time email link as professionals, and land on the console at /team/.
//
// With DATABASE_URL it adds them to that database; without it, to the embedded database
// of `npm start` (.data/pglite; stop `npm start` first), migrating it first if it is new.
// A database that is not on this machine needs --yes-remote, as db:migrate does: the
// team can see everyone on the register, so adding to production is done on purpose.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { applyMigrations, connect, isOnThisMachine, projectRoot, serveEmbeddedDatabase } from './database.ts';

const { values: options, positionals } = parseArgs({
  options: { 'yes-remote': { type: 'boolean', default: false } },
  allowPositionals: true,
});
const [email, ...nameParts] = positionals;
const fullName = nameParts.join(' ').trim();
if (!email || !fullName) {
  console.error('Usage: npm run team:add -- EMAIL "FULL NAME" [--yes-remote]');
  process.exit(1);
}

/** The database's own words for a refusal, in plain English for the command line. */
const refusals: Record<string, string> = {
  team_member_exists: 'That email address is already on the DSR team.',
  format: 'Enter a real email address, like name@example.nhs.net, and a name without control characters.',
  required: 'Enter the team member’s full name.',
  too_long: 'The name must be 200 characters or fewer.',
};

async function add(url: string, where: string) {
  const sql = connect(url);
  try {
    const [row] = await sql`select public.add_team_member(${email!}, ${fullName}, 'npm run team:add') as result`;
    console.log(`${where}: added ${email} to the DSR team (${(row!['result'] as { teamMemberId: string }).teamMemberId}). They sign in at /sign-in/.`);
  } catch (error) {
    const code = (error as { message?: string }).message ?? '';
    console.error(`${where}: not added. ${refusals[code] ?? code}`);
    process.exitCode = 1;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

const databaseUrl = process.env['DATABASE_URL']?.trim();
try {
  if (databaseUrl) {
    const host = new URL(databaseUrl).hostname;
    if (!isOnThisMachine(databaseUrl) && !options['yes-remote']) {
      console.error(`Refusing to add a team member to the database on ${host}: it is not on this machine. Add --yes-remote if you mean it.`);
      process.exit(1);
    }
    await add(databaseUrl, host);
  } else {
    const dataDir = join(projectRoot, '.data', 'pglite');
    const database = await serveEmbeddedDatabase({ dataDir });
    try {
      await applyMigrations(database.url);
      await add(database.url, `The embedded database in ${dataDir}`);
    } finally {
      await database.stop();
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
