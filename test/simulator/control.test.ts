import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSimulator } from '../../src/simulator/app.js';

test('the control route changes a system’s faults only when enabled, and refuses unknown fields and systems', async () => {
  const sim = await buildSimulator({ systems: 2, seed: 1, tls: 'none', control: true });
  const off = await buildSimulator({ systems: 2, seed: 1, tls: 'none' });
  try {
    const id = sim.specs[0]?.id ?? '';
    const ok = await sim.app.inject({ method: 'POST', url: `/_sim/systems/${id}/faults`, payload: { errorRate: 1 } });
    assert.equal(ok.statusCode, 200);
    assert.equal(sim.faultsOf(id).errorRate, 1);
    assert.equal((await sim.app.inject({ method: 'POST', url: `/_sim/systems/${id}/faults`, payload: { rm: true } })).statusCode, 400);
    assert.equal((await sim.app.inject({ method: 'POST', url: '/_sim/systems/nope/faults', payload: { hang: true } })).statusCode, 404);
    assert.equal((await off.app.inject({ method: 'POST', url: `/_sim/systems/${id}/faults`, payload: { errorRate: 1 } })).statusCode, 404);
  } finally {
    await sim.close();
    await off.close();
  }
});
