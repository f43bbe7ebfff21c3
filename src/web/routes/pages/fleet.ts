import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../../deps.js';
import { takeFlash } from '../../flash.js';
import { requireViewer } from '../../guards.js';
import { type FleetQuery, parseFleetQuery } from '../../presenters/fleet-query.js';
import { presentFleet } from '../../presenters/fleet-list.js';
import { BYTE_UNITS_NOTE } from '../../presenters/format.js';
import { frameOf, renderPage, renderFragment } from '../../render.js';
import { httpError } from './http-error.js';

function queryOf(request: FastifyRequest): FleetQuery {
  const parsed = parseFleetQuery((request.query ?? {}) as Record<string, unknown>);
  if (!parsed.ok) throw httpError(400, 'bad_fleet_query', `The fleet filter is not valid: ${parsed.problems.join('; ')}.`);
  return parsed.query;
}

/** Poll buttons only for someone who may press them, and only when this process can poll. */
function canPoll(request: FastifyRequest, deps: WebDeps): boolean {
  return Boolean(deps.actions.pollNow) && request.viewer !== null && request.viewer.via !== 'anonymous';
}

function listModel(request: FastifyRequest, reply: FastifyReply, deps: WebDeps, query: FleetQuery) {
  const settings = deps.settings.current();
  const fleet = presentFleet(deps.fleet.current(), query, settings, Date.now());
  const back = request.url.startsWith('/fragments/fleet') ? fleet.links.self : request.url;
  return { fleet, canPoll: canPoll(request, deps), back, csrfToken: frameOf(request, reply, '', 'fleet').csrfToken, bytesNote: BYTE_UNITS_NOTE };
}

/**
 * Same fleet version, same query, same thresholds and same viewer kind: the same fragment, so the
 * refresh script gets a 304 and the browser re-renders nothing. Ages on it are kept current by the script.
 */
function fragmentTag(deps: WebDeps, request: FastifyRequest, query: FleetQuery): string {
  const { capacityWarnPercent, capacityCritPercent } = deps.settings.current();
  const key = JSON.stringify([query, capacityWarnPercent, capacityCritPercent, canPoll(request, deps)]);
  return `W/"fleet-${deps.fleet.current().version}-${createHash('sha256').update(key).digest('hex').slice(0, 16)}"`;
}

export async function fleetRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  app.get('/', { preHandler: requireViewer }, async (request, reply) => {
    const query = queryOf(request);
    const settings = deps.settings.current();
    return renderPage(request, reply, 'fleet', { title: 'Fleet', nav: 'fleet' }, {
      ...listModel(request, reply, deps, query),
      etag: fragmentTag(deps, request, query),
      flash: takeFlash(request, reply),
      refreshSeconds: settings.refreshSeconds,
      pollIntervalMs: settings.pollIntervalSeconds * 1000,
    });
  });

  app.get('/fragments/fleet', { preHandler: requireViewer }, async (request, reply) => {
    const query = queryOf(request);
    const tag = fragmentTag(deps, request, query);
    reply.header('etag', tag).header('cache-control', 'private, no-cache').header('vary', 'cookie');
    if (request.headers['if-none-match'] === tag) return reply.code(304).send();
    return renderFragment(reply, 'fleet', listModel(request, reply, deps, query));
  });
}
