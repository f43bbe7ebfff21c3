import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireAdmin, requireViewer, verifyCsrf } from '../../guards.js';

/**
 * Acknowledging and "poll now" need someone accountable: a signed-in user or a token, never the
 * anonymous wall-screen viewer (whose name the audit log could not tell apart).
 */
export async function requireSignedIn(request: FastifyRequest, reply: FastifyReply) {
  if (request.viewer?.via === 'anonymous') {
    return reply.code(401).send({ error: 'unauthorized', message: 'Sign in first (or send an API token as Authorization: Bearer …).' });
  }
  return requireViewer(request, reply);
}

// Guards run before validation, so an anonymous caller learns nothing about the schema.
export const readAccess = { preValidation: [requireViewer] };
export const signedInWrite = { preValidation: [requireSignedIn, verifyCsrf] };
export const adminWrite = { preValidation: [requireAdmin, verifyCsrf] };

/** Who did it and how, for the audit log. */
export function actorOf(request: FastifyRequest): { username: string | null; ip: string; via: string | null } {
  return { username: request.viewer?.username ?? null, ip: request.ip, via: request.viewer?.via ?? null };
}
