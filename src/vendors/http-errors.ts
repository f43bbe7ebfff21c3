import { STATUS_CODES } from 'node:http';
import { VendorError, type VendorErrorCode, type VendorErrorDetails } from './client.js';
import type { Redact } from './http-redact.js';
import { type CertificateSummary, TlsRefusal } from './tls.js';

/** Turns every way an HTTP exchange can fail into one VendorError with a message an operator can act on. */

export interface FailureContext {
  endpoint: string;
  /** "host:port", for messages. */
  address: string;
  hostname: string;
  timeoutMs: number;
  redact: Redact;
}

/** Every message names the endpoint and passes the redactor before the Error (and its stack) exists. */
export function vendorError(ctx: FailureContext, code: VendorErrorCode, message: string, details: VendorErrorDetails = {}): VendorError {
  return new VendorError(code, ctx.redact(`${ctx.endpoint}: ${message}`), { endpoint: ctx.endpoint, ...details });
}

/** Codes anywhere in an error: undici and net nest them in `cause` and in AggregateError members. */
function codesOf(err: unknown, depth = 0): string[] {
  if (depth > 4 || typeof err !== 'object' || err === null) return [];
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof e.code === 'string' ? [e.code] : [];
  const members = Array.isArray(e.errors) ? e.errors.flatMap((m) => codesOf(m, depth + 1)) : [];
  return [...own, ...codesOf(e.cause, depth + 1), ...members];
}

/** The certificate a refused TLS peer presented, wherever the refusal sits in an error's causes (to offer pinning it). */
export function presentedCertificateOf(err: unknown): CertificateSummary | undefined {
  return findRefusal(err)?.presented;
}

function findRefusal(err: unknown, depth = 0): TlsRefusal | undefined {
  if (err instanceof TlsRefusal) return err;
  if (depth > 4 || typeof err !== 'object' || err === null) return undefined;
  return findRefusal((err as { cause?: unknown }).cause, depth + 1);
}

const unreachable: Record<string, (c: FailureContext) => string> = {
  ECONNREFUSED: (c) => `connection refused by ${c.address} (nothing is listening there: wrong port, or the management service is down)`,
  ECONNRESET: (c) => `connection reset by ${c.address} before it answered`,
  UND_ERR_SOCKET: (c) => `${c.address} closed the connection without answering`,
  EPIPE: (c) => `${c.address} closed the connection while the request was being sent`,
  EHOSTUNREACH: (c) => `host unreachable: no route to ${c.address}`,
  ENETUNREACH: (c) => `network unreachable: no route to ${c.address}`,
  EHOSTDOWN: (c) => `host ${c.hostname} is down`,
  ENOTFOUND: (c) => `DNS lookup failed: host name "${c.hostname}" not found`,
  EAI_AGAIN: (c) => `DNS lookup for "${c.hostname}" failed temporarily (the DNS server did not answer)`,
  UND_ERR_DESTROYED: () => 'the HTTP client was closed while the request was in flight',
  UND_ERR_CLOSED: () => 'the HTTP client was closed while the request was in flight',
};

const timeouts: Record<string, (c: FailureContext) => string> = {
  UND_ERR_CONNECT_TIMEOUT: (c) => `could not connect to ${c.address} within ${c.timeoutMs} ms (host down, or a firewall dropping packets)`,
  ETIMEDOUT: (c) => `connecting to ${c.address} timed out (host down, or a firewall dropping packets)`,
  UND_ERR_HEADERS_TIMEOUT: (c) => `${c.address} accepted the request but sent no response within ${c.timeoutMs} ms`,
  UND_ERR_BODY_TIMEOUT: (c) => `the response body stalled for more than ${c.timeoutMs} ms`,
};

const tlsHandshake: Record<string, (c: FailureContext) => string> = {
  ERR_SSL_WRONG_VERSION_NUMBER: (c) => `${c.address} does not speak TLS (is it plain HTTP? then use http:// in the base URL)`,
  ERR_SSL_PACKET_LENGTH_TOO_LONG: (c) => `${c.address} does not speak TLS (is it plain HTTP? then use http:// in the base URL)`,
  EPROTO: (c) => `the TLS handshake with ${c.address} failed (protocol error)`,
};

export type AbortedBy = 'timeout' | 'caller' | undefined;

