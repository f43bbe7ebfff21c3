import type { StoredAlert } from '../../../db/repositories/alerts.js';
import type { SystemStatus } from '../../../db/repositories/status.js';
import { percentUsed } from '../../../domain/capacity.js';
import { ALERT_SEVERITIES, type AlertSeverity } from '../../../domain/snapshot.js';
import { isStale } from '../../../domain/staleness.js';
import type { StoredSystem } from '../../../domain/system.js';
import type { FleetSystem } from '../../fleet-snapshot.js';

/** The list item: the fields the API promises, picked explicitly rather than spread. */
export function toSystemSummary(s: FleetSystem) {
  return {
    id: s.id,
    name: s.name,
    vendor: s.vendor,
    address: s.address,
    port: s.port,
    enabled: s.enabled,
    tags: s.tags,
    topology: s.topology,
    health: s.health,
    reachability: s.reachability,
    stale: s.stale,
    message: s.message,
    capacity: s.capacity,
    alerts: s.alerts,
    lastPolledAt: s.lastPolledAt,
    lastOkAt: s.lastOkAt,
  };
}

function countBySeverity(alerts: readonly StoredAlert[]): Record<AlertSeverity, number> {
  const counts = Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, 0])) as Record<AlertSeverity, number>;
  for (const a of alerts) counts[a.severity]++;
  return counts;
}

export interface DetailContext {
  system: StoredSystem;
  status: SystemStatus | null;
  openAlerts: StoredAlert[];
  now: number;
  pollIntervalMs: number;
}

/**
 * The detail, read fresh from the database (one system, so no need for the snapshot): the summary
 * fields computed the same way as the fleet snapshot does, plus components, open alerts, identity.
 */
export function toSystemDetail({ system, status, openAlerts, now, pollIntervalMs }: DetailContext) {
  const snapshot = status?.snapshot ?? null;
  const capacity = snapshot?.capacity ?? null;
  return {
    id: system.id,
    name: system.name,
    vendor: system.vendor,
    address: system.address,
    port: system.port,
    enabled: system.enabled,
    tags: system.tags,
    topology: snapshot?.identity.topology ?? null,
    health: status?.health ?? 'unknown',
    reachability: status?.reachability ?? 'unreachable',
    stale: system.enabled && isStale(status?.lastOkAt ?? null, now, pollIntervalMs, system.createdAt),
    message: status ? status.message : 'not polled yet',
    capacity: capacity
      ? { totalBytes: capacity.totalBytes, usedBytes: capacity.usedBytes, freeBytes: capacity.freeBytes, percentUsed: percentUsed(capacity) }
      : null,
    alerts: countBySeverity(openAlerts),
    lastPolledAt: status?.polledAt ?? null,
    lastOkAt: status?.lastOkAt ?? null,
    tls: { mode: system.tls.mode, fingerprintSha256: system.tls.mode === 'pinned' ? system.tls.fingerprintSha256 : null },
    identity: snapshot
      ? {
          model: snapshot.identity.model,
          serial: snapshot.identity.serial,
          osVersion: snapshot.identity.osVersion,
          apiVersion: snapshot.identity.apiVersion,
        }
      : null,
    components: snapshot?.components ?? [],
    replication: snapshot?.replication ?? [],
    openAlerts: openAlerts.map((a) => ({ ...a, systemName: system.name, vendor: system.vendor })),
    unacknowledgedAlerts: openAlerts.filter((a) => a.acknowledgedAt === null).length,
    pollDurationMs: status?.durationMs ?? null,
    consecutiveFailures: status?.consecutiveFailures ?? 0,
    createdAt: system.createdAt,
    updatedAt: system.updatedAt,
  };
}
