import type { OntapAggregate, OntapCluster, OntapDisk, OntapEthernetPort, OntapIpInterface, OntapNode } from '../vendors/ontap/wire.js';
import type { SimComponent, SimSystemState } from './types.js';

/**
 * Full ONTAP records rendered from the shared state (ontap.ts then applies fields/filters/paging).
 * Written from NetApp's REST reference, not from the client: own tables, own enum words.
 * In a MetroCluster each site is its own cluster, so only site-a's nodes (and their parts) belong
 * to the cluster served here; site-b shows only through the MetroCluster mode.
 */

export const uuidOf = (seed: string) => {
  let h = 0x811c9dc5;
  const hex: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (const ch of `${seed}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    hex.push(h.toString(16).padStart(8, '0'));
  }
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-a${s.slice(17, 20)}-${s.slice(20, 32)}`;
};

export const isMetro = (s: SimSystemState) => s.topology === 'metrocluster';

export function localNodes(s: SimSystemState): SimComponent[] {
  const nodes = s.components.filter((c) => c.kind === 'node');
  return isMetro(s) ? nodes.filter((n) => n.parent === null || n.parent === 'site-a') : nodes;
}

const childrenOf = (s: SimSystemState, node: string, kind: SimComponent['kind']) =>
  s.components.filter((c) => c.kind === kind && c.parent === node);
export const bad = (c: SimComponent) => c.state !== 'ok';

export function renderCluster(s: SimSystemState): OntapCluster & { _links: object } {
  const [generation = 9, major = 0, minor = 0] = s.osVersion.split(/[.P]/).map(Number);
  const built = new Date(Date.UTC(2024, 0, 15)).toUTCString().replace('GMT', 'UTC');
  return {
    name: s.name,
    uuid: uuidOf(`${s.id}/cluster`),
    version: { full: `NetApp Release ${s.osVersion}: ${built}`, generation, major, minor },
    _links: { self: { href: '/api/cluster' } },
  };
}

function nodeState(node: SimComponent, partner: SimComponent | undefined): string {
  switch (node.state) {
    case 'ok':
      return 'up';
    case 'degraded':
      return 'degraded';
    case 'failed':
    case 'offline':
      // A healthy HA partner takes over a node that goes down.
      return partner && partner.state === 'ok' ? 'taken_over' : 'down';
  }
}

export function renderNodes(s: SimSystemState): OntapNode[] {
  const nodes = localNodes(s);
  return nodes.map((n, i) => {
    const partner = nodes.length > 1 ? nodes[i % 2 === 0 ? i + 1 : i - 1] : undefined;
    const partnerDown = partner !== undefined && partner.state !== 'ok';
    const psus = childrenOf(s, n.id, 'psu').filter(bad);
    const fans = childrenOf(s, n.id, 'fan').filter(bad);
    return {
      uuid: uuidOf(`${s.id}/${n.id}`),
      name: n.id,
      state: nodeState(n, partner),
      model: s.model.replace(' ', '-'),
      serial_number: `${s.serial.replace(/-/g, '')}${i + 1}`,
      version: { full: `NetApp Release ${s.osVersion}` },
      ha: {
        enabled: partner !== undefined,
        partners: partner ? [{ name: partner.id, uuid: uuidOf(`${s.id}/${partner.id}`) }] : [],
        takeover: { state: partnerDown ? 'in_takeover' : n.state === 'ok' ? 'not_attempted' : 'not_possible' },
        giveback: { state: 'nothing_to_giveback' },
      },
      controller: {
        failed_power_supply: { count: psus.length, ...(psus.length ? { message: { message: `${psus.map((p) => p.id).join(', ')} failed` } } : {}) },
        failed_fan: { count: fans.length, ...(fans.length ? { message: { message: `${fans.map((f) => f.id).join(', ')} failed` } } : {}) },
        over_temperature: 'normal',
      },
      ...(isMetro(s) ? { metrocluster: { type: 'ip' } } : {}),
    };
  });
}

/** One data aggregate per node; capacity is split evenly, the last takes the rounding remainder. */
export function renderAggregates(s: SimSystemState): OntapAggregate[] {
  const nodes = localNodes(s);
  const share = (v: number, i: number) => (i < nodes.length - 1 ? Math.floor(v / nodes.length) : v - Math.floor(v / nodes.length) * (nodes.length - 1));
  const { totalBytes, usedBytes, logicalBytes } = s.capacity;
  return nodes.map((n, i) => {
    const size = share(Math.round(totalBytes), i);
    const used = share(Math.round(usedBytes), i);
    const logical = share(Math.round(logicalBytes), i);
    return {
      uuid: uuidOf(`${s.id}/aggr/${n.id}`),
      name: `aggr1_${n.id.replace(/-/g, '_')}`,
      state: 'online',
      home_node: { name: n.id, uuid: uuidOf(`${s.id}/${n.id}`) },
      space: {
        block_storage: { size, used, available: size - used },
        efficiency: { logical_used: logical, savings: Math.max(0, logical - used), ratio: used > 0 ? logical / used : 1 },
      },
    };
  });
}

const diskState = { ok: 'present', degraded: 'reconstructing', failed: 'broken', offline: 'removed' } as const;

export function renderDisks(s: SimSystemState): OntapDisk[] {
  const nodes = localNodes(s);
  return s.components
    .filter((c) => c.kind === 'drive')
    .map((d, i) => ({
      name: d.id,
      state: diskState[d.state],
      container_type: d.state === 'failed' ? 'broken' : 'aggregate',
      model: 'X4001S172A1T9NTE',
      serial_number: `S${uuidOf(d.id).slice(0, 8).toUpperCase()}`,
      node: { name: nodes[i % Math.max(1, nodes.length)]?.id ?? s.name },
    }));
}

const portState = { ok: 'up', degraded: 'degraded', failed: 'down', offline: 'down' } as const;

/** Physical ports of the local nodes, plus one VLAN on e0a per node (VLANs mirror their parent). */
export function renderPorts(s: SimSystemState): OntapEthernetPort[] {
  const local = new Set(localNodes(s).map((n) => n.id));
  const ports = s.components.filter((c) => c.kind === 'port' && c.parent !== null && local.has(c.parent));
  return ports.flatMap((p) => {
    const [node = '', name = p.id] = p.id.split(':');
    const base = {
      uuid: uuidOf(`${s.id}/${p.id}`),
      name,
      node: { name: node, uuid: uuidOf(`${s.id}/${node}`) },
      state: portState[p.state],
      type: 'physical',
      enabled: true,
      broadcast_domain: { name: name === 'e0M' ? 'Mgmt' : 'Default', ipspace: { name: 'Default' } },
    };
    return name === 'e0a' ? [base, { ...base, uuid: uuidOf(`${s.id}/${p.id}-10`), name: 'e0a-10', type: 'vlan' }] : [base];
  });
}

/** A management LIF per node, and a data LIF per SVM named in the replication list. */
export function renderInterfaces(s: SimSystemState): OntapIpInterface[] {
  const nodes = localNodes(s);
  const lifs: OntapIpInterface[] = nodes.map((n, i) => ({
    uuid: uuidOf(`${s.id}/lif/${n.id}`),
    name: `${n.id}_mgmt1`,
    state: n.state === 'ok' ? 'up' : 'down',
    enabled: true,
    svm: { name: s.name },
    ip: { address: `10.10.${(i >> 8) & 255}.${(i % 250) + 1}` },
    location: { home_node: { name: n.id }, node: { name: n.id }, is_home: true },
  }));
  const svms = [...new Set(s.replication.map((r) => r.name.split(':')[0] ?? 'svm1'))];
  const home = nodes[0]?.id ?? s.name;
  for (const [i, svm] of svms.entries()) {
    lifs.push({ uuid: uuidOf(`${s.id}/lif/${svm}`), name: `${svm}_data1`, state: 'up', enabled: true, svm: { name: svm }, ip: { address: `10.20.0.${i + 1}` }, location: { home_node: { name: home }, node: { name: home }, is_home: true } });
    // The partner site's SVM is replicated here and stays down until a switchover.
    if (isMetro(s)) lifs.push({ uuid: uuidOf(`${s.id}/lif/${svm}-mc`), name: `${svm}_data1`, state: 'down', enabled: true, svm: { name: `${svm}-mc` }, location: { home_node: { name: home }, node: { name: home }, is_home: true } });
  }
  return lifs;
}

