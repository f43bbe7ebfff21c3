import { validateCapacity } from '../../domain/capacity.js';
import type { Alert, Capacity, Component, ComponentState, ReplicationLink, ReplicationState, SystemSnapshot, Topology } from '../../domain/snapshot.js';
import { VendorError } from '../client.js';
import {
  mapAlertSeverity,
  mapConnectionState,
  mapControllerState,
  mapDriveState,
  mapHardwareKind,
  mapHardwareState,
  mapPodArrayState,
} from './mapping.js';
import { type PureRawPoll, parsePurePoll } from './parse.js';
import type { PureArraySpaceItem, PureController, PurePod, PurePollWire } from './wire.js';

/**
 * FlashArray wire JSON → SystemSnapshot. Pure: no I/O, no clock (the caller passes polledAt).
 * Health is not derived here; the snapshot only carries the facts domain/health.ts needs.
 */

function parseError(endpoint: string, message: string): VendorError {
  return new VendorError('VENDOR_PARSE', `Pure ${endpoint}: ${message}`, { endpoint });
}

/** Shelf controllers (SH9.SC0) sit in expansion shelves; they are not the array's HA pair. */
function isShelfController(c: PureController): boolean {
  return c.type === 'shelf_controller' || /\.SC\d+$/i.test(c.name ?? '');
}

/** Only for merging duplicates of one part seen by two endpoints: the worse report wins. */
const stateRank: Record<ComponentState, number> = { absent: 0, ok: 1, unknown: 2, offline: 3, degraded: 4, failed: 5 };

/**
 * /controllers and /hardware both list CT0, /drives and /hardware both list CH0.BAY1: keep one
 * component per kind+name so health does not count a part twice, but never lose the worse state.
 */
