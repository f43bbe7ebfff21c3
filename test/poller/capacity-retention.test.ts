import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { listCapacityDays, listCapacitySamples, recordCapacity } from '../../src/db/repositories/capacity.js';
import type { Database } from '../../src/db/schema.js';
import { createCapacityRetention } from '../../src/poller/capacity-retention.js';
import { DAY, insertSystemRow, T0 } from '../db/repositories/support.js';
import { makeCapacity } from '../domain/make-snapshot.js';
import { engines, withMigratedDatabase } from '../helpers/databases.js';

const HOUR = 3_600_000;

for (const engine of engines) {
  describe(`capacity retention on ${engine}`, () => {
    test('prunes on the first cycle, then at most once per period; rollups stay', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        const id = await insertSystemRow(db, 'fa-01');
        for (let d = 0; d < 5; d++) await recordCapacity(db, id, T0 + d * DAY, makeCapacity());
        const pruned: number[] = [];
        const retention = createCapacityRetention({ db, retentionDays: 2, everyMs: HOUR, onPruned: (n) => pruned.push(n) });
        const now = T0 + 5 * DAY;

        await retention.maybePrune(now);
        assert.deepEqual((await listCapacitySamples(db, id)).map((s) => (s.at - T0) / DAY), [3, 4]);
        // A sample that ages past the retention half an hour later: left alone until the hour is up.
        const crossing = now - 2 * DAY + HOUR / 2;
        await recordCapacity(db, id, crossing, makeCapacity());
        await retention.maybePrune(now + HOUR - 1);
        assert.equal((await listCapacitySamples(db, id)).length, 3);
        await retention.maybePrune(now + HOUR);
        assert.deepEqual((await listCapacitySamples(db, id)).map((s) => s.at), [T0 + 4 * DAY]);
        assert.deepEqual(pruned, [3, 2]);
        assert.equal((await listCapacityDays(db, id)).length, 5, 'daily rollups are never pruned');
      }));
  });
}

test('a failing database is reported, never thrown, and not retried before the next period', async () => {
  let calls = 0;
  const broken = {
    selectFrom() {
      calls++;
      throw new Error('database is away');
    },
  } as unknown as Kysely<Database>;
  const errors: unknown[] = [];
  const retention = createCapacityRetention({ db: broken, retentionDays: 30, everyMs: HOUR, onError: (err) => errors.push(err) });
  await retention.maybePrune(T0);
  await retention.maybePrune(T0 + 1000);
  assert.equal(calls, 1);
  assert.match(String(errors[0]), /database is away/);
  await retention.maybePrune(T0 + HOUR);
  assert.equal(calls, 2);
});
