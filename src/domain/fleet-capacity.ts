import { percentUsed } from './capacity.js';
import type { CapacityForecast } from './forecast.js';
import { type Capacity, VENDORS, type Vendor } from './snapshot.js';

/**
 * Fleet-wide capacity: sums by vendor and by tag, and which systems fill first. Pure: the page
 * hands in each system's latest capacity and its forecast.
 */

/** The group of systems without any tag. A real tag spelled the same joins it, on purpose. */
export const UNTAGGED = 'untagged';

export interface FleetCapacityEntry {
  readonly name: string;
  readonly vendor: Vendor;
  readonly tags: readonly string[];
  /** Null when the system has never reported capacity (unreachable, just added). */
  readonly capacity: Pick<Capacity, 'totalBytes' | 'usedBytes'> | null;
  readonly forecast?: Pick<CapacityForecast, 'daysUntil'> | null;
}

export interface CapacityTotals {
  readonly systems: number;
  /** Systems whose capacity is in the sums; the others are counted in `systems` only. */
  readonly reporting: number;
  readonly totalBytes: number;
  readonly usedBytes: number;
  readonly freeBytes: number;
  /** Used share of the summed total; null when nothing reports. */
  readonly percentUsed: number | null;
}

function hasCapacity(c: FleetCapacityEntry['capacity']): c is Pick<Capacity, 'totalBytes' | 'usedBytes'> {
  return c != null && Number.isFinite(c.totalBytes) && Number.isFinite(c.usedBytes) && c.totalBytes >= 0 && c.usedBytes >= 0;
}

export function sumCapacity(entries: readonly FleetCapacityEntry[]): CapacityTotals {
  let reporting = 0;
  let totalBytes = 0;
  let usedBytes = 0;
  let freeBytes = 0;
  for (const { capacity } of entries) {
    if (!hasCapacity(capacity)) continue;
    reporting++;
    totalBytes += capacity.totalBytes;
    usedBytes += capacity.usedBytes;
    // Per system and clamped: an array overfull within tolerance has no free space, and must not
    // subtract from the free space of the others.
    freeBytes += Math.max(0, capacity.totalBytes - capacity.usedBytes);
  }
  const percent = reporting > 0 ? percentUsed({ totalBytes, usedBytes }) : null;
  return { systems: entries.length, reporting, totalBytes, usedBytes, freeBytes, percentUsed: percent };
}

/** One row per vendor in the fleet, in the usual vendor order; vendors without systems are left out. */
export function totalCapacityByVendor(entries: readonly FleetCapacityEntry[]): { vendor: Vendor; totals: CapacityTotals }[] {
  return VENDORS.map((vendor) => ({ vendor, members: entries.filter((e) => e.vendor === vendor) }))
    .filter((g) => g.members.length > 0)
    .map((g) => ({ vendor: g.vendor, totals: sumCapacity(g.members) }));
}

/**
 * One row per tag, sorted by name, UNTAGGED last. A system with several tags counts in each of
 * them, so the rows overlap and do not add up to the fleet total.
 */
export function totalCapacityByTag(entries: readonly FleetCapacityEntry[]): { tag: string; totals: CapacityTotals }[] {
  const groups = new Map<string, FleetCapacityEntry[]>();
  for (const entry of entries) {
    const tags = new Set(entry.tags.map((t) => t.trim()).filter((t) => t !== ''));
    if (tags.size === 0) tags.add(UNTAGGED);
    for (const tag of tags) {
      const members = groups.get(tag) ?? [];
      members.push(entry);
      groups.set(tag, members);
    }
  }
  return [...groups.keys()]
    .sort((a, b) => Number(a === UNTAGGED) - Number(b === UNTAGGED) || a.localeCompare(b))
    .map((tag) => ({ tag, totals: sumCapacity(groups.get(tag) ?? []) }));
}

export type FillThreshold = 90 | 100;

function daysUntil(entry: FleetCapacityEntry, threshold: FillThreshold): number | null {
  const days = entry.forecast?.daysUntil[threshold];
  return typeof days === 'number' && Number.isFinite(days) ? days : null;
}

/**
 * Systems in the order they fill: fewest days until the threshold first, no forecast last; ties
 * (two systems already full, or two without a forecast) by percent used, fullest first, then name.
 */
export function rankFillsFirst<T extends FleetCapacityEntry>(entries: readonly T[], threshold: FillThreshold = 90): T[] {
  const keyed = entries.map((entry) => ({
    entry,
    days: daysUntil(entry, threshold),
    percent: hasCapacity(entry.capacity) ? percentUsed(entry.capacity) : null,
  }));
  keyed.sort(
    (a, b) =>
      compareNullsLast(a.days, b.days, 1) ||
      compareNullsLast(a.percent, b.percent, -1) ||
      a.entry.name.localeCompare(b.entry.name),
  );
  return keyed.map((k) => k.entry);
}

/** Numbers in `direction` order (1 ascending, −1 descending), nulls after every number either way. */
function compareNullsLast(a: number | null, b: number | null, direction: 1 | -1): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a - b) * direction;
}
