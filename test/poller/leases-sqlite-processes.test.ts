// Two poller OS processes share one SQLite file through poll_leases (works; PostgreSQL is the
// recommended engine for several pollers): each system is polled once per interval, by one of
// them, no interval is skipped, and every poll's result is stored despite the shared write lock.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { withMigratedDatabase } from '../helpers/databases.js';
import { pollerProcesses, startsBySystem } from './poller-processes.js';
import { insertFleet, startSimulator } from './support.js';

const INTERVAL_MS = 2000;
// Each poller claims at most half the fleet per cycle, so both take part and together keep up.

test('two pollers on one SQLite file: each system polled once per interval, no poll lost', { timeout: 60_000 }, async () => {
  const sim = await startSimulator({ systems: 6 });
  for (const spec of sim.specs) sim.setFaults(spec.id, { latencyMs: 30 });
  try {
    await withMigratedDatabase('sqlite', async ({ db }, testDb) => {
      const fleet = (await insertFleet(db, sim)).map(({ id, target }) => ({ id, target }));
      const pollers = pollerProcesses({ databaseUrl: testDb.url, fleet, intervalMs: INTERVAL_MS, leaseMs: 8000, timeoutMs: 5000, concurrency: 3, claimLimit: 3 });
      let stoppedAt = 0;
      try {
        pollers.spawn('p1');
        pollers.spawn('p2');
        // Four intervals after both have started polling.
        const deadline = Date.now() + 30_000;
        while (Date.now() < deadline && new Set(pollers.starts.map((s) => s.owner)).size < 2) await sleep(10);
        await sleep(6 * INTERVAL_MS);
        stoppedAt = Date.now();
        await pollers.terminate();
      } finally {
        pollers.kill();
      }

      const { starts } = pollers;
      assert.deepEqual([...new Set(starts.map((s) => s.owner))].sort(), ['p1', 'p2'], 'both pollers took part');
      assert.doesNotMatch(pollers.stderr(), /cycle failed/, 'no cycle failed on a lock');
      const bySystem = startsBySystem(starts);
      assert.equal(bySystem.size, 6);
      for (const [id, polls] of bySystem) {
        const times = JSON.stringify(polls.map((p) => [p.owner, p.at - (starts[0]?.at ?? 0)]));
        assert.ok(polls.length >= 3, `system ${id} polled ${polls.length} times: ${times}\nall: ${JSON.stringify(starts.map((p) => [p.owner, p.systemId, p.at - (starts[0]?.at ?? 0)]))}\n${pollers.stderr()}`);
        assert.ok(stoppedAt - (polls.at(-1)?.at ?? 0) < 2 * INTERVAL_MS, `system ${id} stopped being polled before the end: ${times}`);
        for (let i = 1; i < polls.length; i++) {
          // Claims, not poll starts: a start trails its claim by a lag that differs between processes
          // on a loaded machine, while the lease guarantees claims one interval apart.
          const claimGap = (polls[i]?.claimedAt ?? 0) - (polls[i - 1]?.claimedAt ?? 0);
          assert.ok(claimGap >= INTERVAL_MS, `system ${id} claimed twice within ${claimGap} ms: ${times}`);
          const gap = (polls[i]?.at ?? 0) - (polls[i - 1]?.at ?? 0);
          // The first poll of a system pays for the TLS handshake, the login and a cold process.
          if (i > 1) assert.ok(gap < 2 * INTERVAL_MS, `system ${id} skipped an interval (${gap} ms between polls): ${times}\nall: ${JSON.stringify(starts.map((p) => [p.owner, p.systemId, p.at - (starts[0]?.at ?? 0)]))}\n${pollers.stderr()}`);
        }
      }
      // Nothing lost: every poll stored its capacity sample and the status names the last one.
      for (const [id, polls] of bySystem) {
        const samples = await db.selectFrom('capacity_samples').select('at').where('system_id', '=', id).execute();
        assert.equal(samples.length, polls.length, `system ${id}: ${polls.length} polls, ${samples.length} stored`);
        const status = await db.selectFrom('system_status').select(['reachability', 'polled_at']).where('system_id', '=', id).executeTakeFirstOrThrow();
        assert.equal(status.reachability, 'ok');
        assert.equal(status.polled_at, Math.max(...samples.map((s) => s.at)));
      }
      const leased = await db.selectFrom('poll_leases').select('system_id').where('owner', 'is not', null).execute();
      assert.deepEqual(leased, [], 'every lease given back on SIGTERM');
    });
  } finally {
    await sim.close();
  }
});
