// The migrations hold nothing that would stop them running unchanged on Supabase.
// (That they apply, and only once, on PGlite and PostgreSQL is in access.test.ts, which
// already has a database open.)
import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { listMigrations } from '../../scripts/database.ts';

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
