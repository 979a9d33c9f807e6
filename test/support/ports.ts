import { createServer } from 'node:net';

/**
 * A free loopback port in [from, to). Suites that start wrangler keep a range of their
 * own, so two files running at once never race for the same free port.
 */
export async function portInRange(from: number, to: number): Promise<number> {
  for (let port = from; port < to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port in ${from}–${to - 1}`);
}
