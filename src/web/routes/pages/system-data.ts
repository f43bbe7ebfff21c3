import type { Kysely } from 'kysely';
import { firstDayOfLast, listCapacityDays, listCapacitySamples, utcDay } from '../../../db/repositories/capacity.js';
import type { Database } from '../../../db/schema.js';
import { DAY_MS } from '../../../domain/capacity-history.js';
import { type CapacityForecast, forecastCapacity } from '../../../domain/forecast.js';
import { type CapacityRange, type CapacitySeries, pointsFromDays, pointsFromSamples, RANGE_DAYS, RAW_RANGES, toSeries } from '../../presenters/capacity-series.js';

/** docs/forecast.md: 90 days lets old growth patterns stop steering the trend. */
export const FORECAST_WINDOW_DAYS = 90;
/** Below this many daily rollups the raw samples carry more trend than the days do. */
const MIN_DAYS_FOR_DAILY_FORECAST = 7;

export async function loadCapacitySeries(db: Kysely<Database>, systemId: number, range: CapacityRange, now: number): Promise<CapacitySeries> {
  const days = RANGE_DAYS[range];
  const since = days === null ? 0 : now - days * DAY_MS;
  if (RAW_RANGES.includes(range)) return toSeries(range, 'raw', pointsFromSamples(await listCapacitySamples(db, systemId, since)));
  return toSeries(range, 'daily', pointsFromDays(await listCapacityDays(db, systemId, days === null ? undefined : firstDayOfLast(days, now))));
}

/**
 * One reading per day over the window keeps the forecast cheap on a long history; a young system
 * has too few days, and then its raw samples (few by definition) are the readings.
 */
export async function loadForecast(db: Kysely<Database>, systemId: number, now: number): Promise<CapacityForecast> {
  const since = now - FORECAST_WINDOW_DAYS * DAY_MS;
  const days = await listCapacityDays(db, systemId, utcDay(since));
  const points = days.length >= MIN_DAYS_FOR_DAILY_FORECAST ? pointsFromDays(days) : pointsFromSamples(await listCapacitySamples(db, systemId, since));
  return forecastCapacity(points, now, { windowDays: FORECAST_WINDOW_DAYS });
}
