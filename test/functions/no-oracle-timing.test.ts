// No oracle in time (issue 11, finding 6 and "No oracle anywhere"): how long a form takes
// to answer must not tell whether an address has an account, a person or an NHS number
// is on the register. Each form is posted in 30 pairs, one about someone known and one
// about someone unknown, back to back in a random order (so a change in the machine's load
// falls on both). The median of the pairs' differences must be under 2 ms, or there must
// be no significant difference (p > 0.01): neither by Mann-Whitney U on the two sets, nor
// by Wilcoxon's signed-rank test on the pairs, which sees through a busy machine's noise.
//
// Only on the PostgreSQL server: PGlite runs inside the test's own process, single-
// threaded, where garbage collection and the harness's own work are noise of the size
// measured here (several milliseconds), so a difference there would mean nothing.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { onRequestPost as post } from '../../functions/[[path]].ts';
import { databaseTargets } from '../support/database.ts';
import { useSite } from '../support/site-env.ts';
import * as answers from '../support/answers.ts';
import { uniqueReferral } from '../support/unique-referrals.ts';
import { registerProfessional } from '../db/support.ts';

const pairs = 30;

/** Mann-Whitney U as a z score (normal approximation, ties averaged). */
export function mannWhitneyZ(a: readonly number[], b: readonly number[]): number {
  const all = [...a.map((value) => ({ value, group: 0 })), ...b.map((value) => ({ value, group: 1 }))].sort((x, y) => x.value - y.value);
  const ranks = new Array<number>(all.length);
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]!.value === all[i]!.value) j++;
    for (let k = i; k <= j; k++) ranks[k] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const rankSumA = all.reduce((sum, item, index) => (item.group === 0 ? sum + ranks[index]! : sum), 0);
  const u = rankSumA - (a.length * (a.length + 1)) / 2;
  const mean = (a.length * b.length) / 2;
  const sd = Math.sqrt((a.length * b.length * (a.length + b.length + 1)) / 12);
  return (u - mean) / sd;
}

/** Wilcoxon signed-rank statistic on paired differences, as a z score (zeros dropped, ties averaged). */
export function signedRankZ(differences: readonly number[]): number {
  const nonZero = differences.filter((d) => d !== 0).map((d) => ({ size: Math.abs(d), sign: Math.sign(d) })).sort((x, y) => x.size - y.size);
  const n = nonZero.length;
  let w = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && nonZero[j + 1]!.size === nonZero[i]!.size) j++;
    for (let k = i; k <= j; k++) w += nonZero[k]!.sign * ((i + j) / 2 + 1);
    i = j + 1;
  }
  return w / Math.sqrt((n * (n + 1) * (2 * n + 1)) / 6);
}

