// The database goes away in the middle of a stream of referrals, the function called
// directly (a loopback proxy between the functions and the database resets every
// connection, or stops passing anything on). What must hold:
//   - every request is answered 201 or 503, never a 500, and never after more than 10 s;
//   - every 201 is in the database, with its two emails in the outbox; nothing is half-written;
//   - once the database is back, referrals are taken again, with nothing restarted;
//   - sending a refused referral again (the island keeps its submission id) records it once.
// over-wrangler.test.ts does the same through `wrangler pages dev`.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { onRequestPost as postReferral } from '../../functions/[[path]].ts';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { functionHarness, siteUrl } from '../support/functions.ts';
import { signInProfessional, type SignedIn } from '../support/signed-in.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import {
  answered,
  expectEveryAcceptedReferralKept,
  expectNothingHalfWritten,
  expectOnly201Or503Quickly,
  sendRefusedAgain,
  stream,
  type Send,
} from './referral-stream.ts';

for (const target of databaseTargets()) {
  describe(`the database going away during referrals (${target.name})`, () => {
    const db = useDatabase(target);
    let proxy: TcpProxy;
    let professional: SignedIn;
    // The functions reach the database only through the proxy.
    const site = functionHarness(() => ({ DATABASE_URL: proxy.url, SITE_URL: siteUrl }));
    const send: Send = async (answers) => {
      const response = await site.post(postReferral, '/api/referrals', { json: answers, cookie: professional.cookie });
      return { status: response.status, body: (await response.json()) as { reference?: string; message?: string } };
    };

    beforeAll(async () => {
      proxy = await startTcpProxy(db.url);
      professional = await signInProfessional(db.sql, siteUrl);
      // The functions log one line per event, and print emails: the outcomes are what this test reads.
      vi.spyOn(console, 'log').mockImplementation(() => {});
      vi.spyOn(console, 'info').mockImplementation(() => {});
    });
    afterAll(async () => {
      vi.restoreAllMocks();
      await site.settle();
      await proxy?.stop();
    });

    /**
     * Ten referrals taken, then the database broken one way until `refusals` have been
     * answered 503, then back until ten more are taken. Checks what must hold whatever
     * the fault, and returns the outcomes with when the fault began and ended.
     */
    async function throughAnOutage(breakDatabase: () => void, refusals: number) {
      const run = stream(send, 4);
      await run.until((outcomes) => answered(201, 0)(outcomes) >= 10);
      breakDatabase();
      const brokenAt = Date.now();
      await run.until((outcomes) => answered(503, brokenAt)(outcomes) >= refusals);
      proxy.restore();
      const backAt = Date.now();
      await run.until((outcomes) => answered(201, backAt)(outcomes) >= 10);
      const outcomes = await run.stop();
      await site.settle();

      expectOnly201Or503Quickly(outcomes);
      await expectEveryAcceptedReferralKept(db.sql, outcomes);
      await expectNothingHalfWritten(db.sql);
      const retried = await sendRefusedAgain(db.sql, send, outcomes);
      await site.settle();
      await expectEveryAcceptedReferralKept(db.sql, [...outcomes, ...retried]);
      await expectNothingHalfWritten(db.sql);
      return { outcomes, brokenAt, backAt };
    }

    it('answers 201 or 503 while every connection is reset, keeps every 201, and takes referrals again when it is back', async () => {
      const { outcomes, brokenAt, backAt } = await throughAnOutage(() => proxy.cut(), 10);
      // Every request made while the database was away was refused, none left waiting.
      expect(outcomes.filter((o) => o.startedAt >= brokenAt && o.startedAt + o.ms < backAt).every((o) => o.status === 503)).toBe(true);
    });

    it('answers 503 within 10 s while the database hangs without answering, then takes referrals again', async () => {
      await throughAnOutage(() => proxy.silence(), 8);
    });
  });
}
