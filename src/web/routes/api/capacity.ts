import type { FastifyInstance } from 'fastify';
import { firstDayOfLast, listCapacityDays } from '../../../db/repositories/capacity.js';
import { getSystem } from '../../../db/repositories/systems.js';
import type { WebDeps } from '../../deps.js';
import { readAccess, sendSystemNotFound } from './access.js';
import { errors, idParams } from './schemas.js';

const RANGES = { '30d': 30, '90d': 90, '1y': 365, all: null } as const;
type Range = keyof typeof RANGES;

export async function capacityRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  app.get<{ Params: { id: number }; Querystring: { range: Range } }>(
    '/systems/:id/capacity',
    {
      ...readAccess,
      schema: {
        tags: ['capacity'],
        summary: "A system's capacity history: one point per UTC day",
        description: "Each point is the day's last sample (total and used), with the day's lowest and highest used bytes.",
        params: idParams,
        querystring: { type: 'object', properties: { range: { type: 'string', enum: Object.keys(RANGES), default: '30d' } } },
        response: {
          200: {
            type: 'object',
            required: ['systemId', 'range', 'points'],
            properties: {
              systemId: { type: 'integer' },
              range: { type: 'string' },
              points: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    day: { type: 'string', description: 'UTC day, YYYY-MM-DD' },
                    at: { type: 'integer', description: 'Epoch ms of the last sample of the day' },
                    totalBytes: { type: 'number' },
                    usedBytes: { type: 'number' },
                    usedMinBytes: { type: 'number' },
                    usedMaxBytes: { type: 'number' },
                    samples: { type: 'integer' },
                  },
                },
              },
            },
          },
          ...errors(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const { db } = deps.handle;
      const system = await getSystem(db, request.params.id);
      if (!system) return sendSystemNotFound(reply, request.params.id);
      const days = RANGES[request.query.range];
      const from = days === null ? undefined : firstDayOfLast(days, Date.now());
      const rows = await listCapacityDays(db, system.id, from);
      const points = rows.map((d) => ({
        day: d.day,
        at: d.lastAt,
        totalBytes: d.totalBytes,
        usedBytes: d.usedLastBytes,
        usedMinBytes: d.usedMinBytes,
        usedMaxBytes: d.usedMaxBytes,
        samples: d.samples,
      }));
      return { systemId: system.id, range: request.query.range, points };
    },
  );
}
