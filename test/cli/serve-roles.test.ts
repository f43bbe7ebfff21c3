import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { recordCapacity } from '../../src/db/repositories/capacity.js';
import { insertSystem } from '../../src/db/repositories/systems.js';
import { buildSimulator } from '../../src/simulator/app.js';
import { makeCapacity } from '../domain/make-snapshot.js';
import { fleetFileOf, writeFleetFile } from '../../src/simulator/fleet-file.js';
import { runCli } from '../helpers/cli.js';
import { engines, withMigratedDatabase } from '../helpers/databases.js';
import { spawnSfd, waitUntil } from '../helpers/spawned.js';

const cwd = mkdtempSync(path.join(os.tmpdir(), 'sfd-serve-roles-'));
after(() => rmSync(cwd, { recursive: true, force: true }));
const SECRET_KEY = 'serve-roles-key-'.repeat(3);

for (const engine of engines) {
  describe(`sfd serve --role on ${engine}`, () => {
    test('poller: polls every system, writes system_status, answers /healthz and /readyz, exits 0 on SIGTERM', () =>
      withMigratedDatabase(engine, async ({ db }, testDb) => {
        const sim = await buildSimulator({ systems: 6, seed: 5 });
        try {
          await sim.listen(0, '127.0.0.1');
          await writeFleetFile(path.join(cwd, `fleet-${engine}.json`), fleetFileOf(sim));
          const env = { DATABASE_URL: testDb.url, SECRET_KEY, POLL_INTERVAL_SECONDS: '10', PROCESS_LOG_LEVEL: 'info' };
          assert.equal((await runCli(['systems', 'import', `fleet-${engine}.json`], env, cwd)).code, 0);
          // A raw capacity sample older than CAPACITY_SAMPLE_RETENTION_DAYS (90): the poller prunes it, its daily rollup stays.
          const first = await db.selectFrom('storage_systems').select('id').orderBy('id').executeTakeFirstOrThrow();
          const oldAt = Date.now() - 100 * 86_400_000;
          await recordCapacity(db, first.id, oldAt, makeCapacity());

          const serve = spawnSfd(['serve', '--role', 'poller', '--port', '0'], env, cwd);
          try {
            const listening = JSON.parse(await serve.waitForLine(/"listening"/));
            assert.equal(listening.role, 'poller');
            assert.equal(listening.systems, 6);
            assert.equal((await fetch(`${listening.address}/healthz`)).status, 200);
            assert.equal((await fetch(`${listening.address}/readyz`)).status, 200);
            await waitUntil(async () => (await db.selectFrom('system_status').select('system_id').execute()).length === 6, 25_000, 'a status row per system');
            const statuses = await db.selectFrom('system_status').select('reachability').execute();
            assert.ok(statuses.every((s) => s.reachability === 'ok'), JSON.stringify(statuses));
            await waitUntil(async () => (await db.selectFrom('poll_leases').select('owner').where('owner', 'is not', null).execute()).length === 0, 10_000, 'leases released after the cycle');
            await waitUntil(async () => (await db.selectFrom('capacity_samples').select('id').where('at', '=', oldAt).execute()).length === 0, 10_000, 'the old raw sample pruned');
            assert.ok((await db.selectFrom('capacity_samples').select('id').where('system_id', '=', first.id).execute()).length > 0, 'fresh samples kept');
            const days = await db.selectFrom('capacity_daily').select('day').where('system_id', '=', first.id).execute();
            assert.ok(days.some((d) => d.day === new Date(oldAt).toISOString().slice(0, 10)), 'the daily rollup of the pruned day kept');
            const { code, ms } = await serve.terminate();
            assert.equal(code, 0, serve.stderr());
            assert.ok(ms < 10_000, `took ${ms} ms to stop`);
            assert.match(serve.stdout(), /"poller stopped"/);
            assert.match(serve.stdout(), /"stopped"/);
            assert.doesNotMatch(serve.stdout(), new RegExp(SECRET_KEY));
          } finally {
            serve.child.kill('SIGKILL');
          }
        } finally {
          await sim.close();
        }
      }));
  });
}

test('serve --role web without SECRET_KEY: no poller, still ready', () =>
  withMigratedDatabase('sqlite', async (_handle, testDb) => {
    const serve = spawnSfd(['serve', '--role', 'web', '--port', '0'], { DATABASE_URL: testDb.url }, cwd);
    try {
      const listening = JSON.parse(await serve.waitForLine(/"listening"/));
      assert.equal(listening.role, 'web');
      assert.equal((await fetch(`${listening.address}/readyz`)).status, 200);
      assert.match(serve.stdout(), /sfd systems import fleet\.yaml/, 'says how to add systems');
      assert.doesNotMatch(serve.stdout(), /"poller started"/);
      assert.equal((await serve.terminate()).code, 0, serve.stderr());
    } finally {
      serve.child.kill('SIGKILL');
    }
  }));

test('serve --role web re-reads the fleet on a timer: a system another process adds shows up without a restart', () =>
  withMigratedDatabase('sqlite', async (handle, testDb) => {
    const serve = spawnSfd(['serve', '--role', 'web', '--port', '0'], { DATABASE_URL: testDb.url, ANONYMOUS_READ: 'true', POLL_INTERVAL_SECONDS: '10' }, cwd);
    try {
      const listening = JSON.parse(await serve.waitForLine(/"listening"/));
      const names = async () => ((await (await fetch(`${listening.address}/api/v1/systems`)).json()) as { systems: { name: string }[] }).systems.map((s) => s.name);
      assert.deepEqual(await names(), []);
      await insertSystem(handle.db, {
        name: 'added-elsewhere',
        vendor: 'pure',
        address: 'fa.example.invalid',
        port: null,
        tls: { mode: 'system' },
        enabled: true,
        tags: [],
        credentialsSealed: 'sealed-elsewhere',
      });
      await waitUntil(async () => (await names()).includes('added-elsewhere'), 10_000, 'the web replica to show the new system');
      assert.equal((await serve.terminate()).code, 0, serve.stderr());
    } finally {
      serve.child.kill('SIGKILL');
    }
  }));

test('serve --role bad is a usage error (exit 2); --role poller without SECRET_KEY exits 2', async () => {
  const env = { DATABASE_URL: `sqlite:${path.join(cwd, 'roles.db')}` };
  const bad = await runCli(['serve', '--role', 'bad'], env, cwd);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--role must be one of all, web, poller, not "bad"/);
  const noKey = await runCli(['serve', '--role', 'poller', '--port', '0'], { ...env, PROCESS_LOG_LEVEL: 'silent' }, cwd);
  assert.equal(noKey.code, 2);
  assert.match(noKey.err, /SECRET_KEY is not set, but `sfd serve --role poller` needs it/);
});
