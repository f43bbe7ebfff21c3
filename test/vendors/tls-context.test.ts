// One secure context per trust policy, shared by all connections (the poller's memory at a
// thousand systems depends on it); a CA bundle keyed by its content, never mixed with another.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secureContextFor } from '../../src/vendors/tls.js';
import { createCa } from '../helpers/certs.js';

test('system, pinned and insecure share one context; equal CA bundles share theirs; different ones do not', async () => {
  const [ca, otherCa] = await Promise.all([createCa(), createCa('Another CA')]);
  const system = secureContextFor({ mode: 'system' });
  assert.equal(secureContextFor({ mode: 'system' }), system);
  assert.equal(secureContextFor({ mode: 'pinned', fingerprint: 'AB' }), system);
  assert.equal(secureContextFor({ mode: 'insecure' }), system);

  const bundle = secureContextFor({ mode: 'ca', ca: [ca.cert] });
  assert.notEqual(bundle, system);
  assert.equal(secureContextFor({ mode: 'ca', ca: [`${ca.cert}`] }), bundle, 'same content, same context');
  assert.notEqual(secureContextFor({ mode: 'ca', ca: [otherCa.cert] }), bundle);
  assert.notEqual(secureContextFor({ mode: 'ca', ca: [ca.cert, otherCa.cert] }), bundle);
});

test('many distinct CA bundles stay bounded: the least recently used context is dropped and rebuilt on demand', async () => {
  const ca = await createCa();
  const first = secureContextFor({ mode: 'ca', ca: [ca.cert] });
  // The same certificate followed by different numbers of blank lines hashes differently: 100 distinct bundles.
  for (let i = 0; i < 100; i++) secureContextFor({ mode: 'ca', ca: [`${ca.cert}${'\n'.repeat(i + 1)}`] });
  const again = secureContextFor({ mode: 'ca', ca: [ca.cert] });
  assert.notEqual(again, first, 'evicted after 64 newer bundles');
  assert.equal(secureContextFor({ mode: 'ca', ca: [ca.cert] }), again);
});
