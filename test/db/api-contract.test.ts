// The register's SQL API is written down three times for three readers: the
// migrations (what the database runs), src/server/platform/database.ts (what the
// functions may call, with each argument's type for its cast) and supabase/API.md (for
// people). This fails on any difference between them: a function, an argument's name,
// its type or their order.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { functions } from '../../src/server/platform/database.ts';
import { databaseTargets, useDatabase } from '../support/database.ts';

type Signature = [name: string, args: string[]];

const sorted = (signatures: Signature[]) => signatures.toSorted(([a], [b]) => a.localeCompare(b));

/** "batch_size integer, visibility_seconds integer" → ["batch_size integer", "visibility_seconds integer"]. */
const argumentList = (text: string) => (text.trim() === '' ? [] : text.split(', ').map((argument) => argument.trim()));

/** The function table of supabase/API.md: each row's function, and the `name type` pairs of its arguments cell. */
function documented(): Signature[] {
  const api = readFileSync(new URL('../../supabase/API.md', import.meta.url), 'utf8');
  const table = api.slice(api.indexOf('## Functions'), api.indexOf('### `submit_referral` payload'));
  return [...table.matchAll(/^\| `(\w+)` \| ([^|]*(?:\\\|[^|]*)*) \|/gm)].map(([, name, cell]) => [
    name!,
    [...cell!.matchAll(/`(\w+ \w+)`/g)].map((match) => match[1]!),
  ]);
}

const declared = (): Signature[] =>
  Object.entries(functions).map(([name, args]) => [name, Object.entries(args).map(([argument, type]) => `${argument} ${type}`)]);

for (const target of databaseTargets()) {
  describe(`the SQL API on ${target.name}`, () => {
    const db = useDatabase(target);

    test('pg_proc, src/server/platform/database.ts and supabase/API.md name the same functions with the same arguments', async () => {
      const rows = await db.sql<{ name: string; args: string }[]>`
        select p.proname as name, pg_get_function_identity_arguments(p.oid) as args
          from pg_proc p where p.pronamespace = 'public'::regnamespace`;
      const inDatabase = sorted(rows.map((row) => [row.name, argumentList(row.args)]));
      expect(sorted(declared())).toEqual(inDatabase);
      expect(sorted(documented())).toEqual(inDatabase);
    });
  });
}

test('the collection of API.md’s table finds every row (it would see one left out)', () => {
  expect(documented().map(([name]) => name)).toContain('submit_referral');
  expect(documented().find(([name]) => name === 'hit_rate_limit')?.[1]).toEqual(['key text', 'max_hits integer', 'window_seconds integer']);
});
