// Three poller OS processes share one PostgreSQL fleet through poll_leases: no system is polled
// twice within an interval, and a poller killed with SIGKILL mid-poll loses its systems to the
// others once its leases expire (and not before).
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { withMigratedDatabase } from '../helpers/databases.js';
import { pollerProcesses, startsBySystem } from './poller-processes.js';
import { insertFleet, startSimulator } from './support.js';

const INTERVAL_MS = 1500;
const LEASE_MS = 4000;
// Poll starts trail their claim by a few ms, and by different amounts in different processes.
const SLACK_MS = 150;

test('three pollers on PostgreSQL: exactly one poll per system per interval, takeover after kill -9', { timeout: 45_000 }, async () => {
  const sim = await startSimulator({ systems: 6 });
  for (const spec of sim.specs) sim.setFaults(spec.id, { latencyMs: 60 });
  try {
    await withMigratedDatabase('postgres', async ({ db }, testDb) => {
      const fleet = (await insertFleet(db, sim)).map(({ id, target }) => ({ id, target }));
      const pollers = pollerProcesses({ databaseUrl: testDb.url, fleet, intervalMs: INTERVAL_MS, leaseMs: LEASE_MS, timeoutMs: 2000, concurrency: 2, claimLimit: 2 });
      const { starts, children } = pollers;
      try {
        for (const owner of ['p1', 'p2', 'p3']) pollers.spawn(owner);
        // Wait until the victim has polled for a while, then kill it right as it starts a poll.
        const victim = 'p2';
        const deadline = Date.now() + 20_000;
        while (Date.now() < deadline && starts.filter((s) => s.owner === victim).length < 3) await sleep(5);
        children.get(victim)?.kill('SIGKILL');
        const killedAt = Date.now();
        await sleep(LEASE_MS + 3 * INTERVAL_MS);
        await pollers.terminate();

        const owners = new Set(starts.map((s) => s.owner));
        assert.deepEqual([...owners].sort(), ['p1', 'p2', 'p3'], 'every poller took part');
        const bySystem = startsBySystem(starts);
        assert.equal(bySystem.size, 6);
        for (const [id, polls] of bySystem) {
          assert.ok(polls.length >= 3, `system ${id} polled ${polls.length} times`);
          for (let i = 1; i < polls.length; i++) {
            const gap = (polls[i]?.at ?? 0) - (polls[i - 1]?.at ?? 0);
            assert.ok(gap >= INTERVAL_MS - SLACK_MS, `system ${id} polled twice within ${gap} ms`);
          }
        }
        // The victim's polls in flight at the kill: their systems wait for the lease, then move on.
        const inFlight = starts.filter((s) => s.owner === victim && killedAt - s.at < 300);
        assert.ok(inFlight.length > 0, 'the victim was killed mid-poll');
        for (const lost of inFlight) {
          const next = (bySystem.get(lost.systemId) ?? []).find((s) => s.at > lost.at);
          assert.ok(next, `system ${lost.systemId} was taken over`);
          assert.notEqual(next.owner, victim);
          assert.ok(next.at - lost.at >= LEASE_MS - SLACK_MS, `taken over after ${next.at - lost.at} ms, before the lease expired`);
        }
        assert.equal(starts.filter((s) => s.owner === victim && s.at > killedAt).length, 0);
      } finally {
        pollers.kill();
      }
    });
  } finally {
    await sim.close();
  }
});
