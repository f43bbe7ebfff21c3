import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { Agent, request } from 'undici';
import { buildSimulator } from '../../src/simulator/app.js';
import { type FleetFile, fleetFileOf, writeFleetFile } from '../../src/simulator/fleet-file.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'sfd-fleet-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the fleet file describes every served system, pinned to the simulator’s certificate', async () => {
  const sim = await buildSimulator({ systems: 6, seed: 4 });
  try {
    const origin = await sim.listen();
    const file = await writeFleetFile(path.join(dir, 'nested', 'fleet.json'), fleetFileOf(sim));
    assert.equal(statSync(file).mode & 0o777, 0o600, 'credentials are for the owner only');
    const fleet = JSON.parse(readFileSync(file, 'utf8')) as FleetFile;
    assert.equal(fleet.systems.length, 6);
    assert.deepEqual(
      fleet.systems.map((s) => [s.name, s.vendor, s.baseUrl]),
      sim.specs.map((s) => [s.name, s.vendor, `${origin}/${s.id}`]),
    );
    for (const [i, entry] of fleet.systems.entries()) {
      const spec = sim.specs[i];
      assert.ok(spec);
      assert.deepEqual(entry.tls, { mode: 'pinned', fingerprintSha256: sim.fingerprintSha256 });
      assert.equal(entry.enabled, true);
      assert.equal(entry.credentials.username, spec.credentials.username);
      assert.equal(entry.credentials.password, spec.credentials.password);
      assert.equal(entry.credentials.apiToken, entry.vendor === 'pure' ? spec.credentials.apiToken : undefined, 'only Pure logs in with a token');
      assert.ok(entry.tags.includes('simulated'));
      assert.ok(entry.tags.some((t) => t.startsWith('site:')));
    }
    // The base URL is a real one: the Pure system answers under it.
    const agent = new Agent({ connect: { ca: sim.certificatePem ?? '' } });
    const pure = fleet.systems.find((s) => s.vendor === 'pure');
    const res = await request(`${pure?.baseUrl}/api/api_version`, { dispatcher: agent });
    assert.equal(res.statusCode, 200);
    await res.body.dump();
    await agent.close();
  } finally {
    await sim.close();
  }
});

test('plain HTTP (and an explicit request) gives insecure entries', async () => {
  const sim = await buildSimulator({ systems: 2, seed: 4, tls: 'none' });
  try {
    const origin = await sim.listen();
    const fleet = fleetFileOf(sim);
    assert.deepEqual(fleet.systems[0]?.tls, { mode: 'insecure' });
    assert.ok(fleet.systems[0]?.baseUrl.startsWith(`${origin}/`));
    assert.match(origin, /^http:\/\//);
  } finally {
    await sim.close();
  }
  const tlsSim = await buildSimulator({ systems: 1, seed: 4 });
  try {
    await tlsSim.listen();
    assert.deepEqual(fleetFileOf(tlsSim, { tls: 'insecure' }).systems[0]?.tls, { mode: 'insecure' });
  } finally {
    await tlsSim.close();
  }
});

test('the fleet file needs the simulator to be listening (base URLs include the port)', async () => {
  const sim = await buildSimulator({ systems: 1, seed: 4, tls: 'none' });
  assert.throws(() => fleetFileOf(sim), /not listening/);
  await sim.close();
});
