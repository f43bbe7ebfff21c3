import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deleteSystem, getSystem, getSystemByName, insertSystem, listSystems, updateSystem } from '../../../src/db/repositories/systems.js';
import type { SystemFields } from '../../../src/domain/system.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { T0 } from './support.js';

const FP = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0').toUpperCase()).join(':');

const fields = (over: Partial<SystemFields> = {}): SystemFields => ({
  name: 'fa-01',
  vendor: 'pure',
  address: '10.0.0.5',
  port: null,
  tls: { mode: 'pinned', fingerprintSha256: FP },
  enabled: true,
  tags: ['prod', 'site:ams'],
  credentialsSealed: 'v1:00000000:sealed',
  ...over,
});

for (const engine of engines) {
  describe(`systems repository on ${engine}`, () => {
    test('insert, get by id and by name, list ordered by name', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        const b = await insertSystem(db, fields({ name: 'ontap-b', vendor: 'ontap', tls: { mode: 'system' }, tags: [] }), T0);
        const a = await insertSystem(db, fields(), T0 + 1);
        assert.deepEqual(a, { id: a.id, ...fields(), createdAt: T0 + 1, updatedAt: T0 + 1 });
        assert.equal(typeof a.enabled, 'boolean');
        assert.deepEqual(await getSystem(db, b.id), b);
        assert.deepEqual(await getSystemByName(db, 'fa-01'), a);
        assert.equal(await getSystem(db, 9999), null);
        assert.equal(await getSystemByName(db, 'nope'), null);
        assert.deepEqual(
          (await listSystems(db)).map((s) => s.name),
          ['fa-01', 'ontap-b'],
        );
      }));

    test('every TLS mode round-trips, and booleans come back as booleans', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        const modes: SystemFields['tls'][] = [
          { mode: 'system' },
          { mode: 'insecure' },
          { mode: 'ca', caPem: '-----BEGIN CERTIFICATE-----\nMII…\n-----END CERTIFICATE-----\n' },
          { mode: 'pinned', fingerprintSha256: FP },
        ];
        for (const [i, tls] of modes.entries()) {
          const stored = await insertSystem(db, fields({ name: `s${i}`, tls, enabled: i % 2 === 0 }), T0);
          const read = await getSystem(db, stored.id);
          assert.deepEqual(read?.tls, tls);
          assert.equal(read?.enabled, i % 2 === 0);
        }
      }));

    test('update changes only the given fields and bumps updatedAt; switching TLS mode clears the old value', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        const s = await insertSystem(db, fields(), T0);
        const updated = await updateSystem(db, s.id, { port: 8443, tls: { mode: 'system' }, enabled: false, tags: ['dr'] }, T0 + 5);
        assert.deepEqual(updated, { ...s, port: 8443, tls: { mode: 'system' }, enabled: false, tags: ['dr'], updatedAt: T0 + 5 });
        const row = await db.selectFrom('storage_systems').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
        assert.equal(row.tls_fingerprint, null);
        assert.equal(await updateSystem(db, 9999, { port: 1 }), null);
      }));

    test('names are unique', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        await insertSystem(db, fields(), T0);
        await assert.rejects(insertSystem(db, fields(), T0));
      }));

    test('delete removes the system, its cascaded rows and its log entries, and nothing of others', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        const gone = await insertSystem(db, fields({ name: 'gone' }), T0);
        const kept = await insertSystem(db, fields({ name: 'kept' }), T0);
        for (const [i, id] of [gone.id, kept.id].entries()) {
          await db
            .insertInto('system_logs')
            .values({ id: i + 1, system_id: id, created_at: T0, level: 'info', category: 'connection', message: 'hello' })
            .execute();
          await db
            .insertInto('system_status')
            .values({ system_id: id, polled_at: T0, reachability: 'ok', health: 'ok' })
            .execute();
        }
        assert.equal(await deleteSystem(db, gone.id), true);
        assert.equal(await deleteSystem(db, gone.id), false);
        assert.equal(await getSystem(db, gone.id), null);
        const logs = await db.selectFrom('system_logs').select('system_id').execute();
        assert.deepEqual(logs.map((l) => l.system_id), [kept.id]);
        const statuses = await db.selectFrom('system_status').select('system_id').execute();
        assert.deepEqual(statuses.map((s) => s.system_id), [kept.id]);
        // Inside a caller's transaction it joins that transaction instead of opening another.
        await db.transaction().execute((trx) => deleteSystem(trx, kept.id));
        assert.deepEqual(await listSystems(db), []);
      }));
  });
}
