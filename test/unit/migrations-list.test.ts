// The migrations the functions expect (src/server/platform/migrations.ts) are the files
// in supabase/migrations/, in order: a new migration is added to both.
import { basename } from 'node:path';
import { expect, test } from 'vitest';
import { listMigrationFiles } from '../../scripts/database.ts';
import { expectedMigrations, migrationsCheckedFrom } from '../../src/server/platform/migrations.ts';

test('the list the health check compares with is the migration files, in order', () => {
  expect([...expectedMigrations]).toEqual(listMigrationFiles().map((file) => basename(file, '.sql')));
  expect(expectedMigrations).toContain(migrationsCheckedFrom);
});
