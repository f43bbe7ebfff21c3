// Every vendor client against the whole simulator over HTTPS: each TLS trust mode, and each
// injectable fault, must end in the right reachability with a message — never a hang or a crash.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { VENDORS } from '../../src/domain/snapshot.js';
import { buildSimulator, type Simulator } from '../../src/simulator/app.js';
import { noFaults, type SimFaults, type SimSystemState } from '../../src/simulator/types.js';
import { type SystemTarget, type TlsTrust, VendorError } from '../../src/vendors/client.js';
import { createVendorClient } from '../../src/vendors/registry.js';

const options = { requestTimeoutMs: 700, maxResponseBytes: 4 * 1024 * 1024 };
let sim: Simulator;

before(async () => {
  sim = await buildSimulator({ systems: 4, seed: 11, startAt: Date.parse('2026-11-01T00:00:00Z') });
  await sim.listen(0, '127.0.0.1');
});
after(() => sim.close());

function systemOf(vendor: string): SimSystemState {
  const found = sim.systems.find((s) => s.vendor === vendor);
  assert.ok(found, `the simulator serves a ${vendor} system`);
  return found;
}

function targetFor(sys: SimSystemState, tls: TlsTrust, baseUrl = sim.baseUrlOf(sys.id)): SystemTarget {
  const { username, password, apiToken } = sys.credentials;
  return { name: sys.name, vendor: sys.vendor, baseUrl, tls, credentials: sys.vendor === 'pure' ? { apiToken } : { username, password } };
}

const pinned = (): TlsTrust => ({ mode: 'pinned', fingerprintSha256: sim.fingerprintSha256 ?? '' });

async function pollOnce(target: SystemTarget, deadlineMs = 5000) {
  const client = createVendorClient(target, options);
  try {
    return await client.poll({ signal: AbortSignal.timeout(deadlineMs) });
  } finally {
    await client.close();
  }
}

async function failureOf(target: SystemTarget, deadlineMs?: number): Promise<VendorError> {
  const err = await pollOnce(target, deadlineMs).then(
    () => assert.fail('the poll should have failed'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof VendorError, `expected a VendorError, got ${String(err)}`);
  assert.ok(err.message.length > 10, 'the message says what happened');
  return err;
}

async function withFaults<T>(sys: SimSystemState, faults: Partial<SimFaults>, fn: () => Promise<T>): Promise<T> {
  sim.setFaults(sys.id, faults);
  try {
    return await fn();
  } finally {
    sim.setFaults(sys.id, noFaults);
  }
}

for (const vendor of VENDORS) {
  describe(`${vendor} client against the simulator`, () => {
    test('trusts the certificate when pinned, when given as CA, and when told to skip checks', async () => {
      const sys = systemOf(vendor);
      for (const tls of [pinned(), { mode: 'ca', caPem: sim.certificatePem ?? '' }, { mode: 'insecure' }] as TlsTrust[]) {
        const snapshot = await pollOnce(targetFor(sys, tls));
        assert.equal(snapshot.reachability.status, 'ok', tls.mode);
        assert.equal(snapshot.identity.vendor, vendor);
      }
    });

    test('refuses a self-signed certificate with system CAs, and a wrong pin', async () => {
      const sys = systemOf(vendor);
      assert.equal((await failureOf(targetFor(sys, { mode: 'system' }))).reachability, 'tls_error');
      const wrongPin = await failureOf(targetFor(sys, { mode: 'pinned', fingerprintSha256: 'AB'.repeat(32) }));
      assert.equal(wrongPin.reachability, 'tls_error');
    });

    test('wrong credentials are auth_failed', async () => {
      const sys = systemOf(vendor);
      const target = targetFor(sys, pinned());
      target.credentials = vendor === 'pure' ? { apiToken: 'wrong-token' } : { username: 'monitor', password: 'wrong' };
      assert.equal((await failureOf(target)).reachability, 'auth_failed');
    });

    test('a closed port is unreachable', async () => {
      const sys = systemOf(vendor);
      const err = await failureOf(targetFor(sys, pinned(), `https://127.0.0.1:1/${sys.id}`));
      assert.equal(err.reachability, 'unreachable');
    });

    const faultCases: [string, Partial<SimFaults>, string][] = [
      ['a hung array', { hang: true }, 'timeout'],
      ['a slow-dripping body', { slowBodyMs: 3000 }, 'timeout'],
      ['a 5xx answer', { errorRate: 1 }, 'api_error'],
      ['429 with Retry-After', { errorRate: 1, errorStatus: 429 }, 'api_error'],
      ['a truncated JSON body', { malformedBody: true }, 'api_error'],
      ['an HTML error page', { htmlError: true }, 'api_error'],
      ['a reset connection', { resetConnection: true }, 'unreachable'],
    ];
    for (const [name, faults, reachability] of faultCases) {
      test(`${name} → ${reachability}`, async () => {
        const sys = systemOf(vendor);
        const err = await withFaults(sys, faults, () => failureOf(targetFor(sys, pinned())));
        assert.equal(err.reachability, reachability, err.message);
        if (faults.errorStatus === 429) assert.equal(err.retryAfterSeconds, 1);
      });
    }

    test('one system poll never outlives its deadline', async () => {
      const sys = systemOf(vendor);
      const started = Date.now();
      const err = await withFaults(sys, { latencyMs: 400 }, () =>
        failureOf(targetFor(sys, pinned()), 300),
      );
      assert.equal(err.reachability, 'timeout');
      assert.ok(Date.now() - started < 2000, 'ended near its 300 ms deadline');
    });
  });
}
