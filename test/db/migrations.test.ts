// The migrations run unchanged on Supabase, PostgreSQL and PGlite, and only once.
import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { applyMigrations, listMigrations } from '../../scripts/database.ts';
import { databaseTargets, useDatabase } from '../support/database.ts';

describe('the migration files', () => {
  test('nothing local-only outside the idempotent role bootstrap', async () => {
    const migrations = await listMigrations();
    expect(migrations[0]!.name).toBe('roles');
    for (const { file, name } of migrations.slice(1)) {
      // Comments may mention anything; statements may not.
      const statements = (await readFile(file, 'utf8')).replace(/--.*$/gm, '');
      expect(statements, name).not.toMatch(/\bcreate\s+role\b|\balter\s+role\b|\bdrop\s+role\b/i);
      expect(statements, name).not.toMatch(/\bpglite\b|\bcreate\s+database\b|\bsuperuser\b/i);
      // Supabase keeps extensions in `extensions`; creating one elsewhere would clash.
      for (const [statement] of statements.matchAll(/create\s+extension[^;]*;/gi)) {
        expect(statement).toMatch(/with\s+schema\s+extensions/i);
      }
      // Every function in `public` is security definer with an explicit, empty search_path;
      // the helpers in `private` run with the caller's rights (see the schema migration).
      const functions = [...statements.matchAll(/create\s+(?:or\s+replace\s+)?function\s+([\w.]+)[\s\S]*?\$\$/gi)];
      for (const [text, fnName] of functions) {
        if (fnName!.startsWith('public.')) {
          expect(text, `${name}: ${fnName}`).toMatch(/security\s+definer\s+set\s+search_path\s*=\s*''/i);
        } else {
          expect(fnName, name).toMatch(/^private\./);
          expect(text, `${name}: ${fnName}`).not.toMatch(/security\s+definer/i);
        }
      }
    }
  });
});

for (const target of databaseTargets()) {
  describe(`migrations on ${target.name}`, () => {
    const db = useDatabase(target);

    test('all are recorded as applied, and running them again applies none', async () => {
      const recorded = await db.sql`select version from supabase_migrations.schema_migrations order by version`;
      expect(recorded.map((row) => row['version'])).toEqual((await listMigrations()).map((m) => m.version));
      expect(await applyMigrations(db.url)).toEqual([]);
    });

    test('pgcrypto is in the schema `extensions`, as on Supabase', async () => {
      const [row] = await db.sql`select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pgcrypto'`;
      expect(row!['schema']).toBe('extensions');
    });
  });
}
