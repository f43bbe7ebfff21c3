import { type CaCertificate, readCaBundle } from '../../domain/tls-trust.js';

export { normalizeFingerprint } from '../../domain/tls-trust.js';

/** The admin form's words for a CA bundle the shared check (domain/tls-trust.ts) refuses. */
export function checkCaBundle(pem: string): { certificates: CaCertificate[] } | { problem: string } {
  const bundle = readCaBundle(pem);
  if ('certificates' in bundle) return bundle;
  if (bundle.problem === 'no-pem') {
    return { problem: 'This is not a PEM certificate: no "-----BEGIN CERTIFICATE-----" block was found. Upload the CA certificate as PEM text (not DER, not a private key).' };
  }
  return { problem: `Certificate ${bundle.index} of ${bundle.count} in the CA bundle cannot be parsed as X.509: it is damaged or not a certificate.` };
}
