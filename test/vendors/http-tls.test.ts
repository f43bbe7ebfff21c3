// Each TLS trust mode against real local HTTPS servers with certificates made for the test.
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type TlsTrust, VendorError } from '../../src/vendors/client.js';
import { createVendorHttp, normalizeFingerprint, presentedCertificate } from '../../src/vendors/http.js';
import { createCa, createExpired, createLeaf, createSelfSigned, createWrongHost, type TestCert } from '../helpers/certs.js';

interface Served {
  url: string;
  port: number;
  /** HTTP requests that reached the handler: a refused certificate must keep this at 0. */
  hits: number;
  close(): Promise<void>;
}

async function serve(cert: TestCert | undefined): Promise<Served> {
  const handler: http.RequestListener = (_req, res) => {
    served.hits++;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  };
  const server = cert ? https.createServer({ key: cert.key, cert: cert.cert }, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections());
  const served: Served = { url: `${cert ? 'https' : 'http'}://127.0.0.1:${port}`, port, hits: 0, close };
  return served;
}

const options = { requestTimeoutMs: 2000, maxResponseBytes: 1024 * 1024 };

async function get(baseUrl: string, tls: TlsTrust) {
  const client = createVendorHttp({ baseUrl, tls }, options);
  try {
    return await client.request({ method: 'GET', path: '/api/ping', signal: AbortSignal.timeout(3000) });
  } finally {
    await client.close();
  }
}

