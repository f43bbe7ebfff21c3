import type { FastifyRequest } from 'fastify';
import { httpError } from './http-error.js';

/**
 * preHandler for actions any signed-in viewer may take ("poll now"): the anonymous wall-screen
 * viewer reads but never acts, because nobody could be named in the audit log.
 */
export async function requireSignedIn(request: FastifyRequest) {
  if (!request.viewer || request.viewer.via === 'anonymous') {
    throw httpError(401, 'unauthorized', 'Sign in to poll systems now; anonymous reading cannot change anything.');
  }
}
