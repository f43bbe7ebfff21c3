import type { Component, ComponentState } from '../../domain/snapshot.js';
import { isOneOf, unmatched } from '../../domain/enums.js';
import { type Json, object, parseError, optBoolean, optNumber, optObject, optString, requiredName } from './shape.js';

/**
 * ONTAP component states onto the domain's, one explicit table per resource. Values a newer ONTAP
 * release might add are not errors: they become 'unknown' with the raw word kept for operators.
 */

const NODE_STATES = ['up', 'booting', 'down', 'taken_over', 'waiting_for_giveback', 'degraded', 'unknown'] as const;
const nodeState: Record<(typeof NODE_STATES)[number], ComponentState> = {
  up: 'ok',
  booting: 'degraded',
  down: 'failed',
  // The partner serves its data, but the pair has lost its redundancy.
  taken_over: 'failed',
  waiting_for_giveback: 'degraded',
  degraded: 'degraded',
  unknown: 'unknown',
};

const AGGREGATE_STATES = [
  'online', 'onlining', 'offline', 'offlining', 'relocating', 'unmounted', 'restricted', 'inconsistent', 'failed', 'unknown',
] as const;
const aggregateState: Record<(typeof AGGREGATE_STATES)[number], ComponentState> = {
  online: 'ok',
  onlining: 'degraded',
  offline: 'offline',
  offlining: 'degraded',
  relocating: 'degraded',
  unmounted: 'offline',
  restricted: 'offline',
  inconsistent: 'failed',
  failed: 'failed',
  unknown: 'unknown',
};

const DISK_STATES = [
  'broken', 'copy', 'maintenance', 'partner', 'pending', 'present', 'reconstructing', 'removed', 'spare', 'unfail', 'zeroing',
] as const;
const diskState: Record<(typeof DISK_STATES)[number], ComponentState> = {
  present: 'ok',
  spare: 'ok',
  // Owned by the HA partner: healthy, just not this node's.
  partner: 'ok',
  zeroing: 'ok',
  broken: 'failed',
  copy: 'degraded',
  reconstructing: 'degraded',
  maintenance: 'degraded',
  pending: 'degraded',
  unfail: 'degraded',
  removed: 'offline',
};

const PORT_STATES = ['up', 'down', 'degraded'] as const;
const LIF_STATES = ['up', 'down'] as const;

function lookup<T extends string>(allowed: readonly T[], table: Record<T, ComponentState>, raw: string | null): ComponentState {
  return isOneOf(allowed, raw) ? table[raw] : 'unknown';
}

/** A closed two-value sensor reading; the `never` check makes a third value a compile error. */
function temperatureState(raw: 'over' | 'normal'): ComponentState {
  switch (raw) {
    case 'normal':
      return 'ok';
    case 'over':
      return 'failed';
    default:
      return unmatched(raw, 'unknown');
  }
}

function records(list: unknown[], endpoint: string): { rec: Json; at: string }[] {
  return list.map((r, i) => ({ rec: object(r, `${endpoint} records[${i}]`), at: `${endpoint} records[${i}]` }));
}

/** Nodes plus their PSU, fan and temperature summaries (ONTAP reports counts per node, not per part). */
export function nodeComponents(nodes: unknown[]): Component[] {
  const out: Component[] = [];
  for (const { rec, at } of records(nodes, '/api/cluster/nodes')) {
    const name = requiredName(rec, at);
    const raw = optString(rec.state, `${at}.state`);
    const ha = optObject(rec.ha, `${at}.ha`);
    const takeover = optString(optObject(ha.takeover, `${at}.ha.takeover`).state, `${at}.ha.takeover.state`);
    const giveback = optString(optObject(ha.giveback, `${at}.ha.giveback`).state, `${at}.ha.giveback.state`);
    let state = lookup(NODE_STATES, nodeState, raw);
    // A failed takeover or giveback leaves the pair unable to protect itself even while the node is up.
    if (state === 'ok' && (takeover === 'failed' || giveback === 'failed')) state = 'degraded';
    const haDetail = [takeover && `takeover ${takeover}`, giveback && `giveback ${giveback}`].filter(Boolean).join(', ');
    out.push({ kind: 'node', name, state, rawState: raw ?? '', detail: haDetail || null });

    const ctl = optObject(rec.controller, `${at}.controller`);
    for (const [field, kind, label] of [
      ['failed_power_supply', 'psu', 'power supplies'],
      ['failed_fan', 'fan', 'fans'],
    ] as const) {
      const part = optObject(ctl[field], `${at}.controller.${field}`);
      const count = optNumber(part.count, `${at}.controller.${field}.count`);
      if (count === null) continue;
      if (!Number.isInteger(count) || count < 0) throw parseError(`${at}.controller.${field}.count`, `not a count (${count})`);
      const message = optString(optObject(part.message, `${at}.controller.${field}.message`).message, `${at}.controller.${field}.message.message`);
      out.push({
        kind,
        name: `${name} ${label}`,
        state: count > 0 ? 'failed' : 'ok',
        rawState: `${count} failed`,
        detail: count > 0 ? (message ?? `${count} failed ${label}`) : null,
      });
    }
    const temp = optString(ctl.over_temperature, `${at}.controller.over_temperature`);
    if (temp !== null) {
      const tState = temp === 'over' || temp === 'normal' ? temperatureState(temp) : 'unknown';
      out.push({ kind: 'temp_sensor', name: `${name} temperature`, state: tState, rawState: temp, detail: null });
    }
  }
  return out;
}

