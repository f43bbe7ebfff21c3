import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface SimCertificate {
  key: string;
  cert: string;
  /** "AB:CD:…", the form node:crypto prints; what a pinned fleet-file entry carries. */
  fingerprintSha256: string;
}

/**
 * A fresh self-signed certificate for loopback, like the ones arrays ship with out of the box.
 * EC P-256 because RSA key generation would cost most of the simulator's start-up time.
 */
export async function createCertificate(now = new Date()): Promise<SimCertificate> {
  const notAfter = new Date(now);
  notAfter.setFullYear(notAfter.getFullYear() + 1);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }, { name: 'organizationName', value: 'sfd simulator' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert, fingerprintSha256: new X509Certificate(pems.cert).fingerprint256 };
}
