import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogWriter } from '../../src/system-log/writer.js';
import { engines, withMigratedDatabase } from '../helpers/databases.js';
import { captureLogger, countRows, entry, flakyTransactions, writerOptions } from './support.js';

for (const engine of engines) {
  describe(`log writer retries on ${engine}`, () => {
    test('a batch whose COMMIT went through but whose reply was lost is not inserted twice', async () => {
      await withMigratedDatabase(engine, async (raw) => {
        // The first two attempts commit and then "lose the connection": the ambiguous case.
        const handle = flakyTransactions(raw, (call) => (call < 2 ? 'fail-after-commit' : 'pass'));
        const writer = createLogWriter(writerOptions(handle, { retryBaseMs: 1 }));
        for (let i = 0; i < 500; i++) writer.write(entry(i));
        await writer.close();
        assert.deepEqual(await countRows(raw), { rows: 500, uids: 500, messages: 500 });
        const stats = writer.stats();
        assert.equal(stats.retried, 2);
        assert.equal(stats.written, 500);
        assert.equal(stats.dropped, 0);
        assert.match(String(stats.lastError), /Connection terminated/);
      });
    });

    test('transient errors past the retries keep the batch queued; it is written later, nothing dropped', async () => {
      await withMigratedDatabase(engine, async (raw) => {
        const logger = captureLogger();
        const handle = flakyTransactions(raw, (call) => (call < 6 ? 'fail-before' : 'pass'));
        const writer = createLogWriter(writerOptions(handle, { retries: 3, retryBaseMs: 1, requeueDelayMs: 10, logger }));
        for (let i = 0; i < 100; i++) writer.write(entry(i));
        await writer.flush();
        assert.deepEqual(await countRows(raw), { rows: 100, uids: 100, messages: 100 });
        // Round 1: 4 attempts (3 retries) fail and the batch is put back; round 2: 2 more fail, then success.
        assert.equal(writer.stats().retried, 5);
        assert.equal(writer.stats().dropped, 0);
        const putBack = logger.lines.filter((l) => l.level === 'warn' && /stays queued/.test(l.msg));
        assert.equal(putBack.length, 1);
        assert.match(String(putBack[0]?.obj.err), /ECONNREFUSED/);
        await writer.close();
      });
    });

    test('entries written while a batch waits for the database join the queue behind it, in order', async () => {
      await withMigratedDatabase(engine, async (raw) => {
        const handle = flakyTransactions(raw, (call) => (call < 3 ? 'fail-before' : 'pass'));
        const writer = createLogWriter(writerOptions(handle, { retries: 0, retryBaseMs: 1, requeueDelayMs: 5, batchSize: 10 }));
        for (let i = 0; i < 15; i++) writer.write(entry(i));
        await new Promise((r) => setTimeout(r, 20));
        for (let i = 15; i < 30; i++) writer.write(entry(i));
        await writer.close();
        const rows = await raw.db.selectFrom('system_logs').select('message').orderBy('id').execute();
        assert.deepEqual(
          rows.map((r) => r.message),
          Array.from({ length: 30 }, (_, i) => `entry ${i}`),
        );
      });
    });
  });
}
