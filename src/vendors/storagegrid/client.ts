import { type CreateVendorClient, type PollContext, type PollLogEntry, VendorError } from '../client.js';
import { createVendorHttp, type HttpResponse, type VendorHttp } from '../http.js';
import { getEndpoint, metricEndpoint, SG_CAPACITY_METRICS, SG_PATHS, type SgCapacityMetric } from './endpoints.js';
import { normalizeStoragegrid } from './normalize.js';
import { parseGridHealth, parseToken, unwrap } from './parse.js';
import type { SgCredentials } from './wire.js';

/**
 * StorageGRID Grid Management API v4 client: HTTP only. Username/password are exchanged at
 * POST /authorize for a bearer token that is reused across polls until a 401; then it
 * re-authorizes exactly once per poll (never a loop: accounts lock out). A pre-made token
 * (credentials.apiToken) is used as is and cannot be renewed. None of the endpoints read here are
 * paged by the API, so every list arrives whole in one response.
 */

type Query = Record<string, string | number | boolean | undefined>;

const METRICS = Object.keys(SG_CAPACITY_METRICS) as SgCapacityMetric[];

export const createStoragegridClient: CreateVendorClient = (target, options) => {
  let http: VendorHttp | null = null;
  let currentLog: ((e: PollLogEntry) => void) | undefined;
  let token: string | null = null;
  /** Only tokens we obtained are revoked on close; an operator's stored token must survive us. */
  let tokenIsOurs = false;
  const { username, password, apiToken } = target.credentials;
  const canLogin = Boolean(username) && password !== undefined;
  // Server-side query timeout a second inside ours, so the grid gives up before we do.
  const metricTimeout = `${Math.max(1, Math.floor(options.requestTimeoutMs / 1000) - 1)}s`;

  const httpOf = (): VendorHttp => {
    http ??= createVendorHttp(target, options, (entry) => currentLog?.(entry));
    return http;
  };

  async function authorize(ctx: PollContext): Promise<string> {
    const endpoint = `POST ${SG_PATHS.authorize}`;
    const body: SgCredentials = { username: username ?? '', password: password ?? '', cookie: false, csrfToken: false };
    const res = await httpOf().request({ method: 'POST', path: SG_PATHS.authorize, json: body, okStatuses: [200, 400, 401, 403], signal: ctx.signal });
    if (res.status !== 200) {
      const why = res.status === 400 ? 'single sign-on is enabled; use a local grid account' : 'username or password rejected';
      ctx.log?.({ level: 'error', category: 'authentication', message: `authorization failed: ${why}`, httpStatus: res.status, endpoint });
      throw new VendorError('VENDOR_AUTH', `${endpoint}: authorization failed (HTTP ${res.status}): ${why}`, { status: res.status, endpoint });
    }
    const fresh = parseToken(endpoint, res.body);
    ctx.log?.({ level: 'info', category: 'authentication', message: `authorized as ${username}`, httpStatus: 200, endpoint });
    token = fresh;
    tokenIsOurs = true;
    return fresh;
  }

  async function currentToken(ctx: PollContext): Promise<string> {
    if (token !== null) return token;
    if (canLogin) return authorize(ctx);
    if (apiToken) {
      token = apiToken;
      tokenIsOurs = false;
      return token;
    }
    throw new VendorError('VENDOR_AUTH', 'StorageGRID needs a username and password (or an API token); none are configured');
  }

  /** One poll's authenticated GETs; a 401 triggers at most one re-authorization, shared by all. */
  function sessionFor(ctx: PollContext) {
    let reauth: Promise<string> | null = null;
    const send = async (path: string, query: Query | undefined, bearer: string, extraOk: readonly number[]) =>
      httpOf().request({
        method: 'GET',
        path,
        query,
        headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' },
        okStatuses: [200, 401, ...extraOk],
        signal: ctx.signal,
      });
    return async (path: string, query?: Query, extraOk: readonly number[] = []): Promise<HttpResponse> => {
      const used = await currentToken(ctx);
      let res = await send(path, query, used, extraOk);
      if (res.status !== 401) return res;
      const endpoint = getEndpoint(path);
      if (!canLogin) {
        throw new VendorError('VENDOR_AUTH', `${endpoint}: the configured API token was rejected (expired or revoked)`, { status: 401, endpoint });
      }
      // A parallel request may already have renewed the token; otherwise renew it, once per poll.
      if (token === used) {
        if (reauth === null) {
          ctx.log?.({ level: 'warn', category: 'authentication', message: 'token rejected; re-authorizing once', httpStatus: 401, endpoint });
          token = null;
          reauth = authorize(ctx);
        }
        await reauth;
      }
      res = await send(path, query, token ?? '', extraOk);
      if (res.status === 401) {
        throw new VendorError('VENDOR_AUTH', `${endpoint}: still unauthorized after re-authorizing`, { status: 401, endpoint });
      }
      return res;
    };
  }

  return {
    async poll(ctx) {
      currentLog = ctx.log;
      ctx.log?.({ level: 'info', category: 'connection', message: `polling StorageGRID at ${target.baseUrl}` });
      const get = sessionFor(ctx);
      // Sequential gate first: one cheap call settles reachability and authentication before the fan-out.
      const productVersion = (await get(SG_PATHS.productVersion)).body;
      const [health, nodeHealth, alerts, topology, ...metricBodies] = await Promise.all([
        get(SG_PATHS.health),
        get(SG_PATHS.nodeHealth),
        get(SG_PATHS.alerts, { include: 'active' }),
        // Deprecated in v4: a grid that has dropped it answers 404, and sites then come from node health.
        get(SG_PATHS.topology, { depth: 'node' }, [404]),
        ...METRICS.map((m) => get(SG_PATHS.metricQuery, { query: SG_CAPACITY_METRICS[m], timeout: metricTimeout })),
      ]);
      const healthEp = getEndpoint(SG_PATHS.health);
      const counts = parseGridHealth(healthEp, unwrap(healthEp, health.body).data);
      ctx.log?.({ level: 'debug', category: 'data_query', message: 'grid health counts', endpoint: healthEp, details: { ...counts } });
      if (topology.status === 404) {
        ctx.log?.({ level: 'info', category: 'data_query', message: 'topology endpoint not served; sites taken from node health', httpStatus: 404, endpoint: getEndpoint(SG_PATHS.topology) });
      }
      const metrics = Object.fromEntries(METRICS.map((m, i) => [m, metricBodies[i]?.body])) as Record<SgCapacityMetric, unknown>;
      const snapshot = normalizeStoragegrid(
        { productVersion, nodeHealth: nodeHealth.body, alerts: alerts.body, topology: topology.status === 404 ? null : topology.body, metrics },
        { name: target.name, polledAt: Date.now() },
      );
      ctx.log?.({
        level: 'info',
        category: 'data_query',
        message: `${snapshot.components.length} components, ${snapshot.alerts.length} active alerts`,
        details: { capacityQueries: METRICS.map(metricEndpoint) },
      });
      return snapshot;
    },

    async close() {
      const open = http;
      const ours = tokenIsOurs ? token : null;
      http = null;
      token = null;
      if (open === null) return;
      try {
        if (ours !== null) {
          await open.request({
            method: 'DELETE',
            path: SG_PATHS.authorize,
            headers: { authorization: `Bearer ${ours}` },
            okStatuses: [200, 204, 401],
            signal: AbortSignal.timeout(options.requestTimeoutMs),
          });
        }
      } catch {
        // Logout is best effort: the token expires on its own, and close() must never throw.
      } finally {
        await open.close().catch(() => undefined);
      }
    },
  };
};