const median = (values: readonly number[]) => {
  const sorted = values.toSorted((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

for (const target of databaseTargets()) {
  describe.skipIf(target.name === 'PGlite')(`answers take as long for the known as for the unknown, on ${target.name}`, () => {
    const around = useSite(target);
    const { site, db } = around;

    /** Times `known` and `unknown` posts, interleaved in a random order, the work after each response left to finish untimed. */
    async function timeBoth(path: string, known: () => Promise<RequestInit & { json: unknown; cookie?: string }>, unknown: () => Promise<RequestInit & { json: unknown; cookie?: string }>) {
      const times = { known: [] as number[], unknown: [] as number[], statuses: new Set<string>() };
      const order = Array.from({ length: pairs + 3 }, () => shuffled(['known', 'unknown'] as const)).flat();
      let warmUp = 6;
      for (const kind of order) {
        const { json, cookie } = await (kind === 'known' ? known() : unknown());
        // The rate limits count every post; this test is not about them.
        await db.sql`delete from private.rate_limits`;
        const started = performance.now();
        const response = await site.post(post, path, { json, ...(cookie ? { cookie } : {}) });
        const body = await response.text();
        const took = performance.now() - started;
        await site.settle();
        // Same status and words either way (references aside, which are new each time).
        times.statuses.add(`${response.status} ${body.replace(/[A-Z]{3}-[A-Z0-9]{4}-[A-Z0-9]{4}/g, 'REF')}`);
        if (warmUp > 0) {
          warmUp--;
          continue;
        }
        times[kind].push(took);
      }
      const differences = times.known.map((known, i) => known - times.unknown[i]!);
      const difference = median(differences);
      const z = mannWhitneyZ(times.known, times.unknown);
      const pairedZ = signedRankZ(differences);
      const said = `median known ${median(times.known).toFixed(2)} ms, unknown ${median(times.unknown).toFixed(2)} ms; median paired difference ${difference.toFixed(2)} ms; Mann-Whitney z ${z.toFixed(2)}; signed-rank z ${pairedZ.toFixed(2)}`;
      console.log(`${path}: ${said}`);
      expect([...times.statuses], 'the answers differ').toHaveLength(1);
      expect(Math.abs(difference) < 2 || (Math.abs(z) < 2.58 && Math.abs(pairedZ) < 2.58), said).toBe(true);
    }

    it('sign-in: an address with an account against one without', async () => {
      const accounts = await Promise.all(Array.from({ length: pairs + 3 }, () => registerProfessional(db.sql)));
      let k = 0;
      await timeBoth(
        '/api/sign-in',
        async () => ({ json: { email: accounts[k++]!.email } }),
        async () => ({ json: { email: `nobody.${randomUUID().slice(0, 8)}@example.nhs.net` } }),
      );
    }, 120_000);

    it('register: an address already proven against a new one', async () => {
      const accounts = await Promise.all(Array.from({ length: pairs + 3 }, () => registerProfessional(db.sql)));
      let k = 0;
      await timeBoth(
        '/api/register',
        async () => ({ json: { ...answers.registration, email: accounts[k++]!.email } }),
        async () => ({ json: { ...answers.registration, email: `new.${randomUUID().slice(0, 8)}@example.nhs.net` } }),
      );
    }, 120_000);

    it('referral: an NHS number on the register against one that is not', async () => {
      const cookie = await around.signedInAs('timing.referrer@nhs.net');
      // The people on the register were referred by someone else: a professional re-referring
      // someone they referred themselves is told so (they know already), which is no oracle.
      const earlier = await around.signedInAs('timing.earlier.referrer@nhs.net');
      const known: string[] = [];
      for (let i = 0; i < pairs + 3; i++) {
        const referral = uniqueReferral();
        const response = await site.post(post, '/api/referrals', { json: referral, cookie: earlier });
        expect(response.status).toBe(201);
        known.push(referral.nhsNumber as string);
      }
      await site.settle();
      let k = 0;
      await timeBoth(
        '/api/referrals',
        async () => ({ json: uniqueReferral({ nhsNumber: known[k++] }), cookie }),
        async () => ({ json: uniqueReferral(), cookie }),
      );
    }, 180_000);

    it('withdrawal: a person on the register against one who is not', async () => {
      const cookie = await around.signedInAs('timing.withdrawals@nhs.net');
      const people: { givenName: string; familyName: string }[] = [];
      for (let i = 0; i < pairs + 3; i++) {
        const referral = uniqueReferral();
        const response = await site.post(post, '/api/referrals', { json: referral, cookie });
        expect(response.status).toBe(201);
        people.push({ givenName: referral.givenName as string, familyName: referral.familyName as string });
      }
      await site.settle();
      let k = 0;
      const asking = (name: string) => ({ json: { ...answers.withdrawal, personName: name, requesterEmail: `pat.${randomUUID().slice(0, 6)}@example.com` } });
      await timeBoth(
        '/api/withdrawals',
        async () => {
          const person = people[k++]!;
          return asking(`${person.givenName} ${person.familyName}`);
        },
        async () => asking(`Alex Example${randomUUID().replace(/[^a-f]/g, '').slice(0, 6)}`),
      );
    }, 180_000);
  });
}