function mergeComponents(list: Component[]): Component[] {
  const byKey = new Map<string, Component>();
  for (const c of list) {
    const key = `${c.kind}:${c.name}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, c);
      continue;
    }
    const worse = stateRank[c.state] > stateRank[seen.state] ? c : seen;
    const rawState = seen.rawState === c.rawState ? seen.rawState : `${seen.rawState} / ${c.rawState}`;
    byKey.set(key, { ...worse, rawState, detail: worse.detail ?? seen.detail ?? c.detail });
  }
  return [...byKey.values()];
}

function components(wire: PurePollWire): Component[] {
  const out: Component[] = [];
  for (const c of wire.controllers) {
    const raw = c.status ?? 'unknown';
    const detail = [c.mode, c.model, c.version].filter((x) => x).join(', ') || null;
    out.push({ kind: isShelfController(c) ? 'shelf' : 'controller', name: c.name ?? '', state: mapControllerState(raw, c.mode), rawState: raw, detail });
  }
  for (const d of wire.drives) {
    const raw = d.status ?? 'unknown';
    out.push({ kind: 'drive', name: d.name ?? '', state: mapDriveState(raw), rawState: raw, detail: d.details ?? d.type ?? null });
  }
  for (const h of wire.hardware) {
    const raw = h.status ?? 'unknown';
    const temp = typeof h.temperature === 'number' ? `${h.temperature} °C` : null;
    const kind = mapHardwareKind(h.type ?? '');
    out.push({ kind, name: h.name ?? '', state: mapHardwareState(raw), rawState: raw, detail: h.details ?? temp });
  }
  return mergeComponents(out);
}

function alerts(wire: PurePollWire): Alert[] {
  // The client already asks for state='open'; an array that ignores the filter must not resurrect closed alerts.
  return wire.alerts
    .filter((a) => a.state?.toLowerCase() !== 'closed')
    .map((a) => {
      const rawSeverity = a.severity ?? 'unknown';
      const title = a.summary ?? a.issue ?? a.description ?? `Alert ${a.name ?? a.code ?? a.id}`;
      const detailText = [a.description, a.actual != null ? `actual ${a.actual}, expected ${a.expected ?? '?'}` : null]
        .filter((x) => x && x !== title)
        .join('; ');
      return {
        id: a.id ?? '',
        severity: mapAlertSeverity(rawSeverity),
        rawSeverity,
        title,
        detail: detailText || null,
        component: a.component_name ?? null,
        raisedAt: typeof a.created === 'number' ? a.created : null,
      };
    });
}

const replicationRank: Record<ReplicationState, number> = { ok: 0, paused: 1, unknown: 2, degraded: 3, broken: 4 };

function isStretched(p: PurePod): boolean {
  return p.destroyed !== true && ((p.arrays?.length ?? 0) > 1 || (p.array_count ?? 0) > 1);
}

/** A stretched pod is as healthy as its worst member; a mediator we cannot use means no automatic failover. */
function podLink(p: PurePod, localName: string): ReplicationLink {
  const members = p.arrays ?? [];
  let state: ReplicationState = members.length > 0 ? 'ok' : 'unknown';
  for (const m of members) {
    const s = mapPodArrayState(m.status ?? 'unknown');
    if (replicationRank[s] > replicationRank[state]) state = s;
    const mediator = m.mediator_status?.toLowerCase();
    if (mediator && mediator !== 'online' && replicationRank[state] < replicationRank.degraded) state = 'degraded';
  }
  const partners = members.map((m) => m.name).filter((n): n is string => !!n && n !== localName);
  const rawState = members.map((m) => `${m.name ?? '?'}: ${m.status ?? '?'}${m.mediator_status ? ` (mediator ${m.mediator_status})` : ''}`).join(', ');
  return { kind: 'pod', name: p.name ?? '', partner: partners.join(', ') || null, state, rawState: rawState || 'no arrays', lagSeconds: null };
}

function replication(wire: PurePollWire, localName: string): ReplicationLink[] {
  const connections = wire.arrayConnections.map((c): ReplicationLink => {
    const raw = c.status ?? 'unknown';
    return { kind: 'array_connection', name: c.name ?? '', partner: c.name ?? null, state: mapConnectionState(raw), rawState: raw, lagSeconds: null };
  });
  return [...connections, ...wire.pods.filter(isStretched).map((p) => podLink(p, localName))];
}

/** ActiveCluster (stretched pods, sync replication) spans sites, so it wins over the local HA pair. */
export function detectTopology(wire: Pick<PurePollWire, 'controllers' | 'pods' | 'arrayConnections'>): Topology {
  if (wire.pods.some(isStretched) || wire.arrayConnections.some((c) => c.type === 'sync-replication')) return 'active-cluster';
  const arrayControllers = wire.controllers.filter((c) => !isShelfController(c));
  return arrayControllers.length >= 2 ? 'ha' : 'local';
}

/**
 * Evergreen//One arrays report no physical usage (total_physical 0 or absent): then there is no
 * honest used figure and capacity is null rather than a fake "0 % used".
 */
function capacity(item: PureArraySpaceItem | undefined, fallbackTotal: number | undefined): Capacity | null {
  const total = item?.capacity ?? fallbackTotal;
  const space = item?.space ?? {};
  const used = space.total_physical || space.total_used || null;
  if (total == null || used == null) return null;
  const check = validateCapacity({
    totalBytes: total,
    usedBytes: used,
    effectiveBytes: space.total_effective ?? null,
    dataReductionRatio: space.data_reduction ?? null,
  });
  if (!check.ok) throw parseError('arrays/space', `items[0] capacity/space: ${check.message}`);
  return check.capacity;
}

/** Typed wire → snapshot. Throws VendorError VENDOR_PARSE when the array reported nothing usable. */
export function normalizePureWire(wire: PurePollWire, polledAt: number): SystemSnapshot {
  const array = wire.arrays[0];
  if (!array) throw parseError('arrays', 'items is empty (no array identity)');
  const name = array.name ?? '';
  const ctrls = wire.controllers.filter((c) => !isShelfController(c));
  const model = (ctrls.find((c) => c.mode === 'primary' && c.model) ?? ctrls.find((c) => c.model))?.model ?? null;
  const chassis = wire.hardware.find((h) => h.type === 'ch' && h.serial);
  return {
    polledAt,
    reachability: { status: 'ok', message: `FlashArray ${name} answered on REST ${wire.apiVersion}` },
    identity: {
      vendor: 'pure',
      name,
      model,
      serial: chassis?.serial ?? null,
      osVersion: array.version ?? null,
      apiVersion: wire.apiVersion,
      topology: detectTopology(wire),
    },
    capacity: capacity(wire.arraySpace[0], array.capacity),
    components: components(wire),
    alerts: alerts(wire),
    replication: replication(wire, name),
  };
}

/** Raw lists as read → snapshot: shape checks first (parse.ts), then the mapping. */
export function normalizePure(raw: PureRawPoll, polledAt: number): SystemSnapshot {
  return normalizePureWire(parsePurePoll(raw), polledAt);
}
