// Debian's PgBouncer in transaction mode in front of a PostgreSQL database, for tests and
// benchmarks that must see the functions the way they run on Supabase (its transaction
// pooler on port 6543): each request opens its own connection, to the pooler, which lends
// it one of a few long-lived server connections for as long as a transaction lasts.
//   const pooler = await startPgBouncer(databaseUrl, { poolSize: 10 });
//   pooler.url   // give this to the functions as DATABASE_URL
//   await pooler.stop();
// The local server trusts loopback connections, so PgBouncer accepts any client
// (auth_type any) and logs in to PostgreSQL as the URL's user.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from '../../scripts/processes.ts';

export interface PgBouncer {
  /** The same database, through the pooler. */
  url: string;
  stop(): Promise<void>;
}

/** The pgbouncer program: on PATH, or where Debian's package puts it. */
function findPgBouncer(): string {
  const places = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/sbin', '/usr/local/sbin'];
  for (const place of places) {
    const candidate = join(place, 'pgbouncer');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error('PgBouncer is not installed: install the Debian package "pgbouncer" (apt-get install pgbouncer), which .ci/run does.');
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;

export async function startPgBouncer(databaseUrl: string, options: { poolSize?: number; maxClientConnections?: number } = {}): Promise<PgBouncer> {
  const program = findPgBouncer();
  const target = new URL(databaseUrl);
  const user = decodeURIComponent(target.username || 'postgres');
  const database = decodeURIComponent(target.pathname.slice(1) || 'postgres');
  const serverHost = target.hostname.replace(/^\[(.*)\]$/, '$1');
  const serverPort = Number(target.port || 5432);
  const password = decodeURIComponent(target.password || '');
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`startPgBouncer takes a database name of letters, digits and underscores, not "${database}".`);

  const directory = mkdtempSync(join(tmpdir(), 'dsr-pgbouncer-'));
  // PgBouncer will not run as root; started by root it switches to the postgres user, who must read the files.
  const asRoot = userInfo().uid === 0;
  if (asRoot) chmodSync(directory, 0o755);

  const serverConnection = [`host=${serverHost}`, `port=${serverPort}`, `dbname=${quote(database)}`, `user=${quote(user)}`, ...(password ? [`password=${quote(password)}`] : [])].join(' ');
  const userlist = join(directory, 'userlist.txt');
  writeFileSync(userlist, `"${user.replaceAll('"', '""')}" ""\n`, { mode: 0o644 });

  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const ini = join(directory, 'pgbouncer.ini');
    writeFileSync(
      ini,
      [
        '[databases]',
        `${database} = ${serverConnection}`,
        '',
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${port}`,
        'unix_socket_dir =',
        'auth_type = any',
        `auth_file = ${userlist}`,
        'pool_mode = transaction',
        `default_pool_size = ${options.poolSize ?? 10}`,
        'min_pool_size = 0',
        'reserve_pool_size = 0',
        `max_client_conn = ${options.maxClientConnections ?? 500}`,
        // postgres.js and psql may send these; PgBouncer would otherwise refuse the client.
        'ignore_startup_parameters = extra_float_digits,options,search_path',
        'server_reset_query =',
        'log_connections = 0',
        'log_disconnections = 0',
        'log_pooler_errors = 1',
        ...(asRoot ? ['user = postgres'] : []),
        '',
      ].join('\n'),
      { mode: 0o644 },
    );

    const child: ChildProcess = spawn(program, [ini], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let gone = false;
    void exited.then(() => (gone = true));

    const started = Date.now();
    let ready = false;
    while (!gone && Date.now() - started < 10_000) {
      if (await canConnect(port)) {
        ready = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (ready && !gone) {
      const url = new URL(databaseUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return {
        url: url.toString(),
        async stop() {
          if (!gone) {
            // SIGINT would wait for clients to finish; SIGTERM closes them and exits.
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
            await exited;
            clearTimeout(timer);
          }
          rmSync(directory, { recursive: true, force: true });
        },
      };
    }
    if (!gone) child.kill('SIGKILL');
    await exited;
    lastError = new Error(`PgBouncer did not start: ${output.trim().split('\n').slice(-3).join(' | ') || 'no output'}`);
    // A port taken between finding it free and PgBouncer binding it: try another.
    if (!/bind|address already in use/i.test(output)) break;
  }
  rmSync(directory, { recursive: true, force: true });
  throw lastError;
}
