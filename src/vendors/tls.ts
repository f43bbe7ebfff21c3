import { createHash, type X509Certificate } from 'node:crypto';
import { createSecureContext, type SecureContext, type TLSSocket } from 'node:tls';
import { buildConnector } from 'undici';
import { normalizeFingerprint, readCaBundle } from '../domain/tls-trust.js';
import type { TlsTrust } from './client.js';

export { normalizeFingerprint };

/**
 * TLS trust per system. Every HTTPS connection is verified by our own connector rather than by
 * Node's automatic rejection, so a refusal can show the operator the certificate that was actually
 * presented (its fingerprint, to pin it). The verdict for `system`/`ca` is still Node's own
 * (`socket.authorized`: chain + hostname); we only decide what to do with it.
 */

export interface CertificateSummary {
  /** "AB:CD:…", upper case: the form `normalizeFingerprint` produces and a pin is compared in. */
  fingerprintSha256: string;
  subject: string;
  issuer: string;
  /** ISO 8601. */
  validFrom: string;
  validTo: string;
  /** e.g. "DNS:array.example, IP Address:10.0.0.5"; empty when the certificate has none. */
  subjectAltName: string;
}

export type TlsPolicy =
  | { mode: 'system' }
  | { mode: 'ca'; ca: string[] }
  | { mode: 'pinned'; fingerprint: string }
  | { mode: 'insecure' };

/** A certificate our connector refused; `code` is Node's verify code, or PIN_MISMATCH. */
export class TlsRefusal extends Error {
  override name = 'TlsRefusal';
  constructor(
    readonly code: string,
    message: string,
    readonly presented: CertificateSummary | undefined,
  ) {
    super(message);
  }
}

function isoDate(text: string): string {
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? text : d.toISOString();
}

export function summarizeCertificate(cert: X509Certificate): CertificateSummary {
  return {
    fingerprintSha256: cert.fingerprint256.toUpperCase(),
    subject: cert.subject.split('\n').join(', '),
    issuer: cert.issuer.split('\n').join(', '),
    validFrom: isoDate(cert.validFrom),
    validTo: isoDate(cert.validTo),
    subjectAltName: cert.subjectAltName ?? '',
  };
}

/** Validates an uploaded bundle up front: Node would otherwise ignore garbage and fail obscurely later. */
export function parseCaBundle(pem: string): { certs: string[] } | { problem: string } {
  const bundle = readCaBundle(pem);
  if ('certificates' in bundle) return { certs: bundle.certificates.map((c) => c.pem) };
  if (bundle.problem === 'no-pem') return { problem: 'the uploaded CA bundle contains no PEM certificate (no "-----BEGIN CERTIFICATE-----" block)' };
  return { problem: `certificate ${bundle.index} of ${bundle.count} in the uploaded CA bundle is not a valid PEM certificate` };
}

export function tlsPolicyOf(trust: TlsTrust): TlsPolicy | { problem: string } {
  switch (trust.mode) {
    case 'system':
    case 'insecure':
      return { mode: trust.mode };
    case 'ca': {
      const parsed = parseCaBundle(trust.caPem);
      return 'problem' in parsed ? parsed : { mode: 'ca', ca: parsed.certs };
    }
    case 'pinned': {
      const fingerprint = normalizeFingerprint(trust.fingerprintSha256);
      if (fingerprint === null) return { problem: 'the pinned fingerprint is not a SHA-256 fingerprint (64 hex digits, e.g. "AB:CD:…")' };
      return { mode: 'pinned', fingerprint };
    }
    default: {
      const never: never = trust;
      return { problem: `unknown TLS trust mode ${JSON.stringify(never)}` };
    }
  }
}

const untrustedChain = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** Plain-English reason, always with the presented fingerprint so the operator can decide to pin it. */
export function certificateProblem(code: string, c: CertificateSummary, hostname: string, mode: TlsPolicy['mode']): string {
  const pin = `pin fingerprint ${c.fingerprintSha256}`;
  if (code === 'CERT_HAS_EXPIRED') {
    return `certificate has expired (valid until ${c.validTo}, subject ${c.subject}): renew it on the array, or ${pin} to accept this exact certificate`;
  }
  if (code === 'CERT_NOT_YET_VALID') return `certificate is not valid yet (valid from ${c.validFrom}): check the clocks of the array and this server`;
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN') {
    return `self-signed certificate not trusted (subject ${c.subject}): choose a CA, ${pin} or skip verification (insecure)`;
  }
  if (untrustedChain.has(code)) {
    const by = mode === 'ca' ? 'the uploaded CA bundle' : "this server's trusted CAs";
    return `certificate issued by ${c.issuer} is not signed by ${by}: upload the issuing CA, ${pin} or skip verification (insecure)`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = c.subjectAltName || c.subject;
    return `certificate is for ${names}, not "${hostname}": use a name or address the certificate lists in the base URL, or ${pin}`;
  }
  return `certificate not trusted (${code}, subject ${c.subject}): upload the issuing CA or ${pin}`;
}

