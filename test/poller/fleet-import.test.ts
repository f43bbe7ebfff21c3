import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { getSystemByName, insertSystem, listSystems } from '../../src/db/repositories/systems.js';
import { createSecretBox } from '../../src/lib/secret-box.js';
import { isEmptyPlan } from '../../src/poller/fleet-diff.js';
import { importFleet, loadFleetFile } from '../../src/poller/fleet-import.js';
import { toSystemTarget } from '../../src/poller/targets.js';
import { buildSimulator } from '../../src/simulator/app.js';
import { fleetFileOf, writeFleetFile } from '../../src/simulator/fleet-file.js';
import { createVendorClient } from '../../src/vendors/registry.js';
import { engines, withMigratedDatabase } from '../helpers/databases.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'sfd-fleet-import-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const box = createSecretBox('k'.repeat(40));
const T0 = Date.UTC(2026, 10, 1);

function fleetOf(yaml: string, env: Record<string, string> = {}) {
  const file = path.join(dir, `fleet-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, yaml);
  return loadFleetFile(file, { env, cwd: dir });
}

const v1 = `systems:
  - name: fa-01
    vendor: pure
    address: 10.0.0.5
    credentials: { apiToken: "env:FA_TOKEN" }
    tags: [prod, site:ams]
  - name: dd-01
    vendor: datadomain
    address: dd01.example.com
    credentials: { username: monitor, password: secret-1 }
    tls: insecure
  - name: old-cluster
    vendor: ontap
    baseUrl: https://cluster1.example.com/proxy
    credentials: { username: ro, password: pw }
`;

// fa-01: only the tag order differs (no change). dd-01: port and password. old-cluster: gone. grid-01: new.
const v2 = `systems:
  - name: fa-01
    vendor: pure
    address: 10.0.0.5
    credentials: { apiToken: "env:FA_TOKEN" }
    tags: [site:ams, prod]
  - name: dd-01
    vendor: datadomain
    address: dd01.example.com
    port: 3010
    credentials: { username: monitor, password: secret-2 }
    tls: insecure
  - name: grid-01
    vendor: storagegrid
    address: grid.example.com
    credentials: { username: ro, password: pw }
`;

const env = { FA_TOKEN: 'token-1' };

for (const engine of engines) {
  describe(`fleet import on ${engine}`, () => {
    test('a dry run plans, writes nothing; the import stores sealed credentials; a re-import changes nothing', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        const dry = await importFleet(db, fleetOf(v1, env), box, { dryRun: true });
        assert.deepEqual(dry.add.map((s) => s.name), ['fa-01', 'dd-01', 'old-cluster']);
        assert.deepEqual(await listSystems(db), []);

        const applied = await importFleet(db, fleetOf(v1, env), box, { dryRun: false, now: T0 });
        assert.equal(applied.add.length, 3);
        const stored = await listSystems(db);
        assert.deepEqual(stored.map((s) => s.name), ['dd-01', 'fa-01', 'old-cluster']);
        for (const s of stored) {
          assert.ok(!s.credentialsSealed.includes('secret-1') && !s.credentialsSealed.includes('token-1'));
          assert.equal(s.createdAt, T0);
        }
        const fa = await getSystemByName(db, 'fa-01');
        assert.ok(fa);
        assert.deepEqual(toSystemTarget(fa, box), {
          name: 'fa-01',
          vendor: 'pure',
          baseUrl: 'https://10.0.0.5',
          credentials: { apiToken: 'token-1' },
          tls: { mode: 'system' },
        });
        const dd = await getSystemByName(db, 'dd-01');
        assert.ok(dd);
        assert.equal(toSystemTarget(dd, box).baseUrl, 'https://dd01.example.com:3009');
        const old = await getSystemByName(db, 'old-cluster');
        assert.ok(old);
        assert.equal(toSystemTarget(old, box).baseUrl, 'https://cluster1.example.com/proxy');

        const again = await importFleet(db, fleetOf(v1, env), box, { dryRun: false, now: T0 + 1000 });
        assert.ok(isEmptyPlan(again));
        assert.equal(again.unchanged.length, 3);
        assert.deepEqual(await listSystems(db), stored, 'rows, envelopes and timestamps untouched');
      }));

    test('the diff names added, changed (with fields) and removed systems, and applies them in one go', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        await importFleet(db, fleetOf(v1, env), box, { dryRun: false, now: T0 });
        const before = await listSystems(db);
        const plan = await importFleet(db, fleetOf(v2, env), box, { dryRun: true });
        assert.deepEqual(plan.add.map((s) => s.name), ['grid-01']);
        assert.deepEqual(
          plan.change.map((c) => [c.system.name, c.fields]),
          [['dd-01', ['port', 'credentials']]],
        );
        assert.deepEqual(plan.remove.map((s) => s.name), ['old-cluster']);
        assert.deepEqual(plan.unchanged.map((s) => s.name), ['fa-01']);
        assert.deepEqual(await listSystems(db), before, 'a dry run writes nothing');

        await importFleet(db, fleetOf(v2, env), box, { dryRun: false, now: T0 + 1 });
        assert.deepEqual((await listSystems(db)).map((s) => s.name), ['dd-01', 'fa-01', 'grid-01']);
        const dd = await getSystemByName(db, 'dd-01');
        assert.ok(dd);
        assert.equal(dd.updatedAt, T0 + 1);
        assert.deepEqual(toSystemTarget(dd, box).credentials, { username: 'monitor', password: 'secret-2' });
        assert.equal(toSystemTarget(dd, box).baseUrl, 'https://dd01.example.com:3010');

        // Only an env var changed: the credentials differ although the file did not.
        const rotated = await importFleet(db, fleetOf(v2, { FA_TOKEN: 'token-2' }), box, { dryRun: true });
        assert.deepEqual(rotated.change.map((c) => [c.system.name, c.fields]), [['fa-01', ['credentials']]]);
      }));

    test('a failed import leaves the database as it was', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        // A system whose credentials this key cannot open stops the comparison, and with it the import.
        await insertSystem(db, { name: 'dd-01', vendor: 'datadomain', address: 'dd01', port: null, tls: { mode: 'system' }, enabled: true, tags: [], credentialsSealed: createSecretBox('o'.repeat(40)).seal('{}') });
        const before = await listSystems(db);
        await assert.rejects(importFleet(db, fleetOf(v1, env), box, { dryRun: false }), /cannot compare the stored credentials of "dd-01": .*sealed with key/);
        assert.deepEqual(await listSystems(db), before);
      }));

    test('the fleet file the simulator writes imports, and each target polls its system', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        const sim = await buildSimulator({ systems: 4, seed: 7 });
        try {
          await sim.listen();
          const file = await writeFleetFile(path.join(dir, `sim-${engine}.json`), fleetFileOf(sim));
          const plan = await importFleet(db, loadFleetFile(file, { env: {}, cwd: dir }), box, { dryRun: false });
          assert.equal(plan.add.length, 4);
          const stored = await listSystems(db);
          assert.deepEqual(new Set(stored.map((s) => s.vendor)), new Set(['pure', 'ontap', 'storagegrid', 'datadomain']));
          for (const system of stored) {
            const spec = sim.specs.find((s) => s.name === system.name);
            assert.ok(spec);
            const target = toSystemTarget(system, box);
            assert.equal(target.baseUrl, sim.baseUrlOf(spec.id));
            assert.deepEqual(target.tls, { mode: 'pinned', fingerprintSha256: sim.fingerprintSha256 });
            const client = createVendorClient(target, { requestTimeoutMs: 5000, maxResponseBytes: 32 * 1024 * 1024 });
            try {
              const snapshot = await client.poll({ signal: AbortSignal.timeout(10_000) });
              assert.equal(snapshot.reachability.status, 'ok', system.name);
            } finally {
              await client.close();
            }
          }
          const again = await importFleet(db, loadFleetFile(file, { env: {}, cwd: dir }), box, { dryRun: true });
          assert.ok(isEmptyPlan(again));
        } finally {
          await sim.close();
        }
      }));
  });
}
