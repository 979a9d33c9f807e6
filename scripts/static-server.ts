// A static server for a built site on loopback, as a CDN would serve it (gzip for
// text), counting the bytes it sends for each request: for the browser benchmarks.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { createGzip } from 'node:zlib';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.woff2': 'font/woff2',
  '.xml': 'application/xml', '.txt': 'text/plain', '.wasm': 'application/wasm', '.ico': 'image/x-icon',
};
/** Text is compressed on the way, as Cloudflare does; Pagefind's own files are compressed already. */
const compressible = new Set(['.html', '.js', '.css', '.json', '.svg', '.xml', '.txt']);

export interface Served {
  path: string;
  bytes: number;
}

export function serveStatic(root: string, port: number): Promise<{ server: Server; log: Served[] }> {
  const log: Served[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let file = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root)) return void response.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void response.writeHead(404).end();
    const extension = extname(file);
    const gzip = compressible.has(extension) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    response.writeHead(200, {
      'content-type': types[extension] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    const entry: Served = { path: url.pathname, bytes: 0 };
    log.push(entry);
    const source = createReadStream(file);
    const body = gzip ? source.pipe(createGzip({ level: 6 })) : source;
    body.on('data', (chunk: Buffer) => (entry.bytes += chunk.length));
    body.pipe(response);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, log })));
}
