import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { test } from 'node:test';
import { normalizeFingerprint, readCaBundle } from '../../src/domain/tls-trust.js';
import { createCa } from '../helpers/certs.js';

test('readCaBundle lists every certificate of a bundle, with the fingerprint in the form a pin takes', async () => {
  const [one, two] = await Promise.all([createCa('CA One'), createCa('CA Two')]);
  const bundle = readCaBundle(`junk before\n${one.cert}\n${two.cert}`);
  assert.ok('certificates' in bundle);
  assert.deepEqual(
    bundle.certificates.map((c) => c.subject.includes('CN=CA One') || c.subject.includes('CN=CA Two')),
    [true, true],
  );
  const fingerprint = new X509Certificate(two.cert).fingerprint256;
  assert.equal(bundle.certificates[1]?.fingerprintSha256, normalizeFingerprint(fingerprint));
  assert.match(bundle.certificates[0]?.pem ?? '', /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/);
});

test('readCaBundle names what is wrong: no PEM block, or which block does not parse', async () => {
  const ca = await createCa();
  assert.deepEqual(readCaBundle('not a certificate'), { problem: 'no-pem' });
  const damaged = ca.cert.replace(/(-----BEGIN CERTIFICATE-----\n)(.{20})/, '$1AAAAAAAAAAAAAAAAAAAA');
  assert.deepEqual(readCaBundle(`${ca.cert}\n${damaged}`), { problem: 'unparsable', index: 2, count: 2 });
});
