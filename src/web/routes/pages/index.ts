import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.js';
import { alertPages } from './alerts.js';
import { capacityPages } from './capacity.js';
import { logPages } from './logs.js';

/** The pages operators read: fleet, system, alerts, capacity, logs. */
export async function pageRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  await app.register(alertPages, deps);
  await app.register(capacityPages, deps);
  await app.register(logPages, deps);
}
