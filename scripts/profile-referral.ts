// `npm run profile:referral`: where workerd's milliseconds go on a referral.
//
// Serves the functions with `wrangler pages dev --inspector-port` on a fresh database on
// the local PostgreSQL server, through PgBouncer in transaction mode (as bench:submissions),
// with emails to the loopback Resend stand-in. Signs professionals in through the site,
// warms the runtime, then takes a CPU profile of the worker (the Chrome DevTools
// protocol's Profiler, over the inspector's WebSocket) while autocannon posts referrals
// at PROFILE_CONNECTIONS (10) for PROFILE_SECONDS (20). Prints the worker's sampled CPU
// per referral, the modules of the bundle by self time (esbuild names each module in a
// comment, so each sampled line is put under the module it came from), and the top
// functions by self time. The profile itself is kept (PROFILE_OUT, a .cpuprofile that
// Chromium's DevTools opens). `-- --write` puts the tables in BENCHMARKS.md.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import autocannon from 'autocannon';
import { startPgBouncer, type PgBouncer } from '../test/support/pgbouncer.ts';
import { uniqueReferral } from '../test/support/unique-referrals.ts';
import { signInThroughSite, visitorAddress, type Session } from './bench-sessions.ts';
import { writeBenchmarkSection } from './benchmarks-file.ts';
import { applyMigrations, connect, createScratchDatabase, projectRoot } from './database.ts';
import { freePort, serveBuiltFunctions, serveSite, stopGroup } from './processes.ts';

const seconds = Number(process.env.PROFILE_SECONDS ?? 20);
const connections = Number(process.env.PROFILE_CONNECTIONS ?? 10);
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const out = process.env.PROFILE_OUT ?? join(tmpdir(), `referral-${Date.now()}.cpuprofile`);
const teamEmail = 'dsr.team@example.nhs.net';
/**
 * PROFILE_RUNTIME=workerd (the default): the built functions served by workerd alone
 * (scripts/processes.ts, serveBuiltFunctions); =wrangler: under `wrangler pages dev`,
 * with the production bundle unless PROFILE_BUILD=development (the bundle
 * `wrangler pages dev` makes by itself, with React's development build).
 */
const runtime = process.env.PROFILE_RUNTIME === 'wrangler' ? 'wrangler' : 'workerd';
const production = runtime === 'workerd' || process.env.PROFILE_BUILD !== 'development';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; scriptId: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A minimal Chrome DevTools protocol client over Node's own WebSocket. */
async function inspector(port: number) {
  let targets: { webSocketDebuggerUrl?: string; title?: string }[] = [];
  for (let attempt = 0; attempt < 50 && targets.length === 0; attempt++) {
    targets = await fetch(`http://127.0.0.1:${port}/json`).then((r) => r.json() as Promise<typeof targets>, () => []);
    if (targets.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // wrangler lists the user worker first, and its own internal workers after it.
  const target = targets.find((t) => t.webSocketDebuggerUrl && !/^(core:|__WRANGLER)/.test(t.title ?? '')) ?? targets[0];
  if (!target?.webSocketDebuggerUrl) throw new Error(`No worker at the inspector on port ${port}: ${JSON.stringify(targets)}`);
  // wrangler's inspector proxy wants an Origin it knows (Node's WebSocket sends none by itself).
  const socket = new WebSocket(target.webSocketDebuggerUrl, { headers: { origin: 'http://localhost' } } as never);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const scripts = new Map<string, string>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: { scriptId: string; url: string } };
    if (message.method === 'Debugger.scriptParsed') scripts.set(message.params!.scriptId, message.params!.url);
    if (message.id === undefined) return;
    const entry = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error) entry?.reject(new Error(message.error.message));
    else entry?.resolve(message.result);
  });
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  return { send, scripts, title: target.title, close: () => socket.close() };
}

