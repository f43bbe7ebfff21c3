import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Kysely, type KyselyPlugin, sql } from 'kysely';
import type { DatabaseHandle } from '../../src/db/connect.js';
import type { Database, NewSystemLogRow } from '../../src/db/schema.js';
import { seededRandom } from '../../src/lib/sampling.js';
import { cleanupSystemLogs } from '../../src/system-log/cleanup.js';
import { createLogWriter } from '../../src/system-log/writer.js';
import { engines, withMigratedDatabase } from '../helpers/databases.js';
import { captureLogger, entry, writerOptions } from './support.js';

const day = 86_400_000;
const now = Date.UTC(2026, 10, 22, 12);

function row(i: number, systemId: number | null, createdAt: number): NewSystemLogRow {
  return { id: i + 1, system_id: systemId, created_at: createdAt, level: 'info', category: 'api_call', message: `m${i}`, details: null, http_status: null, endpoint: null };
}

async function seed(db: Kysely<Database>, rows: NewSystemLogRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('system_logs').values(rows.slice(i, i + 500)).execute();
}

async function remaining(db: Kysely<Database>) {
  return db.selectFrom('system_logs').select(['id', 'system_id', 'created_at']).orderBy('id').execute();
}

/** Records how many rows each DELETE statement removed. */
function deleteRecorder(): { plugin: KyselyPlugin; deletes: number[] } {
  const deletes: number[] = [];
  const pending = new Set<unknown>();
  return {
    deletes,
    plugin: {
      transformQuery(args) {
        if (args.node.kind === 'DeleteQueryNode') pending.add(args.queryId);
        return args.node;
      },
      async transformResult(args) {
        if (pending.delete(args.queryId)) deletes.push(Number(args.result.numAffectedRows ?? 0));
        return args.result;
      },
    },
  };
}

// Systems whose id is a multiple of 10 and systems whose id is not, plus entries without a system.
const systems: (number | null)[] = [1, 3, 7, 10, 11, 20, 30, 99, null];

