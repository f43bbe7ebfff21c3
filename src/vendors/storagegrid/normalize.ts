import { validateCapacity } from '../../domain/capacity.js';
import type { Alert, Capacity, Component, SystemSnapshot, Topology } from '../../domain/snapshot.js';
import { VendorError } from '../client.js';
import { getEndpoint, metricEndpoint, SG_PATHS, type SgCapacityMetric } from './endpoints.js';
import { parseAlerts, parseMetricVector, parseNodeHealth, parseProductVersion, parseTopology, unwrap } from './parse.js';
import { mapAlertSeverity, mapConnectionState, nodeTypeLabel } from './tables.js';
import type { SgAlert, SgNodeHealth, SgTopologyGrid } from './wire.js';

/** The raw JSON bodies of one poll, exactly as received (envelope included). */
export interface StoragegridResponses {
  productVersion: unknown;
  nodeHealth: unknown;
  alerts: unknown;
  /** null when the grid no longer serves the (deprecated) topology endpoint. */
  topology: unknown | null;
  metrics: Record<SgCapacityMetric, unknown>;
}

export interface NormalizeContext {
  /** The operator's name for the system; used when the grid reports no name of its own. */
  name: string;
  polledAt: number;
}

/**
 * Pure: StorageGRID responses → SystemSnapshot (reachability ok). Throws VendorError VENDOR_PARSE
 * when a body has the wrong shape or capacity figures are absurd; never on an unexpected enum.
 */
export function normalizeStoragegrid(responses: StoragegridResponses, ctx: NormalizeContext): SystemSnapshot {
  const versionEp = getEndpoint(SG_PATHS.productVersion);
  const version = unwrap(versionEp, responses.productVersion);
  const nodesEp = getEndpoint(SG_PATHS.nodeHealth);
  const nodes = parseNodeHealth(nodesEp, unwrap(nodesEp, responses.nodeHealth).data);
  const alertsEp = getEndpoint(SG_PATHS.alerts);
  const alerts = parseAlerts(alertsEp, unwrap(alertsEp, responses.alerts).data);
  const topoEp = getEndpoint(SG_PATHS.topology);
  const grid = responses.topology === null ? null : parseTopology(topoEp, unwrap(topoEp, responses.topology).data);

  const sites = collectSites(grid, nodes);
  return {
    polledAt: ctx.polledAt,
    reachability: { status: 'ok', message: 'ok' },
    identity: {
      vendor: 'storagegrid',
      name: grid?.name ?? ctx.name,
      // The grid API exposes neither an appliance model nor a serial number for the grid.
      model: null,
      serial: null,
      osVersion: parseProductVersion(versionEp, version.data),
      apiVersion: version.apiVersion,
      topology: topologyOf(sites.length),
    },
    capacity: capacityOf(responses.metrics),
    components: [...sites, ...nodes.map(nodeComponent)],
    alerts: alerts.map(toAlert),
    replication: [],
  };
}

/** StorageGRID replicates objects between sites by ILM; a grid is multi-site when it has >1 site. */
function topologyOf(siteCount: number): Topology | null {
  if (siteCount === 0) return null;
  return siteCount > 1 ? 'multi-site' : 'single-site';
}

function nodeComponent(n: SgNodeHealth): Component {
  return {
    kind: 'node',
    name: n.name,
    state: mapConnectionState(n.state),
    rawState: n.state,
    detail: `${nodeTypeLabel(n.type)} at site ${n.siteName}; most severe alert: ${n.severity}`,
  };
}

/**
 * Sites from the topology tree (the vendor's own site state) merged with the sites node-health
 * names, so a site is never lost when one source omits it. Without the topology endpoint a
 * site's state is derived from its nodes: reachable while any node is connected.
 */
function collectSites(grid: SgTopologyGrid | null, nodes: SgNodeHealth[]): Component[] {
  const sites = new Map<string, Component>();
  for (const s of grid?.children ?? []) {
    const key = s.id !== '' ? s.id : s.name;
    const total = s.children?.length ?? 0;
    const connected = (s.children ?? []).filter((c) => c.state === 'connected').length;
    sites.set(key, {
      kind: 'site',
      name: s.name,
      state: mapConnectionState(s.state),
      rawState: s.state,
      detail: `${connected} of ${total} nodes connected; most severe alarm: ${s.severity}`,
    });
  }
  const bySite = new Map<string, SgNodeHealth[]>();
  for (const n of nodes) bySite.set(n.siteId, [...(bySite.get(n.siteId) ?? []), n]);
  for (const [siteId, members] of bySite) {
    const name = members[0]?.siteName ?? siteId;
    if (sites.has(siteId) || [...sites.values()].some((c) => c.name === name)) continue;
    const states = members.map((m) => m.state);
    const raw = states.includes('connected')
      ? 'connected'
      : states.every((s) => s === 'administratively-down')
        ? 'administratively-down'
        : 'unknown';
    const connected = states.filter((s) => s === 'connected').length;
    sites.set(siteId, {
      kind: 'site',
      name,
      state: mapConnectionState(raw),
      rawState: raw,
      detail: `${connected} of ${members.length} nodes connected (state derived from node health)`,
    });
  }
  return [...sites.values()];
}

function toAlert(a: SgAlert): Alert {
  const raisedAt = Date.parse(a.startsAt);
  const title = a.name !== '' ? a.name : a.labels.alertname;
  return {
    id: a.id,
    severity: mapAlertSeverity(a.labels.severity),
    rawSeverity: a.labels.severity,
    title,
    detail: a.annotations?.description ?? a.annotations?.summary ?? null,
    component: a.labels.instance !== '' ? a.labels.instance : null,
    raisedAt: Number.isNaN(raisedAt) ? null : raisedAt,
  };
}

function metricSum(metric: SgCapacityMetric, body: unknown): number | null {
  const ep = metricEndpoint(metric);
  const { values } = parseMetricVector(ep, unwrap(ep, body).data);
  return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0);
}

/**
 * Physical capacity summed over Storage Nodes. Used is object data (replicated + erasure-coded);
 * free is the usable space left for objects, so used + free may fall short of total by what
 * metadata and reserves take. No total samples (every Storage Node down) → no capacity figure.
 */
function capacityOf(metrics: Record<SgCapacityMetric, unknown>): Capacity | null {
  const total = metricSum('totalSpace', metrics.totalSpace);
  const free = metricSum('usableSpace', metrics.usableSpace);
  const data = metricSum('dataBytes', metrics.dataBytes);
  if (total === null) return null;
  const used = data ?? (free === null ? null : Math.max(0, total - free));
  if (used === null) return null;
  const check = validateCapacity({ totalBytes: total, usedBytes: used, freeBytes: free });
  if (!check.ok) {
    throw new VendorError('VENDOR_PARSE', `${getEndpoint(SG_PATHS.metricQuery)}: ${check.message}`, {
      endpoint: getEndpoint(SG_PATHS.metricQuery),
    });
  }
  return check.capacity;
}