/** For each line of a bundle, the module esbuild put there (its `// path` comment above it). */
function moduleOfLines(source: string, url: string): string[] {
  const modules: string[] = [];
  // Before the first module: esbuild's helpers (__name and the like); a script that is not the bundle is its own module.
  let current = /^(node-internal|cloudflare|node):/.test(url) ? url : '(esbuild helpers)';
  for (const line of source.split('\n')) {
    const named = /^\/\/ (\S+\.(?:[cm]?[jt]sx?|json))$/.exec(line);
    if (named) current = named[1]!.replace(/^.*node_modules\//, 'node_modules/').replace(/^(\.\.\/)+/, '');
    modules.push(current);
  }
  return modules;
}

/** Puts a module under one of the phases of a referral. */
function phaseOf(module: string, functionName: string): string {
  if (module === '(esbuild helpers)') return "esbuild's helpers (__name: wrangler keeps functions' names)";
  if (/^(node-internal|node):/.test(module)) return "workerd's Node.js compatibility (Buffer, events, timers)";
  if (/^cloudflare:/.test(module)) return 'cloudflare:sockets';
  if (/templates\/(pages-template-worker|middleware)/.test(module)) return "wrangler's Pages routing template";
  if (module === '(native)') return functionName === '(garbage collector)' ? 'garbage collection' : `runtime: ${functionName}`;
  if (/node_modules\/zod\//.test(module)) return 'zod (validation)';
  if (/node_modules\/postgres\//.test(module)) return 'postgres.js (protocol)';
  if (/node_modules\/(resend|@react-email|react-email)\//.test(module) || /node_modules\/resend/.test(module)) return 'Resend SDK';
  if (/node_modules\/(react|react-dom|scheduler)\//.test(module)) return 'React (email drawing)';
  if (/src\/server\/emails\/|src\/emails\//.test(module)) return 'email templates (site code)';
  if (/src\/forms\//.test(module)) return 'form reading and validation (site code)';
  if (/src\/server\/platform\/database/.test(module)) return 'database calls (site code)';
  if (/src\/server\//.test(module) || /^functions\//.test(module)) return 'request handling (site code)';
  if (/node_modules\//.test(module)) return `other libraries: ${module.split('/').slice(1, module.startsWith('node_modules/@') ? 3 : 2).join('/')}`;
  return module;
}

const loadBefore = loadavg()[0]!;
const database = await createScratchDatabase(serverUrl, `dsr_profile_referral_${process.pid}`);
const resendPort = await freePort();
const resend = spawn(process.execPath, [join(projectRoot, 'test/support/resend-stand-in.ts'), String(resendPort)], { stdio: 'ignore', detached: true });
const siteDir = await mkdtemp(join(tmpdir(), 'dsr-profile-site-'));
let pooler: PgBouncer | undefined;
let server: Awaited<ReturnType<typeof serveSite>> | undefined;
try {
  await applyMigrations(database.url);
  const sql = connect(database.url, 4);
  pooler = await startPgBouncer(database.url, { poolSize: 10, maxClientConnections: 200 });
  await writeFile(join(siteDir, 'index.html'), '<!doctype html><title>profile</title>');
  const port = await freePort();
  const inspectorPort = await freePort();
  const output: string[] = [];
  const bindings = {
    DATABASE_URL: pooler.url,
    SITE_URL: `http://127.0.0.1:${port}`,
    DSR_TEAM_EMAIL: teamEmail,
    RESEND_API_KEY: 're_profile_key',
    RESEND_BASE_URL: `http://127.0.0.1:${resendPort}`,
  };
  const onOutput = (text: string) => output.push(text);
  server =
    runtime === 'workerd'
      ? await serveBuiltFunctions({ port, bindings, inspectorPort, onOutput })
      : await serveSite({ dir: siteDir, port, bindings, production, extraArgs: ['--inspector-port', String(inspectorPort)], onOutput });
  const sessions: Session[] = [];
  for (let i = 0; i < 50; i++) sessions.push(await signInThroughSite(sql, server.url));
  let next = 0;
  let accepted = 0;
  const others = new Map<number, number>();
  const post = (duration: number) =>
    autocannon({
      url: server!.url,
      connections,
      duration,
      timeout: 20,
      requests: [
        {
          method: 'POST',
          path: '/api/referrals',
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify(uniqueReferral()),
            headers: {
              'content-type': 'application/json',
              accept: 'application/json',
              origin: server!.url,
              cookie: sessions[next++ % sessions.length]!.cookie,
              'cf-connecting-ip': visitorAddress(),
            },
          }),
          onResponse: (status) => {
            if (status === 201) accepted++;
            else others.set(status, (others.get(status) ?? 0) + 1);
          },
        },
      ],
    });
  await post(5); // warm: compilation, first connections
  await new Promise((resolve) => setTimeout(resolve, 3000)); // emails after the warm-up's responses
  const client = await inspector(inspectorPort);
  await client.send('Debugger.enable');
  await client.send('Profiler.enable');
  await client.send('Profiler.setSamplingInterval', { interval: 200 });
  const before = (await sql<{ n: number }[]>`select count(*)::int as n from private.referrals`)[0]!.n;
  accepted = 0;
  others.clear();
  output.length = 0;
  await client.send('Profiler.start');
  const run = await post(seconds);
  await new Promise((resolve) => setTimeout(resolve, 3000)); // the last responses' emails
  const { profile } = await client.send<{ profile: Profile }>('Profiler.stop');
  const after = (await sql<{ n: number }[]>`select count(*)::int as n from private.referrals`)[0]!.n;
  const sent = (await sql<{ n: number }[]>`select count(*)::int as n from private.outbox where status = 'sent'`)[0]!.n;
  await writeFile(out, JSON.stringify(profile));

  const sources = new Map<string, string[]>();
  for (const node of profile.nodes) {
    const id = node.callFrame.scriptId;
    if (id && id !== '0' && !sources.has(id)) {
      // The bundle wrangler wrote (under .wrangler/tmp while it runs), or the source the runtime holds.
      const url = node.callFrame.url;
      const onDisk = url && !url.startsWith('(') ? await readFile(isAbsolute(url) ? url : join(projectRoot, url), 'utf8').catch(() => undefined) : undefined;
      const scriptSource =
        onDisk ??
        (await client.send<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId: id }).then(
          (result) => result.scriptSource,
          (error: Error) => {
            console.warn(`No source for script ${id} (${url}): ${error.message}`);
            return '';
          },
        ));
      sources.set(id, moduleOfLines(scriptSource, url));
    }
  }
  client.close();

  // Self time of each node from the samples and their time deltas (µs).
  const selfUs = new Map<number, number>();
  profile.samples.forEach((nodeId, index) => selfUs.set(nodeId, (selfUs.get(nodeId) ?? 0) + (profile.timeDeltas[index + 1] ?? 0)));
  const byPhase = new Map<string, number>();
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busyUs = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    const { functionName, scriptId, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    busyUs += us;
    const module = scriptId && scriptId !== '0' ? (sources.get(scriptId)?.[lineNumber] ?? url) : '(native)';
    const phase = phaseOf(module, functionName);
    byPhase.set(phase, (byPhase.get(phase) ?? 0) + us);
    byModule.set(module === '(native)' ? functionName : module, (byModule.get(module === '(native)' ? functionName : module) ?? 0) + us);
    const label = `${functionName || '(anonymous)'} ${module === '(native)' ? '' : `${module}:${lineNumber + 1}`}`.trim();
    byFunction.set(label, (byFunction.get(label) ?? 0) + us);
  }
  const referrals = after - before;
  const perReferral = (us: number) => us / 1000 / Math.max(referrals, 1);
  const table = (map: Map<string, number>, limit: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, us]) => `| ${name} | ${perReferral(us).toFixed(3)} | ${((us / busyUs) * 100).toFixed(1)}% |`);
  const wallUs = profile.endTime - profile.startTime;
  const body = [
      `Worker: ${client.title} under ${runtime === 'workerd' ? 'workerd alone' : '`wrangler pages dev`'}, ${production ? 'production' : 'development'} bundle; ${connections} connections for ${seconds} s; ${run.requests.total} requests, ${accepted} answered 201; ${referrals} referrals kept, ${sent} emails marked sent; load average (1 min) before and after: ${loadBefore.toFixed(1)} and ${loadavg()[0]!.toFixed(1)}.`,
      ...(others.size
        ? [
            `Other answers: ${[...others].map(([status, count]) => `${count}×${status}`).join(', ')}; the functions' log said: ${
              [...output.join('').matchAll(/"event":"(database_unavailable|error|rate_limited)"[^}]*}/g)]
                .map((match) => `${match[1]} ${/"reason":"([^"]+)"/.exec(match[0])?.[1] ?? ''}`.trim())
                .reduce((counts, key) => counts.set(key, (counts.get(key) ?? 0) + 1), new Map<string, number>())
                .entries()
                .toArray()
                .map(([key, count]) => `${count}× ${key}`)
                .join(', ') || 'nothing'
            }.`,
          ]
        : []),
      `Sampled on the worker's thread: ${(busyUs / 1000).toFixed(0)} ms busy of ${(wallUs / 1000).toFixed(0)} ms, **${perReferral(busyUs).toFixed(2)} ms per referral** (sampling every 200 µs). Profile: ${out}`,
      '',
      '| phase | ms per referral | share of busy |',
      '| --- | ---: | ---: |',
      ...table(byPhase, 20),
      '',
      '| module | ms per referral | share of busy |',
      '| --- | ---: | ---: |',
      ...table(byModule, 25),
      '',
      '| function (self time) | ms per referral | share of busy |',
      '| --- | ---: | ---: |',
      ...table(byFunction, 30),
    ].join('\n');
  console.log(body);
  if (process.argv.includes('--write')) {
    const settings = [`PROFILE_RUNTIME=${runtime}`, ...(runtime === 'wrangler' ? [`PROFILE_BUILD=${production ? 'production' : 'development'}`] : []), ...(seconds !== 20 ? [`PROFILE_SECONDS=${seconds}`] : [])];
    await writeBenchmarkSection(`A referral in workerd (profile, ${runtime === 'workerd' ? 'workerd alone' : 'wrangler pages dev'})`, `${settings.join(' ')} npm run profile:referral -- --write`, body);
  }
  await sql.end();
} finally {
  await server?.stop();
  await pooler?.stop();
  await stopGroup(resend);
  await rm(siteDir, { recursive: true, force: true });
  await database.drop();
}
