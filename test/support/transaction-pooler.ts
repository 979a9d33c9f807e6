// A small PostgreSQL connection pooler in transaction mode, for measuring the functions
// the way they run on Supabase (its pooler on port 6543): each request still opens its
// own connection, but to the pooler, which lends it one of a few long-lived server
// connections for as long as a statement or transaction lasts. Server backends stay
// warm (started, catalogues and PL/pgSQL functions compiled) between requests.
//   const pooler = await startTransactionPooler(databaseUrl, { size: 10 });
//   pooler.url   // give this to the functions as DATABASE_URL
// Only what the functions use: trust authentication, no TLS, the simple and extended
// query protocols, no session state kept between transactions (prepare: false). A
// client that leaves mid-transaction has its server connection closed and replaced.
import { connect, createServer, type Socket } from 'node:net';

const sslRequestCode = 80877103;
const cancelRequestCode = 80877102;

/** Splits a stream of typed protocol messages (type byte, int32 length, body). */
class MessageReader {
  private buffer: Buffer = Buffer.alloc(0);
  push(chunk: Buffer): { type: string; raw: Buffer; body: Buffer }[] {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const messages = [];
    while (this.buffer.length >= 5) {
      const length = this.buffer.readInt32BE(1);
      if (this.buffer.length < 1 + length) break;
      const raw = this.buffer.subarray(0, 1 + length);
      messages.push({ type: String.fromCharCode(raw[0]!), raw, body: raw.subarray(5) });
      this.buffer = this.buffer.subarray(1 + length);
    }
    return messages;
  }
}

const message = (type: string, body: Buffer) => {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
};

interface ServerConnection {
  socket: Socket;
  reader: MessageReader;
  /** Statements sent (Query or Sync) whose ReadyForQuery has not come back. */
  outstanding: number;
  onMessage: ((type: string, raw: Buffer, body: Buffer) => void) | undefined;
}

async function openServerConnection(host: string, port: number, user: string, database: string, parameters: Buffer[]): Promise<ServerConnection> {
  const socket = connect(port, host);
  socket.setNoDelay(true);
  const connection: ServerConnection = { socket, reader: new MessageReader(), outstanding: 0, onMessage: undefined };
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('connect', () => {
      const fields = Buffer.from(`user\0${user}\0database\0${database}\0\0`, 'utf8');
      const startup = Buffer.alloc(8);
      startup.writeInt32BE(8 + fields.length, 0);
      startup.writeInt32BE(196608, 4);
      socket.write(Buffer.concat([startup, fields]));
    });
    socket.on('data', function starting(chunk: Buffer) {
      for (const { type, raw, body } of connection.reader.push(chunk)) {
        if (type === 'R' && body.readInt32BE(0) !== 0) return reject(new Error('The pooler supports trust authentication only'));
        if (type === 'E') return reject(new Error(`The database refused the pooler: ${body.toString('utf8')}`));
        if (type === 'S' && parameters.length < 20) parameters.push(raw);
        if (type === 'Z') {
          socket.off('data', starting);
          socket.off('error', reject);
          socket.on('data', (data: Buffer) => {
            for (const next of connection.reader.push(data)) connection.onMessage?.(next.type, next.raw, next.body);
          });
          resolve();
        }
      }
    });
  });
  return connection;
}

export interface TransactionPooler {
  url: string;
  /** Transactions served, and the most clients that waited for a server connection at once. */
  stats: { transactions: number; mostWaiting: number; replaced: number };
  stop(): Promise<void>;
}

