import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SgErrorResponse } from '../vendors/storagegrid/wire.js';
import { alertList, connectionState, gridNodes, metricVector, nodeHealth, topology } from './storagegrid-render.js';
import type { RegisterVendorRoutes, SimSystemState, VendorSimContext } from './types.js';

/**
 * StorageGRID Grid Management API v4, rendered from the shared SimSystemState. Written from the
 * spec, independently of the client: its own tables and its own envelope, so a client bug cannot
 * be mirrored here. Nodes are the state's `node` components, sites its `site` components (one
 * synthetic site when the model has none); capacity is spread over the Storage Nodes.
 */

const API_VERSION = '4.0';
/** A token lives ~16 h on a real grid; the header is informative, expiry is driven by the frame. */
const TOKEN_MAX_AGE_S = 57_599;

function envelope<T>(state: SimSystemState, data: T, deprecated = false) {
  const base = { responseTime: new Date(state.now).toISOString(), status: 'success' as const, apiVersion: API_VERSION };
  return deprecated ? { ...base, deprecated: true, data } : { ...base, data };
}

function sendError(reply: FastifyReply, state: SimSystemState, code: number, text: string, key: string) {
  const body: SgErrorResponse = {
    responseTime: new Date(state.now).toISOString(),
    status: 'error',
    apiVersion: API_VERSION,
    code,
    message: { text, key },
  };
  return reply.code(code).send(body);
}

function bearer(req: FastifyRequest): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

/** GET /grid/health: counts only; legacy alarms are always zero (the simulator raises alerts). */
function healthCounts(state: SimSystemState) {
  const nodes = gridNodes(state).map((n) => connectionState(n.c));
  const alerts = alertList(state).map((a) => a.labels.severity);
  const n = (list: string[], v: string) => list.filter((x) => x === v).length;
  return {
    alarms: { critical: 0, major: 0, minor: 0, notice: 0 },
    alerts: { critical: n(alerts, 'critical'), major: n(alerts, 'major'), minor: n(alerts, 'minor') },
    nodes: { connected: n(nodes, 'connected'), 'administratively-down': n(nodes, 'administratively-down'), unknown: n(nodes, 'unknown') },
  };
}

function registerAuth(app: FastifyInstance, ctx: VendorSimContext): void {
  app.post('/api/v4/authorize', async (req, reply) => {
    const state = ctx.state();
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body.username !== 'string' || typeof body.password !== 'string') {
      return sendError(reply, state, 422, 'username and password are required', 'error.validation');
    }
    const { username, password } = state.credentials;
    if (body.username !== username || body.password !== password) {
      return sendError(reply, state, 401, 'Invalid username or password.', 'error.unauthorized');
    }
    const expires = new Date(Date.now() + TOKEN_MAX_AGE_S * 1000).toUTCString();
    reply.header('cache-control', `private, no-cache, max-age=${TOKEN_MAX_AGE_S}`).header('expires', expires);
    return envelope(state, ctx.sessions.issue());
  });
  app.delete('/api/v4/authorize', async (req, reply) => {
    const token = bearer(req);
    if (!ctx.sessions.isValid(token)) return sendError(reply, ctx.state(), 401, 'Unauthorized', 'error.unauthorized');
    ctx.sessions.revoke(token);
    return reply.code(204).send();
  });
}

/** Query strings as Fastify parses them: repeated keys become arrays. */
type Query = Record<string, string | string[] | undefined>;

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export const registerStoragegridRoutes: RegisterVendorRoutes = (app, ctx) => {
  registerAuth(app, ctx);
  const get = (path: string, render: (state: SimSystemState, query: Query) => unknown, deprecated = false) => {
    app.get(`/api/v4${path}`, async (req, reply) => {
      const state = ctx.state();
      if (!ctx.sessions.isValid(bearer(req))) return sendError(reply, state, 401, 'Unauthorized', 'error.unauthorized');
      const query = req.query as Query;
      if (path === '/grid/metric-query' && (first(query.query) ?? '').trim() === '') {
        return sendError(reply, state, 400, 'query is required', 'error.validation');
      }
      return envelope(state, render(state, query), deprecated);
    });
  };
  get('/grid/health', (s) => healthCounts(s));
  get('/grid/health/topology', (s, q) => topology(s, first(q.depth) ?? 'node'), true);
  get('/grid/config/product-version', (s) => ({ productVersion: s.osVersion }));
  get('/grid/alerts', (s, q) => alertList(s, q.include === undefined ? ['active'] : [q.include].flat().flatMap((v) => v.split(','))));
  get('/grid/node-health', (s) => nodeHealth(s));
  get('/grid/metric-query', (s, q) => metricVector(s, first(q.query) ?? ''));
};
