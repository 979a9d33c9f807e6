// Finding 11 of issue 11: after complete_withdrawal and a checkpoint, the table files
// still held the name, NHS number, postcode and the requester's address. The deliver
// run's erasure step (src/server/routes/erasure.ts) rewrites the tables the erasure
// touched, and this reads the relation files on the PostgreSQL server to prove the
// erased details are gone from them.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import postgres from 'postgres';
import { clearErasedFromDisk, type ErasureReport } from '../../src/server/routes/erasure.ts';
import { connectDatabase, type Database } from '../../src/server/platform/database.ts';
import { readSettings } from '../../src/server/platform/settings.ts';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { call, inRolledBackTransaction, referralPayload, registerProfessional, submit, withdrawalPayload } from './support.ts';

const person = { givenName: 'Zephyrine', familyName: 'Quillbottom', dateOfBirth: '2008-07-19', nhsNumber: '9434765919', postcode: 'YO62 4XQ', hasEhcp: 'no' };
const requesterEmail = 'wrenfeather.requester@example.com';
/** What must be gone, as the files hold it (text is stored as it was given, upper-cased postcode). */
const needles = ['Zephyrine', 'Quillbottom', '9434765919', 'YO62 4XQ', requesterEmail];

/** Which needles any file of the register's tables, their indexes and TOAST holds. */
async function needlesOnDisk(sql: postgres.Sql, dataDirectory: string): Promise<string[]> {
  const relations = await sql<{ path: string }[]>`
    select pg_relation_filepath(c.oid) as path
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'private' and c.relkind in ('r', 'i', 't')
    union
    select pg_relation_filepath(c.reltoastrelid) from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'private' and c.reltoastrelid <> 0`;
  const found = new Set<string>();
  for (const { path } of relations) {
    if (!path) continue;
    let bytes: Buffer;
    try {
      bytes = readFileSync(`${dataDirectory}/${path}`);
    } catch {
      continue; // an empty relation may have no file yet
    }
    const text = bytes.toString('latin1');
    for (const needle of needles) if (text.includes(needle)) found.add(needle);
  }
  return [...found].sort();
}

/** Why the files cannot be read here, or null when they can. */
function unreadable(dataDirectory: string): string | null {
  try {
    readFileSync(`${dataDirectory}/PG_VERSION`);
    return null;
  } catch (error) {
    return `the PostgreSQL server's data directory ${dataDirectory} is not readable by this process (${(error as NodeJS.ErrnoException).code})`;
  }
}

