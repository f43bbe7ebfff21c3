// Certificates for TLS tests, made on the fly with `selfsigned`: nothing secret or expiring is
// committed. EC keys because RSA generation is slow enough to dominate a test file's runtime.
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface TestCert {
  /** PEM certificate. */
  cert: string;
  /** PEM private key. */
  key: string;
  /** SHA-256 fingerprint as Node prints it: "AB:CD:…" (upper case). */
  fingerprintSha256: string;
}

export interface LeafOptions {
  commonName?: string;
  /** DNS names in the subjectAltName; default ["localhost"]. */
  dnsNames?: string[];
  /** IP addresses in the subjectAltName; default ["127.0.0.1", "::1"]. */
  ips?: string[];
  notBefore?: Date;
  notAfter?: Date;
}

const day = 24 * 60 * 60 * 1000;

function toTestCert(pems: { cert: string; private: string }): TestCert {
  return { cert: pems.cert, key: pems.private, fingerprintSha256: new X509Certificate(pems.cert).fingerprint256 };
}

function leafExtensions(o: LeafOptions) {
  const dns = o.dnsNames ?? ['localhost'];
  const ips = o.ips ?? ['127.0.0.1', '::1'];
  return [
    { name: 'basicConstraints' as const, cA: false },
    { name: 'keyUsage' as const, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage' as const, serverAuth: true },
    {
      name: 'subjectAltName' as const,
      altNames: [...dns.map((value) => ({ type: 2 as const, value })), ...ips.map((ip) => ({ type: 7 as const, ip }))],
    },
  ];
}

function validity(o: LeafOptions) {
  const notBeforeDate = o.notBefore ?? new Date(Date.now() - day);
  return { notBeforeDate, notAfterDate: o.notAfter ?? new Date(notBeforeDate.getTime() + 30 * day) };
}

/** A private certificate authority that can sign leaves (what an array vendor or a company PKI would be). */
export async function createCa(commonName = 'Test Storage CA'): Promise<TestCert> {
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - day),
    notAfterDate: new Date(Date.now() + 365 * day),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  return toTestCert(pems);
}

/** A server certificate signed by `ca`, by default valid for localhost, 127.0.0.1 and ::1. */
export async function createLeaf(ca: TestCert, o: LeafOptions = {}): Promise<TestCert> {
  const pems = await generate([{ name: 'commonName', value: o.commonName ?? 'array.test' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ...validity(o),
    extensions: leafExtensions(o),
    ca: { key: ca.key, cert: ca.cert },
  });
  return toTestCert(pems);
}

/** A self-signed server certificate, as most arrays ship from the factory. */
export async function createSelfSigned(o: LeafOptions = {}): Promise<TestCert> {
  const pems = await generate([{ name: 'commonName', value: o.commonName ?? 'array.test' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ...validity(o),
    extensions: leafExtensions(o),
  });
  return toTestCert(pems);
}

/** A leaf signed by `ca` whose validity ended yesterday. */
export async function createExpired(ca: TestCert, o: LeafOptions = {}): Promise<TestCert> {
  return createLeaf(ca, { ...o, notBefore: new Date(Date.now() - 60 * day), notAfter: new Date(Date.now() - day) });
}

/** A leaf signed by `ca` that names only another host, so hostname verification must refuse it. */
export async function createWrongHost(ca: TestCert, host = 'other-array.example'): Promise<TestCert> {
  return createLeaf(ca, { commonName: host, dnsNames: [host], ips: [] });
}
