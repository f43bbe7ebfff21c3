import type { Alert, ReplicationLink } from '../../domain/snapshot.js';
import { DD_LIST_KEYS, DD_PATHS } from './paths.js';
import { eachItem } from './shape.js';
import { mapAlertSeverity, mapMtreeReplication } from './states.js';

/**
 * Active alerts only. The client already asks for is_active=true, but a cleared alert that slips
 * through (an older DDOS ignoring the parameter) must still not count. Pages can shift while an
 * alert clears mid-listing, so duplicates are dropped by the stable id.
 */
export function normalizeAlerts(pages: readonly unknown[]): Alert[] {
  const seen = new Set<string>();
  const all = eachItem(DD_PATHS.alerts, DD_LIST_KEYS.alerts, pages, (r, o): Alert | null => {
    // `id` combines system, node and alert id: stable across polls, unlike display names.
    const id = r.string(o, 'id');
    const status = r.optString(o, 'status');
    const severity = r.optString(o, 'severity');
    const msg = r.optString(o, 'msg');
    const name = r.optString(o, 'name');
    const description = r.optString(o, 'description');
    const additional = r.optString(o, 'additional_info');
    const epoch = r.optNumber(o, 'alert_gen_epoch');
    const component = r.optString(o, 'partName') ?? r.optString(o, 'object_id');
    if (status?.toLowerCase() === 'cleared' || seen.has(id)) return null;
    seen.add(id);
    return {
      id,
      severity: mapAlertSeverity(severity),
      rawSeverity: severity ?? 'unknown',
      title: msg ?? name ?? `alert ${id}`,
      detail: description ?? additional ?? (msg !== null ? name : null),
      component: component === '' ? null : component,
      // DD epochs are seconds.
      raisedAt: epoch !== null && epoch > 0 ? epoch * 1000 : null,
    };
  });
  return all.filter((a): a is Alert => a !== null);
}

/**
 * MTree replication contexts. The partner is the other end: the destination for a source context,
 * the source for a target one. Lag is how far the last sync lies behind the poll.
 */
export function normalizeReplication(pages: readonly unknown[], polledAt: number): ReplicationLink[] {
  return eachItem(DD_PATHS.replications, DD_LIST_KEYS.replications, pages, (r, o) => {
    const id = r.string(o, 'id');
    const mode = r.optString(o, 'mode');
    const state = r.optString(o, 'state');
    const source = r.optString(o, 'sourceMtreePath');
    const destination = r.optString(o, 'destinationMtreePath');
    const sourceHost = r.optString(o, 'sourceHost');
    const destinationHost = r.optString(o, 'destinationHost');
    const connHost = r.optString(o, 'connHost');
    const syncEpoch = r.optNumber(o, 'syncEpoch');
    const flags = {
      enabled: r.optBoolean(o, 'enabled'),
      needResync: r.optBoolean(o, 'needResync'),
      connected: r.optBoolean(o, 'connected'),
    };
    const partner = mode?.toUpperCase() === 'TARGET' ? sourceHost : destinationHost;
    return {
      kind: 'mtree_replication' as const,
      name: source && destination ? `${source} → ${destination}` : id,
      partner: partner || connHost || null,
      state: mapMtreeReplication(state, flags),
      rawState: state ?? 'unknown',
      lagSeconds: syncEpoch !== null && syncEpoch > 0 ? Math.max(0, Math.round(polledAt / 1000 - syncEpoch)) : null,
    };
  });
}
