import type { FastifyInstance } from 'fastify';
import { noFaults, type SimFaults } from './types.js';

/**
 * A control route for demos and end-to-end tests: change a simulated system's faults over HTTP
 * (e.g. `{"errorRate": 1}` makes it fail), so a browser test can watch the change reach the page.
 * Only mounted when asked for; it lives under /_sim/, which no vendor API uses.
 */
export function registerControlRoutes(app: FastifyInstance, setFaults: (id: string, change: Partial<SimFaults>) => SimFaults, known: (id: string) => boolean) {
  // Checked by hand: Fastify's default validator strips unknown fields instead of refusing them.
  function problemsOf(body: unknown): string[] {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return ['the body must be a JSON object of faults'];
    return Object.entries(body).flatMap(([key, value]) => {
      const known = (noFaults as unknown as Record<string, unknown>)[key];
      if (known === undefined) return [`unknown fault "${key}"`];
      if (typeof known === 'boolean' ? typeof value !== 'boolean' : typeof value !== 'number' || !(value >= 0)) return [`"${key}" must be a ${typeof known}`];
      return [];
    });
  }
  app.post<{ Params: { id: string }; Body: unknown }>('/_sim/systems/:id/faults', async (request, reply) => {
    if (!known(request.params.id)) return reply.code(404).send({ error: 'not_found', message: `no simulated system "${request.params.id}"` });
    const problems = problemsOf(request.body);
    if (problems.length > 0) return reply.code(400).send({ error: 'bad_request', message: problems.join('; ') });
    return setFaults(request.params.id, request.body as Partial<SimFaults>);
  });
}
