// npm run bench:db — how fast the register's database takes referrals.
//
// Measures, on a fresh database each time:
//   - submit_referral calls per second on PostgreSQL, 8 connections at once
//     (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local server);
//   - the same calls, with the same kind of payloads, from pgbench (PostgreSQL's own C
//     load generator, when it is installed), 4 connections: the database's own limit,
//     without a Node client taking its share of the machine's cores;
//   - submit_referral calls per second on PGlite through its loopback server;
//   - the time to open PGlite and apply every migration.
// Prints a Markdown table; with --write it also replaces the "Database" section of
// BENCHMARKS.md. Options: --referrals N (PostgreSQL, default 5000), --pglite-referrals N
// (default 500), --connections N (default 8), --pgbench-connections N (default 4).
import { cpus, loadavg } from 'node:os';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { registerWithSignInLink } from '../test/support/sign-in-link.ts';
import { writeBenchmarkSection } from './benchmarks-file.ts';
import { applyMigrations, connect, createScratchDatabase, serveEmbeddedDatabase } from './database.ts';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';

const { values: options } = parseArgs({
  options: {
    referrals: { type: 'string', default: '5000' },
    'pglite-referrals': { type: 'string', default: '500' },
    connections: { type: 'string', default: '8' },
    'pgbench-connections': { type: 'string', default: '4' },
    write: { type: 'boolean', default: false },
  },
});
const serverReferrals = Number(options.referrals);
const pgliteReferrals = Number(options['pglite-referrals']);
const connections = Number(options.connections);
const pgbenchConnections = Number(options['pgbench-connections']);
const serverUrl = process.env['BENCH_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

let nextNhsNumber = 0;

/** A valid NHS number in the 999 test range, different each time. */
function nhsNumber(): string {
  for (;;) {
    const first = `999${String(nextNhsNumber++ % 1e6).padStart(6, '0')}`;
    const total = [...first].reduce((sum, digit, i) => sum + Number(digit) * (10 - i), 0);
    const check = 11 - (total % 11);
    if (check !== 10) return `${first}${check === 11 ? 0 : check}`;
  }
}

function referral(professionalId: string, n: number) {
  return {
    professionalId,
    givenName: 'Bench',
    familyName: `Referral${n}`,
    dateOfBirth: '2010-04-0' + ((n % 9) + 1),
    nhsNumber: nhsNumber(),
    postcode: 'ST4 1AA',
    area: 'Northshire North',
    condition: 'autism',
    livesIn: 'community',
    rating: n % 10 === 0 ? 'red' : 'amber',
    ratingAgreedOn: '2026-11-01',
    ratingReason: 'Benchmark referral: fictional.',
    consentBasis: 'parental_responsibility',
    familyInvolved: 'Fictional family.',
    servicesInvolved: ['camhs'],
    previousReview: 'none',
    teamEmail: 'dsr.team@example.nhs.net',
  };
}

/** The professional every benchmark referral is made by: registered, and their address proven by the link, as a referral needs. */
async function registerBenchProfessional(sql: postgres.Sql): Promise<string> {
  const link = await registerWithSignInLink(sql);
  await sql`select public.redeem_sign_in_token(${link.token}, ${link.email})`;
  return link.professionalId;
}

/** `total` referrals from `workers` callers at once; returns calls/s and latency percentiles. */
async function referAtOnce(sql: postgres.Sql, professionalId: string, total: number, workers: number) {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < total) {
        const n = next++;
        const begun = performance.now();
        await sql`select public.submit_referral(${sql.json(referral(professionalId, n))}::jsonb)`;
        latencies.push(performance.now() - begun);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return { perSecond: total / seconds, p50: at(0.5), p95: at(0.95), seconds };
}

/** CPU time (ms) the given server processes have used, or undefined if they are not on this machine. */
function backendCpuMs(pids: number[]): number | undefined {
  try {
    const ticks = [...new Set(pids)].reduce((total, pid) => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return total + Number(fields[11]) + Number(fields[12]);
    }, 0);
    return ticks * 10; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** pgbench from PGBENCH, or Debian's PostgreSQL packages, or undefined when it is not installed. */
function findPgbench(): string | undefined {
  if (process.env['PGBENCH']) return process.env['PGBENCH'];
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  return versions.map((version) => join(root, version, 'bin', 'pgbench')).find((path) => existsSync(path));
}

/**
 * `total` referrals from pgbench: the payloads are made here, as for the Node client,
 * and stored in a table of the scratch database; each pgbench transaction takes the next
 * one (a sequence) and calls submit_referral with it, so every call is a new person.
 */
async function referFromPgbench(sql: postgres.Sql, url: string, professionalId: string, total: number, workers: number) {
  const pgbench = findPgbench();
  if (!pgbench) return undefined;
  await sql`create schema bench`;
  await sql`create table bench.payloads (id bigint primary key, payload jsonb not null)`;
  await sql`create sequence bench.next_payload`;
  const rows = Array.from({ length: total }, (_, n) => ({ id: n + 1, payload: referral(professionalId, 1_000_000 + n) }));
  for (let start = 0; start < rows.length; start += 1000) {
    await sql`insert into bench.payloads ${sql(rows.slice(start, start + 1000).map((row) => ({ id: row.id, payload: sql.json(row.payload) })))}`;
  }
  const folder = await mkdtemp(join(tmpdir(), 'dsr-pgbench-'));
  try {
    const script = join(folder, 'referral.sql');
    await writeFile(script, "select public.submit_referral((select payload from bench.payloads where id = (select nextval('bench.next_payload'))));\n");
    const before = await sql`select count(*)::int as n from private.referrals`;
    const { stdout } = await promisify(execFile)(pgbench, ['-n', '-M', 'prepared', '-f', script, '-c', String(workers), '-t', String(Math.floor(total / workers)), url]);
    const after = await sql`select count(*)::int as n from private.referrals`;
    const made = Math.floor(total / workers) * workers;
    if (after[0]!['n'] - before[0]!['n'] !== made) throw new Error('pgbench: some referrals were not made.');
    const perSecond = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1]);
    const latency = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
    const version = /pgbench \(PostgreSQL\) ([\d.]+)|pgbench \(([\d.]+)/.exec((await promisify(execFile)(pgbench, ['--version'])).stdout);
    return { perSecond, latency, made, version: version?.[1] ?? version?.[2] ?? '' };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function benchServer() {
  const database = await createScratchDatabase(serverUrl, `dsr_bench_${process.pid}`);
  try {
    await applyMigrations(database.url);
    const sql = connect(database.url, connections);
    try {
      const [settings] = await sql`select version() as version, current_setting('synchronous_commit') as synchronous_commit`;
      const professionalId = await registerBenchProfessional(sql);
      // Warm every connection (plans, function caches) before timing.
      await referAtOnce(sql, professionalId, connections * 20, connections);
      await sql`delete from private.outbox`;
      // CPU used per referral by the server's backends (readable when the server is on this
      // machine) and by this client: what the machine could do with nothing else running.
      const backends = (await Promise.all(Array.from({ length: connections }, () => sql`select pg_backend_pid() as pid, pg_sleep(0.05)`)))
        .map(([row]) => row!['pid'] as number);
      const serverBefore = backendCpuMs(backends);
      const clientBefore = process.cpuUsage();
      const result = await referAtOnce(sql, professionalId, serverReferrals, connections);
      const serverAfter = backendCpuMs(backends);
      const client = process.cpuUsage(clientBefore);
      const serverCpuMs = serverBefore === undefined || serverAfter === undefined ? undefined : (serverAfter - serverBefore) / serverReferrals;
      const clientCpuMs = (client.user + client.system) / 1000 / serverReferrals;
      const [check] = await sql`select count(*)::int as n from private.referrals`;
      if ((check!['n'] as number) !== serverReferrals + connections * 20) throw new Error('Some referrals were lost.');
      const pgbench = await referFromPgbench(sql, database.url, professionalId, serverReferrals, pgbenchConnections);
      return {
        pgbench,
        ...result,
        serverCpuMs,
        clientCpuMs,
        version: String(settings!['version']).split(' on ')[0]!,
        synchronousCommit: settings!['synchronous_commit'] as string,
      };
    } finally {
      await sql.end();
    }
  } finally {
    await database.drop();
  }
}

async function benchPglite() {
  // Opening alone, then opening and migrating as `npm start` does.
  let started = performance.now();
  const bare = await PGlite.create('memory://', { extensions: { pgcrypto } });
  const openMs = performance.now() - started;
  await bare.close();

  started = performance.now();
  const embedded = await serveEmbeddedDatabase();
  const servedMs = performance.now() - started;
  started = performance.now();
  await applyMigrations(embedded.url);
  const migrateMs = performance.now() - started;
  try {
    const sql = connect(embedded.url, 1);
    try {
      const professionalId = await registerBenchProfessional(sql);
      await referAtOnce(sql, professionalId, 20, 1);
      const result = await referAtOnce(sql, professionalId, pgliteReferrals, 1);
      return { ...result, openMs, servedMs, migrateMs };
    } finally {
      await sql.end();
    }
  } finally {
    await embedded.stop();
  }
}

// Other work on the machine takes CPU from the database: say how busy it was.
const loadBefore = loadavg()[0]!;
const server = await benchServer();
const pglite = await benchPglite();
const load = `Load average (1 min): ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after`;

const cpuRow =
  server.serverCpuMs === undefined
    ? ''
    : `| CPU per referral on PostgreSQL | **${(server.serverCpuMs + server.clientCpuMs).toFixed(2)} ms** | server backends ${server.serverCpuMs.toFixed(2)} ms + this client (postgres.js) ${server.clientCpuMs.toFixed(2)} ms: with nothing else running, ${cpus().length} cores could take about ${Math.round((cpus().length * 1000) / (server.serverCpuMs + server.clientCpuMs))} referrals/s |\n`;
const goal = (perSecond: number) => `goal ≥ 1,000/s: **${perSecond >= 1000 ? 'met' : 'not met'}**`;
const pgbenchRow = server.pgbench
  ? `| \`submit_referral\` on PostgreSQL from pgbench, ${pgbenchConnections} connections | **${Math.round(server.pgbench.perSecond)} referrals/s** | ${server.pgbench.made} referrals, payloads made as above; latency average ${server.pgbench.latency.toFixed(1)} ms; pgbench ${server.pgbench.version} (C, one thread, prepared statements); ${goal(server.pgbench.perSecond)} |\n`
  : '| `submit_referral` from pgbench | not measured | pgbench is not installed (set PGBENCH to its path) |\n';
const body = `${load}, on ${cpus().length} cores.

| measure | result | notes |
| --- | ---: | --- |
| \`submit_referral\` on PostgreSQL from this Node client, ${connections} connections | **${Math.round(server.perSecond)} referrals/s** | ${serverReferrals} referrals in ${server.seconds.toFixed(2)} s; p50 ${server.p50.toFixed(1)} ms, p95 ${server.p95.toFixed(1)} ms per call; ${server.version}, synchronous_commit ${server.synchronousCommit}; ${goal(server.perSecond)} |
${cpuRow}${pgbenchRow}| \`submit_referral\` on PGlite, 1 connection | **${Math.round(pglite.perSecond)} referrals/s** | ${pgliteReferrals} referrals; p50 ${pglite.p50.toFixed(1)} ms; PGlite runs one statement at a time |
| open PGlite (in memory, with pgcrypto) | **${Math.round(pglite.openMs)} ms** | |
| open and serve PGlite, then apply every migration | **${Math.round(pglite.servedMs + pglite.migrateMs)} ms** | serve ${Math.round(pglite.servedMs)} ms + migrations ${Math.round(pglite.migrateMs)} ms |

Each referral is one transaction: validation, finding or adding the person, the
referral row, its reference, two outbox emails and an audit event, committed to disk
(\`synchronous_commit\` on: an accepted referral is never lost).

The referrals/s figures are measured with whatever else is running on the machine (the
load average above); the CPU row says what the same work costs, and so what the machine
could do alone. The Node client takes its own share of the same two cores; pgbench
takes far less, so its row is closest to the database's own limit here (each of its
calls also looks up its payload by primary key, which the Node client does not).
1,000 referrals/s on 2 cores needs at most 2 ms of CPU per referral, client included. What made the biggest difference (found with \`perf\`):
helpers without their own \`search_path\` and, where used by CHECKs, written in PL/pgSQL
(PostgreSQL re-prepares a table's CHECKs for every statement, and inlining a SQL
function there parses its body each time); both emails in one insert; one indexed
query to find the person.
`;

console.log(body);
if (options.write) {
  await writeBenchmarkSection('Database', 'npm run bench:db -- --write', body);
  console.log('Wrote the Database section of BENCHMARKS.md');
}
