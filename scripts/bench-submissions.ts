// `npm run bench:submissions`: referrals a second through the real functions.
//
// autocannon posts referrals (JSON, as the island does, signed in) to POST /api/referrals
// on `wrangler pages dev` (the Cloudflare runtime, workerd) with a fresh database on the
// local PostgreSQL server, at 10, 50 and 100 connections for 30 s each (BENCH_SECONDS
// shortens it). Emails go after each response (waitUntil) through the Resend SDK to the
// loopback Resend stand-in, as they would to Resend.
//
// Honest load:
//   - every request is a different person (its own NHS number and submission id);
//   - requests come from 200 signed-in professionals in turn, not one session that every
//     request would update;
//   - the per-address rate limit (30 posts in 10 minutes) is left on, and each request
//     says it comes from its own address in CF-Connecting-IP, as if each were a
//     different visitor. wrangler passes that header through on loopback; Cloudflare
//     sets it itself, so nothing here changes what production trusts.
// Afterwards the database must hold exactly one referral for every 201 answer, two
// outbox rows for each, and no reference twice. Referrals whose answers were still on
// their way when autocannon stopped are counted apart.
//
// Beside it, the same number of submit_referral calls straight to PostgreSQL (8
// connections, the payloads the function would send): the limit the functions are
// measured against.
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { referralForm } from '../src/forms/index.ts';
import { registerWithSignInLink } from '../test/support/sign-in-link.ts';
import { uniqueReferral } from '../test/support/unique-referrals.ts';
import { writeBenchmarkSection } from './benchmarks-file.ts';
import { applyMigrations, connect, projectRoot } from './database.ts';
import { serveSite, stopGroup } from './processes.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const levels = (process.env.BENCH_CONNECTIONS ?? '10,50,100').split(',').map(Number);
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const sitePort = Number(process.env.BENCH_SITE_PORT ?? 55820);
const resendPort = Number(process.env.BENCH_RESEND_PORT ?? 55821);
const professionals = 200;
const directConnections = 8;
const goals = { directPerSecond: 1000, functionsShare: 0.3, p99At50Ms: 100 };
const teamEmail = 'dsr.team@example.nhs.net';

