import { Agent } from 'undici';
import { type ClientOptions, DEFAULT_CONNECTIONS, type PollLogEntry, type SystemTarget, VendorError, type VendorErrorCode } from './client.js';
import { formatBytes, type ReadProgress } from './http-body.js';
import { type AbortedBy, type FailureContext, transportFailure, vendorError } from './http-errors.js';
import { type Body, flattenHeaders, judge } from './http-response.js';
import { collectSecrets, makeRedactor } from './http-redact.js';
import { type BaseUrl, endpointOf, joinPath, parseBaseUrl } from './http-url.js';
import { createConnector, type TlsPolicy, tlsPolicyOf } from './tls.js';

export { normalizeFingerprint } from './tls.js';
export type { CertificateSummary } from './tls.js';
export { presentedCertificate } from './tls-probe.js';

/**
 * The one HTTP layer of the four vendor clients: per-system TLS trust, per-request timeout joined
 * with the poll's deadline, a response-size cap, and every failure turned into a VendorError.
 * No retries here: re-login and backoff are the clients' and the poller's decisions.
 */

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to the target's baseUrl (baseUrl may carry a path prefix: join, never replace). May already contain a query string. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /**
   * Statuses that count as success in addition to 200..299 (e.g. [404] where absence is an answer).
   * 401 and 403 always throw VENDOR_AUTH unless listed here.
   */
  okStatuses?: readonly number[];
  signal: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON, or null for an empty body (204, or Content-Length 0). */
  body: unknown;
  /** The endpoint as logged: method + path without query secrets, e.g. "GET /api/2.26/arrays". */
  endpoint: string;
}

export interface VendorHttp {
  request(req: HttpRequest): Promise<HttpResponse>;
  /** Closes the connections; never throws. A later request opens new ones. */
  close(): Promise<void>;
}

const IDLE_SOCKET_MS = 1000;

type Setup = { ok: true; base: BaseUrl; policy: TlsPolicy } | { ok: false; code: VendorErrorCode; problem: string; base?: BaseUrl };

function setUp(target: Pick<SystemTarget, 'baseUrl' | 'tls'>): Setup {
  const base = parseBaseUrl(target.baseUrl);
  if ('problem' in base) return { ok: false, code: 'VENDOR_UNREACHABLE', problem: base.problem };
  const policy = tlsPolicyOf(target.tls);
  if ('problem' in policy) return { ok: false, code: 'VENDOR_TLS', problem: policy.problem, base };
  if (base.protocol === 'http:' && (policy.mode === 'ca' || policy.mode === 'pinned')) {
    const what = policy.mode === 'ca' ? 'the uploaded CA' : 'the pinned fingerprint';
    return { ok: false, code: 'VENDOR_TLS', problem: `the base URL is plain http://, so ${what} cannot be checked: use https://`, base };
  }
  return { ok: true, base, policy };
}

