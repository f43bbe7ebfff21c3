import { validateCapacity } from '../../domain/capacity.js';
import type { Capacity, Component, SystemSnapshot, Topology } from '../../domain/snapshot.js';
import { normalizeAlerts, normalizeReplication } from './normalize-lists.js';
import { DD_LIST_KEYS, DD_PATHS } from './paths.js';
import { eachItem, type Json, Reader, parseError } from './shape.js';
import { mapDiskStatus, mapHaState, mapNic, mapServiceStatus } from './states.js';

/**
 * Pure: the Data Domain responses of one poll → a SystemSnapshot with reachability ok. Wrong
 * shapes and absurd capacity throw VENDOR_PARSE; unknown enum words map to 'unknown' instead.
 */

/** Whole response bodies as received; `null` = the optional endpoint answered 404 (facet not available). */
export interface DatadomainResponses {
  system: unknown;
  ha: unknown;
  alertPages: readonly unknown[];
  diskPages: readonly unknown[] | null;
  nicPages: readonly unknown[] | null;
  services: unknown;
  replicationPages: readonly unknown[] | null;
}

interface SystemFacts {
  name: string;
  type: string | null;
  model: string | null;
  serial: string | null;
  version: string | null;
  capacity: Capacity | null;
}

function readCapacity(r: Reader, o: Json): Capacity | null {
  const physical = r.optObject(o, 'physical_capacity');
  // Without a file system (being created, or destroyed) DDOS reports no capacity: nothing to show, not an error.
  if (physical === null) return null;
  const pr = r.child('physical_capacity');
  const total = pr.optNumber(physical, 'total');
  const used = pr.optNumber(physical, 'used');
  if (total === null) throw pr.fail('total', 'is missing');
  if (used === null) throw pr.fail('used', 'is missing');
  const logical = r.optObject(o, 'logical_capacity');
  const logicalUsed = logical === null ? null : r.child('logical_capacity').optNumber(logical, 'used');
  const factor = r.optNumber(o, 'compression_factor');
  const check = validateCapacity({
    totalBytes: total,
    usedBytes: used,
    freeBytes: pr.optNumber(physical, 'available'),
    // Pre-compression bytes protected: what the data would occupy without dedupe and compression.
    effectiveBytes: logicalUsed,
    // An empty file system reports 0, which is "no ratio yet", not a ratio of zero.
    dataReductionRatio: factor === 0 ? null : factor,
  });
  if (!check.ok) throw parseError(r.endpoint, 'physical_capacity', check.message);
  return check.capacity;
}

function readSystem(body: unknown): SystemFacts {
  const r = new Reader(DD_PATHS.system, '');
  const o = Reader.object(r.endpoint, '', body);
  return {
    name: r.string(o, 'name'),
    type: r.optString(o, 'type'),
    model: r.optString(o, 'model'),
    serial: r.optString(o, 'serialno'),
    version: r.optString(o, 'version'),
    capacity: readCapacity(r, o),
  };
}

/**
 * Topology from the system's own `type` ("HA" on a pair) or from an HA peer in haInfo. The HA
 * endpoint is optional: older or single-node systems answer 404, which just means "no HA facet".
 */
function readHa(body: unknown, systemType: string | null): { topology: Topology; components: Component[] } {
  const haType = systemType?.trim().toUpperCase() === 'HA';
  const none = { topology: haType ? ('ha' as const) : ('local' as const), components: [] };
  if (body === null || body === undefined) return none;
  const r = new Reader(DD_PATHS.ha, '');
  const haInfo = r.optObject(Reader.object(r.endpoint, '', body), 'haInfo');
  if (haInfo === null) return none;
  const hr = r.child('haInfo');
  const peer = hr.optObject(haInfo, 'peerInfo');
  const pr = hr.child('peerInfo');
  const peerName = peer === null ? null : pr.optString(peer, 'nodeName');
  const peerSerial = peer === null ? null : pr.optString(peer, 'serialno');
  if (!haType && !peerName && !peerSerial) return none;

  const state = hr.optString(haInfo, 'state');
  const role = hr.optString(haInfo, 'role');
  const mode = hr.optString(haInfo, 'mode');
  const peerState = peer === null ? null : pr.optString(peer, 'state');
  const peerIp = peer === null ? null : pr.optString(peer, 'ip');
  return {
    topology: 'ha',
    components: [
      {
        kind: 'node',
        name: hr.optString(haInfo, 'nodeName') ?? 'local node',
        state: mapHaState(state),
        rawState: state ?? 'unknown',
        detail: [role && `role ${role}`, mode && `mode ${mode}`].filter(Boolean).join(', ') || null,
      },
      {
        kind: 'node',
        name: peerName ?? 'HA peer',
        state: mapHaState(peerState),
        rawState: peerState ?? 'unknown',
        detail: peerIp ? `peer at ${peerIp}` : null,
      },
    ],
  };
}

function readDisks(pages: readonly unknown[]): Component[] {
  return eachItem(DD_PATHS.disks, DD_LIST_KEYS.disks, pages, (r, o) => {
    const device = r.string(o, 'device');
    const status = r.optString(o, 'status');
    r.optNumber(o, 'capacity');
    const type = r.optString(o, 'type');
    const tier = r.optString(o, 'tierType');
    return {
      kind: 'drive' as const,
      name: r.optString(o, 'id') ?? device,
      state: mapDiskStatus(status),
      rawState: status ?? 'unknown',
      detail: [device, type, tier].filter(Boolean).join(', ') || null,
    };
  });
}

function readNics(pages: readonly unknown[]): Component[] {
  return eachItem(DD_PATHS.nics, DD_LIST_KEYS.nics, pages, (r, o, i) => {
    const { state, raw } = mapNic({
      enabled: r.optBoolean(o, 'enabled'),
      upState: r.optBoolean(o, 'up_state'),
      hasLink: r.optBoolean(o, 'has_link'),
    });
    const address = r.optString(o, 'address');
    return {
      kind: 'port' as const,
      name: r.optString(o, 'id') ?? r.optString(o, 'name') ?? `nic ${i}`,
      state,
      rawState: raw,
      detail: address ? `address ${address}` : null,
    };
  });
}

function readServices(body: unknown): Component[] {
  return eachItem(DD_PATHS.services, DD_LIST_KEYS.services, [body], (r, o) => {
    const name = r.string(o, 'name');
    const status = r.string(o, 'status');
    return { kind: 'service' as const, name, state: mapServiceStatus(status, name), rawState: status, detail: r.optString(o, 'errorMessage') };
  });
}

export function normalizeDatadomain(input: DatadomainResponses, polledAt: number): SystemSnapshot {
  const system = readSystem(input.system);
  const ha = readHa(input.ha, system.type);
  const components: Component[] = [
    ...ha.components,
    ...(input.diskPages === null ? [] : readDisks(input.diskPages)),
    ...(input.nicPages === null ? [] : readNics(input.nicPages)),
    ...(input.services === null || input.services === undefined ? [] : readServices(input.services)),
  ];
  return {
    polledAt,
    reachability: { status: 'ok', message: 'OK' },
    identity: {
      vendor: 'datadomain',
      name: system.name,
      model: system.model,
      serial: system.serial,
      osVersion: system.version,
      // DD reports no REST API version; the DDOS version above is what decides the API.
      apiVersion: null,
      topology: ha.topology,
    },
    capacity: system.capacity,
    components,
    alerts: normalizeAlerts(input.alertPages),
    replication: input.replicationPages === null ? [] : normalizeReplication(input.replicationPages, polledAt),
  };
}
