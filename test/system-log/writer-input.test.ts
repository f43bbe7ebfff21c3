import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LogEntry } from '../../src/system-log/types.js';
import { createLogWriter } from '../../src/system-log/writer.js';
import { engines, withMigratedDatabase } from '../helpers/databases.js';
import { captureLogger, entry, writerOptions } from './support.js';

for (const engine of engines) {
  describe(`log writer input on ${engine}`, () => {
    test('round-trips awkward text exactly (quotes, backslashes, braces, NULL, unicode, empty)', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const writer = createLogWriter(writerOptions(handle));
        const texts = ['he said "hi"', 'back\\slash \\"', '{a,b}', 'NULL', '', 'ünïcødé 🚀', "a,b 'q'", 'line\nbreak\ttab', ' padded '];
        for (const [i, text] of texts.entries()) {
          writer.write(entry(i, { message: text, endpoint: i % 2 ? text : null, details: i % 3 ? { text } : null, httpStatus: i % 2 ? null : 500 }));
        }
        await writer.close();
        const rows = await handle.db.selectFrom('system_logs').select(['message', 'endpoint', 'details', 'http_status']).orderBy('id').execute();
        assert.deepEqual(
          rows,
          texts.map((text, i) => ({ message: text, endpoint: i % 2 ? text : null, details: i % 3 ? JSON.stringify({ text }) : null, http_status: i % 2 ? null : 500 })),
        );
      });
    });

    test('never throws on bad input; invalid entries are dropped with a reason, odd values made storable', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const logger = captureLogger();
        const writer = createLogWriter(writerOptions(handle, { logger }));
        const circular: Record<string, unknown> = { a: 1 };
        circular.self = circular;
        const bad = [null, undefined, 42, { ...entry(0), level: 'fatal' }, { ...entry(0), category: 'misc' }, { ...entry(0), systemId: 1.5 }];
        for (const b of bad) assert.doesNotThrow(() => writer.write(b as unknown as LogEntry));
        writer.write(entry(0, { message: 'circular', details: circular }));
        writer.write(entry(0, { message: 'big', details: { n: 10n } }));
        writer.write(entry(0, { message: `long ${'x'.repeat(10_000)}` }));
        writer.write(entry(0, { message: 'nul\0byte', endpoint: '/a\0b', httpStatus: 1e12 }));
        await writer.close();
        assert.equal(writer.stats().dropped, bad.length);
        assert.equal(writer.stats().written, 4);
        assert.match(logger.lines.map((l) => JSON.stringify(l.obj)).join('\n'), /unknown level/);
        const rows = await handle.db.selectFrom('system_logs').select(['message', 'details', 'endpoint', 'http_status']).orderBy('id').execute();
        assert.match(String(rows[0]?.details), /_unserializable/);
        assert.equal(rows[1]?.details, '{"n":"10"}');
        assert.equal(rows[2]?.message.length, 4000);
        assert.equal(rows[3]?.message, 'nul\uFFFDbyte');
        assert.equal(rows[3]?.http_status, null);
      });
    });
  });
}
