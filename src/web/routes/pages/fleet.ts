import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../../deps.js';
import { takeFlash } from '../../flash.js';
import { requireViewer } from '../../guards.js';
import { FLEET_PER_PAGE, type FleetQuery, parseFleetQuery } from '../../presenters/fleet-query.js';
import { type FleetModel, presentFleet } from '../../presenters/fleet-list.js';
import { BYTE_UNITS_NOTE } from '../../presenters/format.js';
import { createRenderCache } from '../../render-cache.js';
import { csrfTokenOf, renderPage } from '../../render.js';
import { httpError } from './http-error.js';

/**
 * Cached HTML must not carry anyone's CSRF token: the poll forms are rendered with this slot,
 * which is replaced by the asking viewer's token on every response. It is random per process, so
 * no system name can contain it by accident or on purpose.
 */
const CSRF_SLOT = `csrf-slot-${randomBytes(16).toString('hex')}`;
/** Rendered lists kept per fleet version; the ages written in them ("2 min ago") stay this fresh. */
const LIST_CACHE = { maxEntries: 50, ttlMs: 10_000 };

function queryOf(request: FastifyRequest): FleetQuery {
  const parsed = parseFleetQuery((request.query ?? {}) as Record<string, unknown>);
  if (!parsed.ok) throw httpError(400, 'bad_fleet_query', `The fleet filter is not valid: ${parsed.problems.join('; ')}.`);
  return parsed.query;
}

/** Poll buttons only for someone who may press them, and only when this process can poll. */
function canPoll(request: FastifyRequest, deps: WebDeps): boolean {
  return Boolean(deps.actions.pollNow) && request.viewer !== null && request.viewer.via !== 'anonymous';
}

/**
 * Everything the list HTML depends on besides the fleet version. Same key and version: the same
 * fragment, so it is rendered once, and the refresh script gets a 304 for it.
 */
function listKey(deps: WebDeps, request: FastifyRequest, query: FleetQuery): string {
  const { capacityWarnPercent, capacityCritPercent } = deps.settings.current();
  return JSON.stringify([query, capacityWarnPercent, capacityCritPercent, canPoll(request, deps)]);
}

function fragmentTag(version: number, key: string): string {
  return `W/"fleet-${version}-${createHash('sha256').update(key).digest('hex').slice(0, 16)}"`;
}

const escapeAttribute = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function fleetRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  const cache = createRenderCache<{ fleet: FleetModel; html: string }>(LIST_CACHE);

  /** The list for this request: rendered once per key and version, then only the token is filled in. */
  async function listOf(request: FastifyRequest, reply: FastifyReply, query: FleetQuery) {
    const view = deps.fleet.current();
    const key = listKey(deps, request, query);
    const poll = canPoll(request, deps);
    const { fleet, html } = await cache.get(view.version, key, async () => {
      const fleet = presentFleet(view, query, deps.settings.current(), Date.now());
      const model = { fleet, canPoll: poll, back: fleet.links.self, csrfToken: CSRF_SLOT };
      return { fleet, html: await app.view('fragments/fleet', model) };
    });
    const filled = poll ? html.split(CSRF_SLOT).join(escapeAttribute(csrfTokenOf(reply))) : html;
    return { fleet, html: filled, etag: fragmentTag(view.version, key) };
  }

  app.get('/', { preHandler: requireViewer }, async (request, reply) => {
    const query = queryOf(request);
    const settings = deps.settings.current();
    const list = await listOf(request, reply, query);
    return renderPage(request, reply, 'fleet', { title: 'Fleet', nav: 'fleet' }, {
      fleet: list.fleet,
      // Trusted: views/fragments/fleet.eta escaped every value when the list was rendered.
      listHtml: list.html,
      defaultPer: FLEET_PER_PAGE.default,
      canPoll: canPoll(request, deps),
      back: list.fleet.links.self,
      bytesNote: BYTE_UNITS_NOTE,
      etag: list.etag,
      flash: takeFlash(request, reply),
      refreshSeconds: settings.refreshSeconds,
      pollIntervalMs: settings.pollIntervalSeconds * 1000,
    });
  });

  app.get('/fragments/fleet', { preHandler: requireViewer }, async (request, reply) => {
    const query = queryOf(request);
    const tag = fragmentTag(deps.fleet.current().version, listKey(deps, request, query));
    reply.header('etag', tag).header('cache-control', 'private, no-cache').header('vary', 'cookie');
    if (request.headers['if-none-match'] === tag) return reply.code(304).send();
    const list = await listOf(request, reply, query);
    return reply.type('text/html; charset=utf-8').send(list.html);
  });
}
