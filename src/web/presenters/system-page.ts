import type { StoredAlert } from '../../db/repositories/alerts.js';
import type { DashboardSettings } from '../../db/repositories/settings.js';
import type { StatusTransition, SystemStatus } from '../../db/repositories/status.js';
import type { StoredLogEntry } from '../../db/repositories/logs.js';
import type { CapacityForecast } from '../../domain/forecast.js';
import { percentUsed } from '../../domain/capacity.js';
import { alertSeverityRank } from '../../domain/severity.js';
import type { Component, ComponentState } from '../../domain/snapshot.js';
import { isStale } from '../../domain/staleness.js';
import type { StoredSystem } from '../../domain/system.js';
import { presentCapacityBar } from './capacity-bar.js';
import { formatAge, formatBytes, formatDays, formatTime, isoTime } from './format.js';
import { componentClass, healthClass, reachabilityLabel, severityClass, topologyLabel, vendorLabel } from './labels.js';

export interface SystemPageInput {
  system: StoredSystem;
  status: SystemStatus | null;
  alerts: readonly StoredAlert[];
  transitions: readonly StatusTransition[];
  logs: readonly StoredLogEntry[];
  forecast: CapacityForecast;
  settings: DashboardSettings;
  now: number;
}

// Broken first: an operator opens this page to find what is wrong.
const STATE_ORDER: Record<ComponentState, number> = { failed: 0, degraded: 1, offline: 2, unknown: 3, ok: 4, absent: 5 };

function time(at: number | null, now: number) {
  return { iso: isoTime(at), text: formatTime(at), age: formatAge(at, now) };
}

function presentComponents(components: readonly Component[]) {
  return [...components]
    .sort((a, b) => (STATE_ORDER[a.state] ?? 3) - (STATE_ORDER[b.state] ?? 3) || a.name.localeCompare(b.name))
    .map((c) => ({ kind: c.kind, name: c.name, state: c.state, rawState: c.rawState, detail: c.detail, className: componentClass(c.state) }));
}

function presentAlerts(alerts: readonly StoredAlert[], now: number) {
  return [...alerts]
    .sort((a, b) => alertSeverityRank(b.severity) - alertSeverityRank(a.severity) || b.firstSeenAt - a.firstSeenAt)
    .map((a) => ({
      id: a.id,
      severity: a.severity,
      className: severityClass(a.severity),
      title: a.title,
      detail: a.detail,
      component: a.component,
      since: time(a.raisedAt ?? a.firstSeenAt, now),
      acknowledged: a.acknowledgedAt === null ? null : { by: a.acknowledgedBy ?? 'someone', at: time(a.acknowledgedAt, now), comment: a.ackComment },
    }));
}

function presentForecast(forecast: CapacityForecast) {
  return {
    rows: ([80, 90, 100] as const).map((pct) => ({ percent: pct, text: formatDays(forecast.daysUntil[pct]) })),
    growth: forecast.growthBytesPerDay === null ? null : `${formatBytes(forecast.growthBytesPerDay)} per day`,
    since: forecast.since === null ? null : formatTime(forecast.since),
    reason: forecast.reason ?? null,
  };
}

export function presentSystemPage(input: SystemPageInput) {
  const { system, status, now, settings } = input;
  const snapshot = status?.snapshot ?? null;
  const capacity = snapshot?.capacity ?? null;
  const identity = snapshot?.identity ?? null;
  const stale = system.enabled && isStale(status?.lastOkAt ?? null, now, settings.pollIntervalSeconds * 1000, system.createdAt);
  const health = status?.health ?? 'unknown';
  return {
    id: system.id,
    name: system.name,
    vendorLabel: vendorLabel(system.vendor),
    address: system.port === null ? system.address : `${system.address}:${system.port}`,
    enabled: system.enabled,
    tags: system.tags.map((name) => ({ name, href: `/?tag=${encodeURIComponent(name)}` })),
    identity: {
      model: identity?.model ?? null,
      serial: identity?.serial ?? null,
      osVersion: identity?.osVersion ?? null,
      apiVersion: identity?.apiVersion ?? null,
    },
    topology: topologyLabel(identity?.topology ?? null),
    replication: (snapshot?.replication ?? []).map((r) => ({ ...r, className: r.state === 'ok' ? 'ok' : r.state === 'broken' ? 'critical' : r.state === 'degraded' ? 'warning' : 'unknown' })),
    health,
    healthClass: healthClass(health),
    reachable: status?.reachability === 'ok',
    reachabilityLabel: status ? reachabilityLabel(status.reachability) : 'not polled yet',
    message: status?.message ?? null,
    staleText: stale ? (status?.lastOkAt ? `stale — last good poll ${formatAge(status.lastOkAt, now)}` : 'stale — never polled successfully') : null,
    lastPoll: time(status?.polledAt ?? null, now),
    capacity: presentCapacityBar(capacity ? { ...capacity, percentUsed: percentUsed(capacity) } : null, settings),
    capacityFigures: capacity ? { used: formatBytes(capacity.usedBytes), free: formatBytes(capacity.freeBytes), total: formatBytes(capacity.totalBytes) } : null,
    forecast: presentForecast(input.forecast),
    components: presentComponents(snapshot?.components ?? []),
    alerts: presentAlerts(input.alerts, now),
    transitions: input.transitions.map((t) => ({
      at: time(t.at, now),
      from: t.fromHealth ?? 'none',
      to: t.toHealth,
      toClass: healthClass(t.toHealth),
      reachability: t.fromReachability === t.toReachability ? null : reachabilityLabel(t.toReachability),
      message: t.message,
    })),
    logs: input.logs.map(({ details: _details, ...l }) => ({ ...l, at: time(l.at, now), levelClass: l.level === 'error' ? 'critical' : l.level === 'warn' ? 'warning' : 'unknown' })),
  };
}

export type SystemPageModel = ReturnType<typeof presentSystemPage>;
