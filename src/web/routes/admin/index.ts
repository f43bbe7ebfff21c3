import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.js';

/** Admin pages: systems, settings, users, audit log. */
export async function adminRoutes(_app: FastifyInstance, _deps: WebDeps): Promise<void> {}
