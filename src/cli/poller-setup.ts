import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/connect.js';
import { defaultSettings, readSettings } from '../db/repositories/settings.js';
import { listSystems } from '../db/repositories/systems.js';
import type { Database } from '../db/schema.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { PollCycleOptions } from '../poller/poll-cycle.js';
import type { PollTarget } from '../poller/poll-system.js';
import { toSystemTarget } from '../poller/targets.js';
import type { LogWriter } from '../system-log/types.js';
import { createLogWriter } from '../system-log/writer.js';
import { defaultClientOptions } from '../vendors/client.js';

/** What serve, poll and demo share when they poll: the log writer, the targets, the cycle settings. */

export function createConfiguredLogWriter(config: Config, handle: DatabaseHandle, log: Logger): LogWriter {
  return createLogWriter({
    handle,
    minLevel: config.logMinLevel,
    queueMax: config.logQueueMax,
    retries: config.logWriteRetries,
    retryBaseMs: config.logRetryBaseMs,
    cleanup: {
      sampleRate: config.logCleanupSampleRate,
      retentionDays: config.logRetentionDays,
      // The dashboard's setting (admin → settings) wins over LOG_RETENTION_DAYS once saved.
      currentRetentionDays: async () => (await readSettings(handle.db, defaultSettings({ logRetentionDays: config.logRetentionDays }))).logRetentionDays,
      maxPerSystem: config.logMaxPerSystem,
    },
    logger: log.child({ component: 'system-log' }),
  });
}

/** The poll-cycle settings from the configuration (the writer and database are the caller's). */
export function pollCycleOptions(config: Config, db: Kysely<Database>, writer: Pick<LogWriter, 'write'>): PollCycleOptions {
  const timeoutMs = config.pollTimeoutSeconds * 1000;
  return {
    db,
    writer,
    timeoutMs,
    concurrency: config.pollConcurrency,
    // A single request may not outlive the poll's own deadline; a shorter timeout would only waste it.
    clientOptions: {
      ...defaultClientOptions,
      requestTimeoutMs: Math.min(defaultClientOptions.requestTimeoutMs, timeoutMs),
      connections: config.pollConnectionsPerSystem,
    },
  };
}

export interface TargetProblem {
  name: string;
  message: string;
}

/**
 * The enabled systems with their credentials opened. A system whose credentials cannot be opened
 * (another SECRET_KEY, a damaged row) is reported and left out, so it cannot stop the others.
 */
export async function loadPollTargets(db: Kysely<Database>, box: SecretBox): Promise<{ targets: PollTarget[]; problems: TargetProblem[] }> {
  const targets: PollTarget[] = [];
  const problems: TargetProblem[] = [];
  for (const system of await listSystems(db)) {
    if (!system.enabled) continue;
    try {
      targets.push({ id: system.id, target: toSystemTarget(system, box) });
    } catch (err) {
      problems.push({ name: system.name, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return { targets, problems };
}

/** loadPollTargets for a long-running poller: each unusable system is logged once, not every cycle. */
export function watchPollTargets(db: Kysely<Database>, box: SecretBox, log: Logger): () => Promise<PollTarget[]> {
  const reported = new Set<string>();
  return async () => {
    const { targets, problems } = await loadPollTargets(db, box);
    for (const p of problems) {
      const key = `${p.name}\0${p.message}`;
      if (reported.has(key)) continue;
      reported.add(key);
      log.error({ system: p.name, error: p.message }, 'system skipped: its credentials cannot be opened');
    }
    return targets;
  };
}

export const howToAddSystems =
  'no storage systems configured; add some with `sfd systems import fleet.yaml` (see README, "Adding systems"), or try `sfd demo` for a simulated fleet';

/**
 * The poll interval an admin set in the dashboard (settings table), POLL_INTERVAL_SECONDS until
 * one is set. Read before each cycle; a failed read keeps the last value rather than stopping polls.
 */
export function watchPollInterval(db: Kysely<Database>, configuredSeconds: number, log: Logger): { current: () => number; refresh: () => Promise<void> } {
  let seconds = configuredSeconds;
  return {
    current: () => seconds * 1000,
    async refresh() {
      try {
        const next = (await readSettings(db, defaultSettings({ pollIntervalSeconds: configuredSeconds }))).pollIntervalSeconds;
        if (next !== seconds) log.info({ from: seconds, to: next }, 'poll interval changed in the dashboard settings');
        seconds = next;
      } catch (err) {
        log.warn({ err }, 'could not read the poll interval setting; keeping the current one');
      }
    },
  };
}
