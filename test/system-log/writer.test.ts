import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import type { Engine } from '../../src/db/connect.js';
import type { Database } from '../../src/db/schema.js';
import { createLogWriter } from '../../src/system-log/writer.js';
import { engines, withMigratedDatabase } from '../helpers/databases.js';
import { captureLogger, countRows, countStatements, countTransactions, entry, messages, reportedCount, waitFor, writerOptions } from './support.js';

for (const engine of engines) {
  describe(`log writer on ${engine}`, () => {
    test('writes N entries in ceil(N / batchSize) transactions', async () => {
      await withMigratedDatabase(engine, async (raw) => {
        const { handle, count } = countTransactions(raw);
        const writer = createLogWriter(writerOptions(handle, { batchSize: 1000 }));
        for (let i = 0; i < 2500; i++) writer.write(entry(i));
        assert.equal(writer.stats().queued, 2500, 'write() only queues');
        assert.equal(count(), 0, 'nothing touched the database synchronously');
        await writer.flush();
        assert.equal(count(), 3);
        assert.deepEqual(await countRows(raw), { rows: 2500, uids: 2500, messages: 2500 });
        assert.equal(writer.stats().written, 2500);
        await writer.close();
      });
    });

    test('a batch over the parameter limit is split into statements inside its one transaction', async () => {
      await withMigratedDatabase(engine, async (raw) => {
        const { handle, transactions, inserts } = countStatements(raw);
        const writer = createLogWriter(writerOptions(handle, { batchSize: 5000 }));
        for (let i = 0; i < 5000; i++) writer.write(entry(i));
        await writer.close();
        assert.equal(transactions(), 1);
        // SQLite: 9 parameters a row, at most 32 766 a statement → 3640 + 1360 rows. PostgreSQL
        // binds one array per column, so one statement carries any batch.
        assert.equal(inserts(), engine === 'sqlite' ? 2 : 1);
        assert.deepEqual(await countRows(raw), { rows: 5000, uids: 5000, messages: 5000 });
      });
    });

    test('stores every field, in order, with defaults for the optional ones', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const writer = createLogWriter(writerOptions(handle, { now: () => 1_700_000_000_000 }));
        writer.write({ systemId: 3, level: 'error', category: 'authentication', message: 'login failed', details: { user: 'x', n: [1, 2] }, httpStatus: 401, endpoint: '/api/login', at: 1_600_000_000_123 });
        writer.write({ systemId: null, level: 'warn', category: 'system', message: 'bare' });
        await writer.close();
        const rows = await handle.db.selectFrom('system_logs').selectAll().orderBy('id').execute();
        assert.equal(rows.length, 2);
        assert.deepEqual(
          rows.map(({ id: _id, ...rest }) => rest),
          [
            { system_id: 3, created_at: 1_600_000_000_123, level: 'error', category: 'authentication', message: 'login failed', details: '{"user":"x","n":[1,2]}', http_status: 401, endpoint: '/api/login' },
            { system_id: null, created_at: 1_700_000_000_000, level: 'warn', category: 'system', message: 'bare', details: null, http_status: null, endpoint: null },
          ],
        );
        assert.ok((rows[0]?.id ?? 0) > 0 && (rows[1]?.id ?? 0) > (rows[0]?.id ?? 0), 'ids come from the reserved block, in order');
      });
    });

    test('skips entries below minLevel and counts them as filtered', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const writer = createLogWriter(writerOptions(handle, { minLevel: 'warn' }));
        for (const level of ['debug', 'info', 'warn', 'error', 'info'] as const) writer.write(entry(0, { level, message: level }));
        await writer.close();
        assert.deepEqual(await messages(handle), ['warn', 'error']);
        assert.equal(writer.stats().filtered, 3);
        assert.equal(writer.stats().dropped, 0);
      });
    });

    test('a full queue drops new entries, counts them and says so in the process log', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const logger = captureLogger();
        const writer = createLogWriter(writerOptions(handle, { queueMax: 10, logger }));
        for (let i = 0; i < 25; i++) writer.write(entry(i));
        assert.equal(writer.stats().dropped, 15);
        const warnedSoFar = logger.lines.filter((l) => /queue full/.test(l.msg));
        assert.equal(warnedSoFar.length, 1, 'the first drop is reported at once, the rest are rate-limited');
        await writer.close();
        assert.equal(reportedCount(logger.lines, /queue full/), 15, 'every drop ends up in a report');
        assert.equal((await countRows(handle)).rows, 10);
        assert.equal(writer.stats().written, 10);
      });
    });

    test('close() drains the queue; writes after close are dropped and counted', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const logger = captureLogger();
        const writer = createLogWriter(writerOptions(handle, { batchSize: 300, logger }));
        for (let i = 0; i < 3000; i++) writer.write(entry(i));
        await writer.close();
        assert.equal((await countRows(handle)).rows, 3000);
        assert.deepEqual({ ...writer.stats(), lastError: null }, { written: 3000, retried: 0, dropped: 0, cleanupRuns: 0, rowsDeleted: 0, queued: 0, filtered: 0, lastError: null });
        writer.write(entry(1));
        assert.equal(writer.stats().dropped, 1);
        assert.ok(logger.lines.some((l) => /closed/.test(l.msg)));
        await writer.flush();
        await writer.close();
      });
    });

    test('a row the database refuses is dropped alone; the rest of its batch is written', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        await installPoisonRule(handle.engine, handle.db);
        const logger = captureLogger();
        const writer = createLogWriter(writerOptions(handle, { logger }));
        const sent = Array.from({ length: 10 }, (_, i) => (i === 3 || i === 7 ? 'poison' : `good ${i}`));
        for (const message of sent) writer.write(entry(0, { message }));
        await writer.flush();
        assert.deepEqual(await messages(handle), sent.filter((m) => m !== 'poison'));
        assert.equal(writer.stats().dropped, 2);
        assert.equal(writer.stats().written, 8);
        const refused = logger.lines.filter((l) => l.level === 'error' && /refused/.test(l.msg));
        assert.ok(refused.length >= 1 && /poison/.test(String(refused[0]?.obj.reason)), JSON.stringify(refused));
        // The queue is not poisoned: later entries go through.
        writer.write(entry(0, { message: 'after' }));
        await writer.close();
        assert.equal((await messages(handle)).at(-1), 'after');
        assert.equal(reportedCount(logger.lines.filter((l) => l.level === 'error'), /refused/), 2);
      });
    });

    test('an error that fails every row (table missing) keeps the batch queued instead of dropping it', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const logger = captureLogger();
        await sql`alter table system_logs rename to system_logs_away`.execute(handle.db);
        const writer = createLogWriter(writerOptions(handle, { logger, requeueDelayMs: 20 }));
        for (let i = 0; i < 20; i++) writer.write(entry(i));
        await waitFor(() => logger.lines.some((l) => /as a whole/.test(l.msg)), 5000, 'the whole-batch error');
        assert.equal(writer.stats().dropped, 0);
        assert.equal(writer.stats().queued, 20);
        await sql`alter table system_logs_away rename to system_logs`.execute(handle.db);
        await writer.flush();
        assert.equal((await countRows(handle)).rows, 20);
        await writer.close();
        assert.equal(writer.stats().dropped, 0);
      });
    });

    test('closing with the database down gives up at the deadline and counts what is lost', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const logger = captureLogger();
        const writer = createLogWriter(writerOptions(handle, { logger, retryBaseMs: 5, requeueDelayMs: 20 }));
        await sql`alter table system_logs rename to system_logs_away`.execute(handle.db);
        for (let i = 0; i < 50; i++) writer.write(entry(i));
        await writer.close(300);
        assert.equal(writer.stats().dropped, 50);
        assert.equal(writer.stats().queued, 0);
        const lost = logger.lines.find((l) => l.level === 'error' && /entries lost/.test(l.msg));
        assert.equal(lost?.obj.dropped, 50);
        await writer.flush(); // resolves: nothing is pending any more
      });
    });
  });
}

async function installPoisonRule(engine: Engine, db: Kysely<Database>): Promise<void> {
  if (engine === 'sqlite') {
    await sql`create trigger poison before insert on system_logs when new.message = 'poison'
      begin select raise(abort, 'poison row refused'); end`.execute(db);
  } else {
    await sql`alter table system_logs add constraint poison_row_refused check (message <> 'poison')`.execute(db);
  }
}
