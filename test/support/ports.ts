import { createServer } from 'node:net';

/**
 * The loopback ports of each test suite that starts a server which binds late (wrangler
 * takes seconds to start). Each suite has a range of its own, so two files running at
 * once never race for one free port, and every range is below the system's ephemeral
 * range (32768–60999 on Linux), from which it picks the local port of every outgoing
 * connection and of every listen(0). A fixed port up there was taken now and then by
 * some other test's connection, and wrangler exited with "address in use": CI's run at
 * stop 23 failed so.
 */
export const portRanges = {
  journeys: [31610, 31630],
  browserTests: [31700, 31720],
  overWrangler: [31830, 31850],
  clientAddress: [31850, 31870],
  /** test/unit/ports.test.ts's own, so its probing never takes a port a server is about to bind. */
  portsCheck: [31900, 31910],
} as const satisfies Record<string, readonly [number, number]>;

/** A free loopback port in the suite's range [from, to). */
export async function portInRange(suite: keyof typeof portRanges): Promise<number> {
  const [from, to] = portRanges[suite];
  for (let port = from; port < to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port in ${from}–${to - 1} (${suite})`);
}