for (const engine of engines) {
  describe(`system log cleanup on ${engine}`, () => {
    test('retention deletes exactly the entries older than retentionDays', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const ages = [40 * day, 30 * day + 1, 30 * day - 1, 29 * day, day, 0];
        const rows = systems.flatMap((s, si) => ages.map((age, ai) => row(si * 100 + ai, s, now - age)));
        await seed(handle.db, rows);
        const result = await cleanupSystemLogs(handle.db, { retentionDays: 30, maxPerSystem: 0, now });
        const kept = await remaining(handle.db);
        assert.deepEqual(
          kept.map((r) => r.id).sort((a, b) => a - b),
          rows.filter((r) => r.created_at >= now - 30 * day).map((r) => r.id).sort((a, b) => a - b),
        );
        assert.equal(result.deleted, systems.length * 2);
        assert.equal(result.complete, true);
      });
    });

    test('trim keeps exactly the newest maxPerSystem entries of every system (created_at desc, id desc)', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const counts = [8, 1, 5, 12, 6, 30, 2, 7, 9];
        let i = 0;
        const rows: NewSystemLogRow[] = [];
        for (const [si, s] of systems.entries()) {
          // Three rows share each time, so the id decides among equal created_at values; the rows
          // are inserted shuffled, so neither ids nor times follow insertion order per system.
          for (let k = 0; k < (counts[si] ?? 0); k++) rows.push(row(i++, s, now - day + Math.floor(k / 3) * 1000));
        }
        const random = seededRandom(11);
        const shuffled = rows.map((r) => ({ r, key: random() })).sort((a, b) => a.key - b.key).map(({ r }) => r);
        await seed(handle.db, shuffled);
        const before = await remaining(handle.db);
        const max = 5;
        const result = await cleanupSystemLogs(handle.db, { retentionDays: 0, maxPerSystem: max, now, deleteBatchSize: 3 });
        const after = await remaining(handle.db);
        for (const s of systems) {
          const expected = before
            .filter((r) => r.system_id === s)
            .sort((a, b) => b.created_at - a.created_at || b.id - a.id)
            .slice(0, max)
            .map((r) => r.id)
            .sort((a, b) => a - b);
          const actual = after.filter((r) => r.system_id === s).map((r) => r.id);
          assert.deepEqual(actual, expected, `system ${s}`);
        }
        assert.equal(result.deleted, before.length - after.length);
        assert.equal(after.length, counts.reduce((sum, c) => sum + Math.min(c, max), 0));
      });
    });

    test('deletes in bounded statements and stops at the statement budget', async () => {
      await withMigratedDatabase(engine, async (raw) => {
        const rows = Array.from({ length: 40 }, (_, i) => row(i, 10, now - 60 * day + i));
        await seed(raw.db, rows);
        const recorder = deleteRecorder();
        const db = raw.db.withPlugin(recorder.plugin);
        const partial = await cleanupSystemLogs(db, { retentionDays: 30, maxPerSystem: 0, now, deleteBatchSize: 7, maxStatements: 2 });
        assert.deepEqual(partial, { deleted: 14, statements: 2, complete: false });
        const rest = await cleanupSystemLogs(db, { retentionDays: 30, maxPerSystem: 0, now, deleteBatchSize: 7 });
        assert.deepEqual(rest, { deleted: 26, statements: 4, complete: true });
        assert.deepEqual(recorder.deletes, [7, 7, 7, 7, 7, 5]);
        assert.equal((await remaining(raw.db)).length, 0);
      });
    });

    test('the writer trims after its writes and counts runs and deleted rows', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const writer = createLogWriter(
          writerOptions(handle, { batchSize: 50, cleanup: { sampleRate: 1, retentionDays: 30, maxPerSystem: 10 } }),
        );
        for (let i = 0; i < 200; i++) writer.write(entry(i, { systemId: i % 4 === 0 ? 10 : (i % 4) + 1, at: now + i }));
        // flush() first: close() drains without cleaning up, so shutdown is never delayed by it.
        await writer.flush();
        await writer.close();
        const perSystem = await sql<{ system_id: number; n: number }>`
          select system_id, count(*) as n from system_logs group by system_id order by system_id`.execute(handle.db);
        assert.deepEqual(perSystem.rows.map((r) => [r.system_id, Number(r.n)]), [[2, 10], [3, 10], [4, 10], [10, 10]]);
        const stats = writer.stats();
        assert.equal(stats.cleanupRuns, 4);
        assert.equal(stats.rowsDeleted, 160);
        assert.equal(stats.written, 200);
      });
    });

    test('a failing cleanup is logged and counted, and loses no queued entry', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        await seed(handle.db, [row(0, 1, now - 90 * day)]);
        await forbidDeletes(handle);
        const logger = captureLogger();
        const writer = createLogWriter(
          writerOptions(handle, { logger, batchSize: 10, now: () => now, cleanup: { sampleRate: 1, retentionDays: 30, maxPerSystem: 1000 } }),
        );
        for (let i = 0; i < 30; i++) writer.write(entry(i));
        await writer.flush();
        await writer.close();
        const stats = writer.stats();
        assert.equal(stats.written, 30);
        assert.equal(stats.dropped, 0);
        assert.equal(stats.cleanupRuns, 3);
        assert.equal(stats.rowsDeleted, 0);
        assert.match(String(stats.lastError), /no deletes/);
        assert.ok(logger.lines.some((l) => l.level === 'error' && /cleanup failed/.test(l.msg)));
        assert.equal((await remaining(handle.db)).length, 31);
      });
    });
  });
}

async function forbidDeletes(handle: DatabaseHandle): Promise<void> {
  if (handle.engine === 'sqlite') {
    await sql`create trigger no_deletes before delete on system_logs begin select raise(abort, 'no deletes'); end`.execute(handle.db);
  } else {
    await sql`create function no_deletes() returns trigger language plpgsql as $$ begin raise exception 'no deletes'; end $$`.execute(handle.db);
    await sql`create trigger no_deletes before delete on system_logs for each row execute function no_deletes()`.execute(handle.db);
  }
}
