import type { FastifyInstance, FastifyRequest } from 'fastify';
import { acknowledgeAlert, getFleetAlert } from '../../../db/repositories/alerts.js';
import { recordAudit } from '../../../db/repositories/audit.js';
import type { WebDeps } from '../../deps.js';
import { setFlash } from '../../flash.js';
import { requireSignedInTo, verifyCsrf } from '../../guards.js';

export const ACK_COMMENT_MAX = 500;

const REFUSED = {
  resolved: 'has already resolved; there is nothing to acknowledge.',
  empty: 'was not acknowledged: a comment is required (what was done, or who looks at it).',
  long: `was not acknowledged: the comment is longer than ${ACK_COMMENT_MAX} characters.`,
} as const;

/**
 * Acknowledging is an action someone answers for, so it needs a person: a signed-in viewer or an
 * API token, never the anonymous wall-screen reader.
 */
const requireSignedIn = requireSignedInTo('Sign in to acknowledge alerts; anonymous reading does not allow it.', '/alerts');

/** Only back to the alerts page (with its filters): never an open redirect to elsewhere. */
function backOf(body: Record<string, unknown>, id: number): string {
  const back = typeof body.back === 'string' ? body.back : '';
  const path = /^\/alerts(\?[^\s#]*)?$/.test(back) ? back : '/alerts';
  return `${path}#alert-${id}`;
}

export async function acknowledgeRoute(app: FastifyInstance, deps: WebDeps): Promise<void> {
  app.post<{ Params: { id: number } }>(
    '/alerts/:id/ack',
    {
      schema: { params: { type: 'object', properties: { id: { type: 'integer', minimum: 1, maximum: 2 ** 31 - 1 } }, required: ['id'] } },
      preHandler: [requireSignedIn, verifyCsrf],
    },
    async (request, reply) => {
      const { id } = request.params;
      const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
      const back = backOf(body, id);
      const alert = await getFleetAlert(deps.handle.db, id);
      if (!alert) throw Object.assign(new Error(`There is no alert ${id}.`), { statusCode: 404, code: 'not_found' });
      const comment = typeof body.comment === 'string' ? body.comment.trim() : '';
      const problem = alert.resolvedAt !== null ? 'resolved' : comment === '' ? 'empty' : comment.length > ACK_COMMENT_MAX ? 'long' : null;
      if (problem) {
        setFlash(reply, { kind: 'error', text: `Alert #${id} ${REFUSED[problem]}` });
        return reply.redirect(back, 303);
      }
      const viewer = request.viewer as NonNullable<FastifyRequest['viewer']>;
      const now = Date.now();
      await acknowledgeAlert(deps.handle.db, id, viewer.username, now, comment);
      await recordAudit(deps.handle.db, {
        at: now,
        username: viewer.username,
        action: 'alert.acknowledge',
        targetType: 'alert',
        targetId: id,
        details: { systemId: alert.systemId, system: alert.systemName, title: alert.title, comment },
        ip: request.ip,
      });
      // The fleet's unacknowledged counts change now, not at the next poll.
      await deps.fleet.refresh().catch((err) => request.log.warn({ err }, 'fleet refresh after acknowledgement failed'));
      setFlash(reply, { kind: 'ok', text: `Alert #${id} acknowledged.` });
      return reply.redirect(back, 303);
    },
  );
}
