import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../db/repositories/audit.js';
import type { WebDeps } from './deps.js';

/**
 * The audit record of a "poll now", the same whether it came from a page button or the API, so
 * one filter on the audit page finds both: `fleet.poll` for the whole fleet, `system.poll` with
 * the system's id for one.
 */
export async function auditPollRequest(request: FastifyRequest, deps: Pick<WebDeps, 'handle'>, systemId: number | null): Promise<void> {
  await recordAudit(deps.handle.db, {
    username: request.viewer?.username ?? null,
    action: systemId === null ? 'fleet.poll' : 'system.poll',
    targetType: systemId === null ? null : 'system',
    targetId: systemId,
    ip: request.ip,
    details: { via: request.viewer?.via ?? null },
  });
}