interface Level {
  connections: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
  accepted: number;
  errors: number;
  timeouts: number;
  check: { kept: number; withTwoEmails: number; duplicates: number; cutOff: number; unexplained: number };
  direct: { perSecond: number; seconds: number };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

let nextAddress = 0;
/** A different visitor's address for every request (TEST-NET and documentation ranges). */
function visitorAddress(): string {
  const n = nextAddress++;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `dsr_bench_submissions_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** One load level: autocannon for `seconds`, keeping what each request sent and got. */
interface Session {
  professionalId: string;
  cookie: string;
}

/** Signs a professional in through the site itself: the emailed link's token, posted to /api/sign-in/confirm. */
async function signInThroughSite(sql: postgres.Sql, siteUrl: string): Promise<Session> {
  const link = await registerWithSignInLink(sql, siteUrl);
  const response = await fetch(`${siteUrl}/api/sign-in/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', origin: siteUrl, 'cf-connecting-ip': visitorAddress() },
    body: JSON.stringify({ token: link.token, email: link.email, next: '/refer/' }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 200 || !cookie) throw new Error(`Signing in through the site failed: ${response.status} ${await response.text()}`);
  return { professionalId: link.professionalId, cookie };
}

async function load(siteUrl: string, sessions: Session[], connections: number) {
  const latencies: number[] = [];
  const acceptedReferences: string[] = [];
  const sent = new Set<string>();
  const answered = new Set<string>();
  let next = 0;
  const result = await autocannon({
    url: siteUrl,
    connections,
    duration: seconds,
    timeout: 20,
    requests: [
      {
        method: 'POST',
        path: '/api/referrals',
        setupRequest(request, context) {
          const answers = uniqueReferral();
          const session = sessions[next++ % sessions.length]!;
          context['submissionId'] = answers.submissionId;
          context['startedAt'] = performance.now();
          sent.add(answers.submissionId);
          return {
            ...request,
            body: JSON.stringify(answers),
            headers: {
              'content-type': 'application/json',
              accept: 'application/json',
              origin: siteUrl,
              cookie: session.cookie,
              'cf-connecting-ip': visitorAddress(),
            },
          };
        },
        onResponse(status, body, context) {
          latencies.push(performance.now() - (context['startedAt'] as number));
          answered.add(context['submissionId'] as string);
          if (status === 201) acceptedReferences.push((JSON.parse(body) as { reference: string }).reference);
        },
      },
    ],
  });
  latencies.sort((a, b) => a - b);
  return { result, latencies, acceptedReferences, sent, answered };
}

/** The database after a level: one referral per 201, two emails each, nothing twice, nothing unexplained. */
async function checkDatabase(sql: postgres.Sql, references: string[], sent: Set<string>, answered: Set<string>, before: Set<string>) {
  const rows = await sql<{ reference: string; submission_id: string; emails: number }[]>`
    select r.reference, r.submission_id::text as submission_id,
           (select count(*)::int from private.outbox o where o.about_reference = r.reference) as emails
    from private.referrals r`;
  const fresh = rows.filter((row) => !before.has(row.reference));
  const accepted = new Set(references);
  const kept = fresh.filter((row) => accepted.has(row.reference)).length;
  const withTwoEmails = fresh.filter((row) => row.emails === 2).length;
  const [duplicates] = await sql<{ n: number }[]>`select (count(*) - count(distinct reference))::int + (count(submission_id) - count(distinct submission_id))::int as n from private.referrals`;
  // Referrals without a 201: their requests were sent, and their answers never arrived (autocannon stopped first).
  const extra = fresh.filter((row) => !accepted.has(row.reference));
  const cutOff = extra.filter((row) => sent.has(row.submission_id) && !answered.has(row.submission_id)).length;
  return { kept, withTwoEmails, duplicates: duplicates!.n, cutOff, unexplained: extra.length - cutOff, all: new Set(rows.map((row) => row.reference)) };
}

/** Waits until no referral has been added for 2 s: the functions have finished every request they were given. */
async function settled(sql: postgres.Sql) {
  let last = -1;
  for (let checks = 0; checks < 30; checks++) {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from private.referrals`;
    if (row!.n === last) return;
    last = row!.n;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/**
 * Why a request costs what it does: the functions open a new connection per request
 * (Workers cannot keep one between requests), and a new PostgreSQL backend must start
 * and compile each PL/pgSQL function on its first call. Times connecting, a first
 * submit_referral on the new connection and a second one on the same connection.
 */
async function coldAndWarm(url: string, professionalId: string, samples = 10) {
  const payload = () => {
    const checked = referralForm.validate(uniqueReferral());
    if (!checked.ok) throw new Error('The benchmark referral is not valid');
    return { ...checked.payload, professionalId, siteUrl: 'https://dsr.example.test', teamEmail };
  };
  const totals = { connect: 0, first: 0, second: 0 };
  for (let i = 0; i < samples; i++) {
    let started = performance.now();
    const sql = postgres(url, { max: 1, prepare: false, fetch_types: false, onnotice: () => {} });
    await sql`select 1`;
    totals.connect += performance.now() - started;
    started = performance.now();
    await sql`select public.submit_referral(${sql.json(payload() as postgres.JSONValue)}::jsonb)`;
    totals.first += performance.now() - started;
    started = performance.now();
    await sql`select public.submit_referral(${sql.json(payload() as postgres.JSONValue)}::jsonb)`;
    totals.second += performance.now() - started;
    await sql.end();
  }
  return { connect: totals.connect / samples, first: totals.first / samples, second: totals.second / samples };
}

/** The same number of referrals straight to PostgreSQL: the payloads the function sends, 8 connections. */
async function direct(url: string, professionalId: string, total: number) {
  const sql = connect(url, directConnections);
  const payloads = Array.from({ length: total }, () => {
    const checked = referralForm.validate(uniqueReferral());
    if (!checked.ok) throw new Error('The benchmark referral is not valid');
    return { ...checked.payload, professionalId, siteUrl: 'https://dsr.example.test', teamEmail };
  });
  // Warm each connection first.
  await Promise.all(Array.from({ length: directConnections }, () => sql`select 1`));
  let index = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: directConnections }, async () => {
      while (index < payloads.length) {
        const payload = payloads[index++]!;
        await sql`select public.submit_referral(${sql.json(payload as postgres.JSONValue)}::jsonb) as result`;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await sql.end();
  return { perSecond: total / elapsed, seconds: elapsed };
}

// Other work on the machine slows every figure: the load is written beside them.
const loadBefore = loadavg()[0]!;
const database = await createDatabase();
const siteDir = await mkdtemp(join(tmpdir(), 'dsr-bench-site-'));
const output: string[] = [];
const resend = spawn(process.execPath, [join(projectRoot, 'test/support/resend-stand-in.ts'), String(resendPort)], { stdio: 'ignore', detached: true });
let site: Awaited<ReturnType<typeof serveSite>> | undefined;
const results: Level[] = [];
let serverVersion = '';
let maxConnections = '';
let cold: Awaited<ReturnType<typeof coldAndWarm>> | undefined;

try {
  await applyMigrations(database.url);
  const sql = connect(database.url, 4);
  serverVersion = String((await sql`select version() as v`)[0]!['v']).split(' on ')[0]!;
  maxConnections = String((await sql`select current_setting('max_connections') as m`)[0]!['m']);
  // The API needs no built pages: a one-page site keeps the bench independent of a build.
  await writeFile(join(siteDir, 'index.html'), '<!doctype html><title>bench</title>');
  site = await serveSite({
    dir: siteDir,
    port: sitePort,
    bindings: {
      DATABASE_URL: database.url,
      SITE_URL: `http://127.0.0.1:${sitePort}`,
      DSR_TEAM_EMAIL: teamEmail,
      RESEND_API_KEY: 're_bench_key',
      RESEND_BASE_URL: `http://127.0.0.1:${resendPort}`,
    },
    onOutput: (text) => {
      output.push(text);
      if (output.length > 200) output.splice(0, output.length - 200);
    },
  });
  const sessions: Session[] = [];
  for (let i = 0; i < professionals; i++) sessions.push(await signInThroughSite(sql, site.url));

  // Warm the runtime (compilation, first connections) before measuring.
  await load(site.url, sessions, 10).catch(() => undefined);
  await settled(sql);
  let known = new Set((await sql<{ reference: string }[]>`select reference from private.referrals`).map((row) => row.reference));

  for (const connections of levels) {
    console.log(`${connections} connections for ${seconds} s…`);
    const run = await load(site.url, sessions, connections);
    // Requests cut off when autocannon stopped may still be finishing in the functions.
    await settled(sql);
    const check = await checkDatabase(sql, run.acceptedReferences, run.sent, run.answered, known);
    known = check.all;
    const accepted = run.acceptedReferences.length;
    const statuses = Object.fromEntries(Object.entries(run.result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count]));
    const directRun = await direct(database.url, sessions[0]!.professionalId, Math.max(accepted, 1));
    // The direct referrals are not the next level's.
    known = new Set((await sql<{ reference: string }[]>`select reference from private.referrals`).map((row) => row.reference));
    results.push({
      connections,
      seconds: run.result.duration,
      perSecond: accepted / run.result.duration,
      p50: percentile(run.latencies, 0.5),
      p95: percentile(run.latencies, 0.95),
      p99: percentile(run.latencies, 0.99),
      statuses,
      accepted,
      errors: run.result.errors,
      timeouts: run.result.timeouts,
      check,
      direct: directRun,
    });
    console.log(JSON.stringify(results.at(-1)));
  }
  cold = await coldAndWarm(database.url, sessions[0]!.professionalId);
  await sql.end();
} catch (error) {
  console.error(output.join('').slice(-5000));
  throw error;
} finally {
  await site?.stop();
  await stopGroup(resend);
  await rm(siteDir, { recursive: true, force: true });
  await database.drop();
}

