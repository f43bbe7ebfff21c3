import type { SystemSnapshot } from '../../domain/snapshot.js';
import { type ClientOptions, type CreateVendorClient, type PollContext, type PollLogEntry, type SystemTarget, type VendorClient, VendorError } from '../client.js';
import { createVendorHttp, type HttpRequest, type HttpResponse, type VendorHttp } from '../http.js';
import { normalizePure } from './normalize.js';
import { readAllPages } from './paging.js';
import { PURE_ENDPOINTS, type PureRawPoll } from './parse.js';
import { pickApiVersion } from './version.js';

/**
 * FlashArray REST 2.x client: HTTP only. Negotiates the API version, exchanges the API token for
 * a session (`x-auth-token`) and keeps it across polls until the array answers 401; then logs in
 * again exactly once per poll, and a second 401 is an auth failure (no loops: accounts lock out).
 * Every list is read to its last page. close() logs out.
 */

export interface PureClientTuning {
  /** Items per page (`limit`); small values are for tests that must see paging. */
  pageSize: number;
  /** Logout must not hold up shutdown. */
  logoutTimeoutMs: number;
}

export const defaultPureTuning: PureClientTuning = { pageSize: 500, logoutTimeoutMs: 5_000 };

const isRefusal = (status: number | undefined) => status === 400 || status === 401 || status === 403;

/** What the poll reads, in order; the alert filter is the one the issue asks for. */
const LISTS: { key: keyof typeof PURE_ENDPOINTS; query?: Record<string, string> }[] = [
  { key: 'arrays' },
  { key: 'arraySpace' },
  { key: 'controllers' },
  { key: 'hardware' },
  { key: 'drives' },
  { key: 'alerts', query: { filter: "state='open'" } },
  { key: 'arrayConnections' },
  { key: 'pods' },
];

export function createPureClientWith(target: SystemTarget, options: ClientOptions, tuning: PureClientTuning = defaultPureTuning): VendorClient {
  let http: VendorHttp | null = null;
  let version: string | null = null;
  let session: string | null = null;

  // The transport outlives one poll, so its log lines go to whichever poll is running now.
  let currentLog: PollContext['log'];
  const httpOf = (ctx: PollContext): VendorHttp => {
    currentLog = ctx.log;
    http ??= createVendorHttp(target, options, (entry) => currentLog?.(entry));
    return http;
  };
  const log = (ctx: PollContext, entry: PollLogEntry): void => {
    try {
      ctx.log?.(entry);
    } catch {
      // A failing diary must never fail the poll.
    }
  };

  async function negotiate(ctx: PollContext): Promise<string> {
    if (version) return version;
    const res = await httpOf(ctx).request({ method: 'GET', path: '/api/api_version', signal: ctx.signal });
    version = pickApiVersion(res.body);
    log(ctx, { level: 'info', category: 'connection', message: `REST API version ${version} negotiated`, endpoint: res.endpoint, httpStatus: res.status });
    return version;
  }

  async function login(ctx: PollContext, v: string): Promise<string> {
    const token = target.credentials.apiToken;
    if (!token) throw new VendorError('VENDOR_AUTH', 'Pure login: no API token configured for this array');
    const path = `/api/${v}/login`;
    let res: HttpResponse;
    try {
      res = await httpOf(ctx).request({ method: 'POST', path, headers: { 'api-token': token }, signal: ctx.signal });
    } catch (e) {
      // Pure answers 400 to a malformed token and 401/403 to a wrong or disabled one: all mean "fix the token".
      if (!(e instanceof VendorError) || !isRefusal(e.status)) throw e;
      log(ctx, { level: 'error', category: 'authentication', message: `login refused (HTTP ${e.status})`, endpoint: e.endpoint ?? null, httpStatus: e.status ?? null });
      throw new VendorError('VENDOR_AUTH', `Pure login: the API token was rejected (HTTP ${e.status})`, { status: e.status, endpoint: e.endpoint, cause: e });
    }
    const sessionToken = res.headers['x-auth-token'];
    if (!sessionToken) throw new VendorError('VENDOR_PARSE', 'Pure login: HTTP 200 without an x-auth-token header', { endpoint: res.endpoint });
    log(ctx, { level: 'info', category: 'authentication', message: 'logged in; session opened', endpoint: res.endpoint, httpStatus: res.status });
    return sessionToken;
  }

  async function poll(ctx: PollContext): Promise<SystemSnapshot> {
    try {
      return await pollOnce(ctx);
    } catch (e) {
      // 404 under /api/<v>/: the array was upgraded or downgraded since we negotiated; ask again next poll.
      if (e instanceof VendorError && e.status === 404) {
        version = null;
        session = null;
      }
      throw e;
    }
  }

  async function pollOnce(ctx: PollContext): Promise<SystemSnapshot> {
    const v = await negotiate(ctx);
    session ??= await login(ctx, v);
    let reloggedIn = false;

    /** One authenticated GET; a 401 means the session expired: log in once, retry once. */
    const get = async (req: Pick<HttpRequest, 'path' | 'query'>): Promise<HttpResponse> => {
      const send = () => httpOf(ctx).request({ ...req, method: 'GET', headers: { 'x-auth-token': session ?? '' }, signal: ctx.signal });
      try {
        return await send();
      } catch (e) {
        // Only 401 means "session gone"; 403 (the role may not read this) stays an auth failure.
        if (!(e instanceof VendorError) || e.status !== 401) throw e;
        session = null;
        if (reloggedIn) throw new VendorError('VENDOR_AUTH', 'Pure: the session was rejected again after a fresh login', { status: 401, endpoint: e.endpoint, cause: e });
        reloggedIn = true;
        log(ctx, { level: 'warn', category: 'authentication', message: 'session expired (HTTP 401); logging in again once', endpoint: e.endpoint ?? null, httpStatus: 401 });
      }
      session = await login(ctx, v);
      try {
        return await send();
      } catch (e) {
        if (!(e instanceof VendorError) || e.status !== 401) throw e;
        session = null;
        throw new VendorError('VENDOR_AUTH', 'Pure: a fresh session was rejected with HTTP 401', { status: 401, endpoint: e.endpoint, cause: e });
      }
    };

    const raw: Partial<Record<keyof typeof PURE_ENDPOINTS, unknown[]>> = {};
    for (const { key, query } of LISTS) {
      const endpoint = PURE_ENDPOINTS[key];
      const path = `/api/${v}/${endpoint}`;
      const { items, pages } = await readAllPages(endpoint, tuning.pageSize, query ?? {}, (q) => get({ path, query: q }));
      raw[key] = items;
      log(ctx, { level: 'debug', category: 'data_query', message: `${endpoint}: ${items.length} item(s) in ${pages} page(s)`, endpoint: path, httpStatus: 200 });
    }
    return normalizePure({ apiVersion: v, ...(raw as Omit<PureRawPoll, 'apiVersion'>) }, Date.now());
  }

  async function close(): Promise<void> {
    const current = http;
    const token = session;
    session = null;
    http = null;
    if (!current) return;
    try {
      if (token && version) {
        await current.request({
          method: 'POST',
          path: `/api/${version}/logout`,
          headers: { 'x-auth-token': token },
          okStatuses: [200, 204, 401],
          signal: AbortSignal.timeout(tuning.logoutTimeoutMs),
        });
      }
    } catch {
      // Logout is best effort: the array expires idle sessions on its own.
    } finally {
      await current.close().catch(() => undefined);
    }
  }

  return { poll, close };
}

export const createPureClient: CreateVendorClient = (target, options) => createPureClientWith(target, options);
