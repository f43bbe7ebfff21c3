import type { DashboardSettings } from '../../db/repositories/settings.js';
import {
  type CapacityTotals,
  rankFillsFirst as rankEntries,
  sumCapacity,
  totalCapacityByTag,
  totalCapacityByVendor,
} from '../../domain/fleet-capacity.js';
import type { CapacityForecast } from '../../domain/forecast.js';
import type { CsvValue } from '../csv.js';
import type { FleetSystem } from '../fleet-snapshot.js';
import { formatBytes, formatDays, formatPercent } from './format.js';

/** The ranking sorts on the days until this share is used: where operators must have acted. */
export const RANK_PERCENT = 90;

export interface RankedSystem {
  system: FleetSystem;
  forecast: CapacityForecast | null;
}

/** What fills first: fewest days to 90 %, systems without a forecast last; ties by fuller first, then name. */
export function rankFillsFirst(systems: readonly FleetSystem[], forecasts: ReadonlyMap<number, CapacityForecast>): RankedSystem[] {
  const entries = systems.map((system) => ({ ...system, system, forecast: forecasts.get(system.id) ?? null }));
  return rankEntries(entries, RANK_PERCENT).map(({ system, forecast }) => ({ system, forecast }));
}

function level(percent: number | null, settings: DashboardSettings): 'ok' | 'warning' | 'critical' {
  if (percent === null) return 'ok';
  return percent >= settings.capacityCritPercent ? 'critical' : percent >= settings.capacityWarnPercent ? 'warning' : 'ok';
}

function totalsRow(label: string, totals: CapacityTotals, settings: DashboardSettings) {
  return {
    label,
    systems: totals.systems,
    reporting: totals.reporting,
    total: formatBytes(totals.totalBytes),
    used: formatBytes(totals.usedBytes),
    free: formatBytes(totals.freeBytes),
    percent: totals.percentUsed,
    percentText: formatPercent(totals.percentUsed),
    level: level(totals.percentUsed, settings),
  };
}

export function presentCapacityPage(systems: readonly FleetSystem[], ranked: readonly RankedSystem[], settings: DashboardSettings) {
  return {
    fleet: totalsRow('Fleet', sumCapacity(systems), settings),
    byVendor: totalCapacityByVendor(systems).map((g) => totalsRow(g.vendor, g.totals, settings)),
    byTag: totalCapacityByTag(systems).map((g) => totalsRow(g.tag, g.totals, settings)),
    rankPercent: RANK_PERCENT,
    warn: settings.capacityWarnPercent,
    crit: settings.capacityCritPercent,
    ranking: ranked.map(({ system, forecast }, i) => ({
      rank: i + 1,
      id: system.id,
      name: system.name,
      vendor: system.vendor,
      percent: system.capacity?.percentUsed ?? null,
      percentText: formatPercent(system.capacity?.percentUsed),
      level: level(system.capacity?.percentUsed ?? null, settings),
      free: formatBytes(system.capacity?.freeBytes),
      growth: forecast?.growthBytesPerDay != null ? `${formatBytes(forecast.growthBytesPerDay)}/day` : '—',
      days80: formatDays(forecast?.daysUntil[80] ?? null),
      days90: formatDays(forecast?.daysUntil[90] ?? null),
      days100: formatDays(forecast?.daysUntil[100] ?? null),
      reason: forecast?.reason ?? (forecast ? null : 'no capacity history yet'),
    })),
  };
}

export const CAPACITY_CSV_HEADER = [
  'name',
  'vendor',
  'tags',
  'total_bytes',
  'used_bytes',
  'free_bytes',
  'percent_used',
  'days_until_80',
  'days_until_90',
  'days_until_100',
] as const;

const oneDecimal = (n: number | null | undefined): number | null => (typeof n === 'number' && Number.isFinite(n) ? Math.round(n * 10) / 10 : null);

/** One row per system, in ranking order; empty cells where there is no capacity or forecast. */
export function capacityCsvRows(ranked: readonly RankedSystem[]): CsvValue[][] {
  return ranked.map(({ system, forecast }) => [
    system.name,
    system.vendor,
    system.tags.map((t) => t.trim()).filter((t) => t !== '').join('; '),
    system.capacity?.totalBytes,
    system.capacity?.usedBytes,
    system.capacity?.freeBytes,
    oneDecimal(system.capacity?.percentUsed),
    oneDecimal(forecast?.daysUntil[80]),
    oneDecimal(forecast?.daysUntil[90]),
    oneDecimal(forecast?.daysUntil[100]),
  ]);
}
