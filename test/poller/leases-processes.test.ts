// Three poller OS processes share one PostgreSQL fleet through poll_leases: no system is polled
// twice within an interval, and a poller killed with SIGKILL mid-poll loses its systems to the
// others once its leases expire (and not before).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { withMigratedDatabase } from '../helpers/databases.js';
import { insertFleet, startSimulator } from './support.js';

const root = path.resolve(import.meta.dirname, '../..');
const INTERVAL_MS = 1500;
const LEASE_MS = 4000;
// Poll starts trail their claim by a few ms, and by different amounts in different processes.
const SLACK_MS = 150;

interface PollStart {
  owner: string;
  systemId: number;
  at: number;
}

test('three pollers on PostgreSQL: exactly one poll per system per interval, takeover after kill -9', { timeout: 45_000 }, async () => {
  const sim = await startSimulator({ systems: 6 });
  for (const spec of sim.specs) sim.setFaults(spec.id, { latencyMs: 60 });
  try {
    await withMigratedDatabase('postgres', async ({ db }, testDb) => {
      const fleet = (await insertFleet(db, sim)).map(({ id, target }) => ({ id, target }));
      const starts: PollStart[] = [];
      const children = new Map<string, ChildProcess>();
      const spawnPoller = (owner: string) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/poller-process.ts'], {
          cwd: root,
          stdio: ['ignore', 'pipe', 'inherit'],
          env: {
            ...process.env,
            OWNER: owner,
            DATABASE_URL: testDb.url,
            FLEET: JSON.stringify(fleet),
            INTERVAL_MS: String(INTERVAL_MS),
            LEASE_MS: String(LEASE_MS),
            TIMEOUT_MS: '2000',
            CONCURRENCY: '2',
            CLAIM_LIMIT: '2',
          },
        });
        createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => starts.push(JSON.parse(line) as PollStart));
        children.set(owner, child);
      };
      try {
        for (const owner of ['p1', 'p2', 'p3']) spawnPoller(owner);
        // Wait until the victim has polled for a while, then kill it right as it starts a poll.
        const victim = 'p2';
        const deadline = Date.now() + 20_000;
        while (Date.now() < deadline && starts.filter((s) => s.owner === victim).length < 3) await sleep(5);
        children.get(victim)?.kill('SIGKILL');
        const killedAt = Date.now();
        await sleep(LEASE_MS + 3 * INTERVAL_MS);
        await Promise.all(
          [...children.values()].map((child) => {
            if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
            return new Promise((resolve) => {
              child.once('exit', resolve);
              child.kill('SIGTERM');
            });
          }),
        );

        const owners = new Set(starts.map((s) => s.owner));
        assert.deepEqual([...owners].sort(), ['p1', 'p2', 'p3'], 'every poller took part');
        const bySystem = new Map<number, PollStart[]>();
        for (const s of starts) bySystem.set(s.systemId, [...(bySystem.get(s.systemId) ?? []), s]);
        assert.equal(bySystem.size, 6);
        for (const [id, polls] of bySystem) {
          polls.sort((a, b) => a.at - b.at);
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
        for (const child of children.values()) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    });
  } finally {
    await sim.close();
  }
});
