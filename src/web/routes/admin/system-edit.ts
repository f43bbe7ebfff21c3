import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getSystemByName, insertSystem, updateSystem } from '../../../db/repositories/systems.js';
import type { StoredSystem } from '../../../domain/system.js';
import type { WebDeps } from '../../deps.js';
import { asFormBody } from '../../forms/form-body.js';
import { changedFields } from '../../forms/system-changes.js';
import { type ParsedSystemForm, parseSystemForm, valuesOf } from '../../forms/system-form.js';
import { requireAdmin, verifyCsrf } from '../../guards.js';
import { presentSystemForm, type SystemFormState } from '../../presenters/system-form.js';
import { renderPage } from '../../render.js';
import { auditAdmin, refreshFleet, systemOfParam } from './admin-helpers.js';

const noSecretKey = 'Credentials cannot be stored: SECRET_KEY is not set on this server. Set SECRET_KEY (or SECRET_KEY_FILE) and restart.';

export async function renderSystemForm(request: FastifyRequest, reply: FastifyReply, deps: WebDeps, state: Omit<SystemFormState, 'canSeal' | 'canTest'>) {
  const model = presentSystemForm({ ...state, canSeal: Boolean(deps.actions.sealCredentials), canTest: Boolean(deps.actions.testConnection) });
  const title = state.existing ? `Edit ${state.existing.name}` : 'Add a storage system';
  return renderPage(request, reply, 'admin/system-form', { title, nav: 'admin' }, model);
}

/** Name uniqueness and sealing: the checks that need the database or the key, after the form's own. */
async function completeChecks(deps: WebDeps, parsed: ParsedSystemForm, existing: StoredSystem | null): Promise<string | null> {
  if (parsed.fields) {
    const clash = await getSystemByName(deps.handle.db, parsed.fields.name);
    if (clash && clash.id !== existing?.id) parsed.errors.name = `The name "${parsed.fields.name}" is already used by another system.`;
  }
  if (parsed.credentials === null) return existing?.credentialsSealed ?? null;
  const seal = deps.actions.sealCredentials;
  if (!seal) {
    parsed.errors.password = noSecretKey;
    if (parsed.fields?.vendor === 'pure') parsed.errors.apiToken = noSecretKey;
    return null;
  }
  return Object.keys(parsed.errors).length === 0 ? seal(parsed.credentials) : null;
}

/** Create and edit: the form, its validation (every problem at once), storing and auditing. */
export async function systemEditRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  const read = { onRequest: requireAdmin };
  // The role is checked before the (multipart) body is even read; CSRF needs the body, so after.
  const write = { onRequest: requireAdmin, preHandler: verifyCsrf };
  const empty = { name: '', vendor: 'pure', address: '', port: '', tags: '', enabled: true, tlsMode: 'system', caPem: '', fingerprint: '' };

  app.get('/admin/systems/new', read, (request, reply) => renderSystemForm(request, reply, deps, { existing: null, values: empty, errors: {} }));

  app.get('/admin/systems/:id/edit', read, async (request, reply) => {
    const existing = await systemOfParam(request, deps);
    if (!existing) return reply.callNotFound();
    return renderSystemForm(request, reply, deps, { existing, values: valuesOf(existing), errors: {} });
  });

  app.post('/admin/systems', write, async (request, reply) => {
    const parsed = parseSystemForm(asFormBody(request.body), null);
    const sealed = await completeChecks(deps, parsed, null);
    if (!parsed.fields || sealed === null || Object.keys(parsed.errors).length > 0) {
      reply.code(400);
      return renderSystemForm(request, reply, deps, { existing: null, values: parsed.values, errors: parsed.errors });
    }
    const system = await insertSystem(deps.handle.db, { ...parsed.fields, credentialsSealed: sealed });
    await auditAdmin(deps, request, { action: 'system.create', targetType: 'system', targetId: system.id, details: { name: system.name, vendor: system.vendor, tls: system.tls.mode } });
    await refreshFleet(deps, request);
    return reply.redirect(`/admin/systems?done=created&name=${encodeURIComponent(system.name)}`, 303);
  });

  app.post('/admin/systems/:id', write, async (request, reply) => {
    const existing = await systemOfParam(request, deps);
    if (!existing) return reply.callNotFound();
    const parsed = parseSystemForm(asFormBody(request.body), existing);
    const sealed = await completeChecks(deps, parsed, existing);
    if (!parsed.fields || sealed === null || Object.keys(parsed.errors).length > 0) {
      reply.code(400);
      return renderSystemForm(request, reply, deps, { existing, values: parsed.values, errors: parsed.errors });
    }
    const changed = changedFields(existing, parsed.fields, parsed.credentials !== null);
    if (changed.length > 0) {
      await updateSystem(deps.handle.db, existing.id, { ...parsed.fields, credentialsSealed: sealed });
      await auditAdmin(deps, request, { action: 'system.update', targetType: 'system', targetId: existing.id, details: { name: parsed.fields.name, changed } });
      await refreshFleet(deps, request);
    }
    return reply.redirect(`/admin/systems?done=${changed.length > 0 ? 'updated' : 'unchanged'}&name=${encodeURIComponent(parsed.fields.name)}`, 303);
  });
}
