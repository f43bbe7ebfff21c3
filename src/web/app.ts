import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../db/connect.js';
import type { LogWriterStats } from '../system-log/types.js';
import type { WebActions } from './actions.js';
import type { WebDeps } from './deps.js';
import { createFleetSnapshot, type FleetSnapshot } from './fleet-snapshot.js';
import { defaultSettings } from '../db/repositories/settings.js';
import { defaultWebOptions, type WebOptions } from './options.js';
import { createSettingsCache } from './settings-cache.js';
import { authPlugin } from './plugins/auth.js';
import { installErrorHandler } from './plugins/error-handler.js';
import { securityPlugin } from './plugins/security.js';
import { viewsPlugin } from './plugins/views.js';
import { adminRoutes } from './routes/admin/index.js';
import { apiRoutes } from './routes/api/index.js';
import { authRoutes } from './routes/auth.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';
import { pageRoutes } from './routes/pages/index.js';

export interface AppDeps {
  handle: DatabaseHandle;
  /** The process logger (pino); omitted in tests. */
  logger?: FastifyBaseLogger;
  /**
   * Only /healthz and /readyz: what `sfd serve --role poller` serves, so orchestration can probe a
   * poller replica without it serving the dashboard. Pages and the API register only without it.
   */
  healthOnly?: boolean;
  /** The in-memory fleet; one is created over `handle` when omitted (tests). */
  fleet?: FleetSnapshot;
  options?: Partial<WebOptions>;
  actions?: WebActions;
  logWriterStats?: () => LogWriterStats;
}

/** Wiring only: no config, no listening, no timers. The CLI owns the process; tests use inject(). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    trustProxy: false,
    return503OnClosing: true,
  });
  installErrorHandler(app);
  await app.register(healthRoutes, { handle: deps.handle });
  if (deps.healthOnly) return app;

  const options: WebOptions = { ...defaultWebOptions, ...deps.options };
  const web: WebDeps = {
    handle: deps.handle,
    fleet: deps.fleet ?? createFleetSnapshot(deps.handle.db, { pollIntervalMs: options.pollIntervalMs }),
    options,
    settings: createSettingsCache(deps.handle.db, defaultSettings({ pollIntervalSeconds: Math.round(options.pollIntervalMs / 1000) })),
    actions: deps.actions ?? {},
    ...(deps.logWriterStats ? { logWriterStats: deps.logWriterStats } : {}),
  };
  await app.register(securityPlugin, { cookieSecret: options.sessionSecret });
  await app.register(authPlugin, { options, handle: deps.handle });
  await app.register(viewsPlugin, { production: options.production });
  await app.register(authRoutes, web);
  await app.register(pageRoutes, web);
  await app.register(adminRoutes, web);
  await app.register(apiRoutes, web);
  await app.register(metricsRoutes, web);
  // The first render must not show an empty fleet: read it once before listening. A database that
  // is down at start leaves it empty; the next poll's refresh fills it.
  app.addHook('onReady', async () => {
    await Promise.all([web.fleet.refresh(), web.settings.refresh()]).catch((err) => app.log.warn({ err }, 'could not read the fleet yet'));
  });
  return app;
}