async function refused(baseUrl: string, tls: TlsTrust, pattern: RegExp): Promise<VendorError> {
  const err = await get(baseUrl, tls).then(
    () => assert.fail('the request should have been refused'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof VendorError, String(err));
  assert.equal(err.code, 'VENDOR_TLS', err.message);
  assert.equal(err.reachability, 'tls_error');
  assert.match(err.message, pattern);
  assert.match(err.message, /^GET \/api\/ping: /);
  return err;
}

describe('TLS trust', () => {
  let ca: TestCert;
  let otherCa: TestCert;
  const s: Record<'leaf' | 'otherLeaf' | 'selfSigned' | 'expired' | 'wrongHost' | 'plain', Served> = {} as never;
  const certs: Record<string, TestCert> = {};

  before(async () => {
    [ca, otherCa] = await Promise.all([createCa(), createCa('Another CA')]);
    const [leaf, otherLeaf, selfSigned, expired, wrongHost] = await Promise.all([
      createLeaf(ca),
      createLeaf(otherCa),
      createSelfSigned(),
      createExpired(ca),
      createWrongHost(ca),
    ]);
    Object.assign(certs, { leaf, otherLeaf, selfSigned, expired, wrongHost });
    for (const name of ['leaf', 'otherLeaf', 'selfSigned', 'expired', 'wrongHost'] as const) s[name] = await serve(certs[name]);
    s.plain = await serve(undefined);
  });
  after(async () => {
    await Promise.all(Object.values(s).map((x) => x.close()));
  });

  test('system mode refuses a self-signed certificate and shows its fingerprint', async () => {
    const selfSigned = certs.selfSigned as TestCert;
    await refused(s.selfSigned.url, { mode: 'system' }, /self-signed certificate not trusted.*choose a CA, pin fingerprint/);
    await refused(s.selfSigned.url, { mode: 'system' }, new RegExp(selfSigned.fingerprintSha256));
    assert.equal(s.selfSigned.hits, 0);
  });

  test('system mode refuses a private-CA certificate', async () => {
    await refused(s.leaf.url, { mode: 'system' }, /issued by CN=Test Storage CA is not signed by this server's trusted CAs/);
  });

  test('ca mode accepts a certificate from the uploaded CA, by IP SAN and by name', async () => {
    const res = await get(s.leaf.url, { mode: 'ca', caPem: ca.cert });
    assert.deepEqual(res.body, { ok: true });
    const byName = await get(`https://localhost:${s.leaf.port}`, { mode: 'ca', caPem: ca.cert });
    assert.equal(byName.status, 200);
  });

  test('ca mode refuses certificates from another CA and self-signed ones', async () => {
    await refused(s.otherLeaf.url, { mode: 'ca', caPem: ca.cert }, /not signed by the uploaded CA bundle/);
    await refused(s.selfSigned.url, { mode: 'ca', caPem: ca.cert }, /self-signed/);
    assert.equal(s.otherLeaf.hits + s.selfSigned.hits, 0);
  });

  test('ca mode accepts a bundle of several CAs', async () => {
    const res = await get(s.otherLeaf.url, { mode: 'ca', caPem: `${ca.cert}\n${otherCa.cert}` });
    assert.equal(res.status, 200);
  });

  test('an expired certificate is refused with its end date', async () => {
    await refused(s.expired.url, { mode: 'ca', caPem: ca.cert }, /certificate has expired \(valid until \d{4}-/);
  });

  test('hostname verification stays on, also on a second connection', async () => {
    const pattern = /certificate is for DNS:other-array\.example, not "127\.0\.0\.1"/;
    await refused(s.wrongHost.url, { mode: 'ca', caPem: ca.cert }, pattern);
    // A second client, and a second request on one client: no TLS session may be resumed past the check.
    const client = createVendorHttp({ baseUrl: s.wrongHost.url, tls: { mode: 'ca', caPem: ca.cert } }, options);
    for (let i = 0; i < 2; i++) {
      await assert.rejects(client.request({ method: 'GET', path: '/x', signal: AbortSignal.timeout(3000) }), { code: 'VENDOR_TLS' });
    }
    await client.close();
    assert.equal(s.wrongHost.hits, 0);
  });

  test('a bad CA bundle fails at the first request with a clear message, without connecting', async () => {
    await refused(s.leaf.url, { mode: 'ca', caPem: 'not a certificate' }, /contains no PEM certificate/);
    const broken = '-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydA==\n-----END CERTIFICATE-----';
    await refused(s.leaf.url, { mode: 'ca', caPem: broken }, /certificate 1 of 1 .* is not a valid PEM certificate/);
  });

  test('pinned mode accepts the right fingerprint in any common format', async () => {
    const fp = (certs.selfSigned as TestCert).fingerprintSha256;
    for (const pin of [fp, fp.toLowerCase(), fp.replace(/:/g, ''), `SHA256 Fingerprint=${fp}`]) {
      const res = await get(s.selfSigned.url, { mode: 'pinned', fingerprintSha256: pin });
      assert.equal(res.status, 200, pin);
    }
  });

  test('pinned mode refuses a wrong fingerprint and shows the presented one', async () => {
    const presented = (certs.selfSigned as TestCert).fingerprintSha256;
    const wrong = (certs.leaf as TestCert).fingerprintSha256;
    const hitsBefore = s.selfSigned.hits;
    const err = await refused(s.selfSigned.url, { mode: 'pinned', fingerprintSha256: wrong }, /does not match the pinned/);
    assert.ok(err.message.includes(presented), err.message);
    assert.equal(s.selfSigned.hits, hitsBefore);
  });

  test('pinned mode rejects a pin that is not a fingerprint', async () => {
    await refused(s.selfSigned.url, { mode: 'pinned', fingerprintSha256: 'AB:CD' }, /not a SHA-256 fingerprint/);
  });

  test('insecure mode accepts self-signed and expired certificates', async () => {
    assert.equal((await get(s.selfSigned.url, { mode: 'insecure' })).status, 200);
    assert.equal((await get(s.expired.url, { mode: 'insecure' })).status, 200);
  });

  test('a CA or a pin with a plain http:// URL is refused, not silently ignored', async () => {
    await refused(s.plain.url, { mode: 'ca', caPem: ca.cert }, /plain http:\/\/.*use https:\/\//);
    await refused(s.plain.url, { mode: 'pinned', fingerprintSha256: (certs.leaf as TestCert).fingerprintSha256 }, /plain http/);
    assert.equal((await get(s.plain.url, { mode: 'system' })).status, 200);
  });

  test('https:// to a plain HTTP port says it does not speak TLS', async () => {
    await refused(`https://127.0.0.1:${s.plain.port}`, { mode: 'insecure' }, /does not speak TLS/);
  });

  test('presentedCertificate shows what the array presents, ready to pin', async () => {
    const c = await presentedCertificate(s.selfSigned.url, AbortSignal.timeout(3000));
    assert.equal(c.fingerprintSha256, (certs.selfSigned as TestCert).fingerprintSha256);
    assert.equal(normalizeFingerprint(c.fingerprintSha256), c.fingerprintSha256);
    assert.match(c.subject, /CN=array\.test/);
    assert.match(c.issuer, /CN=array\.test/);
    assert.ok(Date.parse(c.validFrom) < Date.now() && Date.parse(c.validTo) > Date.now());
    assert.match(c.subjectAltName, /IP Address:127\.0\.0\.1/);
    const expired = await presentedCertificate(`https://localhost:${s.expired.port}/prefix`, AbortSignal.timeout(3000));
    assert.ok(Date.parse(expired.validTo) < Date.now());
  });

  test('presentedCertificate fails as a VendorError', async () => {
    await assert.rejects(presentedCertificate(s.plain.url, AbortSignal.timeout(3000)), { code: 'VENDOR_TLS' });
    const closed = await serve(undefined);
    await closed.close();
    await assert.rejects(presentedCertificate(`https://127.0.0.1:${closed.port}`, AbortSignal.timeout(3000)), {
      code: 'VENDOR_UNREACHABLE',
      message: /connection refused/,
    });
    await assert.rejects(presentedCertificate(s.leaf.url, AbortSignal.abort()), { code: 'VENDOR_TIMEOUT' });
  });
});

test('normalizeFingerprint accepts the usual spellings and rejects the rest', () => {
  const canonical = Array.from({ length: 32 }, (_, i) => (i * 7 + 10).toString(16).toUpperCase().padStart(2, '0')).join(':');
  const hex = canonical.replace(/:/g, '');
  for (const input of [canonical, canonical.toLowerCase(), hex, hex.toLowerCase(), ` sha256:${hex} `, `SHA256 Fingerprint=${canonical}`]) {
    assert.equal(normalizeFingerprint(input), canonical, input);
  }
  for (const bad of ['', 'AB:CD', `${hex}00`, hex.replace(/A/g, 'G')]) assert.equal(normalizeFingerprint(bad), null, bad);
});
