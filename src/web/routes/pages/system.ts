import type { FastifyInstance } from 'fastify';
import { listAlerts } from '../../../db/repositories/alerts.js';
import { getStatus, listTransitions } from '../../../db/repositories/status.js';
import { listLogs } from '../../../db/repositories/logs.js';
import { getSystem } from '../../../db/repositories/systems.js';
import { isOneOf } from '../../../domain/enums.js';
import type { WebDeps } from '../../deps.js';
import { takeFlash } from '../../flash.js';
import { isAccountable, requireViewer } from '../../guards.js';
import { CAPACITY_RANGES } from '../../presenters/capacity-series.js';
import { BYTE_UNITS_NOTE } from '../../presenters/format.js';
import { presentSystemPage } from '../../presenters/system-page.js';
import { renderPage } from '../../render.js';
import { httpError, parseSystemId } from './http-error.js';
import { loadCapacitySeries, loadForecast } from './system-data.js';

const numbers = { type: 'array', items: { type: 'number' } } as const;
const seriesSchema = {
  type: 'object',
  properties: { range: { type: 'string' }, resolution: { type: 'string', enum: ['raw', 'daily'] }, at: numbers, usedBytes: numbers, totalBytes: numbers },
} as const;

async function systemOr404(deps: WebDeps, rawId: unknown) {
  const id = parseSystemId(rawId);
  const system = await getSystem(deps.handle.db, id);
  if (!system) throw httpError(404, 'not_found', `No storage system has id ${id}.`);
  return system;
}

export async function systemRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  app.get('/systems/:id', { preHandler: requireViewer }, async (request, reply) => {
    const system = await systemOr404(deps, (request.params as { id: string }).id);
    const db = deps.handle.db;
    const now = Date.now();
    const [status, alerts, transitions, logs, forecast] = await Promise.all([
      getStatus(db, system.id),
      listAlerts(db, system.id, { openOnly: true }),
      listTransitions(db, system.id, 20),
      listLogs(db, { systemId: system.id }, { limit: 50 }),
      loadForecast(db, system.id, now),
    ]);
    const viewer = request.viewer;
    const model = presentSystemPage({ system, status, alerts, transitions, logs, forecast, settings: deps.settings.current(), now });
    return renderPage(request, reply, 'system', { title: system.name, nav: 'system' }, {
      system: model,
      flash: takeFlash(request, reply),
      canPoll: Boolean(deps.actions.pollNow) && isAccountable(viewer),
      canTest: Boolean(deps.actions.testConnection) && viewer?.role === 'admin' && viewer.via !== 'anonymous',
      back: `/systems/${system.id}`,
      ranges: CAPACITY_RANGES,
      bytesNote: BYTE_UNITS_NOTE,
    });
  });

  app.get(
    '/systems/:id/capacity.json',
    {
      preHandler: requireViewer,
      schema: { querystring: { type: 'object', properties: { range: { type: 'string' } } }, response: { 200: seriesSchema } },
    },
    async (request) => {
      const system = await systemOr404(deps, (request.params as { id: string }).id);
      const range = (request.query as { range?: string }).range ?? '30d';
      if (!isOneOf(CAPACITY_RANGES, range)) throw httpError(400, 'bad_range', `range must be one of ${CAPACITY_RANGES.join(', ')} (got "${range.slice(0, 20)}").`);
      return loadCapacitySeries(deps.handle.db, system.id, range, Date.now());
    },
  );
}
