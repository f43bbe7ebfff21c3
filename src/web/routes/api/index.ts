import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.js';

/** The JSON API under /api/v1 and its OpenAPI document. */
export async function apiRoutes(_app: FastifyInstance, _deps: WebDeps): Promise<void> {}
