import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type DashboardSettings, writeSettings } from '../../../db/repositories/settings.js';
import type { WebDeps } from '../../deps.js';
import { asFormBody } from '../../forms/form-body.js';
import { parseSettingsForm, problemsByField, SETTING_KEYS } from '../../forms/settings-form.js';
import { requireAdmin, verifyCsrf } from '../../guards.js';
import { presentSettings } from '../../presenters/admin-settings.js';
import { renderPage } from '../../render.js';
import { auditAdmin } from './admin-helpers.js';

function render(request: FastifyRequest, reply: FastifyReply, model: ReturnType<typeof presentSettings>) {
  return renderPage(request, reply, 'admin/settings', { title: 'Settings', nav: 'admin' }, model);
}

/** /admin/settings: poll interval, log retention, capacity thresholds, page refresh. */
export async function adminSettingsRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  app.get('/admin/settings', { onRequest: requireAdmin }, async (request, reply) => {
    const current = await deps.settings.refresh();
    const saved = (request.query as { saved?: string }).saved === '1';
    return render(request, reply, presentSettings(current, {}, saved));
  });

  app.post('/admin/settings', { onRequest: requireAdmin, preHandler: verifyCsrf }, async (request, reply) => {
    const parsed = parseSettingsForm(asFormBody(request.body));
    const before = await deps.settings.refresh();
    const by = request.viewer?.username ?? 'unknown';
    const errors = parsed.patch ? problemsByField(await writeSettings(deps.handle.db, parsed.patch, by)) : parsed.errors;
    if (!parsed.patch || Object.keys(errors).length > 0) {
      reply.code(400);
      return render(request, reply, presentSettings(parsed.values, errors, false));
    }
    const after = await deps.settings.refresh();
    const changed: Partial<Record<keyof DashboardSettings, { from: number; to: number }>> = {};
    for (const key of SETTING_KEYS) if (before[key] !== after[key]) changed[key] = { from: before[key], to: after[key] };
    if (Object.keys(changed).length > 0) await auditAdmin(deps, request, { action: 'settings.update', targetType: 'settings', details: { changed } });
    return reply.redirect('/admin/settings?saved=1', 303);
  });
}
