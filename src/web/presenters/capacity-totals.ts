import { VENDORS, type Vendor } from '../../domain/snapshot.js';
import type { FleetSystem } from '../fleet-snapshot.js';

/**
 * Fleet sums for the capacity page. (src/domain/fleet-capacity.ts on the forecast branch does the
 * same in the domain; these few lines keep this page independent of when that lands.)
 */

export const UNTAGGED = 'untagged';

export interface CapacityTotals {
  systems: number;
  /** Systems whose capacity is in the sums; the others have never reported it. */
  reporting: number;
  totalBytes: number;
  usedBytes: number;
  freeBytes: number;
  percentUsed: number | null;
}

export function sumCapacity(systems: readonly FleetSystem[]): CapacityTotals {
  let reporting = 0;
  let totalBytes = 0;
  let usedBytes = 0;
  let freeBytes = 0;
  for (const { capacity } of systems) {
    if (!capacity) continue;
    reporting++;
    totalBytes += capacity.totalBytes;
    usedBytes += capacity.usedBytes;
    // Clamped per system: one overfull array must not eat into the others' free space.
    freeBytes += Math.max(0, capacity.totalBytes - capacity.usedBytes);
  }
  const percentUsed = reporting > 0 && totalBytes > 0 ? (usedBytes / totalBytes) * 100 : null;
  return { systems: systems.length, reporting, totalBytes, usedBytes, freeBytes, percentUsed };
}

export function sumByVendor(systems: readonly FleetSystem[]): { vendor: Vendor; totals: CapacityTotals }[] {
  return VENDORS.map((vendor) => ({ vendor, members: systems.filter((s) => s.vendor === vendor) }))
    .filter((g) => g.members.length > 0)
    .map((g) => ({ vendor: g.vendor, totals: sumCapacity(g.members) }));
}

/** One group per tag, by name, untagged last; a system with two tags counts in both. */
export function sumByTag(systems: readonly FleetSystem[]): { tag: string; totals: CapacityTotals }[] {
  const groups = new Map<string, FleetSystem[]>();
  for (const system of systems) {
    const tags = new Set(system.tags.map((t) => t.trim()).filter((t) => t !== ''));
    if (tags.size === 0) tags.add(UNTAGGED);
    for (const tag of tags) groups.set(tag, [...(groups.get(tag) ?? []), system]);
  }
  return [...groups.keys()]
    .sort((a, b) => Number(a === UNTAGGED) - Number(b === UNTAGGED) || a.localeCompare(b))
    .map((tag) => ({ tag, totals: sumCapacity(groups.get(tag) ?? []) }));
}
