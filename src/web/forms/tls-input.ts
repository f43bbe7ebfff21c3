import { X509Certificate } from 'node:crypto';

/**
 * Checks of TLS trust input in the web layer (which may not import vendors/): the same rules the
 * vendor connector applies, so a bad CA bundle or pin is refused when saved, not at the next poll.
 */

/** "AB:CD:…", "abcd…", "ab cd …" or openssl's "SHA256 Fingerprint=AB:…" → "AB:CD:…"; null when not 32 bytes of hex. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text
    .trim()
    .replace(/^sha-?256(\s*fingerprint)?\s*[=:]?\s*/i, '')
    .replace(/[\s:-]/g, '')
    .toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)?.join(':') ?? null;
}

export interface CaSummary {
  subject: string;
  fingerprintSha256: string;
  validTo: string;
}

/** Every certificate of a PEM bundle parsed with X509Certificate, or the problem in plain words. */
export function checkCaBundle(pem: string): { certificates: CaSummary[] } | { problem: string } {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    return { problem: 'This is not a PEM certificate: no "-----BEGIN CERTIFICATE-----" block was found. Upload the CA certificate as PEM text (not DER, not a private key).' };
  }
  const certificates: CaSummary[] = [];
  for (const [i, block] of blocks.entries()) {
    try {
      const cert = new X509Certificate(block);
      certificates.push({ subject: cert.subject.split('\n').join(', '), fingerprintSha256: cert.fingerprint256.toUpperCase(), validTo: cert.validTo });
    } catch {
      return { problem: `Certificate ${i + 1} of ${blocks.length} in the CA bundle cannot be parsed as X.509: it is damaged or not a certificate.` };
    }
  }
  return { certificates };
}
