import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.js';
import { adminAuditRoutes } from './audit.js';
import { adminOverviewRoutes } from './overview.js';
import { adminSettingsRoutes } from './settings.js';
import { adminSystemRoutes } from './systems.js';
import { adminUserRoutes } from './users.js';

/** Admin pages: systems, settings, users, audit log. */
export async function adminRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  await app.register(adminOverviewRoutes, deps);
  await app.register(adminSystemRoutes, deps);
  await app.register(adminSettingsRoutes, deps);
  await app.register(adminUserRoutes, deps);
  await app.register(adminAuditRoutes, deps);
}
