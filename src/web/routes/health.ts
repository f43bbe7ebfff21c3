import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../db/connect.js';
import { checkReadiness } from '../readiness.js';

const check = {
  type: 'object',
  properties: { ok: { type: 'boolean' }, pending: { type: 'array', items: { type: 'string' } } },
} as const;

const readySchema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ready', 'not_ready'] },
    checks: { type: 'object', properties: { database: check, migrations: check } },
  },
} as const;

export async function healthRoutes(app: FastifyInstance, opts: { handle: DatabaseHandle }): Promise<void> {
  // Liveness only: the process answers. It never touches the database, so a database outage
  // does not make an orchestrator restart an app that would recover by itself.
  app.get(
    '/healthz',
    { schema: { response: { 200: { type: 'object', properties: { status: { type: 'string' } } } } }, logLevel: 'warn' },
    async () => ({ status: 'ok' }),
  );

  app.get('/readyz', { schema: { response: { 200: readySchema, 503: readySchema } }, logLevel: 'warn' }, async (request, reply) => {
    const readiness = await checkReadiness(opts.handle);
    if (!readiness.ready) {
      // The reason goes to the process log, not to an unauthenticated caller: it may name hosts.
      request.log.warn({ checks: readiness.checks }, 'not ready');
      reply.code(503);
    }
    return { status: readiness.ready ? 'ready' : 'not_ready', checks: readiness.checks };
  });
}
