import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../deps.js';

/** /metrics in Prometheus text format. */
export async function metricsRoutes(_app: FastifyInstance, _deps: WebDeps): Promise<void> {}
