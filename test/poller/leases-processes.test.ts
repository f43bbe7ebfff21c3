// Three poller OS processes share one PostgreSQL fleet through poll_leases: no system is claimed
// twice within an interval nor polled by two pollers at once, and a poller killed with SIGKILL
// mid-poll loses its systems to the others once its leases expire (and not before).
//
// The interval is checked on claim times, not poll-start times: the lease schedules the next poll
// one interval after the claim, and a poll starts some time after its claim (the claim's round
// trip, then the event loop). On a loaded machine that lag differs between processes by hundreds
// of ms, so two poll starts can be closer than the interval although the claims were not.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { withMigratedDatabase } from '../helpers/databases.js';
import { type PollStart, pollerProcesses, startsBySystem } from './poller-processes.js';
import { insertFleet, startSimulator } from './support.js';

const INTERVAL_MS = 1500;
const LEASE_MS = 4000;

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
        const ready = () => starts.filter((s) => s.owner === victim).length >= 3 && starts.some((s) => s.owner === victim && s.end === undefined);
        while (Date.now() < deadline && !ready()) await sleep(5);
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
            const [before, after] = [polls[i - 1] as PollStart, polls[i] as PollStart];
            const show = JSON.stringify([before, after]);
            assert.ok(after.at >= after.claimedAt, `a poll starts after its claim: ${show}`);
            assert.ok(after.claimedAt - before.claimedAt >= INTERVAL_MS, `system ${id} claimed twice within ${after.claimedAt - before.claimedAt} ms: ${show}`);
            // Never two pollers at once: the next poll starts only after the previous one returned.
            if (before.end !== undefined) assert.ok(after.at >= before.end, `system ${id} polled while its previous poll ran: ${show}`);
          }
        }
        // The victim's polls in flight at the kill (started, never returned): their systems wait for
        // the lease to expire, then move on to a live poller.
        const inFlight = starts.filter((s) => s.owner === victim && s.end === undefined);
        assert.ok(inFlight.length > 0, 'the victim was killed mid-poll');
        for (const lost of inFlight) {
          const next = (bySystem.get(lost.systemId) ?? []).find((s) => s.at > lost.at);
          assert.ok(next, `system ${lost.systemId} was taken over`);
          assert.notEqual(next.owner, victim);
          assert.ok(next.claimedAt - lost.claimedAt > LEASE_MS, `taken over ${next.claimedAt - lost.claimedAt} ms after the claim, before the lease expired`);
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
