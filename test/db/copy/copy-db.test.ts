import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CopyError, copyDatabase } from '../../../src/db/copy/copy-database.js';
import { describeTables } from '../../../src/db/copy/schema-info.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { createTestDatabase, engines, withMigratedDatabase } from '../../helpers/databases.js';
import { dumpAll, populate } from './populate.js';

const expectedTables = ['alerts', 'audit_log', 'capacity_daily', 'capacity_samples', 'id_blocks', 'poll_leases', 'sessions', 'settings', 'status_transitions', 'storage_systems', 'system_logs', 'system_status', 'users'];

test('copy-db round trip SQLite → PostgreSQL → SQLite keeps every row, id and sequence', async () => {
  await withMigratedDatabase('sqlite', async (first) => {
    await populate(first.db);
    const tables = (await describeTables(first.db, 'sqlite')).map((t) => t.name);
    for (const name of expectedTables) assert.ok(tables.includes(name), `table ${name} is discovered`);
    assert.ok(!tables.includes('kysely_migration'), 'the migration bookkeeping is not copied');
    const original = await dumpAll(first.db, tables);

    const pgDb = await createTestDatabase('postgres');
    const back = await createTestDatabase('sqlite');
    const pgHandle = pgDb.open();
    const backHandle = back.open();
    try {
      const progress: string[] = [];
      const there = await copyDatabase(first, pgHandle, { batchSize: 700, onProgress: (p) => progress.push(`${p.table}:${p.copied}/${p.total}`) });
      assert.equal(there.find((t) => t.table === 'capacity_samples')?.rows, 2500);
      assert.ok(progress.includes('capacity_samples:700/2500') && progress.includes('capacity_samples:2500/2500'), progress.join(' '));
      // Inserts follow foreign keys: a system before its alerts, a user before its sessions.
      const order = there.map((t) => t.table);
      assert.ok(order.indexOf('storage_systems') < order.indexOf('alerts'));
      assert.ok(order.indexOf('users') < order.indexOf('sessions'));
      assert.deepEqual(await dumpAll(pgHandle.db, tables), original);

      // Identity sequences moved past the copied ids: the app's next insert gets a fresh id.
      const next = await pgHandle.db
        .insertInto('storage_systems')
        .values({ name: 'new', vendor: 'pure', address: 'x', credentials_enc: 'c', created_at: 1, updated_at: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      assert.equal(next.id, 13);
      await pgHandle.db.deleteFrom('storage_systems').where('id', '=', 13).execute();

      const back1 = await copyDatabase(pgHandle, backHandle);
      assert.deepEqual(back1, there, 'counts and checksums agree in both directions');
      assert.deepEqual(await dumpAll(backHandle.db, tables), original);
    } finally {
      await pgHandle.close();
      await backHandle.close();
      await pgDb.dispose();
      await back.dispose();
    }
  });
});

for (const engine of engines) {
  test(`copy-db into ${engine}: refuses a target with data, --force replaces it, a failure leaves it untouched`, async () => {
    await withMigratedDatabase('sqlite', async (source) => {
      await populate(source.db);
      await withMigratedDatabase(engine, async (target) => {
        // Freshly migrated (it holds only the migrations' own seed rows): counts as empty.
        await target.db.insertInto('settings').values({ key: 'keep', value: 'me', updated_at: 1, updated_by: null }).execute();
        await assert.rejects(copyDatabase(source, target), (err: Error) => {
          assert.ok(err instanceof CopyError);
          assert.match(err.message, /already holds data \(settings: 1 rows\); use --force/);
          return true;
        });

        await assert.rejects(
          copyDatabase(source, target, {
            force: true,
            onProgress: (p) => {
              if (p.table === 'system_logs' && p.copied > 0) throw new Error('disk full (simulated)');
            },
          }),
          /disk full/,
        );
        const kept = await target.db.selectFrom('settings').selectAll().execute();
        assert.deepEqual(kept.map((r) => r.key), ['keep'], 'the failed copy rolled back entirely');
        assert.equal((await target.db.selectFrom('storage_systems').select('id').execute()).length, 0);

        const done = await copyDatabase(source, target, { force: true });
        assert.equal(done.find((t) => t.table === 'settings')?.rows, 2);
        const names = (await describeTables(target.db, engine)).map((t) => t.name);
        assert.deepEqual(await dumpAll(target.db, names), await dumpAll(source.db, names));
      });
    });
  });
}

test('copy-db refuses a source with pending migrations', async () => {
  await withMigratedDatabase('sqlite', async (target) => {
    const empty = await createTestDatabase('sqlite');
    const handle = empty.open();
    try {
      await assert.rejects(copyDatabase(handle, target), /pending migration\(s\).*sfd migrate up/);
      await migrateToLatest(handle.db);
      assert.deepEqual((await copyDatabase(handle, target)).find((t) => t.table === 'id_blocks')?.rows, 1);
    } finally {
      await handle.close();
      await empty.dispose();
    }
  });
});
