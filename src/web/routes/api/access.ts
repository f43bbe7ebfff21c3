import type { FastifyRequest } from 'fastify';
import { requireAdmin, requireSignedIn, requireViewer, verifyCsrf } from '../../guards.js';

// Guards run before validation, so an anonymous caller learns nothing about the schema.
export const readAccess = { preValidation: [requireViewer] };
export const signedInWrite = { preValidation: [requireSignedIn, verifyCsrf] };
export const adminWrite = { preValidation: [requireAdmin, verifyCsrf] };

/** Who did it and how, for the audit log. */
export function actorOf(request: FastifyRequest): { username: string | null; ip: string; via: string | null } {
  return { username: request.viewer?.username ?? null, ip: request.ip, via: request.viewer?.via ?? null };
}
