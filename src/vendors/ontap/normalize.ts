import { validateCapacity } from '../../domain/capacity.js';
import type { Capacity, Identity, SystemSnapshot, Topology } from '../../domain/snapshot.js';
import type { OntapPollData } from './wire.js';
import { emsAlerts } from './normalize-ems.js';
import { aggregateComponents, diskComponents, lifComponents, nodeComponents, portComponents } from './normalize-components.js';
import { isMetroclusterConfigured, metroclusterLink, peerLinks, snapmirrorLinks } from './normalize-replication.js';
import { object, optArray, optNumber, optObject, optString, parseError } from './shape.js';

/**
 * Pure: everything one poll read → the domain snapshot. No health is derived here (domain/health.ts
 * does that); this only has to carry every fact health needs. Wrong shapes and absurd numbers throw
 * VendorError VENDOR_PARSE naming the endpoint and field; unexpected enum values become 'unknown'.
 */
export function normalizeOntap(data: OntapPollData, polledAt: number): SystemSnapshot {
  const nodes = optArray(data.nodes, '/api/cluster/nodes records');
  const replication = [
    ...peerLinks(optArray(data.peers, '/api/cluster/peers records')),
    ...snapmirrorLinks(optArray(data.snapmirror, '/api/snapmirror/relationships records')),
  ];
  const mc = metroclusterLink(data.metrocluster);
  if (mc) replication.unshift(mc);
  return {
    polledAt,
    reachability: { status: 'ok', message: 'polled' },
    identity: identityOf(data.cluster, nodes, isMetroclusterConfigured(data.metrocluster)),
    capacity: capacityOf(optArray(data.aggregates, '/api/storage/aggregates records')),
    components: [
      ...nodeComponents(nodes),
      ...aggregateComponents(optArray(data.aggregates, '/api/storage/aggregates records')),
      ...diskComponents(optArray(data.disks, '/api/storage/disks records')),
      ...portComponents(optArray(data.ports, '/api/network/ethernet/ports records')),
      ...lifComponents(optArray(data.interfaces, '/api/network/ip/interfaces records')),
    ],
    alerts: emsAlerts(optArray(data.events, '/api/support/ems/events records'), data.clockMs ?? polledAt),
    replication,
  };
}

/** "NetApp Release 9.14.1P3: Thu Jan 15 …" → "9.14.1P3". */
export function releaseOf(full: string): string {
  const head = full.split(':')[0]?.trim() ?? '';
  return head.replace(/^NetApp Release\s+/i, '') || full;
}

/**
 * MetroCluster when configured; otherwise HA when any node runs in an HA pair; a single node (or
 * nodes without HA, e.g. ONTAP Select single-node) is local.
 */
export function topologyOf(nodes: unknown[], metrocluster: boolean): Topology {
  if (metrocluster) return 'metrocluster';
  const ha = nodes.some((n, i) => {
    const at = `/api/cluster/nodes records[${i}]`;
    return optObject(object(n, at).ha, `${at}.ha`).enabled === true;
  });
  return ha ? 'ha' : 'local';
}

function identityOf(cluster: unknown, nodes: unknown[], metrocluster: boolean): Identity {
  const at = '/api/cluster';
  const rec = object(cluster, at);
  const name = optString(rec.name, `${at} name`);
  if (name === null || name === '') throw parseError(`${at} name`, 'missing');
  const version = optObject(rec.version, `${at} version`);
  const full = optString(version.full, `${at} version.full`);
  const generation = optNumber(version.generation, `${at} version.generation`);
  const major = optNumber(version.major, `${at} version.major`);
  // The REST API is versioned with ONTAP itself.
  const apiVersion = generation !== null && major !== null ? `${generation}.${major}` : null;
  const first = nodes[0] === undefined ? {} : object(nodes[0], '/api/cluster/nodes records[0]');
  const models = [...new Set(nodes.map((n, i) => optString(object(n, `/api/cluster/nodes records[${i}]`).model, `/api/cluster/nodes records[${i}].model`)))]
    .filter((m): m is string => m !== null);
  return {
    vendor: 'ontap',
    name,
    model: models.length > 0 ? models.join(', ') : null,
    // A cluster has no serial of its own; the first node's identifies the hardware.
    serial: optString(first.serial_number, '/api/cluster/nodes records[0].serial_number'),
    osVersion: full !== null ? releaseOf(full) : apiVersion,
    apiVersion,
    topology: topologyOf(nodes, metrocluster),
  };
}

/**
 * Σ of the data aggregates' physical block storage. ONTAP REST never lists root aggregates, so
 * nothing needs excluding. Data reduction comes from the aggregates' efficiency figures when all report them.
 */
function capacityOf(aggregates: unknown[]): Capacity | null {
  if (aggregates.length === 0) return null;
  let total = 0;
  let used = 0;
  let free = 0;
  let logical: number | null = 0;
  aggregates.forEach((raw, i) => {
    const at = `/api/storage/aggregates records[${i}].space`;
    const space = optObject(object(raw, at).space, at);
    const block = optObject(space.block_storage, `${at}.block_storage`);
    const size = figure(block.size, `${at}.block_storage.size`);
    const u = figure(block.used, `${at}.block_storage.used`);
    const a = optNumber(block.available, `${at}.block_storage.available`);
    total += size;
    used += u;
    free += a ?? Math.max(0, size - u);
    const lu = optNumber(optObject(space.efficiency, `${at}.efficiency`).logical_used, `${at}.efficiency.logical_used`);
    logical = logical === null || lu === null ? null : logical + lu;
  });
  const check = validateCapacity({
    totalBytes: total,
    usedBytes: used,
    freeBytes: free,
    dataReductionRatio: logical !== null && used > 0 ? logical / used : null,
  });
  if (!check.ok) throw parseError('/api/storage/aggregates space.block_storage', check.message);
  return check.capacity;
}

/** A required byte count: present, a number; absurd values are caught per aggregate so the field is named. */
function figure(value: unknown, where: string): number {
  const n = optNumber(value, where);
  if (n === null) throw parseError(where, 'missing');
  const check = validateCapacity({ totalBytes: n, usedBytes: 0 });
  if (!check.ok) throw parseError(where, check.message.replace('total capacity', 'value'));
  return n;
}
