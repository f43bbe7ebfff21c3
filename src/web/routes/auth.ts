import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../deps.js';

/** Sign in and out. */
export async function authRoutes(_app: FastifyInstance, _deps: WebDeps): Promise<void> {}
