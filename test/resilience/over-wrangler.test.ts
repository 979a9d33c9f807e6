// The database going away during a stream of referrals, through `wrangler pages dev`:
// the functions in the Cloudflare runtime (workerd), reached over HTTP as a browser
// reaches them, the database behind a loopback proxy that resets every connection.
// The same rules as database-outage.test.ts; and wrangler is never restarted.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite, type SiteServer } from '../../scripts/processes.ts';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { signInProfessional, type SignedIn } from '../support/signed-in.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { portInRange } from '../support/ports.ts';
import {
  answered,
  expectEveryAcceptedReferralKept,
  expectNothingHalfWritten,
  expectOnly201Or503Quickly,
  sendRefusedAgain,
  stream,
  type Send,
} from './referral-stream.ts';

describe('the database going away during referrals, through wrangler pages dev', () => {
  const db = useDatabase(databaseTargets()[0]!);
  let proxy: TcpProxy;
  let site: SiteServer;
  let siteDir: string;
  let professional: SignedIn;
  const output: string[] = [];
  let nextAddress = 0;

  const send: Send = async (answers) => {
    const response = await fetch(`${site.url}/api/referrals`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        origin: site.url,
        cookie: professional.cookie,
        // wrangler passes the client's address through on loopback: one visitor per referral, so the per-address limit stays out of the way.
        'cf-connecting-ip': `203.0.113.${(nextAddress++ % 250) + 1}`,
      },
      body: JSON.stringify(answers),
      signal: AbortSignal.timeout(20_000),
    });
    return { status: response.status, body: (await response.json()) as { reference?: string; message?: string } };
  };

  beforeAll(async () => {
    proxy = await startTcpProxy(db.url);
    siteDir = await mkdtemp(join(tmpdir(), 'dsr-resilience-site-'));
    await writeFile(join(siteDir, 'index.html'), '<!doctype html><title>resilience</title>');
    const port = await portInRange('overWrangler');
    site = await serveSite({
      dir: siteDir,
      port,
      bindings: { DATABASE_URL: proxy.url, SITE_URL: `http://127.0.0.1:${port}` },
      onOutput: (text) => output.push(text),
    });
    professional = await signInProfessional(db.sql, site.url);
  }, 180_000);
  afterAll(async () => {
    await site?.stop();
    await proxy?.stop();
    if (siteDir) await rm(siteDir, { recursive: true, force: true });
  });

  it('answers 201 or 503 while every connection is reset, keeps every 201, and takes referrals again when it is back', async () => {
    const wrangler = site.child.pid;
    const run = stream(send, 4);
    await run.until((outcomes) => answered(201, 0)(outcomes) >= 10, 120_000);
    proxy.cut();
    const cutAt = Date.now();
    await run.until((outcomes) => answered(503, cutAt)(outcomes) >= 10);
    proxy.restore();
    const backAt = Date.now();
    await run.until((outcomes) => answered(201, backAt)(outcomes) >= 10);
    const outcomes = await run.stop();

    expectOnly201Or503Quickly(outcomes);
    expect(outcomes.filter((o) => o.startedAt >= cutAt && o.startedAt + o.ms < backAt).every((o) => o.status === 503)).toBe(true);
    await expectEveryAcceptedReferralKept(db.sql, outcomes);
    const retried = await sendRefusedAgain(db.sql, send, outcomes);
    // Emails are written with their referral; give the functions' after-response work a moment to end.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await expectEveryAcceptedReferralKept(db.sql, [...outcomes, ...retried]);
    await expectNothingHalfWritten(db.sql);
    // The same wrangler throughout: nothing was restarted for the site to work again.
    expect(site.child.pid).toBe(wrangler);
    expect(site.child.exitCode).toBeNull();
  }, 180_000);
});
