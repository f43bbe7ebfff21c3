import type { DashboardSettings } from '../../db/repositories/settings.js';
import { ALERT_SEVERITIES, type AlertSeverity, HEALTHS, VENDORS, type Vendor } from '../../domain/snapshot.js';
import type { FleetSystem, FleetView } from '../fleet-snapshot.js';
import { type CapacityBar, presentCapacityBar } from './capacity-bar.js';
import { filterSystems, sortSystems } from './fleet-filter.js';
import { type FleetPaging, pageOf } from './fleet-paging.js';
import { FLEET_SORTS, type FleetQuery, fleetQueryString, isFiltered, SORT_LABELS } from './fleet-query.js';
import { formatAge, formatTime, isoTime } from './format.js';
import { healthClass, reachabilityLabel, severityClass, topologyLabel, vendorLabel } from './labels.js';

export interface FleetItem {
  id: number;
  name: string;
  href: string;
  vendorLabel: string;
  address: string;
  model: string | null;
  health: string;
  healthClass: string;
  reachable: boolean;
  reachabilityLabel: string;
  enabled: boolean;
  /** "stale — last good poll 12 min ago", or null when fresh. */
  staleText: string | null;
  topology: string | null;
  capacity: CapacityBar | null;
  alerts: { severity: AlertSeverity; count: number; className: string }[];
  alertTotal: number;
  lastPoll: { iso: string; text: string; title: string };
  tags: { name: string; href: string }[];
  message: string | null;
}

export interface FleetModel {
  query: FleetQuery;
  groups: { vendor: Vendor; label: string; items: FleetItem[] }[];
  /** Always the whole fleet, whatever the filters and the page. */
  summary: { systems: number; critical: number; warning: number; unreachable: number; stale: number };
  /** Systems matching the filters, on all pages. */
  shown: number;
  paging: FleetPaging;
  total: number;
  filtered: boolean;
  options: { vendors: { value: string; label: string }[]; healths: string[]; tags: string[]; sorts: { value: string; label: string }[] };
  links: { cards: string; table: string; self: string; clear: string; critical: string; warning: string };
  fragmentUrl: string;
  version: number;
  refreshedAt: { iso: string; text: string };
  refreshedAtMs: number;
}

function staleText(system: FleetSystem, now: number): string | null {
  if (!system.stale) return null;
  return system.lastOkAt === null ? 'stale — never polled successfully' : `stale — last good poll ${formatAge(system.lastOkAt, now)}`;
}

function presentItem(system: FleetSystem, query: FleetQuery, settings: DashboardSettings, now: number): FleetItem {
  const alerts = ALERT_SEVERITIES.filter((s) => system.alerts[s] > 0).map((severity) => ({
    severity,
    count: system.alerts[severity],
    className: severityClass(severity),
  }));
  return {
    id: system.id,
    name: system.name,
    href: `/systems/${system.id}`,
    vendorLabel: vendorLabel(system.vendor),
    address: system.address,
    model: system.model,
    health: system.health,
    healthClass: healthClass(system.health),
    reachable: system.reachability === 'ok',
    reachabilityLabel: reachabilityLabel(system.reachability),
    enabled: system.enabled,
    staleText: staleText(system, now),
    topology: topologyLabel(system.topology),
    capacity: presentCapacityBar(system.capacity, settings),
    alerts,
    alertTotal: alerts.reduce((sum, a) => sum + a.count, 0),
    lastPoll: { iso: isoTime(system.lastPolledAt), text: formatAge(system.lastPolledAt, now), title: formatTime(system.lastPolledAt) },
    tags: system.tags.map((name) => ({ name, href: `/${fleetQueryString(query, { tag: name, page: 1 })}` })),
    message: system.reachability === 'ok' ? null : system.message,
  };
}

function summarize(systems: readonly FleetSystem[]): FleetModel['summary'] {
  const enabled = systems.filter((s) => s.enabled);
  return {
    systems: systems.length,
    critical: enabled.filter((s) => s.health === 'critical').length,
    warning: enabled.filter((s) => s.health === 'warning').length,
    unreachable: enabled.filter((s) => s.reachability !== 'ok').length,
    stale: enabled.filter((s) => s.stale).length,
  };
}

/**
 * Everything the fleet page and its fragment show, from the in-memory snapshot only. Filters and
 * sorting apply to the whole fleet, then one page is cut; vendor groups are formed within the page.
 */
export function presentFleet(view: FleetView, requested: FleetQuery, settings: DashboardSettings, now: number): FleetModel {
  const selected = sortSystems(filterSystems(view.systems, requested), requested.sort);
  const { items, query, paging } = pageOf(selected, requested);
  const groups = VENDORS.map((vendor) => ({
    vendor,
    label: vendorLabel(vendor),
    items: items.filter((s) => s.vendor === vendor).map((s) => presentItem(s, query, settings, now)),
  })).filter((g) => g.items.length > 0);
  const tags = [...new Set(view.systems.flatMap((s) => s.tags))].sort((a, b) => a.localeCompare(b));
  // Another filter is another list: it starts on its first page.
  const clear = { vendor: null, health: null, tag: null, q: '', page: 1 };
  return {
    query,
    groups,
    summary: summarize(view.systems),
    shown: selected.length,
    paging,
    total: view.systems.length,
    filtered: isFiltered(query),
    options: {
      vendors: VENDORS.map((v) => ({ value: v, label: vendorLabel(v) })),
      healths: [...HEALTHS],
      tags,
      sorts: FLEET_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] })),
    },
    links: {
      cards: `/${fleetQueryString(query, { view: 'cards' })}`,
      table: `/${fleetQueryString(query, { view: 'table' })}`,
      self: `/${fleetQueryString(query)}`,
      clear: `/${fleetQueryString(query, clear)}`,
      critical: `/${fleetQueryString(query, { ...clear, health: 'critical' })}`,
      warning: `/${fleetQueryString(query, { ...clear, health: 'warning' })}`,
    },
    fragmentUrl: `/fragments/fleet${fleetQueryString(query)}`,
    version: view.version,
    refreshedAt: { iso: isoTime(view.refreshedAt || null), text: formatTime(view.refreshedAt || null) },
    refreshedAtMs: view.refreshedAt,
  };
}
