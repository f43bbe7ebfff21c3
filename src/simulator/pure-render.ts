import type {
  PureAlert,
  PureArray,
  PureArrayConnection,
  PureArraySpaceItem,
  PureController,
  PureDrive,
  PureHardware,
  PurePod,
} from '../vendors/pure/wire.js';
import type { SimComponentState, SimSystemState } from './types.js';

/**
 * The shared simulator state in FlashArray REST 2.26 field names and enums, one function per list
 * endpoint. Rendering only: auth, paging and filters live in pure.ts.
 */

/** Like a real array: REST 1.x still advertised, 2.x up to the spec's 2.26. */
const V2 = Array.from({ length: 27 }, (_, i) => `2.${i}`);
export const PURE_SIM_VERSIONS = ['1.17', '1.18', '1.19', ...V2];

const ctrlStatus: Record<SimComponentState, string> = { ok: 'ready', degraded: 'updating', failed: 'not ready', offline: 'not ready' };
const hwStatus: Record<SimComponentState, string> = { ok: 'healthy', degraded: 'unhealthy', failed: 'critical', offline: 'unused' };
const driveStatus: Record<SimComponentState, string> = { ok: 'healthy', degraded: 'recovering', failed: 'failed', offline: 'unadmitted' };
const hwType: Partial<Record<string, string>> = { controller: 'ct', psu: 'pwr', fan: 'fan', drive: 'bay' };
const severityWord = { critical: 'critical', major: 'warning', warning: 'warning', info: 'info' } as const;
const podMember = { ok: 'online', lagging: 'resyncing', broken: 'offline', paused: 'suspended' } as const;
const connStatus = { ok: 'connected', lagging: 'unbalanced', broken: 'connecting', paused: 'connected' } as const;

export function arrays(s: SimSystemState): PureArray[] {
  return [{ id: `${s.id}-array`, name: s.name, os: 'Purity//FA', version: s.osVersion, capacity: s.capacity.totalBytes }];
}

export function space(s: SimSystemState): PureArraySpaceItem[] {
  const { totalBytes, usedBytes, logicalBytes, dataReduction } = s.capacity;
  const system = Math.round(usedBytes * 0.02);
  const snapshots = Math.round(usedBytes * 0.05);
  const unique = usedBytes - system - snapshots;
  return [
    {
      id: `${s.id}-array`,
      name: s.name,
      capacity: totalBytes,
      parity: 1,
      time: s.now,
      space: {
        data_reduction: dataReduction,
        total_reduction: Math.round(dataReduction * 1.6 * 100) / 100,
        thin_provisioning: 0.6,
        shared: 0,
        snapshots,
        system,
        unique,
        virtual: Math.round(logicalBytes),
        total_physical: usedBytes,
        total_used: usedBytes,
        total_provisioned: Math.round(logicalBytes * 2.5),
        total_effective: null,
      },
    },
  ];
}

export function controllers(s: SimSystemState): PureController[] {
  return s.components
    .filter((c) => c.kind === 'controller')
    .map((c, i) => ({
      name: c.id,
      mode: c.state === 'offline' ? 'offline' : i === 0 ? 'primary' : 'secondary',
      model: s.model,
      status: ctrlStatus[c.state],
      type: 'array_controller',
      version: s.osVersion,
    }));
}

export function hardware(s: SimSystemState): PureHardware[] {
  const chassis: PureHardware = { name: 'CH0', type: 'ch', status: 'healthy', serial: s.serial, model: s.model, index: 0 };
  const parts = s.components.flatMap((c, index): PureHardware[] => {
    const type = c.kind === 'port' ? (c.id.includes('.FC') ? 'fc' : 'eth') : hwType[c.kind];
    if (!type) return [];
    const status = c.kind === 'drive' ? 'healthy' : hwStatus[c.state];
    return [{ name: c.id, type, status, index, details: status === 'healthy' ? null : `${c.kind} reports ${c.state}` }];
  });
  return [chassis, ...parts, { name: 'CT0.TMP0', type: 'tmp', status: 'healthy', temperature: 31 }];
}

export function drives(s: SimSystemState): PureDrive[] {
  const list = s.components.filter((c) => c.kind === 'drive');
  const size = list.length > 0 ? Math.round(s.capacity.totalBytes / list.length) : 0;
  return list.map((c) => ({ name: c.id, type: 'SSD', protocol: 'NVMe', status: driveStatus[c.state], capacity: size, details: null }));
}

export function alerts(s: SimSystemState): PureAlert[] {
  return s.alerts.map((a) => ({
    id: a.id,
    name: a.id,
    code: [...a.code].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 10000, 7),
    category: a.component ? 'hardware' : 'array',
    severity: severityWord[a.severity],
    state: a.clearedAt === null ? 'open' : 'closed',
    created: a.raisedAt,
    updated: a.clearedAt ?? a.raisedAt,
    closed: a.clearedAt,
    summary: a.title,
    issue: a.title,
    description: `${a.title} (${a.code})`,
    component_name: a.component,
    component_type: a.component ? 'hardware' : null,
    flagged: false,
  }));
}

const isPod = (name: string) => name.startsWith('pod-');

export function connections(s: SimSystemState): PureArrayConnection[] {
  return s.replication
    .filter((r) => !isPod(r.name))
    .map((r, i) => ({
      id: r.id,
      name: r.partner || `${s.name}-peer${i + 1}`,
      status: connStatus[r.state],
      type: s.topology === 'active-cluster' ? 'sync-replication' : 'async-replication',
      management_address: `10.20.${i}.10`,
      replication_addresses: [`10.21.${i}.10`, `10.21.${i}.11`],
      replication_transport: 'ip',
      version: s.osVersion,
    }));
}

export function pods(s: SimSystemState): PurePod[] {
  const stretched = s.replication.filter((r) => isPod(r.name));
  const local: PurePod = { id: `${s.id}-pod-local`, name: 'pod-local', destroyed: false, array_count: 1, promotion_status: 'promoted', source: null, arrays: [{ id: `${s.id}-array`, name: s.name, status: 'online', mediator_status: 'online', frozen_at: null }] };
  return [
    local,
    ...stretched.map((r): PurePod => ({
      id: r.id,
      name: r.name,
      destroyed: false,
      array_count: 2,
      promotion_status: 'promoted',
      mediator: 'purestorage',
      source: null,
      arrays: [
        { id: `${s.id}-array`, name: s.name, status: 'online', mediator_status: 'online', frozen_at: null },
        { id: `${r.id}-peer`, name: r.partner || `${s.name}-b`, status: podMember[r.state], mediator_status: 'online', frozen_at: r.state === 'ok' ? null : s.now - r.lagSeconds * 1000 },
      ],
    })),
  ];
}
