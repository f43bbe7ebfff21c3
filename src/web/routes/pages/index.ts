import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.js';

/** The pages operators read: fleet, system, alerts, capacity, logs. */
export async function pageRoutes(_app: FastifyInstance, _deps: WebDeps): Promise<void> {}
