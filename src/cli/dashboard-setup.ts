import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/connect.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { LogWriter } from '../system-log/types.js';
import { buildApp } from '../web/app.js';
import { createFleetSnapshot, type FleetSnapshot } from '../web/fleet-snapshot.js';
import { createWebActions } from './web-actions.js';

export interface DashboardWiring {
  config: Config;
  handle: DatabaseHandle;
  box: SecretBox | null;
  writer: LogWriter;
  log: Logger;
  sessionSecret?: string | undefined;
  healthOnly?: boolean;
  production?: boolean;
}

/** What serve and demo share: the in-memory fleet, the admin actions and the app over them (not listening yet). */
export async function buildDashboard(w: DashboardWiring): Promise<{ app: FastifyInstance; fleet: FleetSnapshot }> {
  const { config, handle, writer, log } = w;
  const pollIntervalMs = config.pollIntervalSeconds * 1000;
  // The caller refreshes the fleet after every poll cycle (or on a timer when another process polls).
  const fleet = createFleetSnapshot(handle.db, { pollIntervalMs });
  const actions = createWebActions({ config, handle, box: w.box, writer, fleet, log });
  const app = await buildApp({
    handle,
    logger: log,
    ...(w.healthOnly ? { healthOnly: true } : {}),
    fleet,
    actions,
    logWriterStats: () => writer.stats(),
    options: {
      anonymousRead: config.anonymousRead,
      cookieSecure: config.cookieSecure,
      pollIntervalMs,
      ...(w.production ? { production: true } : {}),
      ...(w.sessionSecret ? { sessionSecret: w.sessionSecret } : {}),
    },
  });
  return { app, fleet };
}

/** How long shutdown may take: a poll in flight may need its whole deadline before the rest closes. */
export function shutdownGraceMs(config: Pick<Config, 'pollTimeoutSeconds'>): number {
  return Math.max(15_000, config.pollTimeoutSeconds * 1000 + 10_000);
}