/** Aggregates as components; their space is summed separately (normalize-capacity.ts). */
export function aggregateComponents(aggregates: unknown[]): Component[] {
  return records(aggregates, '/api/storage/aggregates').map(({ rec, at }) => {
    const raw = optString(rec.state, `${at}.state`);
    return { kind: 'aggregate', name: requiredName(rec, at), state: lookup(AGGREGATE_STATES, aggregateState, raw), rawState: raw ?? '', detail: null };
  });
}

export function diskComponents(disks: unknown[]): Component[] {
  return records(disks, '/api/storage/disks').map(({ rec, at }) => {
    const raw = optString(rec.state, `${at}.state`);
    const container = optString(rec.container_type, `${at}.container_type`);
    return { kind: 'drive', name: requiredName(rec, at), state: lookup(DISK_STATES, diskState, raw), rawState: raw ?? '', detail: container && `container ${container}` };
  });
}

/**
 * Ethernet ports. VLAN ports only mirror their physical port, so they are skipped. A down port that is
 * in no broadcast domain is an unused, uncabled port — normal on every cluster — so it counts as absent.
 */
export function portComponents(ports: unknown[]): Component[] {
  const out: Component[] = [];
  for (const { rec, at } of records(ports, '/api/network/ethernet/ports')) {
    const type = optString(rec.type, `${at}.type`);
    if (type === 'vlan') continue;
    const name = requiredName(rec, at);
    const node = optString(optObject(rec.node, `${at}.node`).name, `${at}.node.name`);
    const raw = optString(rec.state, `${at}.state`);
    const enabled = optBoolean(rec.enabled, `${at}.enabled`);
    const domain = optString(optObject(rec.broadcast_domain, `${at}.broadcast_domain`).name, `${at}.broadcast_domain.name`);
    let state: ComponentState;
    let detail: string | null = null;
    if (!isOneOf(PORT_STATES, raw)) state = 'unknown';
    else if (raw === 'up') state = 'ok';
    else if (raw === 'degraded') state = 'degraded';
    else if (enabled === false) [state, detail] = ['offline', 'administratively disabled'];
    else if (domain === null) [state, detail] = ['absent', 'down, in no broadcast domain (unused)'];
    else state = 'failed';
    out.push({ kind: 'port', name: node ? `${node}:${name}` : name, state, rawState: raw ?? '', detail });
  }
  return out;
}

/**
 * IP interfaces (LIFs). Disabled LIFs are offline on purpose; LIFs of MetroCluster destination SVMs
 * (name ending in "-mc") stay down until a switchover, by design.
 */
export function lifComponents(interfaces: unknown[]): Component[] {
  return records(interfaces, '/api/network/ip/interfaces').map(({ rec, at }) => {
    const name = requiredName(rec, at);
    const raw = optString(rec.state, `${at}.state`);
    const enabled = optBoolean(rec.enabled, `${at}.enabled`);
    const svm = optString(optObject(rec.svm, `${at}.svm`).name, `${at}.svm.name`);
    const label = svm ? `${svm}:${name}` : name;
    if (!isOneOf(LIF_STATES, raw)) return { kind: 'lif', name: label, state: 'unknown', rawState: raw ?? '', detail: null };
    if (raw === 'up') return { kind: 'lif', name: label, state: 'ok', rawState: raw, detail: null };
    if (enabled === false) return { kind: 'lif', name: label, state: 'offline', rawState: raw, detail: 'administratively disabled' };
    if (svm?.endsWith('-mc')) return { kind: 'lif', name: label, state: 'absent', rawState: raw, detail: 'MetroCluster destination SVM' };
    return { kind: 'lif', name: label, state: 'failed', rawState: raw, detail: null };
  });
}
