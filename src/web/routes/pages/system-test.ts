import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../../db/repositories/audit.js';
import { getSystem } from '../../../db/repositories/systems.js';
import type { TestConnectionResult } from '../../actions.js';
import type { WebDeps } from '../../deps.js';
import { setFlash } from '../../flash.js';
import { requireAdmin, verifyCsrf, wantsHtml } from '../../guards.js';
import { httpError, parseSystemId, sendUnavailable } from './http-error.js';

/** One line for the operator; the action's message never holds a credential (actions.ts). */
function describe(name: string, result: TestConnectionResult): string {
  const found = [result.model, result.osVersion].filter(Boolean).join(', ');
  const took = `${Math.round(result.durationMs)} ms`;
  return result.ok
    ? `Connection to "${name}" works (${took})${found ? `: ${found}` : ''}. ${result.message}`.trim()
    : `Connection to "${name}" failed (${result.reachability}, ${took}): ${result.message}`;
}

export async function systemTestRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  app.post('/systems/:id/test', { preHandler: [requireAdmin, verifyCsrf] }, async (request, reply) => {
    const id = parseSystemId((request.params as { id: string }).id);
    const test = deps.actions.testConnection;
    if (!test) return sendUnavailable(request, reply, 'test_unavailable', 'This dashboard process cannot test connections: it was started without the vendor clients.');
    const system = await getSystem(deps.handle.db, id);
    if (!system) throw httpError(404, 'not_found', `No storage system has id ${id}.`);
    const result = await test({ systemId: id });
    await recordAudit(deps.handle.db, {
      username: request.viewer?.username ?? null,
      action: 'system.test',
      targetType: 'system',
      targetId: id,
      details: { ok: result.ok, reachability: result.reachability },
      ip: request.ip,
    });
    const text = describe(system.name, result);
    if (wantsHtml(request)) {
      setFlash(reply, { kind: result.ok ? 'ok' : 'error', text });
      return reply.redirect(`/systems/${id}`, 303);
    }
    return { ok: result.ok, reachability: result.reachability, message: text, presentedFingerprint: result.presentedFingerprint };
  });
}