function authorizationCode(socket: TLSSocket): string {
  const e: unknown = socket.authorizationError;
  if (typeof e === 'string') return e;
  if (e instanceof Error) return (e as NodeJS.ErrnoException).code ?? e.message;
  return 'UNKNOWN_VERIFY_ERROR';
}

/** null when the policy accepts the socket's certificate. */
export function verifyPeer(socket: TLSSocket, policy: TlsPolicy, hostname: string): TlsRefusal | null {
  if (policy.mode === 'insecure') return null;
  const x509 = socket.getPeerX509Certificate();
  if (!x509) return new TlsRefusal('NO_PEER_CERTIFICATE', `${hostname} presented no certificate`, undefined);
  const presented = summarizeCertificate(x509);
  if (policy.mode === 'pinned') {
    if (presented.fingerprintSha256 === policy.fingerprint) return null;
    const message = `certificate fingerprint ${presented.fingerprintSha256} does not match the pinned ${policy.fingerprint}: if the array's certificate was replaced on purpose, pin the new fingerprint`;
    return new TlsRefusal('PIN_MISMATCH', message, presented);
  }
  if (socket.authorized) return null;
  const code = authorizationCode(socket);
  return new TlsRefusal(code, certificateProblem(code, presented, hostname, policy.mode), presented);
}

// Distinct CA bundles in use at once are few (one per private CA); the bound only stops a stream
// of edited bundles from piling up. Least recently used goes first.
const MAX_CA_CONTEXTS = 64;
const sharedContexts = new Map<string, SecureContext>();

/**
 * The secure context for a trust policy, shared by every connection of every system that uses it.
 * Without one, tls.connect builds a fresh context (an OpenSSL SSL_CTX, and for `ca` the parsed
 * bundle) for each connection. `system`, `pinned` and `insecure` share Node's default context:
 * pinned and insecure make their decision in verifyPeer, not through the CA store. A `ca` bundle
 * is keyed by its content. Sharing cannot leak a session between systems: our connector caches
 * none (maxCachedSessions: 0) and Node keeps no session cache inside the context.
 */
export function secureContextFor(policy: TlsPolicy): SecureContext {
  const key = policy.mode === 'ca' ? `ca:${createHash('sha256').update(policy.ca.join('\n')).digest('hex')}` : 'default';
  const cached = sharedContexts.get(key);
  if (cached) {
    sharedContexts.delete(key);
    sharedContexts.set(key, cached);
    return cached;
  }
  const context = createSecureContext(policy.mode === 'ca' ? { ca: policy.ca } : {});
  sharedContexts.set(key, context);
  if (sharedContexts.size > MAX_CA_CONTEXTS + 1) {
    const oldest = sharedContexts.keys().next().value;
    if (oldest !== undefined) sharedContexts.delete(oldest);
  }
  return context;
}

/**
 * An undici connector enforcing `policy`. Node's own rejection is off because we reject ourselves
 * before the socket is handed to undici, so no request byte is sent to a refused peer. TLS session
 * resumption is off: a resumed session skips Node's hostname check, which would let a refused
 * certificate through on the next connection.
 */
export function createConnector(policy: TlsPolicy, timeoutMs: number): buildConnector.connector {
  const base = buildConnector({
    timeout: timeoutMs,
    maxCachedSessions: 0,
    rejectUnauthorized: false,
    secureContext: secureContextFor(policy),
  });
  return (options, callback) => {
    base(options, (err, socket) => {
      if (err !== null || socket === null) return callback(err ?? new Error('connect failed'), null);
      if (options.protocol !== 'https:') return callback(null, socket);
      const refusal = verifyPeer(socket as TLSSocket, policy, options.hostname);
      if (refusal === null) return callback(null, socket);
      socket.destroy();
      callback(refusal, null);
    });
  };
}
