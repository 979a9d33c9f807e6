// The approval line the DSR team runs quotes the address as PostgreSQL's quote_literal
// would (issue 11, finding 8): for any text, the database reads back exactly that text,
// with standard_conforming_strings on or off.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { sqlLiteral } from '../../src/server/emails/account-approval-needed.ts';
import { databaseTargets, useDatabase } from '../support/database.ts';

// PostgreSQL text holds no NUL.
const text = fc.string({ unit: 'binary', maxLength: 40 }).map((value) => value.replaceAll('\u0000', ''));
const hostile = fc.constantFrom("x'||current_user||'@example.org", "a\\'; drop table x; --", "\\", "'", "''", "E'\\''");

for (const target of databaseTargets()) {
  describe(`sqlLiteral on ${target.name}`, () => {
    const db = useDatabase(target);
    test('writes what quote_literal writes, and the database reads back the same text', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(text, hostile), async (value) => {
          const [quoted] = await db.sql`select quote_literal(${value}::text) as literal`;
          expect(sqlLiteral(value)).toBe(quoted!.literal);
          for (const conforming of ['on', 'off']) {
            const [read] = await db.sql.begin(async (sql) => {
              await sql.unsafe(`set local standard_conforming_strings = ${conforming}`);
              return sql.unsafe(`select ${sqlLiteral(value)}::text as value`);
            });
            expect(read!.value).toBe(value);
          }
        }),
        { numRuns: 60 },
      );
    });
  });
}
