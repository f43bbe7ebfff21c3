import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../db/repositories/audit.js';
import { deleteSystem, getSystem, getSystemByName, insertSystem, updateSystem } from '../../../db/repositories/systems.js';
import type { StoredSystem, SystemFields } from '../../../domain/system.js';
import type { WebDeps } from '../../deps.js';
import { actorOf } from '../../viewer.js';
import { adminWrite, sendSystemNotFound } from './access.js';
import { createSystemBody, updateSystemBody } from './system-body-schema.js';
import { checkAddress, checkName, checkTagList } from '../../forms/system-address.js';
import { type Credentials, checkCredentials, checkTls, type SystemBody } from './system-input.js';
import { loadSystemDetail } from './system-view.js';
import { errors, idParams } from './schemas.js';

type Checked = { ok: true; fields: Omit<SystemFields, 'credentialsSealed'> } | { ok: false; problems: string[] };

/** The system as it would be after the change, checked as a whole (a port may clash with an address's). */
function checkSystem(body: SystemBody, current: StoredSystem | null): Checked {
  const problems: string[] = [];
  const name = (body.name ?? current?.name ?? '').trim();
  const nameProblem = checkName(name);
  if (nameProblem) problems.push(`name: ${nameProblem}`);
  const vendor = body.vendor ?? current?.vendor;
  // The admin form's rules, so a system saved here can be saved again from the form and vice versa.
  const place = checkAddress(body.address ?? current?.address ?? '', body.port !== undefined ? body.port : (current?.port ?? null));
  if (!place.ok) problems.push(`${place.field}: ${place.problem}`);
  const tls = body.tls ? checkTls(body.tls, problems) : (current?.tls ?? { mode: 'system' });
  const tags = body.tags ? checkTagList(body.tags) : { tags: current?.tags ?? [] };
  if ('problem' in tags) problems.push(`tags: ${tags.problem}`);
  if (vendor && body.credentials) checkCredentials(vendor, body.credentials, problems);
  if (current && body.vendor && body.vendor !== current.vendor && !body.credentials) {
    problems.push(`changing the vendor to ${body.vendor} needs its credentials too`);
  }
  if (problems.length > 0 || !vendor || !place.ok || tls === null || 'problem' in tags) return { ok: false, problems };
  const { address, port } = place;
  return { ok: true, fields: { name, vendor, address, port, tls, tags: tags.tags, enabled: body.enabled ?? current?.enabled ?? true } };
}

const isUniqueViolation = (err: unknown) => {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT_UNIQUE'));
};

export async function systemWriteRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  const { db } = deps.handle;
  const nameTaken = (reply: FastifyReply, name: string) => reply.code(409).send({ error: 'name_taken', message: `A system named ${JSON.stringify(name)} already exists.` });

  /** Seals credentials, or answers 503 when the server has no SECRET_KEY (returns null then). */
  function seal(reply: FastifyReply, credentials: Credentials): string | null {
    const sealer = deps.actions.sealCredentials;
    if (!sealer) {
      void reply.code(503).send({ error: 'secret_key_missing', message: 'This server cannot store credentials: set SECRET_KEY (or SECRET_KEY_FILE) and restart it.' });
      return null;
    }
    return sealer(credentials);
  }

  async function audit(request: FastifyRequest, action: string, system: StoredSystem, details: Record<string, unknown>) {
    const actor = actorOf(request);
    await recordAudit(db, { username: actor.username, ip: actor.ip, action, targetType: 'system', targetId: system.id, details: { name: system.name, via: actor.via, ...details } });
    // The pages and the list read the snapshot: show the change at once, not after the next poll.
    await deps.fleet.refresh().catch((err) => request.log.warn({ err }, 'fleet refresh after a change failed'));
  }

  const bad = (reply: FastifyReply, problems: string[]) => reply.code(400).send({ error: 'invalid_request', message: problems.join('; ') });
  const tags = ['systems'];

  app.post<{ Body: SystemBody }>(
    '/systems',
    { ...adminWrite, schema: { tags, summary: 'Add a system (admin)', body: createSystemBody, response: { 201: { $ref: 'SystemDetail#' }, ...errors(400, 401, 403, 409, 503) } } },
    async (request, reply) => {
      const checked = checkSystem(request.body, null);
      if (!checked.ok) return bad(reply, checked.problems);
      const sealed = seal(reply, request.body.credentials ?? {});
      if (sealed === null) return reply;
      if (await getSystemByName(db, checked.fields.name)) return nameTaken(reply, checked.fields.name);
      let system: StoredSystem;
      try {
        system = await insertSystem(db, { ...checked.fields, credentialsSealed: sealed });
      } catch (err) {
        if (isUniqueViolation(err)) return nameTaken(reply, checked.fields.name);
        throw err;
      }
      await audit(request, 'system.create', system, { vendor: system.vendor, address: system.address });
      return reply.code(201).send(await loadSystemDetail(deps, system));
    },
  );

  app.patch<{ Params: { id: number }; Body: SystemBody }>(
    '/systems/:id',
    { ...adminWrite, schema: { tags, summary: 'Change a system (admin)', params: idParams, body: updateSystemBody, response: { 200: { $ref: 'SystemDetail#' }, ...errors(400, 401, 403, 404, 409, 503) } } },
    async (request, reply) => {
      const current = await getSystem(db, request.params.id);
      if (!current) return sendSystemNotFound(reply, request.params.id);
      const checked = checkSystem(request.body, current);
      if (!checked.ok) return bad(reply, checked.problems);
      const patch: Partial<SystemFields> = { ...checked.fields };
      if (request.body.credentials) {
        const sealed = seal(reply, request.body.credentials);
        if (sealed === null) return reply;
        patch.credentialsSealed = sealed;
      }
      if (checked.fields.name !== current.name && (await getSystemByName(db, checked.fields.name))) return nameTaken(reply, checked.fields.name);
      let system: StoredSystem | null;
      try {
        system = await updateSystem(db, current.id, patch);
      } catch (err) {
        if (isUniqueViolation(err)) return nameTaken(reply, checked.fields.name);
        throw err;
      }
      if (!system) return sendSystemNotFound(reply, request.params.id);
      // Field names only: values may be long (a CA) and credentials are never written anywhere.
      await audit(request, 'system.update', system, { fields: Object.keys(request.body).sort() });
      return loadSystemDetail(deps, system);
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/systems/:id',
    { ...adminWrite, schema: { tags, summary: 'Delete a system and its history (admin)', params: idParams, response: { 204: { type: 'null' }, ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      const system = await getSystem(db, request.params.id);
      if (!system || !(await deleteSystem(db, system.id))) return sendSystemNotFound(reply, request.params.id);
      await audit(request, 'system.delete', system, { vendor: system.vendor });
      return reply.code(204).send();
    },
  );
}
