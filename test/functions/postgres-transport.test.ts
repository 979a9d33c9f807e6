// The postgres.js transport sends each call as one statement with its arguments as
// dollar-quoted literals. Whatever the text, it must arrive exactly as given and never
// be read as SQL.
import { describe, expect, it } from 'vitest';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { startTcpProxy } from '../support/tcp-proxy.ts';
import { connectDatabase, DatabaseProblem, DatabaseUnavailable } from '../../src/server/platform/database.ts';
import { readSettings } from '../../src/server/platform/settings.ts';

const awkward = [
  "O'Brien-Smith",
  "Robert'); drop table private.withdrawals; --",
  'Dollar $$ and $v1$ and $v$ tags',
  'Back\\slash \\x41 and \\\\',
  'Ünïcödé – dashes “quotes” and 🙂',
  '$vzzzz$ end',
];

for (const target of databaseTargets()) {
  describe(`postgres.js transport on ${target.name}`, () => {
    const db = useDatabase(target);

    it.each(awkward)('keeps %j exactly, as data', async (name) => {
      const database = connectDatabase(readSettings({ DATABASE_URL: db.url }));
      try {
        const { reference } = await database.call<{ reference: string }>('request_withdrawal', {
          payload: {
            personName: name,
            dateOfBirth: '2010-03-04',
            requesterRelationship: 'advocate',
            requesterName: name,
            requesterPhone: '07700 900 982',
            understandsSupportContinues: true,
            siteUrl: 'http://127.0.0.1:8788',
            teamEmail: 'dsr.team@example.nhs.net',
          },
        });
        const [row] = await db.sql`select person_name, requester_name from private.withdrawals where reference = ${reference}`;
        expect(row).toEqual({ person_name: name, requester_name: name });
        const [table] = await db.sql`select to_regclass('private.withdrawals') is not null as exists`;
        expect(table?.exists).toBe(true);
      } finally {
        await database.close();
      }
    });

    it('gives up on a database that stops answering: a 503 reason, and the cancel request it sends fails quietly', async () => {
      const proxy = await startTcpProxy(db.url);
      const unhandled: unknown[] = [];
      const listen = (reason: unknown) => void unhandled.push(reason);
      process.on('unhandledRejection', listen);
      const database = connectDatabase(readSettings({ DATABASE_URL: proxy.url }), { timeoutMs: 500 });
      try {
        await database.call('purge_expired', {});
        proxy.silence();
        const hung = await database.call('purge_expired', {}).catch((error: unknown) => error);
        expect(hung).toBeInstanceOf(DatabaseUnavailable);
        expect((hung as DatabaseUnavailable).reason).toBe('timeout');
        // The cancel request went out on a new connection, which the silent proxy holds; resetting it fails that request.
        await expect.poll(() => proxy.accepted).toBe(2);
        proxy.restore();
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(unhandled).toEqual([]);
      } finally {
        process.off('unhandledRejection', listen);
        await database.close();
        await proxy.stop();
      }
    });

    it('passes text and integer arguments by name, and leaves out those not given', async () => {
      const database = connectDatabase(readSettings({ DATABASE_URL: db.url }));
      try {
        const first = await database.call('hit_rate_limit', { key: "k'ey", max_hits: 1, window_seconds: 60 });
        const second = await database.call('hit_rate_limit', { key: "k'ey", max_hits: 1, window_seconds: 60 });
        expect(first).toMatchObject({ limited: false, hits: 1 });
        expect(second).toMatchObject({ limited: true, hits: 2 });
        // Only batch_size given: at most one email, and visibility_seconds keeps its default.
        expect((await database.call<unknown[]>('claim_outbox', { batch_size: 1 })).length).toBe(1);
        await expect(database.call('hit_rate_limit', { key: 'k', max_hits: 1.5, window_seconds: 60 })).rejects.toThrow(TypeError);
      } finally {
        await database.close();
      }
    });

    it('reads the function’s own errors: code and field', async () => {
      const database = connectDatabase(readSettings({ DATABASE_URL: db.url }));
      try {
        const failure = await database.call('request_withdrawal', { payload: { personName: 'A' } }).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(DatabaseProblem);
        expect(failure).toMatchObject({ kind: 'bad_input', field: 'dateOfBirth' });
      } finally {
        await database.close();
      }
    });
  });
}
