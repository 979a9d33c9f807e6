// A loopback TCP proxy between the code under test and its database, so a test can
// make the database go away without stopping it:
//   const proxy = await startTcpProxy(db.url);   // proxy.url: the same database, through the proxy
//   proxy.cut()       // resets every open connection and every new one (the server is gone)
//   proxy.silence()   // holds every connection open but passes nothing on (a hung server)
//   proxy.restore()   // passes connections through again
// Restoring drops the connections that were silenced: what they had half-sent is lost,
// as it would be when a real network path comes back.
import { connect, createServer, type Socket } from 'node:net';

export type ProxyState = 'open' | 'cut' | 'silent';

export interface TcpProxy {
  /** The target's address with the proxy's host and port in it. */
  url: string;
  port: number;
  readonly state: ProxyState;
  /** Connections accepted so far, in any state. */
  readonly accepted: number;
  /** Connections passing bytes now (the client has not closed them). */
  readonly open: number;
  cut(): void;
  silence(): void;
  restore(): void;
  stop(): Promise<void>;
}

interface Pair {
  client: Socket;
  server: Socket | undefined;
}

export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const targetHost = target.hostname;
  const targetPort = Number(target.port || 5432);
  let state: ProxyState = 'open';
  let accepted = 0;
  const open = new Set<Pair>();
  const silenced = new Set<Socket>();

  const destroy = (pair: Pair) => {
    open.delete(pair);
    // A reset, not a polite close: the client sees the connection die under it.
    if (!pair.client.destroyed) pair.client.resetAndDestroy();
    if (pair.server && !pair.server.destroyed) pair.server.destroy();
  };

  const hold = (client: Socket) => {
    // Read and drop everything: the client's writes succeed and nothing ever answers.
    silenced.add(client);
    client.on('data', () => {});
    client.on('error', () => {});
    client.on('close', () => silenced.delete(client));
  };

  const server = createServer((client) => {
    accepted++;
    client.on('error', () => {});
    if (state === 'cut') {
      client.resetAndDestroy();
      return;
    }
    if (state === 'silent') {
      hold(client);
      return;
    }
    const pair: Pair = { client, server: undefined };
    open.add(pair);
    const upstream = connect(targetPort, targetHost);
    pair.server = upstream;
    upstream.on('error', () => destroy(pair));
    upstream.on('close', () => destroy(pair));
    client.on('close', () => destroy(pair));
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  return {
    url: url.toString(),
    port,
    get state() {
      return state;
    },
    get accepted() {
      return accepted;
    },
    get open() {
      return open.size;
    },
    cut() {
      state = 'cut';
      for (const pair of [...open]) destroy(pair);
      for (const client of [...silenced]) client.resetAndDestroy();
    },
    silence() {
      state = 'silent';
      for (const pair of [...open]) {
        open.delete(pair);
        // Stop passing bytes either way; the database side is let go (it sees the client leave).
        pair.client.unpipe(pair.server!);
        pair.server!.unpipe(pair.client);
        pair.client.removeAllListeners('close');
        pair.server!.removeAllListeners('close');
        pair.server!.on('error', () => {});
        pair.server!.destroy();
        hold(pair.client);
      }
    },
    restore() {
      for (const client of [...silenced]) client.resetAndDestroy();
      state = 'open';
    },
    async stop() {
      state = 'cut';
      for (const pair of [...open]) destroy(pair);
      for (const client of [...silenced]) client.resetAndDestroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
