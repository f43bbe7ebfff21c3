import { listAlerts, type StoredAlert } from '../../../db/repositories/alerts.js';
import { getStatus, type SystemStatus } from '../../../db/repositories/status.js';
import type { StoredSystem } from '../../../domain/system.js';
import type { WebDeps } from '../../deps.js';
import { countOpenAlerts, type FleetSystem, toFleetSystem } from '../../fleet-snapshot.js';

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
  const open = countOpenAlerts(openAlerts);
  return {
    ...toSystemSummary(toFleetSystem({ system, status, open, now, pollIntervalMs })),
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
    unacknowledgedAlerts: open.unacknowledged,
    pollDurationMs: status?.durationMs ?? null,
    consecutiveFailures: status?.consecutiveFailures ?? 0,
    createdAt: system.createdAt,
    updatedAt: system.updatedAt,
  };
}

/** A stored system's detail as the API answers it: its last status and open alerts read now. */
export async function loadSystemDetail(deps: Pick<WebDeps, 'handle' | 'settings'>, system: StoredSystem) {
  const { db } = deps.handle;
  const [status, openAlerts] = await Promise.all([getStatus(db, system.id), listAlerts(db, system.id, { openOnly: true })]);
  return toSystemDetail({ system, status, openAlerts, now: Date.now(), pollIntervalMs: deps.settings.current().pollIntervalSeconds * 1000 });
}
