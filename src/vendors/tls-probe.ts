import { isIP } from 'node:net';
import tls from 'node:tls';
import { VendorError } from './client.js';
import { type FailureContext, transportFailure, vendorError } from './http-errors.js';
import { makeRedactor } from './http-redact.js';
import { parseBaseUrl } from './http-url.js';
import { type CertificateSummary, summarizeCertificate } from './tls.js';

/**
 * The certificate a system presents, fetched without trusting it, so the UI can show it and an
 * operator can pin its fingerprint ("see and pin"). Only a TLS handshake: no HTTP request is sent,
 * so no credentials are involved.
 */
export async function presentedCertificate(baseUrl: string, signal: AbortSignal): Promise<CertificateSummary> {
  const base = parseBaseUrl(baseUrl);
  if ('problem' in base) throw new VendorError('VENDOR_UNREACHABLE', base.problem);
  const address = `${base.hostname}:${base.port}`;
  const ctx: FailureContext = { endpoint: `TLS handshake with ${address}`, address, hostname: base.hostname, timeoutMs: 0, redact: makeRedactor(base.userinfo) };
  if (base.protocol !== 'https:') throw vendorError(ctx, 'VENDOR_TLS', 'the base URL is plain http://, so there is no certificate to show');
  if (signal.aborted) throw vendorError(ctx, 'VENDOR_TIMEOUT', 'cancelled before it started');

  return new Promise((resolve, reject) => {
    let settled = false;
    const socket = tls.connect({
      host: base.hostname,
      port: base.port,
      // SNI with an IP address is not allowed (and Node warns); arrays reached by IP get none.
      ...(isIP(base.hostname) === 0 ? { servername: base.hostname } : {}),
      rejectUnauthorized: false, // we only look at the certificate, we never send anything
      ALPNProtocols: ['http/1.1'],
    });
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      outcome();
    };
    const onAbort = () => finish(() => reject(vendorError(ctx, 'VENDOR_TIMEOUT', 'no TLS handshake before the deadline')));
    signal.addEventListener('abort', onAbort, { once: true });
    // Listeners stay attached after settling, so a late socket error is never unhandled.
    socket.on('error', (err) => finish(() => reject(transportFailure(err, ctx, 'request', undefined, 0))));
    socket.once('secureConnect', () => {
      const cert = socket.getPeerX509Certificate();
      finish(() => (cert ? resolve(summarizeCertificate(cert)) : reject(vendorError(ctx, 'VENDOR_TLS', `${address} presented no certificate`))));
    });
  });
}
