import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.js';
import { adminUserRoutes } from './users.js';

/** Admin pages: systems, settings, users, audit log. */
export async function adminRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  await app.register(adminUserRoutes, deps);
}
