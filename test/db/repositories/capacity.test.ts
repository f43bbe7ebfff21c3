import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { firstDayOfLast, listCapacityDays, listCapacitySamples, pruneCapacitySamples, recordCapacity, utcDay } from '../../../src/db/repositories/capacity.js';
import { makeCapacity } from '../../domain/make-snapshot.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { DAY, insertSystemRow, T0 } from './support.js';

const TiB = 1024 ** 4;

test('"the last N days" counts today as one of them, at any hour', () => {
  // T0 is midnight UTC of 2026-11-01.
  assert.equal(firstDayOfLast(1, T0), '2026-11-01');
  assert.equal(firstDayOfLast(1, T0 + DAY - 1), '2026-11-01');
  assert.equal(firstDayOfLast(30, T0 + 12 * 3600_000), '2026-10-03');
  assert.equal(firstDayOfLast(365, T0 + DAY - 1), '2025-11-02');
});

for (const engine of engines) {
  describe(`capacity repository on ${engine}`, () => {
    test('rolls samples up per UTC day: count, latest total, used min/max/last', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        const id = await insertSystemRow(db, 'dd-01', 'datadomain');
        const other = await insertSystemRow(db, 'dd-02', 'datadomain');
        // Day 1: used 40, 55, 45 TiB (total grows at the last sample); day 2 (after midnight UTC): 50, 30.
        const samples: Array<[number, number, number]> = [
          [T0 + 1_000, 40, 100],
          [T0 + 6 * 3600_000, 55, 100],
          [T0 + DAY - 1, 45, 120],
          [T0 + DAY, 50, 120],
          [T0 + DAY + 3600_000, 30, 120],
        ];
        for (const [at, used, total] of samples) {
          await recordCapacity(db, id, at, makeCapacity({ usedBytes: used * TiB + 0.4, totalBytes: total * TiB, freeBytes: (total - used) * TiB }));
        }
        await recordCapacity(db, other, T0 + 5, makeCapacity());
        // A late sample from a replica with a lagging clock: counted, min/max updated, but not "last".
        await recordCapacity(db, id, T0 + 2_000, makeCapacity({ usedBytes: 10 * TiB, totalBytes: 90 * TiB }));

        const days = await listCapacityDays(db, id);
        assert.deepEqual(
          days.map((d) => [d.day, d.samples, d.totalBytes / TiB, d.usedMinBytes / TiB, d.usedMaxBytes / TiB, d.usedLastBytes / TiB, d.lastAt]),
          [
            ['2026-11-01', 4, 120, 10, 55, 45, T0 + DAY - 1],
            ['2026-11-02', 2, 120, 30, 50, 30, T0 + DAY + 3600_000],
          ],
        );
        assert.equal((await listCapacityDays(db, other)).length, 1);
        assert.deepEqual((await listCapacityDays(db, id, '2026-11-02')).map((d) => d.day), ['2026-11-02']);
        const raw = await listCapacitySamples(db, id);
        assert.equal(raw.length, 6);
        assert.equal(raw[0]?.usedBytes, 40 * TiB, 'fractional bytes are rounded to whole bytes');
        assert.equal(utcDay(T0 + DAY - 1), '2026-11-01');
      }));

    test('prunes raw samples older than the retention, in batches, and keeps the daily rollups', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        const id = await insertSystemRow(db, 'fa-01');
        const other = await insertSystemRow(db, 'fa-02');
        for (let d = 0; d < 10; d++) await recordCapacity(db, id, T0 + d * DAY, makeCapacity());
        for (let d = 5; d < 10; d++) await recordCapacity(db, other, T0 + d * DAY, makeCapacity());
        const now = T0 + 10 * DAY;
        assert.equal(await pruneCapacitySamples(db, 0, now), 0, 'no retention: keep everything');
        assert.equal(await pruneCapacitySamples(db, 3.5, now, 2), 7 + 2, 'every system is pruned, not only the first');
        const left = await listCapacitySamples(db, id);
        assert.deepEqual(left.map((s) => (s.at - T0) / DAY), [7, 8, 9]);
        assert.deepEqual((await listCapacitySamples(db, other)).map((s) => (s.at - T0) / DAY), [7, 8, 9]);
        assert.equal((await listCapacityDays(db, id)).length, 10);
        assert.equal(await pruneCapacitySamples(db, 3.5, now), 0, 'a second run finds nothing left');
      }));
  });
}
