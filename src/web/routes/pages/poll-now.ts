import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getSystem } from '../../../db/repositories/systems.js';
import type { WebDeps } from '../../deps.js';
import { type Flash, safeBackPath, setFlash } from '../../flash.js';
import { requireSignedInTo, verifyCsrf, wantsHtml } from '../../guards.js';
import { auditPollRequest } from '../../poll-audit.js';
import { httpError, parseSystemId, sendUnavailable } from './http-error.js';

/** A form post comes back to the page it came from with a flash; fetch() gets the same words as JSON. */
function answer(request: FastifyRequest, reply: FastifyReply, flash: Flash, status = 200) {
  if (wantsHtml(request)) {
    setFlash(reply, flash);
    const body = (request.body ?? {}) as Record<string, unknown>;
    return reply.redirect(safeBackPath(body.next), 303);
  }
  return reply.code(status).send({ ok: flash.kind === 'ok', message: flash.text });
}

async function pollAndAnswer(request: FastifyRequest, reply: FastifyReply, deps: WebDeps, systemId: number | null, what: string) {
  const pollNow = deps.actions.pollNow;
  if (!pollNow) return sendUnavailable(request, reply, 'poll_unavailable', 'This dashboard process cannot poll: it runs without a poller (serve --role web). The next scheduled poll will update the data.');
  await auditPollRequest(request, deps, systemId);
  try {
    await pollNow(systemId);
  } catch (err) {
    request.log.error({ err, systemId }, 'poll now failed');
    return answer(request, reply, { kind: 'error', text: `Polling ${what} did not complete; the process log says why.` }, 502);
  }
  // The results are stored; show them now rather than after the next scheduled refresh.
  await deps.fleet.refresh();
  return answer(request, reply, { kind: 'ok', text: `Polled ${what}: the page shows the new results.` });
}

export async function pollNowRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  // The anonymous wall-screen viewer reads but never acts: nobody could be named in the audit log.
  const preHandler = [requireSignedInTo('Sign in to poll systems now; anonymous reading cannot change anything.'), verifyCsrf];

  app.post('/systems/:id/poll', { preHandler }, async (request, reply) => {
    const id = parseSystemId((request.params as { id: string }).id);
    const system = await getSystem(deps.handle.db, id);
    if (!system) throw httpError(404, 'not_found', `No storage system has id ${id}.`);
    return pollAndAnswer(request, reply, deps, id, `"${system.name}"`);
  });

  app.post('/poll', { preHandler }, async (request, reply) => pollAndAnswer(request, reply, deps, null, 'every system'));
}
