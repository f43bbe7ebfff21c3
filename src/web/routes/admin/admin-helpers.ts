import type { FastifyRequest } from 'fastify';
import { type AuditInput, recordAudit } from '../../../db/repositories/audit.js';
import { getSystem } from '../../../db/repositories/systems.js';
import type { StoredSystem } from '../../../domain/system.js';
import type { WebDeps } from '../../deps.js';

/** Records what the signed-in admin did, from where. `details` must never hold a credential. */
export async function auditAdmin(deps: WebDeps, request: FastifyRequest, entry: Omit<AuditInput, 'username' | 'ip'>): Promise<void> {
  await recordAudit(deps.handle.db, { ...entry, username: request.viewer?.username ?? null, ip: request.ip });
}

/** Changes are stored; a failed re-read of the fleet only delays what the pages show until the next poll. */
export async function refreshFleet(deps: WebDeps, request: FastifyRequest): Promise<void> {
  await deps.fleet.refresh().catch((err) => request.log.warn({ err }, 'could not refresh the fleet after an admin change'));
}

/** A route id param as a positive whole number, or null (then the route answers 404). */
export function idParam(request: FastifyRequest): number | null {
  const raw = (request.params as { id?: string }).id ?? '';
  return /^\d{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
}

/** The system the :id param names; null (answer 404) when there is none. */
export async function systemOfParam(request: FastifyRequest, deps: WebDeps): Promise<StoredSystem | null> {
  const id = idParam(request);
  return id === null ? null : getSystem(deps.handle.db, id);
}
