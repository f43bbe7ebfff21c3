import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.js';
import { alertPages } from './alerts.js';
import { capacityPages } from './capacity.js';
import { fleetRoutes } from './fleet.js';
import { logPages } from './logs.js';
import { pollNowRoutes } from './poll-now.js';
import { systemRoutes } from './system.js';
import { systemTestRoutes } from './system-test.js';

/** The pages operators read: fleet, system, alerts, capacity, logs. */
export async function pageRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  await app.register(fleetRoutes, deps);
  await app.register(pollNowRoutes, deps);
  await app.register(systemRoutes, deps);
  await app.register(systemTestRoutes, deps);
  await app.register(alertPages, deps);
  await app.register(capacityPages, deps);
  await app.register(logPages, deps);
}
