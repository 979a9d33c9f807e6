// Erasure to the disk. Completing a withdrawal deletes the person's rows, but PostgreSQL
// leaves a deleted row's bytes in the table's and indexes' files until the space is
// rewritten. The deliver run (every minute) calls this: once the requester's last email
// about a finished withdrawal has gone, its address is deleted too, and the tables the
// erasure touched are rewritten (VACUUM FULL: a new file for each table and index, the
// old ones removed), so the erased rows cannot be read from the table files. What the
// write-ahead log and backups keep, and for how long, is in the README and the privacy
// notice.
import type { Database } from '../platform/database.ts';

export interface ErasureReport {
  /** Sent emails to requesters of finished withdrawals, deleted with their addresses. */
  erasedEmails: number;
  /** Finished withdrawals whose erased rows are now gone from the table files. */
  clearedWithdrawals: number;
  /** Why the tables were not rewritten, when they needed to be (the next deliver run tries again). */
  notCleared?: 'transport_cannot_vacuum' | 'older_transaction_open';
}

/** A table the SQL names for rewriting: only the register's own, so nothing else reaches the statement. */
const registerTable = /^private\.[a-z_][a-z0-9_]{0,62}$/;

export async function clearErasedFromDisk(db: Database): Promise<ErasureReport> {
  const due = await db.call<{ erasedEmails: number; tables: string[]; asOf: string; eraseXid: string; withdrawals: number }>('erase_finished_withdrawals', {});
  if (due.withdrawals === 0) return { erasedEmails: due.erasedEmails, clearedWithdrawals: 0 };
  if (!db.rewriteTables) return { erasedEmails: due.erasedEmails, clearedWithdrawals: 0, notCleared: 'transport_cannot_vacuum' };
  // A transaction older than the erasure would keep the rows through the rewrite.
  const held = await db.call<{ olderTransactions: number }>('erasure_held_back', { erase_xid: due.eraseXid });
  if (held.olderTransactions > 0) return { erasedEmails: due.erasedEmails, clearedWithdrawals: 0, notCleared: 'older_transaction_open' };
  // A name left out would leave its rows on the disk while the withdrawal is marked
  // cleared: never mark done what was not done. The run fails, and says so, instead.
  const strange = due.tables.find((table) => !registerTable.test(table));
  if (strange !== undefined) throw new Error("The erasure named a table that is not one of the register's tables: nothing was rewritten or marked cleared");
  await db.rewriteTables(due.tables);
  const marked = await db.call<{ clearedWithdrawals: number }>('record_withdrawals_cleared', { as_of: due.asOf });
  return { erasedEmails: due.erasedEmails, clearedWithdrawals: marked.clearedWithdrawals };
}
