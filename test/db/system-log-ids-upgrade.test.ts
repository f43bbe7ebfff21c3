import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { migrateDown, migrateToLatest, migrationsFolder } from '../../src/db/migrate.js';
import { createLogWriter } from '../../src/system-log/writer.js';
import { createTestDatabase, engines } from '../helpers/databases.js';
import { entry, writerOptions } from '../system-log/support.js';
import { readdirSync } from 'node:fs';

// Databases migrated before 2026_12_01_0008 hold system_logs with an int4 identity (PostgreSQL)
// and an entry_uid column: upgrading must keep their entries and let the writer go on from there.
const after0008 = readdirSync(migrationsFolder).filter((f) => f.endsWith('.ts') && f > '2026_12_01_0008').length;

for (const engine of engines) {
  describe(`system-log id upgrade on ${engine}`, () => {
    test('entries written under the old schema survive, and new ids continue above them', async () => {
      const testDb = await createTestDatabase(engine);
      const handle = testDb.open();
      try {
        await migrateToLatest(handle.db);
        await migrateDown(handle.db, after0008 + 1);
        await handle.db
          .insertInto('system_logs' as never)
          .values([1, 2, 3].map((i) => ({ entry_uid: `old-${i}`, system_id: 1, created_at: Date.now(), level: 'info', category: 'api_call', message: `old ${i}` })) as never)
          .execute();
        await migrateToLatest(handle.db);
        const block = await handle.db.selectFrom('id_blocks').select('next_value').where('name', '=', 'system_logs').executeTakeFirstOrThrow();
        assert.equal(Number(block.next_value), 4);
        const writer = createLogWriter(writerOptions(handle));
        for (let i = 0; i < 5; i++) writer.write(entry(i));
        await writer.close();
        const rows = await handle.db.selectFrom('system_logs').select(['id', 'message']).orderBy('id').execute();
        assert.equal(rows.length, 8);
        assert.deepEqual(rows.slice(0, 3).map((r) => r.message), ['old 1', 'old 2', 'old 3']);
        assert.equal(new Set(rows.map((r) => Number(r.id))).size, 8);
        assert.ok(rows.slice(3).every((r) => Number(r.id) > 3));
      } finally {
        await handle.close();
        await testDb.dispose();
      }
    });
  });
}
