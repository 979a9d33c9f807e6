// A burst through the transaction pooler (issue 11, finding 9). In production every
// request opens its own connection to Supabase's transaction pooler, never straight to
// PostgreSQL; here Debian's PgBouncer in transaction mode stands in for it. 200
// simultaneous sign-ins for one address must be answered only 202 (a link, or the same
// words when the address has none) or 429 (too many for that address), never 503, and
// other people must be served while it lasts.
//
// Only on the PostgreSQL server (TEST_DATABASE_URL): the pooler is a server's, and
// PGlite serves one connection at a time by design.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { onRequestPost as post } from '../../functions/[[path]].ts';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { functionHarness, siteUrl } from '../support/functions.ts';
import { startPgBouncer, type PgBouncer } from '../support/pgbouncer.ts';
import { registerWithSignInLink } from '../support/sign-in-link.ts';
import { startResendStandIn, type ResendStandIn } from '../support/resend-stand-in.ts';

const burst = 200;
const others = 20;

for (const target of databaseTargets()) {
  describe.skipIf(target.name === 'PGlite')(`a burst of sign-ins through PgBouncer (${target.name})`, () => {
    const db = useDatabase(target);
    let pooler: PgBouncer;
    let resend: ResendStandIn;
    const site = functionHarness(() => ({
      DATABASE_URL: pooler.url,
      SITE_URL: siteUrl,
      DSR_TEAM_EMAIL: 'dsr.team@example.nhs.net',
      MAIL_FROM: 'Dynamic Support Register <no-reply@example.nhs.net>',
      RESEND_API_KEY: 're_test_key',
      RESEND_BASE_URL: resend.url,
      ALLOWED_EMAIL_DOMAINS: 'nhs.net,*.nhs.uk',
    }));

    beforeAll(async () => {
      // Ten server connections, as a small Supabase project's pooler has; clients beyond that wait their turn.
      pooler = await startPgBouncer(db.url, { poolSize: 10, maxClientConnections: burst + others + 50 });
      resend = await startResendStandIn();
      vi.spyOn(console, 'log').mockImplementation(() => {});
    }, 30_000);
    afterAll(async () => {
      vi.restoreAllMocks();
      await site.settle();
      await pooler?.stop();
      await resend?.stop();
    });

    it(`${burst} simultaneous sign-ins for one address get only 202 and 429, and ${others} other people are served meanwhile`, async () => {
      const target = await registerWithSignInLink(db.sql);
      const someoneElse = await Promise.all(Array.from({ length: others }, () => registerWithSignInLink(db.sql)));
      const signIn = (email: string) => site.post(post, '/api/sign-in', { json: { email } }).then(async (response) => (await response.text(), response.status));

      const started = Date.now();
      const [burstStatuses, otherStatuses] = await Promise.all([
        Promise.all(Array.from({ length: burst }, () => signIn(target.email))),
        // The others arrive while the burst is being answered.
        new Promise((resolve) => setTimeout(resolve, 50)).then(() => Promise.all(someoneElse.map((professional) => signIn(professional.email)))),
      ]);
      const took = Date.now() - started;
      await site.settle();

      const counts = Object.fromEntries([...new Set(burstStatuses)].map((status) => [status, burstStatuses.filter((s) => s === status).length]));
      expect(Object.keys(counts).map(Number).toSorted(), JSON.stringify(counts)).toEqual([202, 429]);
      // Five links an hour for one address: the rest are told to wait.
      expect(counts).toEqual({ 202: 5, 429: burst - 5 });
      expect(otherStatuses).toEqual(Array(others).fill(202));
      expect(took).toBeLessThan(60_000);
    }, 120_000);
  });
}
