// Synthetic capacity histories for the forecast tests: days relative to `now`, bytes from functions.
import type { CapacityPoint } from '../../src/domain/forecast.js';

export const DAY = 86_400_000;
export const TB = 1e12;
export const PB = 1e15;
export const now = 1_705_316_400_000;

/** One reading every `step` days from `from` to `to` (days relative to now, inclusive). */
export function series(from: number, to: number, step: number, used: (day: number) => number, total: (day: number) => number): CapacityPoint[] {
  const points: CapacityPoint[] = [];
  for (let i = 0; from + i * step <= to + 1e-9; i++) {
    const day = from + i * step;
    points.push({ at: Math.round(now + day * DAY), usedBytes: used(day), totalBytes: total(day) });
  }
  return points;
}

/** Straight growth: `level` bytes used at day 0, `perDay` more each day, on a fixed total. */
export function linear(from: number, to: number, step: number, level: number, perDay: number, total: number): CapacityPoint[] {
  return series(from, to, step, (d) => level + perDay * d, () => total);
}

/** mulberry32 from src/lib, so the property test draws the same "random" fleets every run. */
export { seededRandom as seeded } from '../../src/lib/sampling.js';

/** Roughly normal noise (sum of uniforms), mean 0, standard deviation 1. */
export function gaussian(random: () => number): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += random();
  return sum - 6;
}

/** Fisher–Yates driven by `random`, to feed readings out of order. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
