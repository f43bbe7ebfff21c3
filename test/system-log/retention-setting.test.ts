import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogWriter } from '../../src/system-log/writer.js';
import { engines, withMigratedDatabase } from '../helpers/databases.js';
import { entry, writerOptions } from './support.js';

const day = 24 * 60 * 60 * 1000;

for (const engine of engines) {
  describe(`log retention from the dashboard setting on ${engine}`, () => {
    test('each cleanup asks for the current retention; a failing lookup falls back to the configured one', () =>
      withMigratedDatabase(engine, async (handle) => {
        const now = Date.now();
        let current: () => Promise<number> = async () => 5;
        const writer = createLogWriter(
          writerOptions(handle, { batchSize: 1, cleanup: { sampleRate: 1, retentionDays: 30, maxPerSystem: 1_000_000, currentRetentionDays: () => current() } }),
        );
        try {
          writer.write(entry(1, { systemId: 1, at: now - 10 * day }));
          writer.write(entry(2, { systemId: 1, at: now - 2 * day }));
          // The loop cleans after each batch, before the next: once this later one is written, that cleanup is done.
          writer.write(entry(9, { systemId: 2 }));
          await writer.flush();
          const left = await handle.db.selectFrom('system_logs').select('message').where('system_id', '=', 1).execute();
          assert.deepEqual(left.map((r) => r.message), ['entry 2'], 'the 10-day-old entry is past the 5-day setting');

          current = () => Promise.reject(new Error('database away'));
          writer.write(entry(3, { systemId: 1, at: now - 20 * day }));
          writer.write(entry(4, { systemId: 1, at: now - 40 * day }));
          writer.write(entry(9, { systemId: 2 }));
          await writer.flush();
          const after = await handle.db.selectFrom('system_logs').select('message').where('system_id', '=', 1).orderBy('message').execute();
          assert.deepEqual(after.map((r) => r.message), ['entry 2', 'entry 3'], 'the configured 30 days apply when the setting cannot be read');
        } finally {
          await writer.close();
        }
      }));
  });
}
