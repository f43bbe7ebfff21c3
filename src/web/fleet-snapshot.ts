import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { emptyAlertCounts, type OpenAlertCounts, openAlertCountsBySystem, type StoredAlert } from '../db/repositories/alerts.js';
import { defaultSettings, readSettings } from '../db/repositories/settings.js';
import { listStatuses, type SystemStatus } from '../db/repositories/status.js';
import { listSystems } from '../db/repositories/systems.js';
import { percentUsed } from '../domain/capacity.js';
import type { AlertSeverity, Health, Reachability, Topology, Vendor } from '../domain/snapshot.js';
import { isStale } from '../domain/staleness.js';
import type { StoredSystem } from '../domain/system.js';

/** One system as every page and the API list it: read from memory, never per request from the database. */
export interface FleetSystem {
  id: number;
  name: string;
  vendor: Vendor;
  address: string;
  port: number | null;
  enabled: boolean;
  tags: string[];
  health: Health;
  reachability: Reachability;
  /** Last good poll older than three intervals (domain/staleness.ts). */
  stale: boolean;
  /** The poller's last word on the system (what failed, or null). */
  message: string | null;
  model: string | null;
  osVersion: string | null;
  serial: string | null;
  topology: Topology | null;
  capacity: { totalBytes: number; usedBytes: number; freeBytes: number; percentUsed: number | null } | null;
  /** Open (unresolved) alerts by severity; acknowledged ones still count here. */
  alerts: Record<AlertSeverity, number>;
  /** Open alerts nobody has acknowledged yet. */
  unacknowledgedAlerts: number;
  lastPolledAt: number | null;
  lastOkAt: number | null;
  pollDurationMs: number | null;
  createdAt: number;
}

export interface FleetView {
  /** Bumped on every refresh: lets the fleet fragment and ETags say "nothing changed". */
  version: number;
  refreshedAt: number;
  systems: readonly FleetSystem[];
}

export interface FleetSnapshot {
  current(): FleetView;
  /** Re-reads the database (after each poll cycle, after an edit). Concurrent calls share one read. */
  refresh(): Promise<FleetView>;
}

export interface FleetSnapshotOptions {
  /** The configured interval: staleness uses the one saved in Admin → Settings when there is one. */
  pollIntervalMs: number;
  now?: () => number;
}


/** Counts of a list of open alerts, for a view built from one system's rows rather than the fleet query. */
export function countOpenAlerts(alerts: readonly StoredAlert[]): OpenAlertCounts {
  const counts = emptyAlertCounts();
  for (const a of alerts) counts[a.severity]++;
  return { counts, unacknowledged: alerts.filter((a) => a.acknowledgedAt === null).length };
}

export interface SystemViewInput {
  system: StoredSystem;
  status: SystemStatus | null | undefined;
  open: OpenAlertCounts | undefined;
  now: number;
  pollIntervalMs: number;
}

/** How a stored system and its last status read as a view: the snapshot and the API detail both use this. */
export function toFleetSystem({ system, status, open, now, pollIntervalMs }: SystemViewInput): FleetSystem {
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
    health: status?.health ?? 'unknown',
    reachability: status?.reachability ?? 'unreachable',
    stale: system.enabled && isStale(status?.lastOkAt ?? null, now, pollIntervalMs, system.createdAt),
    message: status ? status.message : 'not polled yet',
    model: snapshot?.identity.model ?? null,
    osVersion: snapshot?.identity.osVersion ?? null,
    serial: snapshot?.identity.serial ?? null,
    topology: snapshot?.identity.topology ?? null,
    capacity: capacity
      ? { totalBytes: capacity.totalBytes, usedBytes: capacity.usedBytes, freeBytes: capacity.freeBytes, percentUsed: percentUsed(capacity) }
      : null,
    alerts: open?.counts ?? emptyAlertCounts(),
    unacknowledgedAlerts: open?.unacknowledged ?? 0,
    lastPolledAt: status?.polledAt ?? null,
    lastOkAt: status?.lastOkAt ?? null,
    pollDurationMs: status?.durationMs ?? null,
    createdAt: system.createdAt,
  };
}

export async function readFleet(db: Kysely<Database>, options: FleetSnapshotOptions, version: number): Promise<FleetView> {
  const now = (options.now ?? Date.now)();
  const defaults = defaultSettings({ pollIntervalSeconds: Math.round(options.pollIntervalMs / 1000) });
  const [systems, statuses, alerts, settings] = await Promise.all([listSystems(db), listStatuses(db), openAlertCountsBySystem(db), readSettings(db, defaults)]);
  // The poller follows the saved interval at every cycle, so "stale" (three intervals) must too.
  const pollIntervalMs = settings.pollIntervalSeconds * 1000;
  const statusOf = new Map(statuses.map((s) => [s.systemId, s]));
  const fleet = systems.map((system) => toFleetSystem({ system, status: statusOf.get(system.id), open: alerts.get(system.id), now, pollIntervalMs }));
  return { version, refreshedAt: now, systems: fleet };
}

/** The in-memory fleet the pages read (issue: pages must not query per request). */
export function createFleetSnapshot(db: Kysely<Database>, options: FleetSnapshotOptions): FleetSnapshot {
  let view: FleetView = { version: 0, refreshedAt: 0, systems: [] };
  let inFlight: Promise<FleetView> | null = null;
  return {
    current: () => view,
    refresh() {
      inFlight ??= readFleet(db, options, view.version + 1)
        .then((next) => {
          view = next;
          return next;
        })
        .finally(() => {
          inFlight = null;
        });
      return inFlight;
    },
  };
}
