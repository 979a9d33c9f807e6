// The test suites' own ports (test/support/ports.ts): outside the range the system picks
// ports from for other connections, and never shared between two suites.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { portInRange, portRanges } from '../support/ports.ts';

/** The system's ephemeral range; Linux's default where /proc does not say. */
function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return [low!, high!];
  } catch {
    return [32768, 60999];
  }
}

describe('the test suites’ ports', () => {
  it('lie outside the ephemeral range, where another test’s connection could take one', () => {
    const [low, high] = ephemeralRange();
    for (const [suite, [from, to]] of Object.entries(portRanges)) {
      expect(to - 1 < low || from > high, `${suite}: ${from}–${to - 1} against ${low}–${high}`).toBe(true);
    }
  });

  it('do not overlap between suites', () => {
    const ranges = Object.values(portRanges).toSorted((a, b) => a[0] - b[0]);
    for (let index = 1; index < ranges.length; index++) expect(ranges[index]![0]).toBeGreaterThanOrEqual(ranges[index - 1]![1]);
  });

  it('skip a port that is taken', async () => {
    const first = await portInRange('portsCheck');
    const taken: Server = createServer();
    await new Promise<void>((resolve, reject) => {
      taken.once('error', reject);
      taken.listen(first, '127.0.0.1', resolve);
    });
    try {
      expect(await portInRange('portsCheck')).toBeGreaterThan(first);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
