import type { Kysely } from 'kysely';
import { listFleetCapacityDays, utcDay } from '../db/repositories/capacity.js';
import type { Database } from '../db/schema.js';
import { DAY_MS } from '../domain/capacity-history.js';
import { type CapacityForecast, type CapacityPoint, forecastCapacity } from '../domain/forecast.js';
import type { FleetView } from './fleet-snapshot.js';

export interface CapacityForecasts {
  /** Forecasts of every system with history, by system id; recomputed only when the fleet changes. */
  forFleet(view: FleetView): Promise<ReadonlyMap<number, CapacityForecast>>;
}

/**
 * Fleet-wide forecasts for the capacity page and its CSV. One query over the daily rollups of the
 * last `windowDays` days feeds every system's forecast, and the result is kept until the fleet
 * snapshot's version changes (after the next poll), so a page view costs no query at all.
 */
export function createCapacityForecasts(db: Kysely<Database>, options: { windowDays?: number; now?: () => number } = {}): CapacityForecasts {
  const windowDays = options.windowDays ?? 90;
  const now = options.now ?? Date.now;
  let cached: { version: number; result: Promise<ReadonlyMap<number, CapacityForecast>> } | null = null;

  async function compute(): Promise<ReadonlyMap<number, CapacityForecast>> {
    const at = now();
    const days = await listFleetCapacityDays(db, utcDay(at - windowDays * DAY_MS));
    const bySystem = new Map<number, CapacityPoint[]>();
    for (const d of days) {
      const points = bySystem.get(d.systemId) ?? [];
      points.push({ at: d.lastAt, usedBytes: d.usedLastBytes, totalBytes: d.totalBytes });
      bySystem.set(d.systemId, points);
    }
    const forecasts = new Map<number, CapacityForecast>();
    for (const [systemId, points] of bySystem) forecasts.set(systemId, forecastCapacity(points, at, { windowDays }));
    return forecasts;
  }

  return {
    forFleet(view) {
      if (cached?.version !== view.version) {
        const entry = { version: view.version, result: compute() };
        // A failed read must not stay cached: the next request tries again.
        entry.result.catch(() => {
          if (cached === entry) cached = null;
        });
        cached = entry;
      }
      return cached.result;
    },
  };
}
