// The deliver run's erasure step (src/server/routes/erasure.ts) marks withdrawals cleared
// from the disk only once every table the database named was rewritten: a name it will
// not put in a statement stops the step before anything is marked, rather than being
// left out quietly. The database here is a recording double: the SQL side is tested on
// PGlite and PostgreSQL in test/db/erasure-on-disk.test.ts.
import { describe, expect, it } from 'vitest';
import { clearErasedFromDisk } from '../../src/server/routes/erasure.ts';
import type { Database } from '../../src/server/platform/database.ts';

function recordingDatabase(tables: string[]) {
  const calls: string[] = [];
  const rewritten: string[][] = [];
  const db: Database = {
    async call(fn) {
      calls.push(fn);
      if (fn === 'erase_finished_withdrawals') return { erasedEmails: 1, tables, asOf: '2026-12-01T12:00:00Z', eraseXid: '1', withdrawals: 1 } as never;
      if (fn === 'erasure_held_back') return { olderTransactions: 0 } as never;
      if (fn === 'record_withdrawals_cleared') return { clearedWithdrawals: 1 } as never;
      throw new Error(`unexpected call ${fn}`);
    },
    async rewriteTables(names) {
      rewritten.push([...names]);
    },
    async close() {},
  };
  return { db, calls, rewritten };
}

describe('the erasure step', () => {
  it('rewrites every table named, digits and all, then marks the withdrawals cleared', async () => {
    const { db, calls, rewritten } = recordingDatabase(['private.people', 'private.notes_2027']);
    expect(await clearErasedFromDisk(db)).toEqual({ erasedEmails: 1, clearedWithdrawals: 1 });
    expect(rewritten).toEqual([['private.people', 'private.notes_2027']]);
    expect(calls.at(-1)).toBe('record_withdrawals_cleared');
  });

  it('stops before rewriting or marking anything when a name is not one of the register’s tables', async () => {
    const { db, calls, rewritten } = recordingDatabase(['private.people', 'public.people; drop table x']);
    await expect(clearErasedFromDisk(db)).rejects.toThrow(/not one of the register's tables/);
    expect(rewritten).toEqual([]);
    expect(calls).not.toContain('record_withdrawals_cleared');
  });
});
