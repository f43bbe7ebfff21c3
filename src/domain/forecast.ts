/**
 * STUB of the capacity forecast (the real Theil–Sen one lives on the `forecast` branch; the lead
 * takes that file on merge). Same signature and result shape, so the pages built on it need no change.
 */

export interface CapacityPoint {
  readonly at: number;
  readonly usedBytes: number;
  readonly totalBytes: number;
}

export type ForecastThreshold = 80 | 90 | 100;

export interface CapacityForecast {
  readonly daysUntil: Readonly<Record<ForecastThreshold, number | null>>;
  readonly growthBytesPerDay: number | null;
  readonly since: number | null;
  readonly method: 'theil-sen';
  readonly reason?: string;
}

const DAY_MS = 86_400_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function forecastCapacity(points: readonly CapacityPoint[], now: number, options: { windowDays?: number } = {}): CapacityForecast {
  const usable = points.filter((p) => Number.isFinite(p.at) && p.usedBytes >= 0 && p.totalBytes > 0).sort((a, b) => a.at - b.at);
  const window = options.windowDays && options.windowDays > 0 ? now - options.windowDays * DAY_MS : -Infinity;
  const latest = usable[usable.length - 1];
  // Only readings since the last change of total capacity (an expansion) describe the current trend.
  let start = usable.length - 1;
  while (start > 0 && latest && Math.abs((usable[start - 1] as CapacityPoint).totalBytes - latest.totalBytes) <= 0.01 * latest.totalBytes) start--;
  const trend = usable.slice(Math.max(0, start)).filter((p) => p.at >= window);
  let slope: number | null = null;
  let level = 0;
  if (trend.length >= 3 && (trend[trend.length - 1] as CapacityPoint).at - (trend[0] as CapacityPoint).at >= DAY_MS) {
    const slopes: number[] = [];
    for (let i = 0; i < trend.length; i++)
      for (let j = i + 1; j < trend.length; j++) {
        const a = trend[i] as CapacityPoint;
        const b = trend[j] as CapacityPoint;
        if (b.at !== a.at) slopes.push((b.usedBytes - a.usedBytes) / ((b.at - a.at) / DAY_MS));
      }
    slope = median(slopes);
    const intercept = median(trend.map((p) => p.usedBytes - (slope as number) * (p.at / DAY_MS)));
    level = intercept + slope * (now / DAY_MS);
  }
  const daysUntil = {} as Record<ForecastThreshold, number | null>;
  for (const pct of [80, 90, 100] as const) {
    const target = latest ? (latest.totalBytes * pct) / 100 : Number.NaN;
    if (latest && latest.usedBytes >= target) daysUntil[pct] = 0;
    else if (slope !== null && slope > 0) daysUntil[pct] = Math.max(0, (target - level) / slope);
    else daysUntil[pct] = null;
  }
  const base = { daysUntil, growthBytesPerDay: slope, since: trend[0]?.at ?? null, method: 'theil-sen' as const };
  if (slope !== null && slope > 0) return base;
  return { ...base, reason: slope === null ? 'not enough capacity readings for a trend' : 'used capacity is not growing' };
}
