// `npm start`'s front door: the rate limits key each caller by CF-Connecting-IP
// (src/server/http/security.ts). On Cloudflare the edge writes that header itself, over
// whatever the caller sent. `wrangler pages dev` keeps a caller's own CF-Connecting-IP
// (miniflare sets it only when it is missing), so anyone could pick their own key and
// never be limited. So `npm start` puts this proxy in front of wrangler: it writes the
// connection's own address into the header, and believes a header already there only
// from the addresses named in TRUSTED_PROXIES (a reverse proxy in front of npm start).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createProxyServer } from 'http-proxy-3';

/** TRUSTED_PROXIES: comma-separated addresses whose CF-Connecting-IP is believed. */
export function readTrustedProxies(value: string | undefined): Set<string> {
  return new Set((value ?? '').split(',').map((address) => plainAddress(address.trim())).filter(Boolean));
}

/** Node gives IPv4 callers of a dual-stack socket as ::ffff:a.b.c.d. */
function plainAddress(address: string): string {
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
}

/** The caller's address: the connection's own, or the header a trusted proxy wrote. */
export function callerAddress(request: IncomingMessage, trustedProxies: Set<string>): string {
  const connection = plainAddress(request.socket.remoteAddress ?? '');
  const claimed = request.headers['cf-connecting-ip'];
  if (trustedProxies.has(connection) && typeof claimed === 'string' && claimed.trim() !== '') return claimed.trim();
  return connection;
}

export interface FrontDoor {
  url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:`port` and passes every request to `upstream` with CF-Connecting-IP set. */
export async function serveFrontDoor(options: { port: number; upstream: string; trustedProxies: Set<string> }): Promise<FrontDoor> {
  const proxy = createProxyServer({ target: options.upstream });
  proxy.on('proxyReq', (upstreamRequest, request) => {
    upstreamRequest.setHeader('cf-connecting-ip', callerAddress(request, options.trustedProxies));
  });
  proxy.on('error', (_error, _request, response) => {
    // Wrangler restarting or gone: say so plainly rather than hang the browser.
    if ('writeHead' in response && !response.headersSent) {
      response.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('The site is not answering: see the terminal running npm start.');
    }
  });
  const server: Server = createServer((request, response) => void proxy.web(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${options.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