for (const target of databaseTargets()) {
  describe(`erasure to the disk on ${target.name}`, () => {
    const db = useDatabase(target);
    let database: Database;
    beforeAll(() => {
      database = connectDatabase(readSettings({ DATABASE_URL: db.url } as never));
      return () => database.close();
    });

    /** A person referred, a withdrawal for them matched and completed, and the requester's email sent. */
    async function completedWithdrawal(): Promise<string> {
      const { professionalId } = await registerProfessional(db.sql);
      const referral = await submit<{ reference: string }>(db.sql, 'submit_referral', referralPayload(professionalId, person));
      const { reference } = await submit<{ reference: string }>(db.sql, 'request_withdrawal', withdrawalPayload({
        personName: `${person.givenName} ${person.familyName}`, dateOfBirth: person.dateOfBirth, requesterEmail,
      }));
      await call(db.sql, 'match_withdrawal', reference, referral.reference, 'Team');
      await call(db.sql, 'complete_withdrawal', reference, 'Team');
      return reference;
    }

    /**
     * The deliver run's erasure step, run again while an older transaction holds it back
     * (an ANALYZE by autovacuum can, for a moment), as the next minute's run would.
     */
    async function clearUntilDone(): Promise<ErasureReport> {
      let erasedEmails = 0;
      for (let attempt = 0; attempt < 40; attempt++) {
        const report = await clearErasedFromDisk(database);
        erasedEmails += report.erasedEmails;
        if (report.notCleared !== 'older_transaction_open') return { ...report, erasedEmails };
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error('an older transaction held the erasure back for 10 seconds');
    }

    test('the erasure rewrites every table whose rows lead to a person or a referral, found when it runs: a table added later is included without being listed', async () => {
      const rewritten = async (sql: postgres.Sql | postgres.TransactionSql) => (await sql`select private.erased_tables() as tables`)[0]!['tables'] as string[];
      expect(await rewritten(db.sql)).toEqual([
        'private.cetr_recommendation_statuses', 'private.cetr_recommendations', 'private.cetrs', 'private.consents',
        'private.identity_questions', 'private.meeting_actions', 'private.meeting_people', 'private.outbox', 'private.people',
        'private.rating_reviews', 'private.referral_acknowledgements', 'private.referrals', 'private.withdrawal_matches', 'private.withdrawals',
      ]);
      // A table a later migration might add, two links away from a person.
      const withProbe = await inRolledBackTransaction(db.sql, async (tx) => {
        await tx`create table private.probe_notes (id serial primary key, note_on uuid references private.meeting_actions (id) on delete cascade)`;
        return rewritten(tx);
      });
      expect(withProbe).toContain('private.probe_notes');
      // The meetings themselves name nobody and stay.
      expect(withProbe).not.toContain('private.meetings');
    });

    test('the deliver run’s erasure step waits for the requester’s email, then deletes it and rewrites the touched tables', async () => {
      const reference = await completedWithdrawal();
      // The email telling the requester it is done has not gone yet: nothing to clear.
      expect(await clearErasedFromDisk(database)).toEqual({ erasedEmails: 0, clearedWithdrawals: 0 });
      await db.sql`update private.outbox set status = 'sent', sent_at = now() where about_reference = ${reference}`;
      expect(await clearUntilDone()).toEqual({ erasedEmails: 3, clearedWithdrawals: 1 });
      const [row] = await db.sql`select count(*)::int as n from private.outbox where recipient = ${requesterEmail}`;
      expect(row!['n']).toBe(0);
      // Once cleared, the next run has nothing to do.
      expect(await clearErasedFromDisk(database)).toEqual({ erasedEmails: 0, clearedWithdrawals: 0 });
    });

    if (target.name === 'PostgreSQL') {
      test('after a completed withdrawal and the deliver run, the erased details cannot be read in the table files', async (context) => {
        const [setting] = await db.sql<{ data_directory: string }[]>`select current_setting('data_directory') as data_directory`;
        const dataDirectory = setting!.data_directory;
        const reason = unreadable(dataDirectory);
        if (reason) context.skip(reason);
        const reference = await completedWithdrawal();
        await db.sql`update private.outbox set status = 'sent', sent_at = now() where about_reference = ${reference}`;
        await db.sql`checkpoint`;
        // Deleted, and still in the files: the fault, and proof the scan would see a miss.
        expect(await needlesOnDisk(db.sql, dataDirectory)).toEqual([...needles].sort());
        expect(await clearUntilDone()).toMatchObject({ clearedWithdrawals: 1 });
        await db.sql`checkpoint`;
        expect(await needlesOnDisk(db.sql, dataDirectory)).toEqual([]);
      });

      test('while a transaction older than the erasure is open, nothing is marked cleared; once it ends, the run clears it', async () => {
        const reference = await completedWithdrawal();
        await db.sql`update private.outbox set status = 'sent', sent_at = now() where about_reference = ${reference}`;
        // Another session (a long report, say) that took its snapshot before the erasure.
        const other = postgres(db.url, { max: 1, onnotice: () => {} });
        const open = await other.reserve();
        try {
          await open`begin isolation level repeatable read`;
          await open`select count(*) from private.withdrawals`;
          expect(await clearErasedFromDisk(database)).toEqual({ erasedEmails: 3, clearedWithdrawals: 0, notCleared: 'older_transaction_open' });
          const [row] = await db.sql`select cleared_from_disk_at from private.withdrawals where reference = ${reference}`;
          expect(row!['cleared_from_disk_at']).toBeNull();
        } finally {
          await open`rollback`;
          open.release();
          await other.end({ timeout: 1 });
        }
        expect(await clearUntilDone()).toEqual({ erasedEmails: 0, clearedWithdrawals: 1 });
      });
    } else {
      test.skip('the table files are read on the PostgreSQL server only (set TEST_DATABASE_URL): PGlite keeps its files in memory');
    }
  });
}
