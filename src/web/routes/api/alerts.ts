import type { FastifyInstance } from 'fastify';
import { acknowledgeAlert, getFleetAlert, listFleetAlerts } from '../../../db/repositories/alerts.js';
import { recordAudit } from '../../../db/repositories/audit.js';
import { ALERT_SEVERITIES, type AlertSeverity, VENDORS, type Vendor } from '../../../domain/snapshot.js';
import type { WebDeps } from '../../deps.js';
import { actorOf } from '../../viewer.js';
import { readAccess, signedInWrite } from './access.js';
import { errors, idParams } from './schemas.js';

interface AlertQuery {
  state: 'open' | 'resolved';
  severity?: AlertSeverity;
  vendor?: Vendor;
  systemId?: number;
  before?: string;
  limit: number;
}

export async function alertRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  const { db } = deps.handle;
  const tags = ['alerts'];

  app.get<{ Querystring: AlertQuery }>(
    '/alerts',
    {
      ...readAccess,
      schema: {
        tags,
        summary: 'Alerts across the fleet: open ones (default) or the resolved history',
        description:
          'Open alerts come worst severity first, then newest occurrence first. The resolved history comes most recently resolved first; ' +
          'page on with `before=<resolvedAt>-<id>` of the last alert of the previous answer.',
        querystring: {
          type: 'object',
          properties: {
            state: { type: 'string', enum: ['open', 'resolved'], default: 'open' },
            severity: { type: 'string', enum: ALERT_SEVERITIES },
            vendor: { type: 'string', enum: VENDORS },
            systemId: { type: 'integer', minimum: 1 },
            before: { type: 'string', pattern: '^[0-9]{1,16}-[0-9]{1,16}$' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 500 },
          },
        },
        response: {
          200: { type: 'object', required: ['alerts'], properties: { alerts: { type: 'array', items: { $ref: 'Alert#' } } } },
          ...errors(400, 401),
        },
      },
    },
    async (request) => {
      const { before, ...filter } = request.query;
      const [resolvedAt, id] = before?.split('-').map(Number) ?? [];
      const cursor = filter.state === 'resolved' && resolvedAt !== undefined && id !== undefined ? { resolvedAt, id } : undefined;
      return { alerts: await listFleetAlerts(db, { ...filter, ...(cursor ? { before: cursor } : {}) }) };
    },
  );

  app.post<{ Params: { id: number }; Body: { comment?: string } }>(
    '/alerts/:id/ack',
    {
      ...signedInWrite,
      schema: {
        tags,
        summary: 'Acknowledge an open alert (any signed-in user or token)',
        description: 'Recorded in the audit log. Acknowledging lowers the weight of an alert in health but never turns a hardware fault green.',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { comment: { type: 'string', maxLength: 2000 } },
        },
        response: { 200: { $ref: 'Alert#' }, ...errors(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const alert = await getFleetAlert(db, request.params.id);
      if (!alert) return reply.code(404).send({ error: 'not_found', message: `No alert has id ${request.params.id}.` });
      if (alert.resolvedAt !== null) return reply.code(409).send({ error: 'alert_resolved', message: 'This alert is already resolved; there is nothing to acknowledge.' });
      const actor = actorOf(request);
      const comment = request.body?.comment?.trim() || null;
      await acknowledgeAlert(db, alert.id, actor.username ?? 'unknown', Date.now(), comment);
      await recordAudit(db, {
        username: actor.username,
        ip: actor.ip,
        action: 'alert.ack',
        targetType: 'alert',
        targetId: alert.id,
        details: { systemId: alert.systemId, title: alert.title, comment, via: actor.via },
      });
      await deps.fleet.refresh().catch((err) => request.log.warn({ err }, 'fleet refresh after an acknowledgement failed'));
      return (await getFleetAlert(db, alert.id)) ?? alert;
    },
  );
}
