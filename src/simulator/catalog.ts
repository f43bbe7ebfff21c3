import type { Picker } from './random.js';
import type { SimComponent, SimComponentKind, SimSystemState, SimVendor } from './types.js';

/** What a vendor's hardware looks like: identity and the component tree of one system. */
export interface Hardware {
  name: string;
  model: string;
  osVersion: string;
  serial: string;
  topology: SimSystemState['topology'];
  components: SimComponent[];
  /** Usable capacity range of this class of system, bytes. */
  capacity: [number, number];
  /** Data reduction range (dedupe × compression) this vendor typically reports. */
  reduction: [number, number];
}

const TiB = 2 ** 40;

const part = (id: string, kind: SimComponentKind, parent: string | null = null): SimComponent => ({ id, kind, parent, state: 'ok' });
const seq = (n: number, from = 0) => Array.from({ length: n }, (_, i) => i + from);
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function pure(p: Picker, ordinal: string): Hardware {
  const components = ['CT0', 'CT1'].flatMap((ct) => [
    part(ct, 'controller'),
    ...seq(2).map((f) => part(`${ct}.FAN${f}`, 'fan', ct)),
    ...['ETH0', 'ETH1', 'ETH2', 'ETH3', 'FC0', 'FC1'].map((port) => part(`${ct}.${port}`, 'port', ct)),
  ]);
  components.push(part('CH0.PWR0', 'psu'), part('CH0.PWR1', 'psu'));
  components.push(...seq(p.pick([10, 12, 20, 24])).map((bay) => part(`CH0.BAY${bay}`, 'drive')));
  return {
    name: `pure-fa-${ordinal}`,
    model: p.pick(['FA-X20R4', 'FA-X50R4', 'FA-X70R4', 'FA-X90R4', 'FA-C60R4', 'FA-XL130']),
    osVersion: p.pick(['6.4.10', '6.5.8', '6.6.11', '6.7.4']),
    serial: `PCHFL${p.digits(4)}${p.pick(['A', 'B', 'C'])}${p.digits(3)}`,
    topology: p.chance(0.25) ? 'active-cluster' : 'ha',
    components,
    capacity: [50 * TiB, 500 * TiB],
    reduction: [2.5, 5.5],
  };
}

function ontap(p: Picker, ordinal: string): Hardware {
  const name = `ontap-c${ordinal}`;
  const metro = p.chance(0.2);
  const nodeCount = metro || p.chance(0.3) ? 4 : 2;
  const components: SimComponent[] = metro ? [part('site-a', 'site'), part('site-b', 'site')] : [];
  for (const n of seq(nodeCount, 1)) {
    const node = `${name}-${pad(n)}`;
    components.push(part(node, 'node', metro ? (n <= 2 ? 'site-a' : 'site-b') : null));
    components.push(part(`${node}.PSU1`, 'psu', node), part(`${node}.PSU2`, 'psu', node));
    components.push(...seq(2, 1).map((f) => part(`${node}.FAN${f}`, 'fan', node)));
    components.push(...['e0a', 'e0b', 'e0c', 'e0d', 'e0M'].map((port) => part(`${node}:${port}`, 'port', node)));
  }
  const shelves = nodeCount / 2;
  for (const shelf of seq(shelves, 1)) {
    components.push(...seq(24).map((bay) => part(`${shelf}.0.${bay}`, 'drive')));
  }
  return {
    name,
    model: p.pick(['AFF A250', 'AFF A400', 'AFF A800', 'AFF C250', 'FAS8300', 'FAS9500']),
    osVersion: p.pick(['9.12.1P12', '9.13.1P7', '9.14.1P4', '9.15.1P2']),
    serial: `1-80-${p.digits(6)}`,
    topology: metro ? 'metrocluster' : 'ha',
    components,
    capacity: [100 * TiB, 1000 * TiB],
    reduction: [1.4, 2.8],
  };
}

function storagegrid(p: Picker, ordinal: string): Hardware {
  const multi = p.chance(0.5);
  const sites = multi ? p.pick([['DC1', 'DC2'], ['DC1', 'DC2', 'DC3']]) : ['DC1'];
  const components: SimComponent[] = [];
  sites.forEach((site, s) => {
    components.push(part(site, 'site'));
    const nodes = [...(s === 0 ? [`${site}-ADM1`] : []), ...seq(3, 1).map((n) => `${site}-S${n}`), `${site}-G1`];
    for (const node of nodes) {
      components.push(part(node, 'node', site));
      const services = node.includes('-S') ? ['ldr', 'ddrs', 'ssm'] : node.includes('-ADM') ? ['nms', 'cmn', 'ssm'] : ['lb', 'ssm'];
      components.push(...services.map((svc) => part(`${node}.${svc}`, 'service', node)));
      components.push(part(`${node}.PSU1`, 'psu', node), part(`${node}.PSU2`, 'psu', node));
      components.push(part(`${node}.eth0`, 'port', node), part(`${node}.eth1`, 'port', node));
      if (node.includes('-S')) components.push(...seq(12).map((d) => part(`${node}.sd${d}`, 'drive', node)));
    }
  });
  return {
    name: `sg-grid-${ordinal}`,
    model: p.pick(['SG6060', 'SGF6112', 'SG5760', 'SG6160']),
    osVersion: p.pick(['11.7.0.9', '11.8.0.6', '11.9.0.2']),
    serial: `72${p.digits(10)}`,
    topology: multi ? 'multi-site' : 'single-site',
    components,
    capacity: [300 * TiB, 2000 * TiB],
    reduction: [1, 1],
  };
}

function datadomain(p: Picker, ordinal: string): Hardware {
  const ha = p.chance(0.3);
  const nodes = ha ? ['node0', 'node1'] : ['node0'];
  const components: SimComponent[] = nodes.map((n) => part(n, 'controller'));
  for (const n of nodes) {
    components.push(part(`${n}.PSU-A`, 'psu', n), part(`${n}.PSU-B`, 'psu', n));
    components.push(...seq(4, 1).map((f) => part(`${n}.FAN${f}`, 'fan', n)));
    components.push(...['ethMa', 'eth1a', 'eth1b', 'eth2a', 'eth2b'].map((nic) => part(`${n}:${nic}`, 'port', n)));
  }
  components.push(...seq(15, 1).map((slot) => part(`2.${slot}`, 'drive')));
  components.push(...['nfs', 'cifs', 'ddboost', 'replication', 'vtl'].map((svc) => part(`service.${svc}`, 'service')));
  return {
    name: `dd-${ordinal}`,
    model: p.pick(['DD3300', 'DD6400', 'DD6900', 'DD9400', 'DD9900']),
    osVersion: p.pick(['7.10.1.20-1065423', '7.13.0.10-1071418', '7.13.1.0-1081567', '8.1.0.0-1095315']),
    serial: `CKM00${p.digits(9)}`,
    topology: ha ? 'ha' : 'local',
    components,
    capacity: [100 * TiB, 1000 * TiB],
    reduction: [8, 30],
  };
}

export const hardwareOf: Record<SimVendor, (p: Picker, ordinal: string) => Hardware> = { pure, ontap, storagegrid, datadomain };

export const vendorOrder: readonly SimVendor[] = ['pure', 'ontap', 'storagegrid', 'datadomain'];
