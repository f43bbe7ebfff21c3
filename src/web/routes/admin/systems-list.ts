import type { FastifyInstance } from 'fastify';
import { deleteSystem, listSystems, updateSystem } from '../../../db/repositories/systems.js';
import type { WebDeps } from '../../deps.js';
import { asFormBody, checkboxField } from '../../forms/form-body.js';
import { requireAdmin, verifyCsrf } from '../../guards.js';
import { presentAdminSystems } from '../../presenters/admin-systems.js';
import { VENDOR_LABELS } from '../../presenters/system-form.js';
import { renderPage } from '../../render.js';
import { auditAdmin, refreshFleet, systemOfParam } from './admin-helpers.js';

/** The list of every configured system, enable/disable, and delete behind a confirmation page. */
export async function systemsListRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  const read = { onRequest: requireAdmin };
  const write = { onRequest: requireAdmin, preHandler: verifyCsrf };

  app.get('/admin/systems', read, async (request, reply) => {
    const systems = await listSystems(deps.handle.db);
    const model = presentAdminSystems(systems, deps.fleet.current().systems, request.query as { done?: string; name?: string });
    return renderPage(request, reply, 'admin/systems', { title: 'Storage systems', nav: 'admin' }, model);
  });

  app.post('/admin/systems/:id/enabled', write, async (request, reply) => {
    const system = await systemOfParam(request, deps);
    if (!system) return reply.callNotFound();
    const enabled = checkboxField(asFormBody(request.body), 'enabled');
    if (enabled !== system.enabled) {
      await updateSystem(deps.handle.db, system.id, { enabled });
      await auditAdmin(deps, request, { action: enabled ? 'system.enable' : 'system.disable', targetType: 'system', targetId: system.id, details: { name: system.name } });
      await refreshFleet(deps, request);
    }
    return reply.redirect(`/admin/systems?done=${enabled ? 'enabled' : 'disabled'}&name=${encodeURIComponent(system.name)}`, 303);
  });

  app.get('/admin/systems/:id/delete', read, async (request, reply) => {
    const system = await systemOfParam(request, deps);
    if (!system) return reply.callNotFound();
    const model = { id: system.id, name: system.name, vendor: VENDOR_LABELS[system.vendor], address: system.address };
    return renderPage(request, reply, 'admin/system-delete', { title: `Delete ${system.name}`, nav: 'admin' }, model);
  });

  app.post('/admin/systems/:id/delete', write, async (request, reply) => {
    const system = await systemOfParam(request, deps);
    if (!system) return reply.callNotFound();
    await deleteSystem(deps.handle.db, system.id);
    await auditAdmin(deps, request, { action: 'system.delete', targetType: 'system', targetId: system.id, details: { name: system.name, vendor: system.vendor } });
    await refreshFleet(deps, request);
    return reply.redirect(`/admin/systems?done=deleted&name=${encodeURIComponent(system.name)}`, 303);
  });
}
