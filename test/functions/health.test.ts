// GET /api/health: healthy over a real database; unavailable, quickly, without one.
import { basename } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations, listMigrationFiles } from '../../scripts/database.ts';
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

  // Issue 11, finding 10: a database the migrations have not (all) reached is not healthy.
  describe(`health on ${target.name} without the latest migrations`, () => {
    let database: { url: string; drop(): Promise<void> } | undefined;
    afterEach(async () => {
      await database?.drop();
      database = undefined;
    });
    const migrations = listMigrationFiles().map((file) => basename(file, '.sql'));

    for (const appliedCount of [migrations.length - 1, 5, 0]) {
      it(`answers 503 and names what is missing with ${appliedCount} of ${migrations.length} applied`, async () => {
        database = await target.create();
        await applyMigrations(database.url, { upTo: appliedCount === 0 ? '' : migrations[appliedCount - 1]! });
        const response = await checkHealth({ DATABASE_URL: database.url });
        expect(response.status).toBe(503);
        expect(await response.json()).toEqual({
          status: 'unavailable',
          database: 'migrations_missing',
          missing: migrations.slice(appliedCount),
          message: `The database is missing ${migrations.length - appliedCount} migration(s): run npm run db:migrate with DATABASE_URL set to it.`,
        });
      }, 60_000);
    }
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
