import type { Kysely } from 'kysely';
import { isTransientDbError } from '../db/errors.js';
import type { Database } from '../db/schema.js';
import { retryWithBackoff } from '../lib/retry.js';
import { claimDueSystems, completeLease, ensureLeases, nextClaimAt, releaseLeases } from './leases.js';
import type { CycleOutcome, PollCycle } from './poll-cycle.js';
import type { PollTarget } from './poll-system.js';
import type { CycleRun } from './scheduler.js';

export interface FleetCycleOptions {
  db: Kysely<Database>;
  /** Unique per process (host, pid, random): leases name it. */
  owner: string;
  /** A function when it may change while running (an admin edits the setting): read at every cycle. */
  intervalMs: number | (() => number);
  /** How long a claim holds; see leaseMsFor(). */
  leaseMs: number | ((systems: number) => number);
  /** Most systems claimed per cycle (default all due): lower spreads a fleet over several pollers. */
  claimLimit?: number;
  /** The enabled systems this poller can reach (credentials decrypted), read at every cycle. */
  systems: () => Promise<PollTarget[]>;
  cycle: PollCycle;
  /** After each cycle that polled something: the claimed ids and what came of them. */
  onCycle?: (outcome: CycleOutcome, claimedAt: number) => void;
}

/**
 * A claim must outlast the slowest poll of its batch, or a peer polls a system twice: with
 * `concurrency` slots, the last of `systems` polls ends within ceil(systems / concurrency)
 * deadlines; one more deadline covers storing results and the abandon grace.
 */
export function leaseMsFor(systems: number, concurrency: number, timeoutMs: number): number {
  return (Math.ceil(Math.max(1, systems) / Math.max(1, concurrency)) + 1) * (timeoutMs + 1000);
}

const retryDb = <T>(fn: () => Promise<T>) => retryWithBackoff(fn, { retries: 3, baseMs: 100, isRetryable: isTransientDbError });

/**
 * One scheduler cycle through the leases: make sure every system has a lease row, claim the due
 * ones, poll them, and right after each poll schedule it one interval after the claim (so the
 * cadence does not drift by the poll's duration) and release it.
 */
export function createFleetCycle(options: FleetCycleOptions): (now: number, signal: AbortSignal) => Promise<CycleRun & { outcome: CycleOutcome | null }> {
  const { db, owner, cycle } = options;
  return async (now, signal) => {
    const intervalMs = typeof options.intervalMs === 'function' ? options.intervalMs() : options.intervalMs;
    const fleet = await options.systems();
    const ids = fleet.map((s) => s.id);
    await cycle.forget(new Set(ids));
    if (ids.length === 0) return { nextDueAt: null, outcome: null };
    await retryDb(() => ensureLeases(db, ids, now));
    const leaseMs = typeof options.leaseMs === 'function' ? options.leaseMs(ids.length) : options.leaseMs;
    const claimed = new Set(await retryDb(() => claimDueSystems(db, ids, { owner, now, leaseMs, ...(options.claimLimit === undefined ? {} : { limit: options.claimLimit }) })));
    let outcome: CycleOutcome | null = null;
    if (claimed.size > 0) {
      outcome = await cycle.run(
        fleet.filter((s) => claimed.has(s.id)),
        {
          signal,
          onResult: async (r) => {
            await retryDb(() => completeLease(db, r.systemId, owner, now + intervalMs));
          },
        },
      );
      // Systems skipped because of a stop keep their schedule and are free for a peer at once.
      if (signal.aborted) await retryDb(() => releaseLeases(db, owner));
      options.onCycle?.(outcome, now);
    }
    return { nextDueAt: await retryDb(() => nextClaimAt(db, ids)), outcome };
  };
}
