import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listStatuses } from '../../src/db/repositories/status.js';
import { createPollCycle } from '../../src/poller/poll-cycle.js';
import type { Simulator } from '../../src/simulator/app.js';
import type { ClientOptions, SystemTarget, VendorClient } from '../../src/vendors/client.js';
import { createVendorClient } from '../../src/vendors/registry.js';
import { engines, withMigratedDatabase } from '../helpers/databases.js';
import { captureWriter, insertFleet, startSimulator } from './support.js';

const DEADLINE = 1500;
let sim: Simulator;
before(async () => {
  sim = await startSimulator({ systems: 8 });
  const hung = sim.specs[5];
  assert.ok(hung);
  sim.setFaults(hung.id, { hang: true });
});
after(() => sim.close());

/** The real clients, counted: how many were made, and how many were closed (logged out). */
function countingFactory() {
  const counts = { created: 0, closed: 0 };
  const create = (target: SystemTarget, options: ClientOptions): VendorClient => {
    counts.created++;
    const client = createVendorClient(target, options);
    return {
      poll: (ctx) => client.poll(ctx),
      close: async () => {
        counts.closed++;
        await client.close();
      },
    };
  };
  return { counts, create };
}

for (const engine of engines) {
  describe(`poll cycle on ${engine}`, () => {
    test('one hung system costs its own deadline only; the others complete; clients are reused and closed', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        const fleet = await insertFleet(db, sim);
        const hungName = sim.systems[5]?.name;
        const { counts, create } = countingFactory();
        const cycle = createPollCycle({
          db,
          writer: captureWriter(),
          timeoutMs: DEADLINE,
          concurrency: 4,
          clientOptions: { requestTimeoutMs: DEADLINE, maxResponseBytes: 4 * 1024 * 1024 },
          createClient: create,
        });
        try {
          const { summary } = await cycle.run(fleet);
          assert.equal(summary.systems, 8);
          assert.equal(summary.ok, 7);
          assert.equal(summary.failed.timeout, 1);
          assert.equal(summary.failed.unreachable, 0);
          assert.equal(summary.unsaved, 0);
          assert.equal(summary.slowest?.name, hungName);
          assert.ok((summary.slowest?.ms ?? 0) >= DEADLINE - 50, `the hung poll ends at its deadline (${summary.slowest?.ms} ms)`);
          // 7 fast polls share the other three slots meanwhile: the cycle is about one deadline long
          // (the bound leaves room for a loaded CI machine, far below 8 sequential deadlines).
          assert.ok(summary.durationMs < DEADLINE * 2, `cycle took ${summary.durationMs} ms`);
          const statuses = await listStatuses(db);
          assert.equal(statuses.length, 8);
          assert.equal(statuses.filter((s) => s.reachability === 'ok').length, 7);

          const second = await cycle.run(fleet.filter((s) => s.target.name !== hungName));
          assert.equal(second.summary.ok, 7);
          assert.equal(counts.created, 8, 'sessions are reused across cycles');

          // A changed target gets a fresh client; the old one is logged out.
          const moved = fleet[0];
          assert.ok(moved);
          await cycle.run([{ ...moved, target: { ...moved.target, tls: { mode: 'insecure' } } }]);
          assert.equal(counts.created, 9);
          // A system gone from the fleet is logged out.
          await cycle.forget(new Set(fleet.slice(1).map((s) => s.id)));
          assert.equal(counts.closed, 2);
        } finally {
          await cycle.close();
        }
        assert.equal(counts.closed, 9, 'every client is closed on stop');
      }));
  });
}

test('a stop skips systems that have not started and a throwing client factory is one failure', async () => {
  const controller = new AbortController();
  let polls = 0;
  const cycle = createPollCycle({
    db: undefined as never, // persistence fails and is reported; this test is about the fan-out
    writer: captureWriter(),
    timeoutMs: 1000,
    concurrency: 1,
    persist: { retries: 0 },
    createClient: (target) => {
      if (target.name === 'bad') throw new Error('invalid base URL');
      return {
        poll: async () => {
          polls++;
          controller.abort();
          throw new Error('unreachable');
        },
        close: async () => {},
      };
    },
  });
  const target = (name: string): SystemTarget => ({ name, vendor: 'ontap', baseUrl: 'https://x', credentials: {}, tls: { mode: 'system' } });
  const bad = await cycle.run([{ id: 1, target: target('bad') }]);
  assert.equal(bad.summary.failed.api_error, 1);
  assert.match(bad.results[0]?.message ?? '', /invalid base URL/);
  const stopped = await cycle.run([1, 2, 3].map((id) => ({ id, target: target(`s${id}`) })), { signal: controller.signal });
  assert.equal(polls, 1);
  assert.equal(stopped.summary.systems, 1);
  await cycle.close();
});
