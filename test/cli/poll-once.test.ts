import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { buildSimulator } from '../../src/simulator/app.js';
import { fleetFileOf, writeFleetFile } from '../../src/simulator/fleet-file.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { engines, withMigratedDatabase } from '../helpers/databases.js';

const cwd = mkdtempSync(path.join(os.tmpdir(), 'sfd-poll-once-'));
after(() => rmSync(cwd, { recursive: true, force: true }));
const SECRET_KEY = 'poll-once-key-'.repeat(3);

for (const engine of engines) {
  describe(`sfd poll --once on ${engine}`, () => {
    test('reports every system of an imported simulator fleet, failures by reachability, and stores the results', () =>
      withMigratedDatabase(engine, async ({ db }, testDb) => {
        const sim = await buildSimulator({ systems: 8, seed: 3 });
        try {
          await sim.listen(0, '127.0.0.1');
          // One broken system: the run is still a report (exit 0) that names it.
          const broken = sim.specs[1];
          assert.ok(broken);
          sim.setFaults(broken.id, { errorRate: 1 });
          await writeFleetFile(path.join(cwd, `fleet-${engine}.json`), fleetFileOf(sim));
          const env = { DATABASE_URL: testDb.url, SECRET_KEY, POLL_TIMEOUT_SECONDS: '10' };
          const imported = await runCli(['systems', 'import', `fleet-${engine}.json`], env, cwd);
          assert.equal(imported.code, 0, imported.err);

          const json = await spawnCli(['poll', '--once', '--json'], env, cwd);
          assert.equal(json.code, 0, json.err);
          const summary = JSON.parse(json.out.trim());
          assert.equal(summary.systems, 8);
          assert.equal(summary.ok, 7);
          assert.equal(summary.failed.api_error, 1);
          assert.deepEqual(Object.keys(summary.failed).sort(), ['api_error', 'auth_failed', 'timeout', 'tls_error', 'unreachable']);
          assert.equal(summary.unsaved, 0);
          assert.deepEqual(summary.skipped, []);
          assert.ok(summary.durationMs > 0);
          assert.ok(summary.slowest.ms > 0 && sim.specs.some((s) => s.name === summary.slowest.name));

          const status = await db.selectFrom('system_status').select(['reachability']).execute();
          assert.equal(status.length, 8);
          const logs = await db.selectFrom('system_logs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
          assert.ok(Number(logs.n) >= 8, 'the writer drained before exit');

          const human = await spawnCli(['poll', '--once'], env, cwd);
          assert.equal(human.code, 0, human.err);
          assert.match(human.out, /^polled 8 systems in \d+ ms: 7 ok, 1 failed \(api_error 1\)$/m);
          assert.match(human.out, /^slowest: \S+ \(\d+ ms\)$/m);
          assert.match(human.out, new RegExp(`^  ${broken.name}: api_error: `, 'm'));
        } finally {
          await sim.close();
        }
      }));
  });
}

test('sfd poll without SECRET_KEY exits 2 and says why; without --once it is a usage error', async () => {
  const env = { DATABASE_URL: `sqlite:${path.join(cwd, 'none.db')}` };
  const missing = await runCli(['poll', '--once'], env, cwd);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /SECRET_KEY is not set, but `sfd poll` needs it/);
  const noOnce = await runCli(['poll'], { ...env, SECRET_KEY }, cwd);
  assert.equal(noOnce.code, 2);
  assert.match(noOnce.err, /only --once is supported/);
});

test('sfd poll --once with no systems prints an empty summary and how to add some', async () => {
  const result = await spawnCli(['poll', '--once', '--json'], { DATABASE_URL: `sqlite:${path.join(cwd, 'empty.db')}`, SECRET_KEY }, cwd);
  assert.equal(result.code, 0, result.err);
  assert.equal(JSON.parse(result.out).systems, 0);
  assert.match(result.err, /sfd systems import fleet\.yaml/);
});
