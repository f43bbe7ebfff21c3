import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OntapErrorBody } from '../vendors/ontap/wire.js';
import { OntapQueryError, projectObject, queryCollection } from './ontap-query.js';
import { renderAggregates, renderCluster, renderDisks, renderInterfaces, renderNodes, renderPorts } from './ontap-render.js';
import { renderEvents, renderMetrocluster, renderPeers, renderSnapmirror } from './ontap-render-links.js';
import type { RegisterVendorRoutes, SimSystemState } from './types.js';

/**
 * NetApp ONTAP 9 REST, rendered from the shared state. HTTP Basic on every request (ONTAP has no
 * session to log into), HAL-style collections with `_links.next`, ONTAP's query syntax and its
 * error envelope. The array's clock goes out in the Date header, as a real array's would.
 */

type Rec = Record<string, unknown>;

interface Collection {
  render: (s: SimSystemState) => object[];
  /** Top-level fields ONTAP knows for this resource: anything else in fields/filters is a 400. */
  known: string[];
  identity: string[];
}

const collections: Record<string, Collection> = {
  '/api/cluster/nodes': {
    render: renderNodes,
    known: ['uuid', 'name', 'state', 'model', 'serial_number', 'version', 'ha', 'controller', 'metrocluster', 'location', 'uptime', 'management_interfaces', 'system_id', 'vendor_serial_number', 'membership', 'date'],
    identity: ['uuid', 'name'],
  },
  '/api/storage/aggregates': {
    render: renderAggregates,
    known: ['uuid', 'name', 'state', 'home_node', 'node', 'space', 'block_storage', 'data_encryption', 'snaplock_type', 'create_time'],
    identity: ['uuid', 'name'],
  },
  '/api/storage/disks': {
    render: renderDisks,
    known: ['name', 'state', 'container_type', 'model', 'serial_number', 'node', 'home_node', 'type', 'class', 'usable_size', 'shelf', 'bay', 'aggregates', 'pool', 'vendor'],
    identity: ['name'],
  },
  '/api/network/ethernet/ports': {
    render: renderPorts,
    known: ['uuid', 'name', 'node', 'state', 'type', 'enabled', 'broadcast_domain', 'speed', 'mtu', 'mac_address', 'vlan', 'lag'],
    identity: ['uuid', 'name', 'node'],
  },
  '/api/network/ip/interfaces': {
    render: renderInterfaces,
    known: ['uuid', 'name', 'state', 'enabled', 'svm', 'ip', 'location', 'scope', 'services', 'ipspace'],
    identity: ['uuid', 'name'],
  },
  '/api/cluster/peers': {
    render: renderPeers,
    known: ['uuid', 'name', 'status', 'remote', 'authentication', 'encryption', 'ipspace', 'version'],
    identity: ['uuid', 'name'],
  },
  '/api/snapmirror/relationships': {
    render: renderSnapmirror,
    known: ['uuid', 'healthy', 'state', 'lag_time', 'unhealthy_reason', 'source', 'destination', 'policy', 'transfer', 'exported_snapshot'],
    identity: ['uuid'],
  },
  '/api/support/ems/events': {
    render: renderEvents,
    known: ['index', 'time', 'message', 'log_message', 'node', 'parameters', 'source'],
    identity: ['index', 'node'],
  },
};

const clusterFields = new Set(['name', 'uuid', 'version', 'location', 'contact', 'dns_domains', 'name_servers', 'ntp_servers', 'management_interfaces', 'timezone']);
const metroFields = new Set(['configuration_type', 'local', 'remote']);

function send(reply: FastifyReply, req: FastifyRequest, state: SimSystemState, status: number, body: unknown) {
  // ONTAP answers HAL unless the client asks for plain JSON.
  const json = (req.headers.accept ?? '').includes('application/json');
  return reply
    .code(status)
    .header('content-type', json ? 'application/json' : 'application/hal+json')
    .header('date', new Date(state.now).toUTCString())
    .send(JSON.stringify(body));
}

function error(reply: FastifyReply, req: FastifyRequest, state: SimSystemState, status: number, message: string, code: string, target?: string) {
  const body: OntapErrorBody = { error: { message, code, ...(target ? { target } : {}) } };
  return send(reply, req, state, status, body);
}

function authorized(req: FastifyRequest, state: SimSystemState): boolean {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(req.headers.authorization ?? '');
  if (!m?.[1]) return false;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  return decoded === `${state.credentials.username}:${state.credentials.password}`;
}

/** Fastify's parsed query, flattened to strings (ONTAP takes each parameter once). */
function flatQuery(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
    const value = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof value === 'string') out[k] = value;
  }
  return out;
}

export const registerOntapRoutes: RegisterVendorRoutes = (app, ctx) => {
  const guarded = (handler: (state: SimSystemState, query: Record<string, string>) => unknown) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const state = ctx.state();
      if (!authorized(req, state)) {
        reply.header('www-authenticate', 'Basic realm="Secure Area"');
        return error(reply, req, state, 401, 'not authorized for that command', '6691623');
      }
      try {
        return send(reply, req, state, 200, handler(state, flatQuery(req)));
      } catch (e) {
        if (e instanceof OntapQueryError) return error(reply, req, state, 400, e.message, '262197', e.target);
        throw e;
      }
    };

  app.get('/api/cluster', guarded((s, q) => projectObject(renderCluster(s) as unknown as Rec, q, clusterFields, ['name', 'uuid'])));
  app.get('/api/cluster/metrocluster', guarded((s, q) => projectObject(renderMetrocluster(s) as Rec, q, metroFields, [])));
  for (const [path, c] of Object.entries(collections)) {
    const known = new Set(c.known);
    app.get(path, guarded((s, q) => queryCollection(c.render(s) as Rec[], q, path, known, c.identity)));
  }
  app.get('/api/*', async (req, reply) => {
    const state = ctx.state();
    if (!authorized(req, state)) return error(reply, req, state, 401, 'not authorized for that command', '6691623');
    return error(reply, req, state, 404, 'API not found', '3');
  });
};