/** A failure before or while reading the response (no HTTP status to judge). */
export function transportFailure(err: unknown, ctx: FailureContext, phase: 'request' | 'body', abortedBy: AbortedBy, bytesRead: number): VendorError {
  const details = { cause: err };
  if (abortedBy === 'timeout') {
    const what = phase === 'body' ? `the response body did not finish within ${ctx.timeoutMs} ms (${bytesRead} bytes received)` : `no answer within ${ctx.timeoutMs} ms`;
    return vendorError(ctx, 'VENDOR_TIMEOUT', what, details);
  }
  if (abortedBy === 'caller') return vendorError(ctx, 'VENDOR_TIMEOUT', "cancelled: the poll's deadline passed (or the poll was stopped)", details);
  const refusal = findRefusal(err);
  if (refusal) return vendorError(ctx, 'VENDOR_TLS', refusal.message, details);
  const codes = codesOf(err);
  for (const code of codes) {
    const t = timeouts[code];
    if (t) return vendorError(ctx, 'VENDOR_TIMEOUT', t(ctx), details);
  }
  if (phase === 'body') {
    // The array answered, then the body broke off: its data is unusable, the array is not unreachable.
    const message = `the response was cut off after ${bytesRead} bytes (the connection closed before the body was complete)`;
    return vendorError(ctx, 'VENDOR_PARSE', message, details);
  }
  for (const code of codes) {
    const u = unreachable[code];
    if (u) return vendorError(ctx, 'VENDOR_UNREACHABLE', u(ctx), details);
    const h = tlsHandshake[code];
    if (h) return vendorError(ctx, 'VENDOR_TLS', h(ctx), details);
    if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return vendorError(ctx, 'VENDOR_TOO_LARGE', 'the response is too large', details);
    if (/^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/.test(code)) {
      return vendorError(ctx, 'VENDOR_TLS', `TLS with ${ctx.address} failed (${code})`, details);
    }
  }
  const text = err instanceof Error ? err.message : String(err);
  return vendorError(ctx, 'VENDOR_UNREACHABLE', `request to ${ctx.address} failed: ${text}`, details);
}

/** Seconds to wait, from a Retry-After of delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function pick(o: unknown, ...keys: string[]): unknown {
  let v = o;
  for (const k of keys) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = Array.isArray(v) && /^\d+$/.test(k) ? v[Number(k)] : (v as Record<string, unknown>)[k];
  }
  return v;
}

/** The human part of a vendor error body (Pure, ONTAP, StorageGRID, Data Domain shapes), cleaned and cut short. */
export function vendorMessage(body: unknown): string | undefined {
  const candidates = [
    pick(body, 'errors', '0', 'message'), // Pure
    pick(body, 'error', 'message'), // ONTAP
    pick(body, 'message', 'text'), // StorageGRID
    pick(body, 'message'),
    pick(body, 'details'), // Data Domain
    pick(body, 'detail'),
    pick(body, 'error_description'),
    pick(body, 'error'),
    pick(body, 'description'),
  ];
  const found = candidates.find((c): c is string => typeof c === 'string' && c.trim() !== '');
  if (found === undefined) return undefined;
  const clean = found.replace(/[\p{Cc}\s]+/gu, ' ').trim();
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

function statusHint(status: number, location: string | undefined): string {
  if (status === 401) return 'the array rejected the credentials';
  if (status === 403) return 'the account is not allowed to do this (check its role)';
  if (status === 404) return 'no such endpoint on the array (check the base URL and the API version)';
  if (status === 429) return 'the array is rate-limiting this client';
  if (status >= 300 && status < 400) return `redirected to ${location?.split('?')[0] ?? '(no Location)'}; redirects are not followed, check the base URL`;
  if (status >= 500) return 'the array reported a server error';
  return 'the array refused the request';
}

export interface StatusFailure {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON error body, if there was one. */
  json?: unknown;
  html: boolean;
  now?: number;
}

export function statusFailure(ctx: FailureContext, f: StatusFailure): VendorError {
  const retryAfterSeconds = f.status === 429 || f.status === 503 ? parseRetryAfter(f.headers['retry-after'], f.now) : undefined;
  const said = vendorMessage(f.json);
  const parts = [`HTTP ${f.status} ${STATUS_CODES[f.status] ?? ''}`.trim(), ': ', statusHint(f.status, f.headers.location)];
  if (retryAfterSeconds !== undefined) parts.push(`; retry after ${retryAfterSeconds} s`);
  if (said !== undefined) parts.push(`; the array said: "${said}"`);
  else if (f.html) parts.push(' (it answered with an HTML error page)');
  const code = f.status === 401 || f.status === 403 ? 'VENDOR_AUTH' : 'VENDOR_HTTP';
  return vendorError(ctx, code, parts.join(''), { status: f.status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });
}
