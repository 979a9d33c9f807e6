// Starting and stopping the servers the project runs: wrangler (and its workerd
// children) in a process group of its own, so one signal stops all of it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './database.ts';

/** Asks the system for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The port a setting names (a BENCH_*_PORT, say), or a free one when it names none. */
export async function portFrom(setting: string | undefined): Promise<number> {
  return setting ? Number(setting) : freePort();
}

const bin = (name: string) => join(projectRoot, 'node_modules', '.bin', name);

/** Runs a project tool to completion, streaming its output; resolves with its exit code. */
export function run(tool: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(tool === 'node' ? process.execPath : bin(tool), args, {
      cwd: projectRoot,
      stdio: 'inherit',
      env: { ASTRO_TELEMETRY_DISABLED: '1', ...process.env, ...env },
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export interface SiteServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Serves a built site and its functions with `wrangler pages dev`, the way
 * Cloudflare Pages runs them, passing `bindings` to the functions as settings.
 */
export async function serveSite(options: {
  dir: string;
  port: number;
  bindings: Record<string, string | undefined>;
  /**
   * Bundle the functions as `wrangler pages deploy` does (NODE_ENV=production: React's
   * production build, which Cloudflare runs), instead of `wrangler pages dev`'s
   * development build. For benchmarks; `npm start` keeps the development build.
   */
  production?: boolean;
  /** More arguments for `wrangler pages dev`, such as `--inspector-port` for profiling. */
  extraArgs?: string[];
  /** Where wrangler's output goes: the terminal for `npm start`, a callback for tests. */
  onOutput?: (text: string) => void;
}): Promise<SiteServer> {
  const args = ['pages', 'dev', options.dir, '--ip', '127.0.0.1', '--port', String(options.port), '--log-level', 'info'];
  for (const [name, value] of Object.entries(options.bindings)) {
    if (value !== undefined && value !== '') args.push('--binding', `${name}=${value}`);
  }
  args.push(...(options.extraArgs ?? []));
  const child = spawn(bin('wrangler'), args, {
    cwd: projectRoot,
    detached: true, // its own process group: workerd dies with it
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', FORCE_COLOR: '0', ...(options.production ? { NODE_ENV: 'production' } : {}) },
  });
  const forward = options.onOutput ?? ((text: string) => process.stdout.write(text));
  child.stdout?.on('data', (chunk: Buffer) => forward(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => forward(chunk.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  const stop = () => stopGroup(child);
  try {
    await waitForHttp(`${url}/`, 60_000, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, child, stop };
}

/** Stops a detached child and everything it started; waits until the group is gone. */
export async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const group = -child.pid;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(group, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(group, 'SIGKILL');
    } catch {}
  }, 3000);
  await exited;
  clearTimeout(timer);
  // workerd may outlive wrangler by a moment; make sure nothing of the group is left.
  try {
    process.kill(group, 'SIGKILL');
  } catch {}
}

async function waitForHttp(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler exited with code ${child.exitCode} before serving ${url}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`Nothing answered at ${url} within ${timeoutMs / 1000} s`);
}

/** The newest modification time of any file under these paths (directories walked). */
export function newestChange(paths: string[]): number {
  let newest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stats = statSync(path);
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else {
      newest = Math.max(newest, stats.mtimeMs);
    }
  };
  paths.forEach(visit);
  return newest;
}

/**
 * The functions as Cloudflare would run them, without wrangler's development proxy:
 * `wrangler pages functions build` bundles them (as `wrangler pages deploy` does: React's
 * production build), and `workerd serve` runs the bundle with a config written here,
 * with the compatibility date and flags of wrangler.toml and `bindings` as text. There
 * are no static assets (the API needs none). `inspectorPort` opens workerd's inspector
 * (for a CPU profile).
 */
export async function serveBuiltFunctions(options: {
  port: number;
  bindings: Record<string, string | undefined>;
  inspectorPort?: number;
  onOutput?: (text: string) => void;
}): Promise<SiteServer> {
  const dir = await mkdtemp(join(tmpdir(), 'dsr-workerd-'));
  const built = await new Promise<number>((resolve) => {
    const child = spawn(bin('wrangler'), ['pages', 'functions', 'build', '--outdir', dir, '--no-minify'], {
      cwd: projectRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', FORCE_COLOR: '0' },
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
  if (built !== 0) throw new Error(`wrangler pages functions build failed (${built})`);
  const toml = readFileSync(join(projectRoot, 'wrangler.toml'), 'utf8');
  const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  const flags = [...(/^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((match) => match[1]!);
  const text = (value: string) => JSON.stringify(value); // a capnp text literal is a JSON string
  const bindings = Object.entries(options.bindings)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([name, value]) => `(name = ${text(name)}, text = ${text(value!)})`);
  await writeFile(
    join(dir, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "functions", worker = .functions),
    # Outbound connections (the database, the mail API) may go to loopback, as on this machine.
    (name = "outbound", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${options.port}", http = (), service = "functions")],
);
const functions :Workerd.Worker = (
  modules = [(name = "index.js", esModule = embed "index.js")],
  compatibilityDate = ${text(compatibilityDate ?? '2026-11-01')},
  compatibilityFlags = [${flags.map(text).join(', ')}],
  bindings = [${bindings.join(', ')}],
  globalOutbound = "outbound",
);
`,
  );
  const args = ['serve', join(dir, 'config.capnp')];
  if (options.inspectorPort) args.push(`--inspector-addr=127.0.0.1:${options.inspectorPort}`);
  const child = spawn(bin('workerd'), args, { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const forward = options.onOutput ?? ((text: string) => process.stdout.write(text));
  child.stdout?.on('data', (chunk: Buffer) => forward(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => forward(chunk.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    await stopGroup(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${url}/api/health`, 60_000, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, child, stop };
}