export async function startTransactionPooler(targetUrl: string, options: { size: number; port?: number }): Promise<TransactionPooler> {
  const target = new URL(targetUrl);
  const host = target.hostname;
  const port = Number(target.port || 5432);
  const user = decodeURIComponent(target.username || 'postgres');
  const database = decodeURIComponent(target.pathname.slice(1) || 'postgres');
  const parameters: Buffer[] = [];
  const open = () => openServerConnection(host, port, user, database, parameters);

  const idle: ServerConnection[] = [];
  const all = new Set<ServerConnection>();
  const waiting: ((connection: ServerConnection) => void)[] = [];
  const stats = { transactions: 0, mostWaiting: 0, replaced: 0 };
  const clients = new Set<Socket>();
  let stopping = false;

  for (let i = 0; i < options.size; i++) {
    const connection = await open();
    all.add(connection);
    idle.push(connection);
  }

  const release = (connection: ServerConnection) => {
    connection.onMessage = undefined;
    const next = waiting.shift();
    if (next) next(connection);
    else idle.push(connection);
  };
  const acquire = () =>
    new Promise<ServerConnection>((resolve) => {
      const connection = idle.pop();
      if (connection) return resolve(connection);
      waiting.push(resolve);
      stats.mostWaiting = Math.max(stats.mostWaiting, waiting.length);
    });
  /** A server connection in an unknown state (its client left mid-statement) is closed; a new one takes its place. */
  const replace = (connection: ServerConnection) => {
    all.delete(connection);
    connection.socket.destroy();
    stats.replaced++;
    if (stopping) return;
    void open().then(
      (fresh) => {
        all.add(fresh);
        release(fresh);
      },
      () => {},
    );
  };

  const server = createServer((client) => {
    clients.add(client);
    client.setNoDelay(true);
    let started = false;
    let startupBuffer = Buffer.alloc(0);
    const reader = new MessageReader();
    let lent: ServerConnection | undefined;
    let borrowing = false;
    let queued: Buffer[] = [];
    let queuedStatements = 0;
    let closed = false;

    const leave = () => {
      if (closed) return;
      closed = true;
      clients.delete(client);
      if (lent) {
        const connection = lent;
        lent = undefined;
        if (connection.outstanding === 0) release(connection);
        else replace(connection);
      }
    };
    client.on('close', leave);
    client.on('error', leave);

    const flush = () => {
      const connection = lent!;
      connection.outstanding += queuedStatements;
      queuedStatements = 0;
      for (const bytes of queued) connection.socket.write(bytes);
      queued = [];
    };
    /** Sends a client message on the server connection lent to it, borrowing one first if need be. */
    const send = (raw: Buffer, endsStatement: boolean) => {
      queued.push(raw);
      if (endsStatement) queuedStatements++;
      if (lent) return flush();
      if (borrowing) return;
      borrowing = true;
      void acquire().then((connection) => {
        borrowing = false;
        if (closed) return release(connection);
        lent = connection;
        connection.outstanding = 0;
        connection.onMessage = (type, serverRaw, body) => {
          if (!closed) client.write(serverRaw);
          if (type !== 'Z') return;
          connection.outstanding--;
          // Back to the pool at the end of a transaction, once every statement sent has been answered.
          if (connection.outstanding === 0 && body[0] === 'I'.charCodeAt(0) && lent === connection) {
            stats.transactions++;
            lent = undefined;
            release(connection);
          }
        };
        flush();
      });
    };

    client.on('data', (chunk: Buffer) => {
      if (!started) {
        startupBuffer = Buffer.concat([startupBuffer, chunk]);
        if (startupBuffer.length < 8) return;
        const length = startupBuffer.readInt32BE(0);
        if (startupBuffer.length < length) return;
        const code = startupBuffer.readInt32BE(4);
        const rest = startupBuffer.subarray(length);
        startupBuffer = Buffer.alloc(0);
        if (code === sslRequestCode) {
          client.write('N');
          if (rest.length) client.emit('data', rest);
          return;
        }
        if (code === cancelRequestCode) return void client.end();
        started = true;
        const key = Buffer.alloc(8);
        key.writeInt32BE(process.pid, 0);
        client.write(Buffer.concat([message('R', Buffer.from([0, 0, 0, 0])), ...parameters, message('K', key), message('Z', Buffer.from('I'))]));
        if (rest.length) chunk = rest;
        else return;
      }
      for (const { type, raw } of reader.push(chunk)) {
        if (type === 'X') {
          client.end();
          return;
        }
        send(raw, type === 'Q' || type === 'S');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const listening = typeof address === 'object' && address ? address.port : 0;
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(listening);

  return {
    url: url.toString(),
    stats,
    async stop() {
      stopping = true;
      for (const client of clients) client.destroy();
      for (const connection of all) connection.socket.end(message('X', Buffer.alloc(0)));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
