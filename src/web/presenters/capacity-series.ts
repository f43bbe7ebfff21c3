import type { CapacityDay, CapacitySample } from '../../db/repositories/capacity.js';

/**
 * The capacity chart's data. The 30-day range reads raw poll samples (thinned to a point count a
 * browser draws instantly); longer ranges read the daily rollups, which also outlive raw samples.
 */

export const CAPACITY_RANGES = ['30d', '90d', '1y', 'all'] as const;
export type CapacityRange = (typeof CAPACITY_RANGES)[number];

export const RANGE_DAYS: Record<CapacityRange, number | null> = { '30d': 30, '90d': 90, '1y': 365, all: null };
export const RAW_RANGES: readonly CapacityRange[] = ['30d'];
export const MAX_CHART_POINTS = 2000;

export interface CapacitySeries {
  range: CapacityRange;
  resolution: 'raw' | 'daily';
  /** Epoch ms; arrays side by side, the shape uPlot draws. */
  at: number[];
  usedBytes: number[];
  totalBytes: number[];
}

interface Point {
  at: number;
  usedBytes: number;
  totalBytes: number;
}

/** At most `max` points: the last sample of each equal time bucket, so peaks of a day are not invented. */
export function thinPoints<T extends { at: number }>(points: readonly T[], max = MAX_CHART_POINTS): T[] {
  if (points.length <= max) return [...points];
  const first = (points[0] as T).at;
  const span = (points[points.length - 1] as T).at - first || 1;
  const out: T[] = [];
  let bucket = -1;
  for (const p of points) {
    const b = Math.min(max - 1, Math.floor(((p.at - first) / span) * max));
    if (b === bucket) out[out.length - 1] = p;
    else out.push(p);
    bucket = b;
  }
  return out;
}

export function pointsFromSamples(samples: readonly CapacitySample[]): Point[] {
  return samples.map((s) => ({ at: s.at, usedBytes: s.usedBytes, totalBytes: s.totalBytes }));
}

/** A day's rollup as one point at its last sample: the value the day ended on. */
export function pointsFromDays(days: readonly CapacityDay[]): Point[] {
  return days.map((d) => ({ at: d.lastAt, usedBytes: d.usedLastBytes, totalBytes: d.totalBytes }));
}

export function toSeries(range: CapacityRange, resolution: CapacitySeries['resolution'], points: readonly Point[]): CapacitySeries {
  const thinned = thinPoints(points);
  return { range, resolution, at: thinned.map((p) => p.at), usedBytes: thinned.map((p) => p.usedBytes), totalBytes: thinned.map((p) => p.totalBytes) };
}
