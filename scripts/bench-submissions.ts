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
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { referralForm } from '../src/forms/index.ts';
import { startPgBouncer, type PgBouncer } from '../test/support/pgbouncer.ts';
import { uniqueReferral } from '../test/support/unique-referrals.ts';
import { signInThroughSite, visitorAddress, type Session } from './bench-sessions.ts';
import { writeBenchmarkSection } from './benchmarks-file.ts';
import { applyMigrations, connect, createScratchDatabase, projectRoot } from './database.ts';
import { portFrom, serveBuiltFunctions, serveSite, stopGroup } from './processes.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const levels = (process.env.BENCH_CONNECTIONS ?? '10,50,100').split(',').map(Number);
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const sitePort = await portFrom(process.env.BENCH_SITE_PORT);
const resendPort = await portFrom(process.env.BENCH_RESEND_PORT);
const professionals = 200;
/** Server connections the pooler keeps (Supabase's default pool for a small project is about this size). */
const poolSize = Number(process.env.BENCH_POOL_SIZE ?? 10);
const directConnections = 8;
// Issue 17's goals for the functions (p99 at 50 connections, workerd's CPU per referral).
const goals = { directPerSecond: 1000, functionsShare: 0.3, p99At50Ms: 250, workerdCpuMs: 4 };
const teamEmail = 'dsr.team@example.nhs.net';

type Path = 'new connection per request' | 'through a transaction pooler' | 'workerd alone, through a transaction pooler';
/** BENCH_PATHS picks some: new (wrangler, new connection), pooler (wrangler, PgBouncer), workerd (workerd alone, PgBouncer). */
const pathKeys: Record<string, Path> = { new: 'new connection per request', pooler: 'through a transaction pooler', workerd: 'workerd alone, through a transaction pooler' };
const chosenPaths = (process.env.BENCH_PATHS ?? 'new,pooler,workerd').split(',').map((key) => {
  if (!pathKeys[key]) throw new Error(`BENCH_PATHS: unknown path ${key} (new, pooler, workerd)`);
  return pathKeys[key];
});
/** wrangler's own bundle is React's development build; BENCH_BUILD=development keeps it, by default it bundles as `wrangler pages deploy` does. */
const production = process.env.BENCH_BUILD !== 'development';

interface Level {
  path: Path;
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
  /** CPU of wrangler and workerd per request handled, during the level. */
  runtimeCpuMs: number;
  /** The part of it used by workerd, the runtime Cloudflare runs (the rest is wrangler's local dev server). */
  workerdCpuMs: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

/** One load level: autocannon for `seconds`, keeping what each request sent and got. */
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

/**
 * Waits until no referral has been added for 2 s: the functions have finished every
 * request they were given. Until then the server may have no connection to spare
 * (max_connections), so a refused connection is simply tried again.
 */
async function settled(sql: postgres.Sql) {
  let last = -1;
  for (let checks = 0; checks < 60; checks++) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const count = await sql<{ n: number }[]>`select count(*)::int as n from private.referrals`.then(
      ([row]) => row!.n,
      () => undefined,
    );
    if (count === undefined) continue;
    if (count === last) return;
    last = count;
  }
  throw new Error('The referral count did not settle within 2 minutes');
}

/** CPU time (ms) used so far by these processes (Linux /proc; USER_HZ is 100). */
function cpuMsOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process has ended.
    }
  }
  return ticks * 10;
}

const isWorkerd = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'workerd';
  } catch {
    return false;
  }
};

/** Every process in a process group: wrangler and the workerd it runs. */
function processGroup(groupId: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[2]) === groupId;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * The database's CPU for one request through the functions, with nothing else competing,
 * measured one request at a time: the request's statements (session, rate limit, referral)
 * and then its emails' (claim, both marked sent in one call), on one connection as the functions
 * make them. 'new': a new backend each time, its CPU read from /proc just before it
 * closes (starting it up included, forking and ending it not). 'warm': one backend kept
 * open, as a pooler keeps it, its CPU read before and after the whole batch.
 */
