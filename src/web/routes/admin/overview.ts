import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.js';
import { requireAdmin } from '../../guards.js';
import { renderPage } from '../../render.js';

/** /admin: the way into each admin section, with a line of context for each. */
export async function adminOverviewRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  app.get('/admin', { onRequest: requireAdmin }, async (request, reply) => {
    const systems = deps.fleet.current().systems;
    const disabled = systems.filter((s) => !s.enabled).length;
    const settings = deps.settings.current();
    const model = {
      systemsLine: `${systems.length} configured, ${disabled} disabled`,
      settingsLine: `poll every ${settings.pollIntervalSeconds} s, keep logs ${settings.logRetentionDays} days, capacity warning ${settings.capacityWarnPercent} % / critical ${settings.capacityCritPercent} %`,
      canSeal: Boolean(deps.actions.sealCredentials),
    };
    return renderPage(request, reply, 'admin/index', { title: 'Administration', nav: 'admin' }, model);
  });
}
