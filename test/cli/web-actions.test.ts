import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pino from 'pino';
import { createConfiguredLogWriter } from '../../src/cli/poller-setup.js';
import { createWebActions } from '../../src/cli/web-actions.js';
import { loadConfig } from '../../src/config.js';
import { listSystems, updateSystem } from '../../src/db/repositories/systems.js';
import { createSecretBox } from '../../src/lib/secret-box.js';
import { importFleet } from '../../src/poller/fleet-import.js';
import { validateFleet } from '../../src/poller/fleet-validate.js';
import { buildSimulator } from '../../src/simulator/app.js';
import { fleetFileOf } from '../../src/simulator/fleet-file.js';
import { createFleetSnapshot } from '../../src/web/fleet-snapshot.js';
import { engines, withMigratedDatabase } from '../helpers/databases.js';

const SECRET_KEY = 'web-actions-test-key-'.repeat(2);
const log = pino({ level: 'silent' });

for (const engine of engines) {
  describe(`web actions from the CLI on ${engine}`, () => {
    test('poll now polls one system (or all), stores the result and refreshes the fleet; seal needs SECRET_KEY', () =>
      withMigratedDatabase(engine, async (handle, testDb) => {
        const sim = await buildSimulator({ systems: 3, seed: 5, tls: 'self-signed' });
        const config = loadConfig({ DATABASE_URL: testDb.url, SECRET_KEY, POLL_TIMEOUT_SECONDS: '10' }, { envFile: false });
        const writer = createConfiguredLogWriter(config, handle, log);
        try {
          await sim.listen(0, '127.0.0.1');
          const { systems, problems } = validateFleet(fleetFileOf(sim), 'test fleet', { env: {}, readFile: () => '', baseDir: '.' });
          assert.deepEqual(problems, []);
          await importFleet(handle.db, systems, createSecretBox(SECRET_KEY), { dryRun: false });
          const fleet = createFleetSnapshot(handle.db, { pollIntervalMs: 60_000 });
          const actions = createWebActions({ config, handle, box: null, writer, fleet, log });
          const [first, second, third] = await listSystems(handle.db);
          assert.ok(first && second && third && actions.pollNow);

          await actions.pollNow(first.id);
          const afterOne = new Map(fleet.current().systems.map((s) => [s.id, s]));
          assert.equal(afterOne.get(first.id)?.reachability, 'ok');
          assert.ok((afterOne.get(first.id)?.lastPolledAt ?? 0) > 0);
          assert.equal(afterOne.get(second.id)?.lastPolledAt, null, 'only the one asked for was polled');

          await updateSystem(handle.db, third.id, { enabled: false });
          await assert.rejects(actions.pollNow(third.id), (err: Error & { statusCode?: number }) => err.statusCode === 409 && /disabled/.test(err.message));
          await assert.rejects(actions.pollNow(999_999), (err: Error & { statusCode?: number }) => err.statusCode === 404);
          await actions.pollNow(null);
          const afterAll = new Map(fleet.current().systems.map((s) => [s.id, s]));
          assert.equal(afterAll.get(second.id)?.reachability, 'ok');
          assert.equal(afterAll.get(third.id)?.lastPolledAt, null, 'a disabled system is left alone');

          const sealed = actions.sealCredentials?.({ username: 'u', password: 'p-secret' }) ?? '';
          assert.deepEqual(JSON.parse(createSecretBox(SECRET_KEY).open(sealed)), { username: 'u', password: 'p-secret' });
          const keyless = createWebActions({ config: { ...config, secretKey: null }, handle, box: null, writer, fleet, log });
          assert.equal(keyless.sealCredentials, null);
          assert.equal(keyless.pollNow, undefined);
          assert.equal(typeof keyless.testConnection, 'function');
        } finally {
          await writer.close(5000);
          await sim.close();
        }
      }));
  });
}
