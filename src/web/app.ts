import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../db/connect.js';
import { installErrorHandler } from './plugins/error-handler.js';
import { healthRoutes } from './routes/health.js';

export interface AppDeps {
  handle: DatabaseHandle;
  /** The process logger (pino); omitted in tests. */
  logger?: FastifyBaseLogger;
  /**
   * Only /healthz and /readyz: what `sfd serve --role poller` serves, so orchestration can probe a
   * poller replica without it serving the dashboard. Pages and the API register only without it.
   */
  healthOnly?: boolean;
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
  return app;
}
