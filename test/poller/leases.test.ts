import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { claimDueSystems, completeLease, ensureLeases, listLeases, nextClaimAt, releaseLeases } from '../../src/poller/leases.js';
import { insertSystemRow, T0 } from '../db/repositories/support.js';
import { engines, withMigratedDatabase } from '../helpers/databases.js';

for (const engine of engines) {
  describe(`poll leases on ${engine}`, () => {
    test('claim, complete, expiry takeover, and only the holder moves the schedule', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        const ids = [await insertSystemRow(db, 's1'), await insertSystemRow(db, 's2'), await insertSystemRow(db, 's3')];
        await ensureLeases(db, ids, T0);
        await ensureLeases(db, ids, T0 + 999); // idempotent: existing rows keep their schedule
        assert.deepEqual((await listLeases(db)).map((l) => l.nextDueAt), [T0, T0, T0]);

        const lease = { leaseMs: 5000 };
        assert.deepEqual(await claimDueSystems(db, ids, { owner: 'A', now: T0 - 1, ...lease }), [], 'not due yet');
        assert.deepEqual(await claimDueSystems(db, ids, { owner: 'A', now: T0, ...lease, limit: 2 }), ids.slice(0, 2));
        assert.deepEqual(await claimDueSystems(db, ids, { owner: 'B', now: T0 + 1, ...lease }), ids.slice(2));
        assert.deepEqual(await claimDueSystems(db, ids, { owner: 'C', now: T0 + 2, ...lease }), [], 'all leased');
        assert.equal(await nextClaimAt(db, ids), T0 + 5000);

        // A finishes s1; B dies holding s3; A's s2 poll overruns its lease.
        assert.equal(await completeLease(db, ids[0] as number, 'A', T0 + 60_000), true);
        assert.deepEqual(await claimDueSystems(db, ids, { owner: 'C', now: T0 + 5000, ...lease }), [], 'a lease holds until it has expired');
        assert.deepEqual(await claimDueSystems(db, ids, { owner: 'C', now: T0 + 5002, ...lease }), ids.slice(1), 'expired leases are taken over');
        assert.equal(await completeLease(db, ids[1] as number, 'A', T0 + 60_000), false, 'a late holder cannot move a peer’s schedule');
        const rows = await listLeases(db);
        assert.deepEqual(rows.map((l) => [l.owner, l.nextDueAt]), [[null, T0 + 60_000], ['C', T0], ['C', T0]]);

        await releaseLeases(db, 'C');
        assert.deepEqual((await listLeases(db)).map((l) => l.owner), [null, null, null]);
        assert.deepEqual(await claimDueSystems(db, ids, { owner: 'D', now: T0 + 5003, ...lease }), ids.slice(1));
        assert.equal(await nextClaimAt(db, []), null);
      }));

    test('racing claims from two connections never win the same system', () =>
      withMigratedDatabase(engine, async ({ db }, testDb) => {
        const ids: number[] = [];
        for (let i = 0; i < 20; i++) ids.push(await insertSystemRow(db, `s${i}`));
        await ensureLeases(db, ids, T0);
        const other = testDb.open();
        try {
          for (let round = 0; round < 5; round++) {
            const now = T0 + round * 10_000;
            const [a, b] = await Promise.all([
              claimDueSystems(db, ids, { owner: 'A', now, leaseMs: 1000 }),
              claimDueSystems(other.db, ids, { owner: 'B', now, leaseMs: 1000 }),
            ]);
            assert.equal(a.length + b.length, 20, `round ${round}: every due system is claimed once`);
            assert.deepEqual(a.filter((id) => b.includes(id)), []);
            for (const id of a) await completeLease(db, id, 'A', now + 5000);
            for (const id of b) await completeLease(other.db, id, 'B', now + 5000);
          }
        } finally {
          await other.close();
        }
      }));
  });
}
