import type { FastifyInstance } from 'fastify';
import { type FleetAlertFilter, listFleetAlerts } from '../../../db/repositories/alerts.js';
import { ALERT_SEVERITIES, VENDORS } from '../../../domain/snapshot.js';
import type { WebDeps } from '../../deps.js';
import { BadParamError, enumParam, idParam, type Query, textParam } from '../../filter-params.js';
import { takeFlash } from '../../flash.js';
import { requireViewer } from '../../guards.js';
import { presentAlertsPage } from '../../presenters/alerts-page.js';
import { renderPage } from '../../render.js';
import { acknowledgeRoute } from './alert-ack.js';

/** More open alerts than this on one page is a flood: the page says so and asks for a filter. */
const OPEN_LIMIT = 1000;
const RESOLVED_PAGE = 100;

function parseBefore(query: Query): FleetAlertFilter['before'] {
  const value = textParam(query, 'before');
  if (value === undefined) return undefined;
  const m = /^(\d{1,16})-(\d{1,16})$/.exec(value);
  if (!m) throw new BadParamError(`before must look like <resolvedAt>-<id>, as the "Older" link writes it (got "${value.slice(0, 40)}")`);
  return { resolvedAt: Number(m[1]), id: Number(m[2]) };
}

export function parseAlertFilter(query: Query): FleetAlertFilter {
  const state = enumParam(query, 'state', ['open', 'resolved'] as const) ?? 'open';
  const severity = enumParam(query, 'severity', ALERT_SEVERITIES);
  const vendor = enumParam(query, 'vendor', VENDORS);
  const systemId = idParam(query, 'system');
  const before = state === 'resolved' ? parseBefore(query) : undefined;
  return {
    state,
    limit: state === 'open' ? OPEN_LIMIT : RESOLVED_PAGE,
    ...(severity ? { severity } : {}),
    ...(vendor ? { vendor } : {}),
    ...(systemId !== undefined ? { systemId } : {}),
    ...(before ? { before } : {}),
  };
}

/** Every open alert across the fleet, filterable by link; the resolved history at ?state=resolved. */
export async function alertPages(app: FastifyInstance, deps: WebDeps): Promise<void> {
  app.get('/alerts', { preHandler: requireViewer }, async (request, reply) => {
    const filter = parseAlertFilter(request.query as Query);
    // One row more than shown tells whether there is a next page without a count query.
    const alerts = await listFleetAlerts(deps.handle.db, { ...filter, limit: filter.limit + 1 });
    const model = presentAlertsPage({
      filter,
      alerts,
      systems: deps.fleet.current().systems,
      viewer: request.viewer,
      url: request.url,
      flash: takeFlash(request, reply),
    });
    return renderPage(request, reply, 'alerts', { title: filter.state === 'resolved' ? 'Resolved alerts' : 'Alerts', nav: 'alerts' }, model);
  });
  await acknowledgeRoute(app, deps);
}
