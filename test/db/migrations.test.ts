import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { migrateDown, migrateToLatest, migrationStatus, pendingMigrations } from '../../src/db/migrate.js';
import { createTestDatabase, engines } from '../helpers/databases.js';

const appTables = [
  'alerts',
  'api_tokens',
  'audit_log',
  'capacity_daily',
  'capacity_samples',
  'id_blocks',
  'poll_leases',
  'sessions',
  'settings',
  'status_transitions',
  'storage_systems',
  'system_logs',
  'system_status',
  'users',
];

async function tableNames(handle: DatabaseHandle): Promise<string[]> {
  const tables = await handle.db.introspection.getTables();
  return tables.map((t) => t.name).filter((n) => !n.startsWith('kysely_')).sort();
}

for (const engine of engines) {
  describe(`migrations on ${engine}`, () => {
    test('up, down to nothing, and up again leave the same schema', async () => {
      const testDb = await createTestDatabase(engine);
      const handle = testDb.open();
      try {
        const applied = await migrateToLatest(handle.db);
        assert.ok(applied.length >= 6, `applied ${applied.length}`);
        assert.deepEqual(await tableNames(handle), appTables);
        assert.deepEqual(await pendingMigrations(handle.db), []);
        const columnsBefore = await handle.db.introspection.getTables();

        const reverted = await migrateDown(handle.db, applied.length);
        assert.deepEqual(reverted, [...applied].reverse());
        assert.deepEqual(await tableNames(handle), []);
        assert.equal((await pendingMigrations(handle.db)).length, applied.length);

        assert.deepEqual(await migrateToLatest(handle.db), applied);
        const columnsAfter = await handle.db.introspection.getTables();
        const shape = (ts: typeof columnsBefore) =>
          ts.map((t) => `${t.name}(${t.columns.map((c) => `${c.name}:${c.dataType}:${c.isNullable}`).join(',')})`).sort();
        assert.deepEqual(shape(columnsAfter), shape(columnsBefore));
      } finally {
        await handle.close();
        await testDb.dispose();
      }
    });

    test('status lists every migration with when it was applied', async () => {
      const testDb = await createTestDatabase(engine);
      const handle = testDb.open();
      try {
        const before = await migrationStatus(handle.db);
        assert.ok(before.length >= 6);
        assert.ok(before.every((m) => m.appliedAt === null));
        await migrateToLatest(handle.db);
        const after = await migrationStatus(handle.db);
        assert.deepEqual(after.map((m) => m.name), before.map((m) => m.name));
        assert.ok(after.every((m) => m.appliedAt instanceof Date));
      } finally {
        await handle.close();
        await testDb.dispose();
      }
    });

    test('constraints hold: vendor, unique alert identity, cascade delete, int8 as number', async () => {
      const testDb = await createTestDatabase(engine);
      const handle = testDb.open();
      try {
        await migrateToLatest(handle.db);
        const db = handle.db;
        const now = Date.now();
        const base = { address: 'a.example', credentials_enc: 'x', created_at: now, updated_at: now };
        await assert.rejects(db.insertInto('storage_systems').values({ ...base, name: 'bad', vendor: 'emc', port: null, tls_ca_pem: null, tls_fingerprint: null }).execute());
        const { id } = await db
          .insertInto('storage_systems')
          .values({ ...base, name: 'pure-01', vendor: 'pure', port: 443, tls_ca_pem: null, tls_fingerprint: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        const alert = {
          system_id: id, vendor_alert_id: '42', severity: 'critical', title: 'PSU failed', detail: null,
          component: 'PSU0', raised_at: now, first_seen_at: now, last_seen_at: now, resolved_at: null,
          acknowledged_by: null, acknowledged_at: null, ack_comment: null,
        };
        await db.insertInto('alerts').values(alert).execute();
        await assert.rejects(db.insertInto('alerts').values(alert).execute());
        const big = 8 * 2 ** 50; // 8 PiB: beyond int4, within Number's exact range
        await db.insertInto('capacity_samples').values({ system_id: id, at: now, total_bytes: big, used_bytes: 1, free_bytes: null, effective_used_bytes: null, data_reduction: 3.5 }).execute();
        const sample = await db.selectFrom('capacity_samples').selectAll().executeTakeFirstOrThrow();
        assert.equal(sample.total_bytes, big);
        assert.equal(sample.at, now);
        assert.equal(typeof sample.at, 'number');
        const system = await db.selectFrom('storage_systems').select(['enabled', 'tags', 'tls_mode']).executeTakeFirstOrThrow();
        assert.equal(Boolean(system.enabled), true);
        assert.equal(system.tags, '[]');
        assert.equal(system.tls_mode, 'system');

        await db.deleteFrom('storage_systems').where('id', '=', id).execute();
        const left = await sql<{ n: number }>`select count(*) as n from alerts`.execute(db);
        assert.equal(Number(left.rows[0]?.n), 0);
      } finally {
        await handle.close();
        await testDb.dispose();
      }
    });
  });
}
