import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getSystem } from '../../../db/repositories/systems.js';
import type { WebDeps } from '../../deps.js';
import { auditPollRequest } from '../../poll-audit.js';
import { sendSystemNotFound, signedInWrite } from './access.js';
import { errors, idParams } from './schemas.js';

const doneSchema = {
  type: 'object',
  required: ['polled', 'refreshedAt'],
  properties: {
    polled: { type: ['integer', 'string'], description: 'The system id, or "all".' },
    refreshedAt: { type: 'integer' },
  },
} as const;

export async function pollRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  const tags = ['polling'];

  async function pollNow(request: FastifyRequest, reply: FastifyReply, systemId: number | null) {
    const poll = deps.actions.pollNow;
    if (!poll) return reply.code(503).send({ error: 'polling_unavailable', message: 'This server does not poll (a web-only replica); a poller will poll on its schedule.' });
    await auditPollRequest(request, deps, systemId);
    await poll(systemId);
    const fleet = await deps.fleet.refresh();
    return { polled: systemId ?? 'all', refreshedAt: fleet.refreshedAt };
  }

  app.post(
    '/poll',
    {
      ...signedInWrite,
      schema: { tags, summary: 'Poll every enabled system now; answers when the results are stored', response: { 200: doneSchema, ...errors(401, 503) } },
    },
    (request, reply) => pollNow(request, reply, null),
  );

  app.post<{ Params: { id: number } }>(
    '/systems/:id/poll',
    {
      ...signedInWrite,
      schema: { tags, summary: 'Poll one system now; answers when the result is stored', params: idParams, response: { 200: doneSchema, ...errors(400, 401, 404, 503) } },
    },
    async (request, reply) => {
      const system = await getSystem(deps.handle.db, request.params.id);
      if (!system) return sendSystemNotFound(reply, request.params.id);
      return pollNow(request, reply, system.id);
    },
  );
}