export function createVendorHttp(target: Pick<SystemTarget, 'baseUrl' | 'tls'>, options: ClientOptions, log?: (e: PollLogEntry) => void): VendorHttp {
  const setup = setUp(target);
  const timeoutMs = options.requestTimeoutMs;
  const base = setup.base;
  let agent: Agent | undefined;

  function dispatcher(policy: TlsPolicy): Agent {
    // Agent-level timeouts back up the per-request timer: a hang or a dripping body also ends here.
    agent ??= new Agent({
      connect: createConnector(policy, timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      connections: options.connections ?? DEFAULT_CONNECTIONS,
      // A poll's requests follow each other within milliseconds, so a second of keep-alive serves
      // the whole poll; the next poll is an interval (10 s or more) away. Holding sockets that long
      // (undici would honour an array's hint, 72 s for some) kept every system's TLS connections
      // open at once: ~5 per system, ~100 KB of OpenSSL buffers each, 500 MB at 1024 systems.
      keepAliveTimeout: IDLE_SOCKET_MS,
      keepAliveMaxTimeout: IDLE_SOCKET_MS,
    });
    return agent;
  }

  function emit(entry: PollLogEntry): void {
    try {
      log?.(entry);
    } catch {
      // A failing diary must never fail the poll.
    }
  }

  async function exchange(req: HttpRequest, ctx: FailureContext, progress: ReadProgress): Promise<HttpResponse> {
    if (!setup.ok) throw vendorError(ctx, setup.code, setup.problem);
    if (req.signal.aborted) throw transportFailure(req.signal.reason, ctx, 'request', 'caller', 0);
    let payload: string | undefined;
    try {
      payload = req.json === undefined ? undefined : JSON.stringify(req.json);
    } catch (e) {
      throw vendorError(ctx, 'VENDOR_HTTP', 'the request body could not be encoded as JSON', { cause: e });
    }
    const headers: Record<string, string> = { accept: 'application/json', 'accept-encoding': 'identity', 'user-agent': 'storage-fleet-dashboard' };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;

    // Our own controller (rather than AbortSignal.any) records which limit fired, for the message.
    const controller = new AbortController();
    let abortedBy: AbortedBy;
    const onCallerAbort = () => {
      abortedBy ??= 'caller';
      controller.abort(req.signal.reason);
    };
    req.signal.addEventListener('abort', onCallerAbort, { once: true });
    const timer = setTimeout(() => {
      abortedBy ??= 'timeout';
      controller.abort(new Error(`request timeout after ${timeoutMs} ms`));
    }, timeoutMs);
    let phase: 'request' | 'body' = 'request';
    let body: Body | undefined;
    try {
      const path = joinPath(setup.base, req.path, req.query);
      const r = await dispatcher(setup.policy).request({ origin: setup.base.origin, path, method: req.method, headers, body: payload, signal: controller.signal });
      body = r.body;
      phase = 'body';
      const resHeaders = flattenHeaders(r.headers);
      const parsed = await judge(r.statusCode, resHeaders, r.body, req.okStatuses, ctx, options.maxResponseBytes, progress);
      return { status: r.statusCode, headers: resHeaders, body: parsed, endpoint: ctx.endpoint };
    } catch (e) {
      if (e instanceof VendorError) throw e;
      throw transportFailure(e, ctx, phase, abortedBy, progress.bytes);
    } finally {
      clearTimeout(timer);
      req.signal.removeEventListener('abort', onCallerAbort);
      body?.on('error', () => {}).destroy(); // frees the socket when we stopped early; a no-op after a full read
    }
  }

  return {
    async request(req) {
      const endpoint = endpointOf(req.method, req.path);
      const secrets = collectSecrets({ headers: req.headers, json: req.json, query: req.query, path: req.path, extra: base?.userinfo ?? [] });
      const ctx: FailureContext = {
        endpoint,
        address: base ? `${base.hostname.includes(':') ? `[${base.hostname}]` : base.hostname}:${base.port}` : '(invalid base URL)',
        hostname: base?.hostname ?? '',
        timeoutMs,
        redact: makeRedactor(secrets),
      };
      const started = performance.now();
      const progress: ReadProgress = { bytes: 0 };
      try {
        const res = await exchange(req, ctx, progress);
        const durationMs = Math.round(performance.now() - started);
        const message = `${endpoint} → ${res.status} (${formatBytes(progress.bytes)}, ${durationMs} ms)`;
        emit({ level: 'debug', category: 'api_call', message, httpStatus: res.status, endpoint, details: { durationMs, bytes: progress.bytes } });
        return res;
      } catch (e) {
        const err = e instanceof VendorError ? e : vendorError(ctx, 'VENDOR_UNREACHABLE', 'the request failed unexpectedly', { cause: e });
        const durationMs = Math.round(performance.now() - started);
        emit({ level: 'warn', category: 'api_call', message: err.message, httpStatus: err.status ?? null, endpoint, details: { code: err.code, durationMs } });
        throw err;
      }
    },
    async close() {
      const a = agent;
      agent = undefined;
      // destroy, not close: a hung request must not hold up shutdown.
      await a?.destroy().catch(() => {});
    },
  };
}
