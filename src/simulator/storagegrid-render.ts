import { createHash } from 'node:crypto';
import type {
  SgAlert,
  SgAlertSeverity,
  SgConnectionState,
  SgMetricsData,
  SgNodeHealth,
  SgNodeSeverity,
  SgNodeType,
  SgTopologyGrid,
} from '../vendors/storagegrid/wire.js';
import type { SimComponent, SimSeverity, SimSystemState } from './types.js';

/**
 * The StorageGRID simulator's views of a SimSystemState in the spec's wire shapes, apart from the
 * routes so each file stays one concept; it shares nothing with the client but wire types.
 */

/** Deterministic UUIDs, as the spec declares `format: uuid` for node and site ids. */
export function uuidFor(systemId: string, key: string): string {
  const h = createHash('sha1').update(`${systemId}/${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const SIM_TO_SG_SEVERITY: Record<SimSeverity, SgAlertSeverity> = {
  critical: 'critical',
  major: 'major',
  warning: 'minor',
  info: 'minor', // StorageGRID has no informational alert level
};

const SG_SEVERITY_RANK: Record<SgNodeSeverity, number> = { normal: 0, minor: 1, major: 2, critical: 3 };

export function connectionState(c: SimComponent): SgConnectionState {
  if (c.state === 'failed') return 'unknown';
  if (c.state === 'offline') return 'administratively-down';
  return 'connected';
}

interface GridNode {
  c: SimComponent;
  type: SgNodeType;
  site: { id: string; name: string };
}

/** Admin/gateway nodes by id convention (…adm…, …gw…); the first node is admin when none says so. */
export function gridNodes(state: SimSystemState): GridNode[] {
  const siteComps = state.components.filter((c) => c.kind === 'site');
  const fallbackSite = { id: uuidFor(state.id, 'site:DC1'), name: 'DC1' };
  const nodes = state.components.filter((c) => c.kind === 'node');
  const hasAdmin = nodes.some((n) => /adm/i.test(n.id));
  return nodes.map((c, i) => {
    const site = siteComps.find((s) => s.id === c.parent);
    const type: SgNodeType =
      /adm/i.test(c.id) || (!hasAdmin && i === 0) ? 'adminNode' : /gw|gateway/i.test(c.id) ? 'apiGatewayNode' : 'storageNode';
    return { c, type, site: site ? { id: uuidFor(state.id, `site:${site.id}`), name: site.id } : fallbackSite };
  });
}

function openAlerts(state: SimSystemState) {
  return state.alerts.filter((a) => a.clearedAt === null);
}

function nodeSeverity(state: SimSystemState, n: GridNode): SgNodeSeverity {
  let worst: SgNodeSeverity = n.c.state === 'degraded' ? 'major' : 'normal';
  for (const a of openAlerts(state)) {
    const sev = SIM_TO_SG_SEVERITY[a.severity];
    if (a.component === n.c.id && SG_SEVERITY_RANK[sev] > SG_SEVERITY_RANK[worst]) worst = sev;
  }
  return worst;
}

export function nodeHealth(state: SimSystemState): SgNodeHealth[] {
  const nodes = gridNodes(state);
  const primary = nodes.findIndex((x) => x.type === 'adminNode');
  return nodes.map((n, i) => ({
    id: uuidFor(state.id, `node:${n.c.id}`),
    name: n.c.id,
    // The spec types it boolean (its prose says null for non-admin nodes): omitted for those.
    ...(n.type === 'adminNode' ? { isPrimaryAdmin: primary === i } : {}),
    siteId: n.site.id,
    siteName: n.site.name,
    severity: nodeSeverity(state, n),
    state: connectionState(n.c),
    type: n.type,
    ...(n.type === 'storageNode' ? { storageType: 'combined' as const } : {}),
  }));
}

export function alertList(state: SimSystemState, include: readonly string[] = ['active']): SgAlert[] {
  // Every simulated open alert is active (none silenced or inhibited), so only `active` selects any.
  if (!include.includes('active')) return [];
  const nodes = gridNodes(state);
  return openAlerts(state).map((a) => {
    const node = nodes.find((n) => n.c.id === a.component);
    return {
      id: a.id,
      name: a.title,
      status: 'active',
      startsAt: new Date(a.raisedAt).toISOString(),
      inhibited: false,
      silenced: false,
      labels: {
        alertname: a.code,
        instance: a.component ?? state.name,
        job: node?.type === 'storageNode' ? 'ldr' : 'nms',
        severity: SIM_TO_SG_SEVERITY[a.severity],
        ...(node ? { node_id: uuidFor(state.id, `node:${node.c.id}`), site_id: node.site.id, site_name: node.site.name } : {}),
      },
      annotations: { description: a.title, summary: a.title, ruleId: a.code },
    };
  });
}

export function topology(state: SimSystemState, depth: string): SgTopologyGrid {
  const nodes = gridNodes(state);
  const sites = [...new Map(nodes.map((n) => [n.site.id, n.site])).values()];
  const severityOf = (list: GridNode[]) =>
    list.map((n) => nodeSeverity(state, n)).reduce((w, s) => (SG_SEVERITY_RANK[s] > SG_SEVERITY_RANK[w] ? s : w), 'normal');
  const oid = `2.16.124.113590.2.1.${parseInt(uuidFor(state.id, 'oid').slice(0, 5), 16)}.1.1`;
  return {
    id: uuidFor(state.id, 'grid'),
    name: state.name,
    uniqueName: state.name,
    type: 'grid',
    oid,
    state: 'connected',
    severity: severityOf(nodes),
    ...(depth === 'grid'
      ? {}
      : {
          children: sites.map((site, s) => {
            const members = nodes.filter((n) => n.site.id === site.id);
            const siteOid = `${oid}.${s + 1}`;
            return {
              id: site.id,
              name: site.name,
              uniqueName: site.name,
              type: 'site' as const,
              oid: siteOid,
              // A site is reachable while any of its nodes is; StorageGRID reports node failures per node.
              state: members.some((n) => connectionState(n.c) === 'connected') ? 'connected' : 'unknown',
              severity: severityOf(members),
              ...(depth === 'site'
                ? {}
                : {
                    children: members.map((n, k) => ({
                      id: uuidFor(state.id, `node:${n.c.id}`),
                      name: n.c.id,
                      uniqueName: n.c.id,
                      type: 'node' as const,
                      oid: `${siteOid}.${k + 1}`,
                      state: connectionState(n.c),
                      severity: nodeSeverity(state, n),
                    })),
                  }),
            };
          }),
        }),
  };
}

/** Instant vector of one capacity gauge per Storage Node; unknown metric names give an empty vector. */
export function metricVector(state: SimSystemState, query: string): SgMetricsData {
  const name = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(query)?.[1] ?? '';
  const { totalBytes, usedBytes } = state.capacity;
  const perGrid: Record<string, number> = {
    storagegrid_storage_utilization_total_space_bytes: totalBytes,
    storagegrid_storage_utilization_data_bytes: usedBytes,
    storagegrid_storage_utilization_usable_space_bytes: Math.max(0, totalBytes - usedBytes),
  };
  const gridValue = perGrid[name];
  const storage = gridNodes(state).filter((n) => n.type === 'storageNode');
  if (gridValue === undefined || storage.length === 0) return { resultType: 'vector', result: [] };
  const share = Math.floor(gridValue / storage.length);
  return {
    resultType: 'vector',
    result: storage.map((n, i) => ({
      metric: {
        __name__: name,
        instance: n.c.id,
        job: 'ldr',
        node_id: uuidFor(state.id, `node:${n.c.id}`),
        service: 'ldr',
        site_id: n.site.id,
        site_name: n.site.name,
      },
      // The last node takes the rounding remainder so the grid sum stays exact.
      value: [state.now / 1000, String(i === storage.length - 1 ? gridValue - share * (storage.length - 1) : share)],
    })),
  };
}
