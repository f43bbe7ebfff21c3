import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DdPaging, DdServiceStatus } from '../vendors/datadomain/wire.js';
import { alertDetail, diskInfos, haSysInfo, mtreeReplications, nicInfos, serviceInfos, systemInfo, uuidOf } from './datadomain-render.js';
import type { RegisterVendorRoutes, SimSystemState, VendorSimContext } from './types.js';

/**
 * PowerProtect DD 8.3 REST, as the spec describes it: POST /rest/v1.0/auth answers 201 with the
 * session in X-DD-AUTH-TOKEN, every other call wants that header (or HTTP Basic, which the spec
 * also allows), DELETE /rest/v1.0/auth ends the session. Lists page with `page` (from 0) and
 * `size`, and describe themselves in `paging_info`. Errors are `serviceStatus` bodies.
 */

const TOKEN = 'x-dd-auth-token';
/** Page size when the client sends none; the real default is not documented, 20 is what DDOS shows. */
const DEFAULT_PAGE_SIZE = 20;

type Query = Record<string, string | string[] | undefined>;

function status(reply: FastifyReply, code: number, details: string) {
  const body: DdServiceStatus = { code, details };
  return reply.code(code).send(body);
}

function basicMatches(req: FastifyRequest, state: SimSystemState): boolean {
  const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m?.[1]) return false;
  const [user, ...rest] = Buffer.from(m[1], 'base64').toString('utf8').split(':');
  return user === state.credentials.username && rest.join(':') === state.credentials.password;
}

function tokenOf(req: FastifyRequest): string | undefined {
  const v = req.headers[TOKEN];
  return Array.isArray(v) ? v[0] : v;
}

/** The spec lets SYSTEM-ID be 0 (the answering system) or its uuid. */
function knownSystem(sid: string, state: SimSystemState): boolean {
  return sid === '0' || sid === uuidOf(state);
}

function intParam(q: Query, name: string, fallback: number): number | null {
  const raw = Array.isArray(q[name]) ? q[name][0] : q[name];
  if (raw === undefined || raw === '') return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

/** One page of `items` under `key`, with paging_info as DDOS fills it. */
function paged<T>(reply: FastifyReply, q: Query, key: string, items: T[]) {
  const page = intParam(q, 'page', 0);
  const size = intParam(q, 'size', DEFAULT_PAGE_SIZE);
  if (page === null || size === null || size === 0) return status(reply, 400, 'page and size must be non-negative integers, size at least 1');
  const slice = items.slice(page * size, page * size + size);
  const paging_info: DdPaging = { current_page: page, page_entries: slice.length, total_entries: items.length, page_size: size };
  return { [key]: slice, paging_info };
}

export const registerDatadomainRoutes: RegisterVendorRoutes = (app, ctx: VendorSimContext) => {
  app.post('/rest/v1.0/auth', async (req, reply) => {
    const state = ctx.state();
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body.username !== 'string' || body.username === '') return status(reply, 400, 'username is required');
    if (body.username !== state.credentials.username || body.password !== state.credentials.password) {
      return status(reply, 401, 'Authentication failed: invalid username or password.');
    }
    reply.header('X-DD-AUTH-TOKEN', ctx.sessions.issue());
    return status(reply, 201, 'Authentication successful.');
  });

  app.delete('/rest/v1.0/auth', async (req, reply) => {
    const token = tokenOf(req);
    if (!ctx.sessions.isValid(token)) return status(reply, 401, 'Unauthorized: invalid or expired token.');
    ctx.sessions.revoke(token);
    return status(reply, 200, 'Logged out.');
  });

  /** Every data route: a valid session (or Basic credentials), then the handler on the current state. */
  type Handler = (state: SimSystemState, q: Query, reply: FastifyReply, params: Record<string, string | undefined>) => unknown;
  const authed = (path: string, handler: Handler) => {
    app.get(path, async (req, reply) => {
      const state = ctx.state();
      const token = tokenOf(req);
      if (!ctx.sessions.isValid(token) && !basicMatches(req, state)) return status(reply, 401, 'Unauthorized: invalid or expired token.');
      const params = req.params as Record<string, string | undefined>;
      const sid = params.ddSystemId;
      if (sid !== undefined && !knownSystem(sid, state)) return status(reply, 404, `System ${sid} not found.`);
      if (token) reply.header('X-DD-AUTH-TOKEN', token);
      return handler(state, (req.query ?? {}) as Query, reply, params);
    });
  };

  authed('/rest/v1.0/system', (state) => systemInfo(state));

  authed('/api/v1/dd-systems/:ddSystemId/ha', (state, _q, reply) => haSysInfo(state) ?? status(reply, 404, 'HA is not configured on this system.'));

  authed('/rest/v1.0/dd-systems/:ddSystemId/alerts', (state, q, reply) => {
    const activeOnly = q.is_active === 'true';
    const alerts = state.alerts
      .filter((a) => !activeOnly || a.clearedAt === null)
      .sort((a, b) => b.raisedAt - a.raisedAt || a.id.localeCompare(b.id))
      .map((a) => alertDetail(state, a));
    return paged(reply, q, 'alert_list', alerts);
  });

  authed('/api/v1/dd-systems/:ddSystemId/storage/disks', (state, q, reply) => paged(reply, q, 'diskInfo', diskInfos(state)));

  authed('/rest/v2.0/dd-systems/:ddSystemId/networks/nics', (state, q, reply) => paged(reply, q, 'nics', nicInfos(state)));

  authed('/rest/v2.0/dd-systems/:ddSystemId/networks/nics/:nicId', (state, _q, reply, params) => {
    return nicInfos(state).find((n) => n.id === params.nicId) ?? status(reply, 404, 'Interface not found.');
  });

  authed('/rest/v1.0/dd-systems/:ddSystemId/services', (state) => ({ services: serviceInfos(state) }));

  authed('/api/v1/dd-systems/:ddSystemId/mtree-replications', (state, q, reply) => paged(reply, q, 'contexts', mtreeReplications(state)));
};
