// The demo data that `npm start` loads into a new embedded database (supabase/seed.sql)
// goes through the site's own SQL functions, so it must keep working as they change:
// when registering began to need the first sign-in link, the seed stopped npm start.
import { describe, expect, test } from 'vitest';
import { applySeed } from '../../scripts/database.ts';
import { databaseTargets, useDatabase } from '../support/database.ts';

for (const target of databaseTargets()) {
  describe(`the demo data on ${target.name}`, () => {
    const db = useDatabase(target);

    test('loads through the site\'s functions: a proven active referrer, a proven account waiting, people with their referrals', async () => {
      await applySeed(db.url);
      const accounts = await db.sql`select email, status, proven_at is not null as proven from private.professionals order by email`;
      expect(accounts.map((row) => ({ ...row }))).toEqual([
        { email: 'demo.referrer@example.nhs.net', status: 'active', proven: true },
        { email: 'demo.waiting@example.org', status: 'pending_approval', proven: true },
      ]);
      const [counts] = await db.sql`select (select count(*)::int from private.people) as people, (select count(*)::int from private.referrals) as referrals`;
      expect(counts!['people']).toBeGreaterThan(1);
      expect(counts!['referrals']).toBeGreaterThan(counts!['people'] as number);
    });

    test('a second run adds nothing', async () => {
      const before = await db.sql`select (select count(*)::int from private.professionals) as professionals, (select count(*)::int from private.referrals) as referrals, (select count(*)::int from private.outbox) as emails`;
      await applySeed(db.url);
      const after = await db.sql`select (select count(*)::int from private.professionals) as professionals, (select count(*)::int from private.referrals) as referrals, (select count(*)::int from private.outbox) as emails`;
      expect({ ...after[0] }).toEqual({ ...before[0] });
    });
  });
}