async function databaseCpuPerRequest(url: string, sessionToken: string, professionalId: string, mode: 'new' | 'warm'): Promise<number | undefined> {
  const literal = (text: string) => `$bench$${text}$bench$`;
  const samples = mode === 'new' ? 10 : 50;
  const open = async () => {
    const sql = postgres(url, { max: 1, prepare: false, fetch_types: false, onnotice: () => {} });
    const [{ pid }] = (await sql.unsafe('select pg_backend_pid() as pid')) as unknown as [{ pid: number }];
    return { sql, pid };
  };
  const request = async (sql: postgres.Sql, n: number) => {
    const checked = referralForm.validate(uniqueReferral());
    if (!checked.ok) throw new Error('The benchmark referral is not valid');
    const payload = JSON.stringify({ ...checked.payload, professionalId, teamEmail });
    await sql.unsafe(`select public.read_session(session_token => ${literal(sessionToken)}::text)`);
    await sql.unsafe(`select public.hit_rate_limit(key => ${literal(`bench-cpu-${mode}-${n}-${Math.random()}`)}::text, max_hits => 30, window_seconds => 600)`);
    await sql.unsafe(`select public.submit_referral(payload => ${literal(payload)}::jsonb)`);
  };
  const emails = async (sql: postgres.Sql) => {
    const [{ result }] = (await sql.unsafe('select public.claim_outbox(batch_size => 2, visibility_seconds => 120) as result')) as unknown as [{ result: { id: string }[] }];
    const sent = JSON.stringify(result.map((email) => ({ id: email.id, providerMessageId: null })));
    await sql.unsafe(`select public.mark_outbox_sent_many(sent => ${literal(sent)}::jsonb)`);
  };
  if (mode === 'new') {
    let total = 0;
    for (let n = 0; n < samples; n++) {
      const { sql, pid } = await open();
      await request(sql, n);
      await emails(sql);
      if (!existsSync(`/proc/${pid}`)) return undefined; // the server is not on this machine
      total += cpuMsOf([pid]);
      await sql.end();
    }
    return total / samples;
  }
  const warm = await open();
  if (!existsSync(`/proc/${warm.pid}`)) return undefined;
  for (let n = 0; n < 5; n++) {
    await request(warm.sql, n);
    await emails(warm.sql);
  }
  const before = cpuMsOf([warm.pid]);
  for (let n = 0; n < samples; n++) {
    await request(warm.sql, n);
    await emails(warm.sql);
  }
  const used = cpuMsOf([warm.pid]) - before;
  await warm.sql.end();
  return used / samples;
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
  // Open and warm each connection first, waiting for the server to have them to spare.
  for (let attempt = 1; ; attempt++) {
    const opened = await Promise.all(Array.from({ length: directConnections }, () => sql`select 1`)).then(() => true, () => false);
    if (opened) break;
    if (attempt === 30) throw new Error('PostgreSQL had no connections to spare for 60 s');
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
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
const database = await createScratchDatabase(serverUrl, `dsr_bench_submissions_${process.pid}`);
const siteDir = await mkdtemp(join(tmpdir(), 'dsr-bench-site-'));
const output: string[] = [];
const resend = spawn(process.execPath, [join(projectRoot, 'test/support/resend-stand-in.ts'), String(resendPort)], { stdio: 'ignore', detached: true });
const sites: { path: Path; server: Awaited<ReturnType<typeof serveSite>> }[] = [];
let pooler: PgBouncer | undefined;
const results: Level[] = [];
let serverVersion = '';
let maxConnections = '';
let cold: Awaited<ReturnType<typeof coldAndWarm>> | undefined;
const databaseCpuMs: Partial<Record<Path, number>> = {};

try {
  await applyMigrations(database.url);
  const sql = connect(database.url, 4);
  serverVersion = String((await sql`select version() as v`)[0]!['v']).split(' on ')[0]!;
  maxConnections = String((await sql`select current_setting('max_connections') as m`)[0]!['m']);
  // Each request's connection stays open after its answer while its emails go, so at
  // workerd alone's pace several times the load's connections are open at once (150 was
  // too few: PgBouncer refused the rest, and the functions answered 503). Supabase's
  // pooler takes far more clients than this.
  pooler = await startPgBouncer(database.url, { poolSize, maxClientConnections: Math.max(...levels) * 8 + 100 });
  // The API needs no built pages: a one-page site keeps the bench independent of a build.
  await writeFile(join(siteDir, 'index.html'), '<!doctype html><title>bench</title>');
  const all = [
    ['new connection per request', database.url, sitePort],
    ['through a transaction pooler', pooler.url, sitePort + 2],
    ['workerd alone, through a transaction pooler', pooler.url, sitePort + 4],
  ] as const;
  for (const [path, databaseUrl, port] of all.filter(([path]) => chosenPaths.includes(path))) {
    const bindings = {
      DATABASE_URL: databaseUrl,
      SITE_URL: `http://127.0.0.1:${port}`,
      DSR_TEAM_EMAIL: teamEmail,
      RESEND_API_KEY: 're_bench_key',
      RESEND_BASE_URL: `http://127.0.0.1:${resendPort}`,
    };
    const onOutput = (text: string) => {
      output.push(text);
      if (output.length > 200) output.splice(0, output.length - 200);
    };
    const server = path.startsWith('workerd alone')
      ? await serveBuiltFunctions({ port, bindings, onOutput })
      : await serveSite({ dir: siteDir, port, bindings, production, onOutput });
    sites.push({ path, server });
  }
  const sessions: Session[] = [];
  for (let i = 0; i < professionals; i++) sessions.push(await signInThroughSite(sql, sites[0]!.server.url));

  const referencesNow = async () => new Set((await sql<{ reference: string }[]>`select reference from private.referrals`).map((row) => row.reference));
  for (const { server } of sites) {
    // Warm each runtime (compilation, first connections) before measuring.
    await load(server.url, sessions, 10).catch(() => undefined);
    await settled(sql);
  }

  for (const connections of levels) {
    for (const { path, server } of sites) {
      console.log(`${connections} connections for ${seconds} s, ${path}…`);
      let known = await referencesNow();
      const runtime = processGroup(server.child.pid!);
      const workerd = runtime.filter((pid) => isWorkerd(pid));
      const runtimeBefore = cpuMsOf(runtime);
      const workerdBefore = cpuMsOf(workerd);
      const run = await load(server.url, sessions, connections);
      // Requests cut off when autocannon stopped may still be finishing in the functions.
      await settled(sql);
      const check = await checkDatabase(sql, run.acceptedReferences, run.sent, run.answered, known);
      const handled = check.kept + check.cutOff + check.unexplained;
      const runtimeCpuMs = (cpuMsOf(runtime) - runtimeBefore) / Math.max(handled, run.answered.size, 1);
      const workerdCpuMs = (cpuMsOf(workerd) - workerdBefore) / Math.max(handled, run.answered.size, 1);
      const accepted = run.acceptedReferences.length;
      const statuses = Object.fromEntries(Object.entries(run.result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count]));
      const directRun = await direct(database.url, sessions[0]!.professionalId, Math.max(accepted, 1));
      results.push({
        path,
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
        runtimeCpuMs,
        workerdCpuMs,
      });
      const { check: _check, ...summary } = results.at(-1)!;
      console.log(JSON.stringify(summary));
    }
  }
  cold = await coldAndWarm(database.url, sessions[0]!.professionalId);
  const token = sessions[0]!.cookie.split('=')[1]!;
  const cpuNew = await databaseCpuPerRequest(database.url, token, sessions[0]!.professionalId, 'new');
  const cpuPooled = await databaseCpuPerRequest(database.url, token, sessions[0]!.professionalId, 'warm');
  if (cpuNew !== undefined) databaseCpuMs['new connection per request'] = cpuNew;
  if (cpuPooled !== undefined) databaseCpuMs['through a transaction pooler'] = cpuPooled;
  if (cpuPooled !== undefined) databaseCpuMs['workerd alone, through a transaction pooler'] = cpuPooled;
  await sql.end();
} catch (error) {
  console.error(output.join('').slice(-5000));
  throw error;
} finally {
  for (const { server } of sites) await server.stop();
  await pooler?.stop();
  await stopGroup(resend);
  await rm(siteDir, { recursive: true, force: true });
  await database.drop();
}

const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
const ms = (value: number) => value.toFixed(1);
const paths: Path[] = chosenPaths;
const rows = results.map((level) => {
  const share = level.perSecond / level.direct.perSecond;
  const others = Object.entries(level.statuses).filter(([code]) => code !== '201').map(([code, count]) => `${count}×${code}`);
  if (level.errors) others.push(`${level.errors} errors`);
  if (level.timeouts) others.push(`${level.timeouts} timeouts`);
  return `| ${level.connections} | ${level.path} | **${level.perSecond.toFixed(0)}** | ${ms(level.p50)} | ${ms(level.p95)} | **${ms(level.p99)}** | ${level.accepted} | ${others.join(', ') || 'none'} | ${level.direct.perSecond.toFixed(0)} | ${(share * 100).toFixed(0)}% |`;
});
const checks = results.map(
  (level) =>
    `| ${level.connections} | ${level.path} | ${level.accepted} | ${level.check.kept} | ${level.check.withTwoEmails} of ${level.check.kept + level.check.cutOff + level.check.unexplained} | ${level.check.duplicates} | ${level.check.cutOff} | ${level.check.unexplained} |`,
);
const bestDirect = Math.max(...results.map((level) => level.direct.perSecond));
const integrityHolds = results.every((level) => level.check.kept === level.accepted && level.check.duplicates === 0 && level.check.unexplained === 0 && level.check.withTwoEmails === level.check.kept + level.check.cutOff);
const goalRows = paths.flatMap((path) => {
  const mine = results.filter((level) => level.path === path);
  if (mine.length === 0) return [];
  const bestShare = Math.max(...mine.map((level) => level.perSecond / level.direct.perSecond));
  const at50 = mine.find((level) => level.connections === 50);
  return [
    `| functions (${path}): at least 30% of straight to PostgreSQL | ${(bestShare * 100).toFixed(0)}% (best level) | ${verdict(bestShare >= goals.functionsShare)} |`,
    `| p99 at most ${goals.p99At50Ms} ms at 50 connections (${path}) | ${at50 ? `${ms(at50.p99)} ms` : 'not run'} | ${at50 ? verdict(at50.p99 <= goals.p99At50Ms) : '—'} |`,
    `| workerd CPU at most ${goals.workerdCpuMs} ms per referral (${path}) | ${Math.min(...mine.map((level) => level.workerdCpuMs)).toFixed(1)} ms (least of the levels) | ${verdict(Math.min(...mine.map((level) => level.workerdCpuMs)) <= goals.workerdCpuMs)} |`,
  ];
});

/** What the figures would be with nothing else on the machine: CPU per referral, and what the cores could take. */
function capacity(): string[] {
  const cores = cpus().length;
  const lines = paths.flatMap((path) => {
    const database = databaseCpuMs[path];
    const mine = results.filter((level) => level.path === path);
    if (database === undefined || mine.length === 0) return [];
    const least = mine.reduce((best, level) => (level.runtimeCpuMs < best.runtimeCpuMs ? level : best));
    const perReferral = least.runtimeCpuMs + database;
    const workerdOnly = least.workerdCpuMs + database;
    return [
      `| ${path} | ${least.runtimeCpuMs.toFixed(1)} (workerd ${least.workerdCpuMs.toFixed(1)}) | ${database.toFixed(1)} | **${perReferral.toFixed(1)}** | **${Math.round((cores * 1000) / perReferral)}** (${Math.round((cores * 1000) / workerdOnly)} without wrangler's dev server) |`,
    ];
  });
  if (lines.length === 0) return [];
  return [
    `CPU per referral, and what ${cores} cores could take with nothing else running (the load generator left out, as it would run elsewhere). The runtime's CPU is wrangler's and workerd's per request handled, the least of the levels; PostgreSQL's is measured one request at a time on the backend that request uses: a new one (the request's, which then sends its emails) without a pooler, started and compiled each time (starting and ending the processes not counted), or a warm one through a pooler.`,
    '',
    '| path | wrangler + workerd ms | PostgreSQL ms | total ms | referrals/s the cores could take |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...lines,
    '',
  ];
}

const body = [
  `POST /api/referrals (JSON, signed in) on \`wrangler pages dev\` (workerd behind wrangler's development proxy; ${production ? 'the functions bundled as `wrangler pages deploy` bundles them, NODE_ENV=production' : "wrangler's own development bundle"}), and on \`workerd serve\` alone running the output of \`wrangler pages functions build\` (scripts/processes.ts, serveBuiltFunctions: nearest to Cloudflare) → ${serverVersion} on this machine (max_connections ${maxConnections}), a fresh database. Each request opens its own database connection, as Workers must, and sends its emails on it after the response: once straight to PostgreSQL, and once through a transaction pooler (Debian's PgBouncer in transaction mode, test/support/pgbouncer.ts, ${poolSize} server connections), as on Supabase (its pooler on port 6543). ${seconds} s per level; each request a new person from its own address, from ${professionals} signed-in professionals in turn; emails after each response to the loopback Resend stand-in. autocannon, wrangler, PostgreSQL and the stand-in share the machine's ${cpus().length} cores; load average (1 min) before and after: ${loadBefore.toFixed(1)} and ${loadavg()[0]!.toFixed(1)}. Latency is measured per request by the load generator.`,
  '',
  '| connections | database path | referrals/s | p50 ms | p95 ms | p99 ms | 201 answers | other answers | straight to PostgreSQL, same number, 8 connections (/s) | functions ÷ PostgreSQL |',
  '| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |',
  ...rows,
  '',
  '| goal | figure | result |',
  '| --- | --- | --- |',
  `| straight to PostgreSQL: 1,000 referrals/s | ${bestDirect.toFixed(0)}/s (best run; see also the Database section) | ${verdict(bestDirect >= goals.directPerSecond)} |`,
  ...goalRows,
  `| exactly one referral per 201, two outbox rows each, no reference twice | see below | ${verdict(integrityHolds)} |`,
  '',
  ...capacity(),
  ...(cold
    ? [
        `Why a new connection per request costs so much: PostgreSQL starts a new backend, which compiles each PL/pgSQL function on its first call. On a new connection: connecting ${ms(cold.connect)} ms, the first \`submit_referral\` ${ms(cold.first)} ms, a second on the same connection ${ms(cold.second)} ms (means of 10).`,
        '',
      ]
    : []),
  'The database afterwards, per run:',
  '',
  '| connections | database path | 201 answers | referrals with those references | with exactly two outbox rows | references twice | referrals whose answer was cut off when the load stopped | referrals not explained |',
  '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...checks,
].join('\n');
console.log(body);
// The settings this run was given, so the command beside the figures is the one that made them.
const given = ['BENCH_SECONDS', 'BENCH_CONNECTIONS', 'BENCH_PATHS', 'BENCH_BUILD'].filter((name) => process.env[name]).map((name) => `${name}=${process.env[name]}`);
await writeBenchmarkSection('Submissions', `${given.length ? `${given.join(' ')} ` : ''}npm run bench:submissions`, body);
if (!integrityHolds) process.exit(1);
