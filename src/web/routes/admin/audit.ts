import type { FastifyInstance } from 'fastify';
import { listAudit, listAuditActions } from '../../../db/repositories/audit.js';
import type { WebDeps } from '../../deps.js';
import { requireAdmin } from '../../guards.js';
import { AUDIT_PAGE_SIZE, presentAudit } from '../../presenters/admin-audit.js';
import { renderPage } from '../../render.js';

/** /admin/audit: who did what, newest first, paged by id (keyset: stable while new rows arrive). */
export async function adminAuditRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  app.get('/admin/audit', { onRequest: requireAdmin }, async (request, reply) => {
    const query = request.query as { action?: string; before?: string };
    const action = typeof query.action === 'string' ? query.action.slice(0, 100) : '';
    const before = typeof query.before === 'string' && /^\d{1,15}$/.test(query.before) ? Number(query.before) : null;
    const [entries, actions] = await Promise.all([
      listAudit(deps.handle.db, { limit: AUDIT_PAGE_SIZE + 1, ...(before === null ? {} : { before }), ...(action ? { action } : {}) }),
      listAuditActions(deps.handle.db),
    ]);
    return renderPage(request, reply, 'admin/audit', { title: 'Audit log', nav: 'admin' }, presentAudit(entries, actions, { action, before }));
  });
}
