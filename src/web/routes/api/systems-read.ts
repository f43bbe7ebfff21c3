import type { FastifyInstance } from 'fastify';
import { getSystem } from '../../../db/repositories/systems.js';
import type { WebDeps } from '../../deps.js';
import { readAccess, sendSystemNotFound } from './access.js';
import { systemDetailSchema } from './system-detail-schema.js';
import { loadSystemDetail, toSystemSummary } from './system-view.js';
import { errors, idParams } from './schemas.js';

export async function systemReadRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  app.addSchema(systemDetailSchema);

  app.get(
    '/systems',
    {
      ...readAccess,
      schema: {
        tags: ['systems'],
        summary: 'Every configured system with its latest health, capacity and open alert counts',
        description: 'Read from the in-memory fleet snapshot, refreshed after every poll.',
        response: {
          200: {
            type: 'object',
            required: ['refreshedAt', 'systems'],
            properties: { refreshedAt: { type: 'integer' }, systems: { type: 'array', items: { $ref: 'SystemSummary#' } } },
          },
          ...errors(401),
        },
      },
    },
    async () => {
      const fleet = deps.fleet.current();
      return { refreshedAt: fleet.refreshedAt, systems: fleet.systems.map(toSystemSummary) };
    },
  );

  app.get<{ Params: { id: number } }>(
    '/systems/:id',
    {
      ...readAccess,
      schema: {
        tags: ['systems'],
        summary: 'One system: identity, components, open alerts and the latest status message',
        params: idParams,
        response: { 200: { $ref: 'SystemDetail#' }, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const system = await getSystem(deps.handle.db, request.params.id);
      if (!system) return sendSystemNotFound(reply, request.params.id);
      return loadSystemDetail(deps, system);
    },
  );
}