const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
const ms = (value: number) => value.toFixed(1);
const rows = results.map((level) => {
  const share = level.perSecond / level.direct.perSecond;
  const others = Object.entries(level.statuses).filter(([code]) => code !== '201').map(([code, count]) => `${count}×${code}`);
  if (level.errors) others.push(`${level.errors} errors`);
  if (level.timeouts) others.push(`${level.timeouts} timeouts`);
  return `| ${level.connections} | **${level.perSecond.toFixed(0)}** | ${ms(level.p50)} | ${ms(level.p95)} | **${ms(level.p99)}** | ${level.accepted} | ${others.join(', ') || 'none'} | ${level.direct.perSecond.toFixed(0)} | ${(share * 100).toFixed(0)}% |`;
});
const checks = results.map(
  (level) =>
    `| ${level.connections} | ${level.accepted} | ${level.check.kept} | ${level.check.withTwoEmails} of ${level.check.kept + level.check.cutOff + level.check.unexplained} | ${level.check.duplicates} | ${level.check.cutOff} | ${level.check.unexplained} |`,
);
const at50 = results.find((level) => level.connections === 50);
const bestDirect = Math.max(...results.map((level) => level.direct.perSecond));
const bestShare = Math.max(...results.map((level) => level.perSecond / level.direct.perSecond));
const integrityHolds = results.every((level) => level.check.kept === level.accepted && level.check.duplicates === 0 && level.check.unexplained === 0 && level.check.withTwoEmails === level.check.kept + level.check.cutOff);
const body = [
  `POST /api/referrals (JSON, signed in) on \`wrangler pages dev\` (workerd) → ${serverVersion} on this machine (max_connections ${maxConnections}; each request opens its own connection, and its emails another, as Workers do), a fresh database; ${seconds} s per level; each request a new person from its own address, from 200 signed-in professionals in turn; emails after each response to the loopback Resend stand-in. autocannon, wrangler, PostgreSQL and the stand-in all share the machine's ${cpus().length} cores; load average (1 min) before and after: ${loadBefore.toFixed(1)} and ${loadavg()[0]!.toFixed(1)}. Latency is measured per request by the load generator.`,
  '',
  '| connections | referrals/s | p50 ms | p95 ms | p99 ms | 201 answers | other answers | straight to PostgreSQL, same number, 8 connections (/s) | functions ÷ PostgreSQL |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |',
  ...rows,
  '',
  '| goal | figure | result |',
  '| --- | --- | --- |',
  `| straight to PostgreSQL: 1,000 referrals/s | ${bestDirect.toFixed(0)}/s (best of the three) | ${verdict(bestDirect >= goals.directPerSecond)} |`,
  `| functions: at least 30% of straight to PostgreSQL | ${(bestShare * 100).toFixed(0)}% (best level) | ${verdict(bestShare >= goals.functionsShare)} |`,
  `| p99 under 100 ms at 50 connections | ${at50 ? `${ms(at50.p99)} ms` : 'not run'} | ${at50 ? verdict(at50.p99 < goals.p99At50Ms) : '—'} |`,
  `| exactly one referral per 201, two outbox rows each, no reference twice | see below | ${verdict(integrityHolds)} |`,
  '',
  ...(cold
    ? [
        `Where the time goes: each request opens its own connection, so PostgreSQL starts a new backend and compiles each PL/pgSQL function on its first call. On a new connection: connecting ${ms(cold.connect)} ms, the first \`submit_referral\` ${ms(cold.first)} ms, a second on the same connection ${ms(cold.second)} ms (means of 10). Straight to PostgreSQL, 8 connections stay open and warm. In production a transaction pooler (Supabase's, port 6543; \`prepare: false\` is already set for it) keeps backends warm between requests.`,
        '',
      ]
    : []),
  'The database afterwards, per level:',
  '',
  '| connections | 201 answers | referrals with those references | with exactly two outbox rows | references twice | referrals whose answer was cut off when the load stopped | referrals not explained |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...checks,
].join('\n');
console.log(body);
await writeBenchmarkSection('Submissions', `npm run bench:submissions${seconds !== 30 ? ` (BENCH_SECONDS=${seconds})` : ''}`, body);
if (!integrityHolds) process.exit(1);
