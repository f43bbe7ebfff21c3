import { type CapacityPoint, DAY_MS, selectTrendSpan, type TrendSpanOptions } from './capacity-history.js';
import { DEFAULT_MAX_PAIRS, fitTheilSen } from './theil-sen.js';

/**
 * When will a system be 80, 90, 100 % full? A robust straight line through the readings since the
 * last capacity change, read off at the thresholds of the current total. See docs/forecast.md.
 */

export type { CapacityPoint } from './capacity-history.js';

export const FORECAST_THRESHOLDS = [80, 90, 100] as const;
export type ForecastThreshold = (typeof FORECAST_THRESHOLDS)[number];

/** Fewer readings than this, or readings spanning less than a day, are not a trend. */
export const MIN_FORECAST_POINTS = 3;
export const MIN_FORECAST_SPAN_MS = DAY_MS;

export interface ForecastOptions extends TrendSpanOptions {
  /** Cap on pairwise slopes (see theil-sen.ts); only tests and benchmarks need to change it. */
  readonly maxPairs?: number;
}

export interface CapacityForecast {
  /** Days from `now` until used reaches the threshold share of the current total; 0 when already there. */
  readonly daysUntil: Readonly<Record<ForecastThreshold, number | null>>;
  /** Trend of used capacity; negative when shrinking, null when there is no trend to read. */
  readonly growthBytesPerDay: number | null;
  /** Epoch ms of the first reading the trend was fitted on; null when none was usable. */
  readonly since: number | null;
  readonly method: 'theil-sen';
  /** Why some or all of `daysUntil` is null, in words for operators. */
  readonly reason?: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Why no trend can be fitted on these readings, or null when one can. */
function tooLittleData(trend: readonly CapacityPoint[], cutByChange: boolean, haveAny: boolean): string | null {
  const after = cutByChange ? ' since the last change of total capacity' : '';
  if (!haveAny) return 'no usable capacity readings';
  if (trend.length === 0) return 'no capacity readings inside the forecast window';
  if (trend.length < MIN_FORECAST_POINTS) return `only ${plural(trend.length, 'reading')}${after}; a forecast needs ${MIN_FORECAST_POINTS}`;
  const span = (trend[trend.length - 1] as CapacityPoint).at - (trend[0] as CapacityPoint).at;
  if (span < MIN_FORECAST_SPAN_MS) return `readings${after} span less than a day`;
  return null;
}

/** Level of used capacity at `now` and its growth per day, on the trend stretch. */
function fitTrend(trend: readonly CapacityPoint[], now: number, maxPairs: number): { level: number; perDay: number } | null {
  // Centred on the first reading, in days: slopes are then differences of small numbers, which
  // keeps petabyte-sized values precise to well below a byte per day.
  const t0 = (trend[0] as CapacityPoint).at;
  const y0 = (trend[0] as CapacityPoint).usedBytes;
  const xs = trend.map((p) => (p.at - t0) / DAY_MS);
  const ys = trend.map((p) => p.usedBytes - y0);
  const fit = fitTheilSen(xs, ys, maxPairs);
  if (fit === null) return null;
  return { level: y0 + fit.intercept + fit.slope * ((now - t0) / DAY_MS), perDay: fit.slope };
}

export function forecastCapacity(points: readonly CapacityPoint[], now: number, options: ForecastOptions = {}): CapacityForecast {
  const { all, trend, cutByChange } = selectTrendSpan(points, now, options);
  const latest = all[all.length - 1];
  const since = trend[0]?.at ?? null;
  const problem = tooLittleData(trend, cutByChange, latest !== undefined);
  const fit = problem === null ? fitTrend(trend, now, options.maxPairs ?? DEFAULT_MAX_PAIRS) : null;
  const growing = fit !== null && fit.perDay > 0;

  const daysUntil = {} as Record<ForecastThreshold, number | null>;
  for (const pct of FORECAST_THRESHOLDS) {
    const target = latest ? (latest.totalBytes * pct) / 100 : Number.NaN;
    // The latest reading is a fact: past the threshold is "0 days" whatever the trend says.
    if (latest && latest.usedBytes >= target) daysUntil[pct] = 0;
    else if (fit && growing) daysUntil[pct] = Math.max(0, (target - fit.level) / fit.perDay);
    else daysUntil[pct] = null;
  }

  const base = { daysUntil, growthBytesPerDay: fit?.perDay ?? null, since, method: 'theil-sen' as const };
  const open = FORECAST_THRESHOLDS.some((pct) => daysUntil[pct] === null);
  if (!open) return base;
  const reason = problem ?? (fit === null ? 'readings have no spread in time' : 'used capacity is not growing');
  return { ...base, reason };
}
