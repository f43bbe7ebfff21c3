import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PureApiVersionResponse, PureErrorResponse, PureListResponse } from '../vendors/pure/wire.js';
import { alerts, arrays, connections, controllers, drives, hardware, PURE_SIM_VERSIONS, pods, space } from './pure-render.js';
import type { RegisterVendorRoutes, SimSystemState, SimVendor, VendorSimContext } from './types.js';

/**
 * A FlashArray's REST 2.x API rendered from the shared simulator state: api_version (no auth),
 * login with `api-token` → `x-auth-token`, session checks, logout, continuation_token paging
 * (`limit`, token in the body and the `x-next-token` header), `filter=field='value'`.
 * Written from the spec, independently of the client: it must never share logic with it.
 */

function fail(reply: FastifyReply, status: number, message: string, context?: string): FastifyReply {
  const body: PureErrorResponse = { errors: [{ message, context: context ?? null }] };
  return reply.code(status).send(body);
}

/** Only `field='value'` (or double quotes) — what monitoring needs; anything else is refused like a bad filter. */
function applyFilter<T extends object>(items: T[], filter: string | undefined): T[] | string {
  if (filter === undefined || filter === '') return items;
  const m = /^\s*([a-z_]+)\s*=\s*(['"])(.*)\2\s*$/.exec(filter);
  if (!m) return `Unsupported filter: ${filter}`;
  const [, field = '', , value] = m;
  return items.filter((i) => String((i as Record<string, unknown>)[field]) === value);
}

/**
 * Real arrays send `null` for unset fields, but the 2.26 schemas declare none of them nullable; the
 * simulator leaves such fields out so its answers validate against the spec (the client accepts both).
 */
function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)])) as T;
}

type Query = { limit?: string; continuation_token?: string; offset?: string; filter?: string; total_item_count?: string };

/** Pages like the array: the token is opaque (base64 of the next offset) and comes back in `x-next-token`. */
function page<T extends object>(req: FastifyRequest, reply: FastifyReply, all: T[]): FastifyReply {
  const q = req.query as Query;
  const filtered = applyFilter(all, q.filter);
  if (typeof filtered === 'string') return fail(reply, 400, filtered, 'filter');
  const limit = q.limit === undefined ? filtered.length || 1 : Number(q.limit);
  if (!Number.isInteger(limit) || limit < 1) return fail(reply, 400, 'Invalid limit', 'limit');
  let start = Number(q.offset ?? 0);
  if (q.continuation_token !== undefined) {
    start = Number(Buffer.from(q.continuation_token, 'base64').toString('utf8').replace(/^offset:/, ''));
  }
  if (!Number.isInteger(start) || start < 0) return fail(reply, 400, 'Invalid continuation token or offset', 'continuation_token');
  const end = start + limit;
  const more = end < filtered.length;
  const token = more ? Buffer.from(`offset:${end}`).toString('base64') : null;
  if (token) reply.header('x-next-token', token);
  const body: PureListResponse<T> = {
    items: filtered.slice(start, end),
    continuation_token: token,
    more_items_remaining: more,
    total_item_count: q.total_item_count === 'true' ? filtered.length : null,
  };
  return reply.send(withoutNulls(body));
}

function sessionToken(req: FastifyRequest): string | undefined {
  const header = req.headers['x-auth-token'];
  if (typeof header === 'string') return header;
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return bearer?.[1];
}

const vendor: SimVendor = 'pure';

export const registerPureRoutes: RegisterVendorRoutes = (app: FastifyInstance, ctx: VendorSimContext) => {
  const supported = (v: string) => v.startsWith('2.') && PURE_SIM_VERSIONS.includes(v);

  app.get('/api/api_version', async (_req, reply) => {
    const body: PureApiVersionResponse = { version: PURE_SIM_VERSIONS };
    return reply.send(body);
  });

  app.post<{ Params: { version: string } }>('/api/:version/login', async (req, reply) => {
    if (!supported(req.params.version)) return fail(reply, 404, `API version ${req.params.version} is not supported`);
    const token = req.headers['api-token'];
    if (typeof token !== 'string' || token === '') return fail(reply, 400, 'Missing api-token header', 'api-token');
    const state = ctx.state();
    if (state.vendor !== vendor || token !== state.credentials.apiToken) return fail(reply, 401, 'Invalid API token.', 'api-token');
    reply.header('x-auth-token', ctx.sessions.issue());
    return reply.send({ items: [{ username: state.credentials.username }] });
  });

  app.post<{ Params: { version: string } }>('/api/:version/logout', async (req, reply) => {
    ctx.sessions.revoke(sessionToken(req));
    return reply.send({});
  });

  const lists: Record<string, (s: SimSystemState) => object[]> = {
    arrays,
    'arrays/space': space,
    controllers,
    hardware,
    drives,
    alerts,
    'array-connections': connections,
    pods,
  };
  for (const [path, render] of Object.entries(lists)) {
    app.get<{ Params: { version: string } }>(`/api/:version/${path}`, async (req, reply) => {
      if (!supported(req.params.version)) return fail(reply, 404, `API version ${req.params.version} is not supported`);
      if (!ctx.sessions.isValid(sessionToken(req))) return fail(reply, 401, 'Authentication failed: session is invalid or expired.');
      return page(req, reply, render(ctx.state()));
    });
  }
};
