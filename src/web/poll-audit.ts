import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../db/repositories/audit.js';
import type { WebDeps } from './deps.js';
import { actorOf } from './viewer.js';

/**
 * The audit record of a "poll now", the same whether it came from a page button or the API, so
 * one filter on the audit page finds both: `fleet.poll` for the whole fleet, `system.poll` with
 * the system's id for one.
 */
export async function auditPollRequest(request: FastifyRequest, deps: Pick<WebDeps, 'handle'>, systemId: number | null): Promise<void> {
  const { username, ip, via } = actorOf(request);
  await recordAudit(deps.handle.db, {
    username,
    ip,
    action: systemId === null ? 'fleet.poll' : 'system.poll',
    targetType: systemId === null ? null : 'system',
    targetId: systemId,
    details: { via },
  });
}
