import { X509Certificate } from 'node:crypto';

/**
 * The pure checks of a system's TLS trust input, shared by the admin form, the JSON API, the fleet
 * file import and the vendor connector, so a pin or CA bundle one of them accepts the others accept too.
 * (Parsing a certificate is computation, not I/O.)
 */

/**
 * "AB:CD:…", "abcd…", "ab cd …" or openssl's "SHA256 Fingerprint=AB:…" → "AB:CD:…"; null when it is
 * not 32 bytes of hex, so a typo is caught when the pin is saved rather than as a mismatch later.
 */
export function normalizeFingerprint(text: string): string | null {
  const hex = text
    .trim()
    .replace(/^sha-?256(\s*fingerprint)?\s*[=:]?\s*/i, '')
    .replace(/[\s:-]/g, '')
    .toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)?.join(':') ?? null;
}

export interface CaCertificate {
  /** The PEM block as it stood in the bundle. */
  pem: string;
  /** "CN=…, O=…" on one line. */
  subject: string;
  /** "AB:CD:…", the form `normalizeFingerprint` produces. */
  fingerprintSha256: string;
  /** As X509Certificate writes it, e.g. "Nov  1 00:00:00 2027 GMT". */
  validTo: string;
}

/** Every certificate of the bundle, or what is wrong with it; each caller words the problem for its audience. */
export type CaBundle =
  | { certificates: CaCertificate[] }
  | { problem: 'no-pem' }
  | { problem: 'unparsable'; index: number; count: number };

/** Parses every PEM block: Node would otherwise ignore garbage in a bundle and fail obscurely at connect time. */
export function readCaBundle(text: string): CaBundle {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) return { problem: 'no-pem' };
  const certificates: CaCertificate[] = [];
  for (const [i, pem] of blocks.entries()) {
    try {
      const cert = new X509Certificate(pem);
      certificates.push({ pem, subject: cert.subject.split('\n').join(', '), fingerprintSha256: cert.fingerprint256.toUpperCase(), validTo: cert.validTo });
    } catch {
      return { problem: 'unparsable', index: i + 1, count: blocks.length };
    }
  }
  return { certificates };
}
