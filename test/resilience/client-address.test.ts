// Who is calling, under `npm start` (issue 11, finding 12): the rate limits key each caller
// by CF-Connecting-IP. Wrangler keeps whatever CF-Connecting-IP a caller sends, so straight
// to wrangler one machine can be endless visitors; `npm start` puts its front door
// (scripts/client-address.ts) in front, which writes the connection's own address, and
// believes the header only from a TRUSTED_PROXIES address.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readTrustedProxies, serveFrontDoor, type FrontDoor } from '../../scripts/client-address.ts';
import { serveSite, type SiteServer } from '../../scripts/processes.ts';
import { limits } from '../../src/server/submission/rate-limits.ts';
import { withdrawal } from '../support/answers.ts';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { portInRange } from '../support/ports.ts';

describe('the caller\'s address under npm start', () => {
  const db = useDatabase(databaseTargets()[0]!);
  let site: SiteServer;
  let siteDir: string;
  const doors: FrontDoor[] = [];
  let caller = 0;

  /** One more withdrawal request than the per-address limit allows, each claiming to come from a new address. */
  async function statusesClaimingNewAddresses(url: string): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i <= limits.submissionsPerAddress.maxHits; i++) {
      caller++;
      const response = await fetch(`${url}/api/withdrawals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', origin: url, 'cf-connecting-ip': `198.51.100.${caller % 250}` },
        body: JSON.stringify({ ...withdrawal, requesterEmail: `caller.${caller}@example.com` }),
        signal: AbortSignal.timeout(20_000),
      });
      await response.body?.cancel();
      statuses.push(response.status);
    }
    return statuses;
  }

  beforeAll(async () => {
    siteDir = await mkdtemp(join(tmpdir(), 'dsr-client-address-'));
    await writeFile(join(siteDir, 'index.html'), '<!doctype html><title>client address</title>');
    const port = await portInRange('clientAddress');
    site = await serveSite({ dir: siteDir, port, bindings: { DATABASE_URL: db.url, SITE_URL: `http://127.0.0.1:${port}` }, onOutput: () => {} });
  }, 180_000);
  afterAll(async () => {
    for (const door of doors) await door.close();
    await site?.stop();
    if (siteDir) await rm(siteDir, { recursive: true, force: true });
  });

  async function frontDoor(trustedProxies: string | undefined): Promise<string> {
    const door = await serveFrontDoor({ port: await portInRange('clientAddress'), upstream: site.url, trustedProxies: readTrustedProxies(trustedProxies) });
    doors.push(door);
    return door.url;
  }

  test('straight to wrangler, a caller who names a new address each time is never limited (why npm start needs its front door)', async () => {
    const statuses = await statusesClaimingNewAddresses(site.url);
    expect(statuses.every((status) => status === 201)).toBe(true);
  }, 120_000);

  test('through npm start\'s front door the connection\'s own address is the key: the same caller is limited whatever it claims', async () => {
    const statuses = await statusesClaimingNewAddresses(await frontDoor(undefined));
    expect(statuses.slice(0, -1).every((status) => status === 201)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  }, 120_000);

  test('a reverse proxy named in TRUSTED_PROXIES is believed about who it passes on', async () => {
    const statuses = await statusesClaimingNewAddresses(await frontDoor('192.0.2.7, 127.0.0.1'));
    expect(statuses.every((status) => status === 201)).toBe(true);
  }, 120_000);
});
