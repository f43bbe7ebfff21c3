import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { WebDeps } from '../deps.js';
import { requireViewer } from '../guards.js';
import { registerFleetMetrics } from '../metrics/fleet-metrics.js';
import { registerLogWriterMetrics } from '../metrics/log-writer-metrics.js';

/**
 * /metrics in Prometheus text format. One registry per app (not prom-client's global one), so two
 * apps in a process (tests) never collide. Access follows the read API: a viewer — for Prometheus
 * an API token sent as bearer_token — or anyone when ANONYMOUS_READ is on, since the pages then
 * show the same figures to anyone anyway.
 */
export async function metricsRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registerFleetMetrics(registry, deps.fleet);
  if (deps.logWriterStats) registerLogWriterMetrics(registry, deps.logWriterStats);

  app.get('/metrics', { preValidation: [requireViewer], logLevel: 'warn', schema: { hide: true } }, async (_request, reply) => {
    const body = await registry.metrics();
    return reply.type(registry.contentType).send(body);
  });
}
