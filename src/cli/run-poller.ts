import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/connect.js';
import type { SecretBox } from '../lib/secret-box.js';
import { createCapacityRetention } from '../poller/capacity-retention.js';
import { createFleetCycle, leaseMsFor } from '../poller/fleet-cycle.js';
import { releaseLeases } from '../poller/leases.js';
import { createPollCycle } from '../poller/poll-cycle.js';
import { createScheduler } from '../poller/scheduler.js';
import type { LogWriter } from '../system-log/types.js';
import { pollCycleOptions, watchPollInterval, watchPollTargets } from './poller-setup.js';

export interface PollerWiring {
  config: Config;
  handle: DatabaseHandle;
  box: SecretBox;
  writer: LogWriter;
  log: Logger;
  /** Default: a random share of up to 10 s, so restarted replicas do not all start together. */
  startJitterMs?: number;
  /** After every cycle that polled something (the dashboard refreshes its in-memory fleet). */
  onCycle?: () => unknown;
}

export interface RunningPoller {
  readonly owner: string;
  /** Waits for the cycle in flight, logs out of every array and gives back this poller's leases. */
  stop(): Promise<void>;
}

/** The background poller of `sfd serve` and `sfd demo`: scheduler → fleet cycle (leases) → poll cycle. */
export function startPoller(w: PollerWiring): RunningPoller {
  const { config, handle, log } = w;
  const plog = log.child({ component: 'poller' });
  // Unique per process, readable in poll_leases: which host and process holds a system.
  const owner = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const intervalMs = config.pollIntervalSeconds * 1000;
  const interval = watchPollInterval(handle.db, config.pollIntervalSeconds, plog);
  const options = pollCycleOptions(config, handle.db, w.writer);
  const cycle = createPollCycle(options);
  const fleetCycle = createFleetCycle({
    db: handle.db,
    owner,
    intervalMs: interval.current,
    leaseMs: (n) => leaseMsFor(n, options.concurrency, options.timeoutMs),
    // Re-read every cycle, so imports and removals take effect without a restart.
    systems: watchPollTargets(handle.db, w.box, plog),
    cycle,
    onCycle: ({ summary }) => {
      plog.info(summary, 'poll cycle done');
      void Promise.resolve()
        .then(w.onCycle)
        .catch((err) => plog.warn({ err }, 'after-cycle hook failed'));
    },
  });
  const retention = createCapacityRetention({
    db: handle.db,
    retentionDays: config.capacitySampleRetentionDays,
    onPruned: (deleted, durationMs) => {
      if (deleted > 0) plog.info({ deleted, durationMs, retentionDays: config.capacitySampleRetentionDays }, 'old raw capacity samples pruned');
    },
    onError: (err) => plog.warn({ err }, 'pruning raw capacity samples failed; trying again in an hour'),
  });
  // Pruning runs between cycles, on the scheduler's one loop, so it never overlaps a cycle's writes.
  const runCycle: typeof fleetCycle = async (now, signal) => {
    const run = await fleetCycle(now, signal);
    if (!signal.aborted) await retention.maybePrune(now);
    return run;
  };
  const scheduler = createScheduler({
    // The admin may change the poll interval in the dashboard: read it before every cycle. The
    // claim is then made at the time after that read, not the scheduler's: leases and the next
    // due time count from the claim, and a slow settings read must not shorten them.
    runCycle: async (_scheduledAt, signal) => {
      await interval.refresh();
      return runCycle(Date.now(), signal);
    },
    startJitterMs: w.startJitterMs ?? Math.min(intervalMs, 10_000),
    // New systems and a dead peer's expired leases are noticed within this, not a whole interval.
    maxIdleMs: Math.min(intervalMs, 10_000),
    onError: (err) => plog.error({ err }, 'poll cycle failed; trying again shortly'),
  });
  scheduler.start();
  plog.info({ owner, intervalSeconds: config.pollIntervalSeconds, concurrency: options.concurrency, connectionsPerSystem: config.pollConnectionsPerSystem, timeoutSeconds: config.pollTimeoutSeconds }, 'poller started');

  return {
    owner,
    async stop() {
      await scheduler.stop();
      await cycle.close();
      // Normally nothing is left (each poll releases its own lease); this covers a cycle cut short.
      await releaseLeases(handle.db, owner).catch((err) => plog.warn({ err }, 'could not release leases; they expire by themselves'));
      plog.info({ cycles: scheduler.cycles }, 'poller stopped');
    },
  };
}
