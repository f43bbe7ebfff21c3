// The ONTAP client against the whole simulator frame (buildSimulator): HTTPS with a pinned
// self-signed certificate, the shared model's fleet, and the frame's fault injection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSimulator } from '../../src/simulator/app.js';
import type { SimSystemState } from '../../src/simulator/types.js';
import { defaultClientOptions, type VendorClient, VendorError } from '../../src/vendors/client.js';
import { createOntapClient } from '../../src/vendors/ontap/client.js';

const clients: VendorClient[] = [];
const poll = (c: VendorClient) => c.poll({ signal: AbortSignal.timeout(5000) });

test('against the full simulator frame over HTTPS (pinned certificate): a busy fleet polls cleanly, a 5xx system is an api_error', async () => {
  const sim = await buildSimulator({ systems: 6, seed: 7, scenario: 'busy', startAt: Date.parse('2026-11-01T00:00:00Z')});
  try {
    await sim.listen(0, '127.0.0.1');
    const ontap = sim.systems.filter((s) => s.vendor === 'ontap');
    assert.ok(ontap.length >= 2);
    const connect = (sys: SimSystemState) => {
      const c = createOntapClient(
        { name: sys.name, vendor: 'ontap', baseUrl: sim.baseUrlOf(sys.id), credentials: { username: sys.credentials.username, password: sys.credentials.password }, tls: { mode: 'pinned', fingerprintSha256: sim.fingerprintSha256 ?? '' } },
        defaultClientOptions,
      );
      clients.push(c);
      return c;
    };
    for (const sys of ontap) {
      const s = await poll(connect(sys));
      assert.equal(s.identity.name, sys.name);
      assert.equal(s.identity.topology, sys.topology);
      assert.equal(s.capacity?.totalBytes, Math.round(sys.capacity.totalBytes));
      // ONTAP keeps one alert per alert id and resource, however many overlapping incidents the model has.
      const open = new Set(sys.alerts.filter((a) => a.clearedAt === null || a.clearedAt > sys.now).map((a) => `${a.code}/${a.component ?? a.id}`));
      assert.equal(s.alerts.length, open.size, `${sys.id}: open alerts`);
    }
    const broken = ontap[0] as SimSystemState;
    sim.setFaults(broken.id, { errorRate: 1 });
    const err = await poll(connect(broken)).then(() => assert.fail('poll should fail'), (e: unknown) => e);
    assert.ok(err instanceof VendorError && err.code === 'VENDOR_HTTP' && err.reachability === 'api_error', String(err));
  } finally {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await sim.close();
  }
});
