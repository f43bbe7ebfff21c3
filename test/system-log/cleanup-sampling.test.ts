// Cleanup runs after a uniformly random share of batch writes, whatever the systems written:
// a rule like `system_id % 10 === 0` would clean one system in ten always and the rest never.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seededRandom } from '../../src/lib/sampling.js';
import { createLogWriter } from '../../src/system-log/writer.js';
import { engines, withMigratedDatabase } from '../helpers/databases.js';
import { entry, writerOptions } from './support.js';

function assertBinomial(hits: number, n: number, p: number, label: string): void {
  const mean = n * p;
  const sigma = Math.sqrt(n * p * (1 - p));
  assert.ok(Math.abs(hits - mean) <= 5 * sigma, `${label}: ${hits} cleanups after ${n} batches, expected ${mean} ± ${(5 * sigma).toFixed(0)}`);
}

for (const engine of engines) {
  describe(`cleanup sampling on ${engine}`, () => {
    test('about 10 % of 4000 batch writes run a cleanup, for a system id that is a multiple of 10 and one that is not', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const seeded = seededRandom(20261122);
        let calls = 0;
        const random = () => {
          calls++;
          return seeded();
        };
        // batchSize 1: every entry is its own batch write, so n is known exactly.
        const writer = createLogWriter(
          writerOptions(handle, { batchSize: 1, cleanup: { sampleRate: 0.1, retentionDays: 30, maxPerSystem: 100_000, random } }),
        );
        for (let i = 0; i < 2000; i++) writer.write(entry(i, { systemId: 10 }));
        await writer.flush();
        const afterTens = writer.stats().cleanupRuns;
        for (let i = 0; i < 2000; i++) writer.write(entry(i, { systemId: 3 }));
        await writer.flush();
        const total = writer.stats().cleanupRuns;
        await writer.close();
        assert.equal(calls, 4000, 'one sampling decision per successful batch write');
        assert.equal(writer.stats().written, 4000);
        assertBinomial(total, 4000, 0.1, 'all');
        assertBinomial(afterTens, 2000, 0.1, 'system 10');
        assertBinomial(total - afterTens, 2000, 0.1, 'system 3');
      });
    });

    test('with the default Math.random the share is also about 10 %', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const writer = createLogWriter(writerOptions(handle, { batchSize: 1, cleanup: { sampleRate: 0.1, retentionDays: 30, maxPerSystem: 100_000 } }));
        for (let i = 0; i < 1500; i++) writer.write(entry(i, { systemId: i % 20 }));
        await writer.flush();
        await writer.close();
        assertBinomial(writer.stats().cleanupRuns, 1500, 0.1, 'Math.random');
      });
    });

    test('rate 0 never cleans (nor asks random); rate 1 cleans after every batch write', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        for (const [rate, expected] of [
          [0, 0],
          [1, 30],
        ] as const) {
          let calls = 0;
          const random = () => {
            calls++;
            return 0;
          };
          const writer = createLogWriter(writerOptions(handle, { batchSize: 10, cleanup: { sampleRate: rate, retentionDays: 30, maxPerSystem: 100_000, random } }));
          for (let i = 0; i < 300; i++) writer.write(entry(i));
          await writer.flush();
          await writer.close();
          assert.equal(writer.stats().cleanupRuns, expected, `rate ${rate}`);
          assert.equal(calls, 0, `rate ${rate} is decided without random()`);
        }
      });
    });
  });
}
