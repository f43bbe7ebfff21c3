import type { FastifyInstance } from 'fastify';
import { firstDayOfLast, sumFleetCapacityByDay } from '../../../db/repositories/capacity.js';
import { createCapacityForecasts } from '../../capacity-forecasts.js';
import { attachmentName, formatCsv } from '../../csv.js';
import type { WebDeps } from '../../deps.js';
import { requireViewer } from '../../guards.js';
import { CAPACITY_CSV_HEADER, capacityCsvRows, presentCapacityPage, rankFillsFirst } from '../../presenters/capacity-page.js';
import { renderPage } from '../../render.js';

const RANGES = { '30d': 30, '90d': 90, '1y': 365, all: null } as const;
type Range = keyof typeof RANGES;

const historySchema = {
  querystring: {
    type: 'object',
    properties: { range: { type: 'string', enum: Object.keys(RANGES), default: '1y' } },
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      required: ['range', 'days'],
      properties: {
        range: { type: 'string' },
        days: {
          type: 'array',
          items: {
            type: 'object',
            required: ['day', 'systems', 'totalBytes', 'usedBytes'],
            properties: { day: { type: 'string' }, systems: { type: 'integer' }, totalBytes: { type: 'number' }, usedBytes: { type: 'number' } },
          },
        },
      },
    },
  },
} as const;

/** Fleet capacity: totals by vendor and tag, what fills first, the fleet's history, and a CSV. */
export async function capacityPages(app: FastifyInstance, deps: WebDeps): Promise<void> {
  const forecasts = createCapacityForecasts(deps.handle.db);
  async function ranking() {
    const view = deps.fleet.current();
    return { view, ranked: rankFillsFirst(view.systems, await forecasts.forFleet(view)) };
  }

  app.get('/capacity', { preHandler: requireViewer }, async (request, reply) => {
    const { view, ranked } = await ranking();
    const model = presentCapacityPage(view.systems, ranked, deps.settings.current());
    return renderPage(request, reply, 'capacity', { title: 'Capacity', nav: 'capacity' }, model);
  });

  app.get('/capacity.csv', { preHandler: requireViewer }, async (_request, reply) => {
    const { ranked } = await ranking();
    reply.type('text/csv; charset=utf-8').header('content-disposition', attachmentName('capacity', Date.now()));
    return formatCsv(CAPACITY_CSV_HEADER, capacityCsvRows(ranked));
  });

  app.get<{ Querystring: { range: Range } }>('/capacity/history.json', { preHandler: requireViewer, schema: historySchema }, async (request) => {
    const days = RANGES[request.query.range];
    const from = days === null ? undefined : firstDayOfLast(days, Date.now());
    return { range: request.query.range, days: await sumFleetCapacityByDay(deps.handle.db, from) };
  });
}
