import type { Capacity } from './snapshot.js';

/** Figures as a normalizer reads them; free is derived when the vendor does not report it. */
export interface CapacityFigures {
  readonly totalBytes: number;
  readonly usedBytes: number;
  readonly freeBytes?: number | null;
  readonly effectiveBytes?: number | null;
  readonly dataReductionRatio?: number | null;
}

export type CapacityCheck = { readonly ok: true; readonly capacity: Capacity } | { readonly ok: false; readonly message: string };

export interface CapacityCheckOptions {
  /** How far used (or free) may exceed total, as a share of total: vendors round and reserve. */
  readonly tolerance?: number;
}

export const DEFAULT_CAPACITY_TOLERANCE = 0.01;

/** One zettabyte: far beyond any single system, so anything above it is a unit or parsing error. */
export const MAX_PLAUSIBLE_BYTES = 1e21;

function badByteCount(label: string, value: number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || Number.isNaN(value)) return `${label} is not a number`;
  if (!Number.isFinite(value)) return `${label} is infinite`;
  if (value < 0) return `${label} is negative (${value})`;
  if (value > MAX_PLAUSIBLE_BYTES) return `${label} is implausibly large (${value} bytes)`;
  return null;
}

function badRatio(value: number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'data-reduction ratio is not a finite number';
  if (value < 0) return `data-reduction ratio is negative (${value})`;
  return null;
}

/**
 * Accepts vendor figures only when they make sense, and says why not otherwise. It returns instead
 * of throwing because absurd numbers are an expected vendor failure (reported as an api_error), not
 * a bug. Free is clamped at 0 when used exceeds total within the tolerance.
 */
export function validateCapacity(figures: CapacityFigures, options: CapacityCheckOptions = {}): CapacityCheck {
  const t = options.tolerance;
  const tolerance = t !== undefined && Number.isFinite(t) ? Math.max(0, t) : DEFAULT_CAPACITY_TOLERANCE;
  const { totalBytes, usedBytes, freeBytes, effectiveBytes, dataReductionRatio } = figures;
  // `?? NaN`: wrong-shaped vendor JSON can leave required figures out despite the types.
  const problem =
    badByteCount('total capacity', totalBytes ?? Number.NaN) ??
    badByteCount('used capacity', usedBytes ?? Number.NaN) ??
    badByteCount('free capacity', freeBytes) ??
    badByteCount('effective capacity', effectiveBytes) ??
    badRatio(dataReductionRatio);
  if (problem !== null) return { ok: false, message: problem };

  const limit = totalBytes * (1 + tolerance);
  if (usedBytes > limit) return { ok: false, message: `used capacity (${usedBytes} B) exceeds total (${totalBytes} B)` };
  if (freeBytes != null && freeBytes > limit) {
    return { ok: false, message: `free capacity (${freeBytes} B) exceeds total (${totalBytes} B)` };
  }
  return {
    ok: true,
    capacity: {
      totalBytes,
      usedBytes,
      freeBytes: freeBytes ?? Math.max(0, totalBytes - usedBytes),
      effectiveBytes: effectiveBytes ?? null,
      dataReductionRatio: dataReductionRatio ?? null,
    },
  };
}

/**
 * Used share of physical capacity in percent, clamped to 0..100 (validation already allows a small
 * overshoot). Null when there is no meaningful answer: zero or non-finite totals, or bad used figures.
 */
export function percentUsed(capacity: Pick<Capacity, 'totalBytes' | 'usedBytes'>): number | null {
  const { totalBytes, usedBytes } = capacity;
  if (!Number.isFinite(totalBytes) || !Number.isFinite(usedBytes) || totalBytes <= 0 || usedBytes < 0) return null;
  return Math.min(100, (usedBytes / totalBytes) * 100);
}
