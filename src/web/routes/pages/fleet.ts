import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../../deps.js';
import { takeFlash } from '../../flash.js';
import { isAccountable, requireViewer } from '../../guards.js';
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
/** Where the page template puts the list; the cached bytes are spliced in there (random for the same reason). */
const LIST_SLOT = `list-slot-${randomBytes(16).toString('hex')}`;
/** Rendered lists kept per fleet version; the ages written in them ("2 min ago") stay this fresh. */
const LIST_CACHE = { maxEntries: 50, ttlMs: 10_000 };

function queryOf(request: FastifyRequest): FleetQuery {
  const parsed = parseFleetQuery((request.query ?? {}) as Record<string, unknown>);
  if (!parsed.ok) throw httpError(400, 'bad_fleet_query', `The fleet filter is not valid: ${parsed.problems.join('; ')}.`);
  return parsed.query;
}

/** Poll buttons only for someone who may press them, and only when this process can poll. */
function canPoll(request: FastifyRequest, deps: WebDeps): boolean {
  return Boolean(deps.actions.pollNow) && isAccountable(request.viewer);
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

/**
 * The cached list as UTF-8 bytes cut at the token slots: a response is then a few memory copies.
 * (Serving it as a string would re-encode 100+ KB of two-byte text twice per response.)
 */
interface CachedList {
  fleet: FleetModel;
  parts: Buffer[];
}

function fillToken(parts: Buffer[], token: string): Buffer {
  if (parts.length === 1) return parts[0] as Buffer;
  const filler = Buffer.from(escapeAttribute(token));
  return Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [filler, part])));
}

/** The rendered page with the list's bytes in place of its slot. */
function spliceList(page: string, list: Buffer): Buffer {
  const at = page.indexOf(LIST_SLOT);
  if (at < 0 || page.indexOf(LIST_SLOT, at + 1) >= 0) throw new Error('views/pages/fleet.eta must show it.listHtml exactly once');
  return Buffer.concat([Buffer.from(page.slice(0, at)), list, Buffer.from(page.slice(at + LIST_SLOT.length))]);
}

export async function fleetRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  const cache = createRenderCache<CachedList>(LIST_CACHE);

  /** Which list this request wants, of which fleet version: its cache key and its ETag. */
  function listTarget(request: FastifyRequest, query: FleetQuery) {
    const view = deps.fleet.current();
    const key = listKey(deps, request, query);
    return { view, key, etag: fragmentTag(view.version, key) };
  }

  /**
   * The list for this request: rendered once per key and version, then only the token is filled in.
   * The target is taken once, so the ETag always names the version whose bytes are sent.
   */
  async function listOf(request: FastifyRequest, reply: FastifyReply, query: FleetQuery, target = listTarget(request, query)) {
    const { view, key, etag } = target;
    const poll = canPoll(request, deps);
    const { fleet, parts } = await cache.get(view.version, key, async () => {
      const fleet = presentFleet(view, query, deps.settings.current(), Date.now());
      const model = { fleet, canPoll: poll, back: fleet.links.self, csrfToken: CSRF_SLOT };
      const html: string = await app.view('fragments/fleet', model);
      return { fleet, parts: html.split(CSRF_SLOT).map((part) => Buffer.from(part)) };
    });
    return { fleet, html: poll ? fillToken(parts, csrfTokenOf(reply)) : (parts[0] as Buffer), etag };
  }

  app.get('/', { preHandler: requireViewer }, async (request, reply) => {
    const query = queryOf(request);
    const settings = deps.settings.current();
    const list = await listOf(request, reply, query);
    const page = await renderPage(request, reply, 'fleet', { title: 'Fleet', nav: 'fleet' }, {
      fleet: list.fleet,
      listHtml: LIST_SLOT,
      defaultPer: FLEET_PER_PAGE.default,
      canPoll: canPoll(request, deps),
      back: list.fleet.links.self,
      bytesNote: BYTE_UNITS_NOTE,
      etag: list.etag,
      flash: takeFlash(request, reply),
      refreshSeconds: settings.refreshSeconds,
      pollIntervalMs: settings.pollIntervalSeconds * 1000,
    });
    // The list is trusted HTML: views/fragments/fleet.eta escaped every value when it was rendered.
    return reply.send(spliceList(page, list.html));
  });

  app.get('/fragments/fleet', { preHandler: requireViewer }, async (request, reply) => {
    const query = queryOf(request);
    const target = listTarget(request, query);
    reply.header('etag', target.etag).header('cache-control', 'private, no-cache').header('vary', 'cookie');
    if (request.headers['if-none-match'] === target.etag) return reply.code(304).send();
    const list = await listOf(request, reply, query, target);
    return reply.type('text/html; charset=utf-8').send(list.html);
  });
}
