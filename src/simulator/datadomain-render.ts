import type {
  DdAlertClass,
  DdAlertDetail,
  DdAlertSeverity,
  DdDiskInfo,
  DdDiskStatus,
  DdHaSysInfo,
  DdMtreeReplication,
  DdNic,
  DdServiceInfo,
  DdServiceName,
  DdSystemInfo,
} from '../vendors/datadomain/wire.js';
import type { SimAlert, SimComponent, SimComponentKind, SimComponentState, SimSystemState } from './types.js';

/**
 * SimSystemState rendered as PowerProtect DD 8.3 REST JSON. The tables here are the simulator's
 * own (written from the spec), never shared with the client's normalizer, so a mistake in one is
 * caught by the other. Epochs are seconds and capacities integer bytes, as the spec declares.
 */

const sec = (ms: number) => Math.floor(ms / 1000);
const controllers = (s: SimSystemState) => s.components.filter((c) => c.kind === 'controller' || c.kind === 'node');

export function uuidOf(s: SimSystemState): string {
  const hex = Buffer.from(s.id.padEnd(16, '0')).toString('hex').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function systemInfo(s: SimSystemState): DdSystemInfo {
  const total = Math.round(s.capacity.totalBytes);
  const used = Math.min(total, Math.round(s.capacity.usedBytes));
  const logicalTotal = Math.round(total * s.capacity.dataReduction);
  const logicalUsed = Math.min(logicalTotal, Math.round(s.capacity.logicalBytes));
  return {
    name: s.name,
    type: s.topology === 'ha' ? 'HA' : 'Standalone',
    version: s.osVersion,
    serialno: s.serial,
    model: s.model,
    uptime_secs: 3_600 * 24 * 41,
    physical_capacity: { total, used, available: total - used, cleanable: Math.round(used * 0.03) },
    logical_capacity: { total: logicalTotal, used: logicalUsed, available: logicalTotal - logicalUsed },
    compression_factor: Math.round(s.capacity.dataReduction * 10) / 10,
    uuid: uuidOf(s),
  };
}

const haWord: Record<SimComponentState, [local: string, peer: string]> = {
  ok: ['normal', 'online'],
  degraded: ['degraded', 'degraded'],
  failed: ['failed', 'failed'],
  offline: ['offline', 'offline'],
};

/** null: not an HA pair, which the route answers with 404. */
export function haSysInfo(s: SimSystemState): DdHaSysInfo | null {
  const [local, peer] = controllers(s);
  if (s.topology !== 'ha' || !local) return null;
  const peerState = peer?.state ?? 'offline';
  return {
    haInfo: {
      role: 'primary',
      mode: 'active_standby',
      nodeName: `${s.name}-${local.id}`,
      state: haWord[local.state][0],
      originHostname: `${s.name}.example.com`,
      systemId: uuidOf(s),
      peerInfo: {
        chassisno: `${s.serial}P`,
        serialno: `${s.serial}B`,
        ip: '192.168.100.2',
        nodeName: `${s.name}-${peer?.id ?? 'node1'}`,
        state: haWord[peerState][1],
        originHostname: `${s.name}.example.com`,
      },
      failoverHistory: [],
    },
  };
}

const severityWord: Record<SimAlert['severity'], DdAlertSeverity> = { critical: 'CRITICAL', major: 'ERROR', warning: 'WARNING', info: 'INFO' };

const classOf: Partial<Record<SimComponentKind, DdAlertClass>> = {
  psu: 'Environment',
  fan: 'Environment',
  drive: 'Storage',
  controller: 'HardwareFailure',
  node: 'ha',
  port: 'Network',
  service: 'Filesystem',
};

export function alertDetail(s: SimSystemState, a: SimAlert): DdAlertDetail {
  const part = s.components.find((c) => c.id === a.component);
  const cls: DdAlertClass = a.code.includes('repl') ? 'Replication' : ((part && classOf[part.kind]) ?? 'SystemMaintenance');
  return {
    id: encodeURIComponent(`0:0:${a.id}`),
    alert_id: a.id,
    event_id: `EVT-${cls.toUpperCase()}-${a.id.padStart(5, '0').slice(-5)}`,
    name: a.code,
    severity: severityWord[a.severity],
    class: cls,
    msg: a.title,
    description: `${a.title} (simulated)`,
    status: a.clearedAt === null ? 'active' : 'cleared',
    alert_gen_epoch: sec(a.raisedAt),
    ...(a.clearedAt === null ? {} : { clear_epoch: sec(a.clearedAt) }),
    node_id: 0,
    ...(a.component === null ? {} : { partName: a.component, object_id: a.component }),
  };
}

const diskWord: Record<SimComponentState, DdDiskStatus> = { ok: 'IN_USE', degraded: 'RECONSTRUCTION', failed: 'FAILED', offline: 'POWERED_OFF' };

export function diskInfos(s: SimSystemState): DdDiskInfo[] {
  return s.components
    .filter((c) => c.kind === 'drive')
    .map((c, i) => ({ id: c.id, device: `dev${i + 1}`, capacity: 7_681_501_126_656, type: 'SAS', status: diskWord[c.state], tierType: 'ACTIVE_TIER' }));
}

/** On an HA pair the REST API answers for the active node, so only its interfaces are listed. */
export function nicInfos(s: SimSystemState): DdNic[] {
  const active = controllers(s)[0]?.id ?? null;
  const ports = s.components.filter((c) => c.kind === 'port' && (c.parent === null || c.parent === active));
  return ports.map((c: SimComponent, i) => {
    const id = c.id.includes(':') ? c.id.slice(c.id.indexOf(':') + 1) : c.id;
    return {
      id,
      name: id,
      address: `10.20.${i}.10`,
      netmask: '255.255.255.0',
      enabled: c.state !== 'offline',
      up_state: c.state === 'ok' || c.state === 'degraded',
      has_link: c.state === 'ok',
      virtual: false,
      mtu: 1500,
      link_speed: 10_000,
    };
  });
}

const SERVICE_NAMES: readonly DdServiceName[] = ['ntp', 'snmp', 'license-server', 'iscsi', 'log', 'asup', 'nfs', 'filesys', 'encryption', 'cloud', 'cifs', 'ddboost', 'vdisk', 'vtl', 'replication'];
const serviceWord: Record<SimComponentState, DdServiceInfo['status']> = { ok: 'ENABLED', degraded: 'ERROR', failed: 'ERROR', offline: 'DISABLED' };

/** The file system is always listed (every DD has one); other services come from the model. */
export function serviceInfos(s: SimSystemState): DdServiceInfo[] {
  const listed: DdServiceInfo[] = [{ name: 'filesys', status: 'ENABLED' }];
  for (const c of s.components.filter((x) => x.kind === 'service')) {
    const name = SERVICE_NAMES.find((n) => c.id === n || c.id.endsWith(`.${n}`));
    if (!name) continue;
    const status = serviceWord[c.state];
    const entry: DdServiceInfo = status === 'ERROR' ? { name, status, errorMessage: `${name} is not responding` } : { name, status };
    if (name === 'filesys') listed[0] = entry;
    else listed.push(entry);
  }
  return listed;
}

export function mtreeReplications(s: SimSystemState): DdMtreeReplication[] {
  const self = `${s.name}.example.com`;
  return s.replication.map((r, i) => {
    const partner = r.partner || `${s.name}-dr.example.com`;
    const sync = sec(s.now - r.lagSeconds * 1000);
    return {
      id: `rctx://${i + 1}`,
      mode: 'SOURCE',
      state: r.state === 'broken' ? 'CONNECTING' : 'NORMAL',
      enabled: r.state !== 'paused',
      needResync: r.state === 'broken',
      connected: r.state !== 'broken',
      connHost: partner,
      sourceHost: self,
      destinationHost: partner,
      sourceMtreePath: `mtree://${self}${r.name}`,
      destinationMtreePath: `mtree://${partner}${r.name}`,
      connEpoch: sync - 86_400,
      syncEpoch: sync,
    };
  });
}
