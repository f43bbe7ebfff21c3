import type { Kysely } from 'kysely';
import { pruneCapacitySamples } from '../db/repositories/capacity.js';
import type { Database } from '../db/schema.js';

export interface CapacityRetentionOptions {
  db: Kysely<Database>;
  /** Raw capacity samples older than this are deleted; the daily rollups are kept. */
  retentionDays: number;
  /** Least time between two prunes (default one hour). */
  everyMs?: number;
  onPruned?: (deleted: number, durationMs: number) => void;
  onError?: (err: unknown) => void;
}

export interface CapacityRetention {
  /** Prunes if the last prune is at least `everyMs` old (or none ran yet); never throws. */
  maybePrune(now: number): Promise<void>;
}

export const defaultPruneEveryMs = 3_600_000;

/**
 * Keeps the raw capacity_samples table bounded. Time-based rather than once per N cycles: the
 * scheduler's cycle rate depends on the fleet and the interval, while samples age by the clock.
 * An hour is far below the retention (days), so the table never holds much more than it should,
 * and far above a cycle, so pruning (a range delete per system, in batches) stays rare. Several
 * pollers each prune on their own; the deletes are idempotent, so that costs nothing but a look.
 */
export function createCapacityRetention(options: CapacityRetentionOptions): CapacityRetention {
  const everyMs = options.everyMs ?? defaultPruneEveryMs;
  let lastAt: number | null = null;
  return {
    async maybePrune(now) {
      if (lastAt !== null && now - lastAt < everyMs) return;
      // Set before the work: a failing database is tried again next hour, not on every cycle.
      lastAt = now;
      const started = performance.now();
      try {
        const deleted = await pruneCapacitySamples(options.db, options.retentionDays, now);
        options.onPruned?.(deleted, Math.round(performance.now() - started));
      } catch (err) {
        options.onError?.(err);
      }
    },
  };
}
