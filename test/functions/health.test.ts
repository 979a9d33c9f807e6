// GET /api/health: healthy over a real database; unavailable, quickly, without one.
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { checkHealth } from '../../src/server/routes/health.ts';
import { databaseTargets, useDatabase } from '../support/database.ts';

for (const target of databaseTargets()) {
  describe(`health on ${target.name}`, () => {
    const db = useDatabase(target);
    it('answers 200 ok after a real query', async () => {
      const response = await checkHealth({ DATABASE_URL: db.url });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
    });
  });
}

describe('health without a database', () => {
  it('answers 503 unavailable when nothing listens at the address', async () => {
    const response = await checkHealth({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres' });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', database: 'unavailable' });
  });

  it('answers 503 within 5 seconds when the database accepts connections but never answers', async () => {
    // A server that takes the connection and then says nothing: the worst case, a hung database.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const started = Date.now();
    const response = await checkHealth({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres` });
    const elapsed = Date.now() - started;
    silent.close();
    expect(response.status).toBe(503);
    expect(elapsed).toBeLessThan(5000);
  });

  it('answers 503 when no database is configured', async () => {
    expect((await checkHealth({})).status).toBe(503);
  });
});
