import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, test } from 'node:test';
import { openDatabase } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { parseDatabaseUrl } from '../../src/db/target.js';
import { buildApp } from '../../src/web/app.js';
import { createTestDatabase, engines, withMigratedDatabase } from '../helpers/databases.js';
import { startPgServer } from '../helpers/pg-server.js';

for (const engine of engines) {
  describe(`health endpoints on ${engine}`, () => {
    test('/healthz and /readyz answer 200 on a migrated database', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const app = await buildApp({ handle });
        try {
          const health = await app.inject('/healthz');
          assert.equal(health.statusCode, 200);
          assert.deepEqual(health.json(), { status: 'ok' });
          const ready = await app.inject('/readyz');
          assert.equal(ready.statusCode, 200);
          assert.equal(ready.json().status, 'ready');
          assert.deepEqual(ready.json().checks.migrations, { ok: true, pending: [] });
        } finally {
          await app.close();
        }
      });
    });

    test('/readyz is 503 while migrations are pending', async () => {
      const testDb = await createTestDatabase(engine);
      const handle = testDb.open();
      const app = await buildApp({ handle });
      try {
        const res = await app.inject('/readyz');
        assert.equal(res.statusCode, 503);
        assert.equal(res.json().status, 'not_ready');
        assert.equal(res.json().checks.database.ok, true);
        assert.ok(res.json().checks.migrations.pending.length >= 6);
      } finally {
        await app.close();
        await handle.close();
        await testDb.dispose();
      }
    });

    test('unknown routes get a JSON 404 that names the path', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const app = await buildApp({ handle });
        const res = await app.inject('/nope?x=1');
        assert.equal(res.statusCode, 404);
        assert.match(res.json().message, /GET \/nope$/);
        await app.close();
      });
    });
  });
}

test('/readyz is 503 while PostgreSQL is down and 200 again after it returns', async () => {
  const server = await startPgServer();
  const handle = openDatabase(parseDatabaseUrl(server.adminUrl), { onPoolError: () => {} });
  const app = await buildApp({ handle });
  try {
    await migrateToLatest(handle.db);
    assert.equal((await app.inject('/readyz')).statusCode, 200);
    await server.stop();
    const down = await app.inject('/readyz');
    assert.equal(down.statusCode, 503);
    assert.equal(down.json().checks.database.ok, false);
    assert.equal((await app.inject('/healthz')).statusCode, 200, 'liveness must not depend on the database');
    await server.start();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await app.inject('/readyz')).statusCode;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(status, 200);
  } finally {
    await app.close();
    await handle.close();
    await server.destroy();
  }
});

test('/readyz is 503 when the SQLite file has disappeared', async () => {
  const testDb = await createTestDatabase('sqlite');
  const handle = testDb.open();
  const app = await buildApp({ handle });
  try {
    await migrateToLatest(handle.db);
    assert.equal((await app.inject('/readyz')).statusCode, 200);
    const target = parseDatabaseUrl(testDb.url);
    assert.equal(target.kind, 'sqlite');
    if (target.kind === 'sqlite') rmSync(target.file);
    const res = await app.inject('/readyz');
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().checks.database.ok, false);
  } finally {
    await app.close();
    await handle.close();
    await testDb.dispose();
  }
});
