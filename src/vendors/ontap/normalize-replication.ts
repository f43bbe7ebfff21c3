import type { ReplicationLink, ReplicationState } from '../../domain/snapshot.js';
import { isOneOf } from '../../domain/enums.js';
import { object, optBoolean, optObject, optString, parseError, requiredName } from './shape.js';

/** Cluster peers, SnapMirror relationships and the MetroCluster link onto ReplicationLink. */

const PEER_STATES = ['available', 'partial', 'unavailable', 'pending', 'unidentified'] as const;
const peerState: Record<(typeof PEER_STATES)[number], ReplicationState> = {
  available: 'ok',
  partial: 'degraded',
  unavailable: 'broken',
  pending: 'degraded',
  unidentified: 'unknown',
};

const SNAPMIRROR_STATES = ['broken_off', 'paused', 'snapmirrored', 'uninitialized', 'in_sync', 'out_of_sync', 'synchronizing'] as const;
const snapmirrorState: Record<(typeof SNAPMIRROR_STATES)[number], ReplicationState> = {
  snapmirrored: 'ok',
  in_sync: 'ok',
  synchronizing: 'degraded',
  out_of_sync: 'degraded',
  uninitialized: 'degraded',
  paused: 'paused',
  broken_off: 'broken',
};

/** MetroCluster modes; anything but normal means a site is running on its partner's copy. */
const MC_MODES = ['normal', 'switchover', 'partial_switchover', 'waiting_for_switchback', 'partial_switchback'] as const;
const mcMode: Record<(typeof MC_MODES)[number], ReplicationState> = {
  normal: 'ok',
  switchover: 'degraded',
  partial_switchover: 'degraded',
  waiting_for_switchback: 'degraded',
  partial_switchback: 'degraded',
};

export function peerLinks(peers: unknown[]): ReplicationLink[] {
  return peers.map((raw, i) => {
    const at = `/api/cluster/peers records[${i}]`;
    const rec = object(raw, at);
    const name = requiredName(rec, at);
    const state = optString(optObject(rec.status, `${at}.status`).state, `${at}.status.state`);
    return {
      kind: 'cluster_peer',
      name,
      partner: optString(optObject(rec.remote, `${at}.remote`).name, `${at}.remote.name`) ?? name,
      state: isOneOf(PEER_STATES, state) ? peerState[state] : 'unknown',
      rawState: state ?? '',
      lagSeconds: null,
    };
  });
}

/** ISO 8601 duration as ONTAP writes lag_time ("PT8H35M42S", "P1DT2H"); null when it is not one. */
export function isoDurationSeconds(text: string): number | null {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return null;
  const [, d, h, min, s] = m;
  return Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0);
}

export function snapmirrorLinks(relationships: unknown[]): ReplicationLink[] {
  return relationships.map((raw, i) => {
    const at = `/api/snapmirror/relationships records[${i}]`;
    const rec = object(raw, at);
    const src = optString(optObject(rec.source, `${at}.source`).path, `${at}.source.path`);
    const dst = optString(optObject(rec.destination, `${at}.destination`).path, `${at}.destination.path`);
    if (dst === null) throw parseError(`${at}.destination.path`, 'missing');
    const raw_ = optString(rec.state, `${at}.state`);
    const healthy = optBoolean(rec.healthy, `${at}.healthy`);
    let state: ReplicationState = isOneOf(SNAPMIRROR_STATES, raw_) ? snapmirrorState[raw_] : 'unknown';
    // ONTAP's own verdict wins over the state word: a "snapmirrored" link can be failing its transfers.
    if (healthy === false && state === 'ok') state = 'degraded';
    const lag = optString(rec.lag_time, `${at}.lag_time`);
    return {
      kind: 'snapmirror',
      name: dst,
      partner: src,
      state,
      rawState: healthy === false ? `${raw_ ?? ''} (unhealthy)` : (raw_ ?? ''),
      lagSeconds: lag === null ? null : isoDurationSeconds(lag),
    };
  });
}

/** Null when MetroCluster is not configured: then there is no link to report. */
export function metroclusterLink(mc: unknown): ReplicationLink | null {
  if (mc === null || mc === undefined) return null;
  const at = '/api/cluster/metrocluster';
  const rec = object(mc, at);
  const local = optObject(rec.local, `${at} local`);
  if (optString(local.configuration_state, `${at} local.configuration_state`) !== 'configured') return null;
  const mode = optString(local.mode, `${at} local.mode`);
  const remote = optObject(rec.remote, `${at} remote`);
  return {
    kind: 'metrocluster',
    name: optString(optObject(local.cluster, `${at} local.cluster`).name, `${at} local.cluster.name`) ?? 'local',
    partner: optString(optObject(remote.cluster, `${at} remote.cluster`).name, `${at} remote.cluster.name`),
    state: isOneOf(MC_MODES, mode) ? mcMode[mode] : 'unknown',
    rawState: mode ?? '',
    lagSeconds: null,
  };
}

export function isMetroclusterConfigured(mc: unknown): boolean {
  return metroclusterLink(mc) !== null;
}
