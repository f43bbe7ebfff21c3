import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listAlerts } from '../../src/db/repositories/alerts.js';
import { listCapacityDays, listCapacitySamples } from '../../src/db/repositories/capacity.js';
import { getStatus, listTransitions } from '../../src/db/repositories/status.js';
import { pollSystem } from '../../src/poller/poll-system.js';
import type { Simulator } from '../../src/simulator/app.js';
import { createLogWriter } from '../../src/system-log/writer.js';
import { VendorError } from '../../src/vendors/client.js';
import { createVendorClient } from '../../src/vendors/registry.js';
import { engines, withMigratedDatabase } from '../helpers/databases.js';
import { captureWriter, insertFleet, startSimulator } from './support.js';

const clientOptions = { requestTimeoutMs: 2000, maxResponseBytes: 4 * 1024 * 1024 };
let sim: Simulator;
before(async () => {
  sim = await startSimulator({ systems: 4, scenario: 'busy' });
});
after(() => sim.close());

for (const engine of engines) {
  describe(`pollSystem on ${engine}`, () => {
    test('polls every vendor over pinned HTTPS, stores status, capacity and alerts, and writes the diary', () =>
      withMigratedDatabase(engine, async (handle) => {
        const { db } = handle;
        const fleet = await insertFleet(db, sim);
        const writer = createLogWriter({ handle, cleanup: { sampleRate: 0, retentionDays: 30, maxPerSystem: 10_000 }, minLevel: 'debug' });
        try {
          for (const system of fleet) {
            const client = createVendorClient(system.target, clientOptions);
            try {
              const result = await pollSystem({ db, writer, timeoutMs: 5000 }, system, client);
              assert.equal(result.reachability, 'ok', `${system.target.vendor}: ${result.message}`);
              assert.equal(result.persisted, true);
              const status = await getStatus(db, system.id);
              assert.equal(status?.reachability, 'ok');
              assert.equal(status?.health, result.health);
              assert.equal(status?.snapshot?.identity.vendor, system.target.vendor);
              assert.equal((await listTransitions(db, system.id)).length, 1);
              assert.equal((await listCapacitySamples(db, system.id)).length, 1);
              assert.equal((await listCapacityDays(db, system.id)).length, 1);
              assert.equal((await listAlerts(db, system.id, { openOnly: true })).length, status?.snapshot?.alerts.length);
            } finally {
              await client.close();
            }
          }
          const alerts = await db.selectFrom('alerts').select('id').execute();
          assert.ok(alerts.length > 0, 'the busy scenario raises alerts somewhere in the fleet');
          await writer.flush();
          const rows = await db.selectFrom('system_logs').select(['system_id', 'category', 'message', 'endpoint', 'http_status']).execute();
          for (const system of fleet) {
            const own = rows.filter((r) => r.system_id === system.id);
            const categories = new Set(own.map((r) => r.category));
            assert.ok(categories.has('api_call'), `${system.target.vendor} logs its API calls`);
            assert.ok(own.some((r) => r.endpoint !== null && r.http_status === 200), 'with endpoint and HTTP status');
            assert.equal(own.filter((r) => r.message.startsWith('poll ok in')).length, 1, 'one summary line per poll');
          }
        } finally {
          await writer.close();
        }
      }));

    test('a failing system ends in a stored failure with reachability, message and one error line', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        const [system] = await insertFleet(db, sim);
        assert.ok(system);
        const writer = captureWriter();
        const okClient = createVendorClient(system.target, clientOptions);
        await pollSystem({ db, writer, timeoutMs: 5000 }, system, okClient);
        await okClient.close();

        const badCredentials = { ...system, target: { ...system.target, credentials: { username: 'x', password: 'y', apiToken: 'nope' } } };
        const client = createVendorClient(badCredentials.target, clientOptions);
        const result = await pollSystem({ db, writer, timeoutMs: 5000 }, badCredentials, client);
        await client.close();
        assert.equal(result.reachability, 'auth_failed');
        assert.equal(result.health, 'unknown');
        const status = await getStatus(db, system.id);
        assert.equal(status?.reachability, 'auth_failed');
        assert.equal(status?.consecutiveFailures, 1);
        assert.ok(status?.lastOkAt !== null, 'the last good poll is remembered');
        assert.ok(status?.snapshot !== null, 'and its snapshot kept for the stale view');
        assert.equal((await listTransitions(db, system.id)).length, 2);
        const failureLine = writer.entries.filter((e) => e.message.startsWith('poll failed'));
        assert.equal(failureLine.length, 1);
        assert.equal(failureLine[0]?.category, 'authentication');
        assert.equal(failureLine[0]?.systemId, system.id);
        // Alerts of an unreachable system are neither confirmed nor resolved.
        assert.equal((await listAlerts(db, system.id, { openOnly: true })).length, status?.snapshot?.alerts.length);
      }));

    test('never throws: a non-VendorError, a client that ignores its deadline, and a database that is gone', () =>
      withMigratedDatabase(engine, async (handle) => {
        const [system] = await insertFleet(handle.db, sim);
        assert.ok(system);
        const writer = captureWriter();
        const deps = { db: handle.db, writer, timeoutMs: 200, abandonAfterMs: 100, persist: { retries: 0 } };
        const broken = await pollSystem(deps, system, { poll: () => Promise.reject(new TypeError('boom')), close: async () => {} });
        assert.equal(broken.reachability, 'api_error');
        assert.match(broken.message, /boom/);
        const started = performance.now();
        const deaf = await pollSystem(deps, system, { poll: () => new Promise(() => {}), close: async () => {} });
        assert.equal(deaf.reachability, 'timeout');
        assert.ok(performance.now() - started < 1000);
        const thrown = new VendorError('VENDOR_HTTP', 'HTTP 503 from /api/cluster', { status: 503, endpoint: '/api/cluster' });
        await handle.close();
        const unsaved = await pollSystem(deps, system, { poll: () => Promise.reject(thrown), close: async () => {} });
        assert.equal(unsaved.persisted, false);
        assert.equal(unsaved.reachability, 'api_error');
        assert.ok(writer.entries.some((e) => e.category === 'system' && /not stored/.test(e.message)));
        assert.ok(writer.entries.some((e) => e.httpStatus === 503 && e.endpoint === '/api/cluster'));
      }));
  });
}
