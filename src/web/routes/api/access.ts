import type { FastifyReply } from 'fastify';
import { requireAdmin, requireSignedIn, requireViewer, verifyCsrf } from '../../guards.js';

// Guards run before validation, so an anonymous caller learns nothing about the schema.
export const readAccess = { preValidation: [requireViewer] };
export const signedInWrite = { preValidation: [requireSignedIn, verifyCsrf] };
export const adminWrite = { preValidation: [requireAdmin, verifyCsrf] };

/** The API's answer for an id that names no system. */
export function sendSystemNotFound(reply: FastifyReply, id: number) {
  return reply.code(404).send({ error: 'not_found', message: `No system has id ${id}.` });
}
