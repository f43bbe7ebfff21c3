import type { FleetAlert, FleetAlertFilter } from '../../db/repositories/alerts.js';
import { ALERT_SEVERITIES, VENDORS } from '../../domain/snapshot.js';
import type { FleetSystem } from '../fleet-snapshot.js';
import { queryString } from '../filter-params.js';
import type { Flash } from '../flash.js';
import type { Viewer } from '../viewer.js';
import { formatTime, isoTime } from './format.js';

export interface AlertsPageInput {
  filter: FleetAlertFilter;
  /** One row more than `filter.limit` was asked for: its presence means there is more. */
  alerts: FleetAlert[];
  systems: readonly FleetSystem[];
  viewer: Viewer | null;
  /** The page's own URL (path and query): where an acknowledgement returns to. */
  url: string;
  flash: Flash | null;
}

function rowOf(alert: FleetAlert) {
  return {
    id: alert.id,
    severity: alert.severity,
    title: alert.title,
    detail: alert.detail,
    component: alert.component,
    systemId: alert.systemId,
    systemName: alert.systemName,
    vendor: alert.vendor,
    raised: formatTime(alert.raisedAt ?? alert.firstSeenAt),
    raisedIso: isoTime(alert.raisedAt ?? alert.firstSeenAt),
    lastSeen: formatTime(alert.lastSeenAt),
    resolved: alert.resolvedAt === null ? null : formatTime(alert.resolvedAt),
    resolvedIso: isoTime(alert.resolvedAt),
    ack:
      alert.acknowledgedAt === null
        ? null
        : { by: alert.acknowledgedBy ?? 'someone', at: formatTime(alert.acknowledgedAt), atIso: isoTime(alert.acknowledgedAt), comment: alert.ackComment },
  };
}

export function presentAlertsPage(input: AlertsPageInput) {
  const { filter } = input;
  const more = input.alerts.length > filter.limit;
  const alerts = input.alerts.slice(0, filter.limit);
  const keep = { severity: filter.severity, vendor: filter.vendor, system: filter.systemId };
  const last = alerts[alerts.length - 1];
  const resolved = filter.state === 'resolved';
  return {
    state: filter.state,
    filters: { severity: filter.severity ?? '', vendor: filter.vendor ?? '', system: filter.systemId ?? '' },
    severities: ALERT_SEVERITIES,
    vendors: VENDORS,
    systems: [...input.systems].sort((a, b) => a.name.localeCompare(b.name)).map((s) => ({ id: s.id, name: s.name })),
    rows: alerts.map(rowOf),
    // Only people who signed in may acknowledge: an anonymous wall screen must not.
    canAcknowledge: !resolved && input.viewer !== null && input.viewer.via !== 'anonymous',
    back: input.url,
    openHref: `/alerts${queryString(keep)}`,
    resolvedHref: `/alerts${queryString({ state: 'resolved', ...keep })}`,
    nextHref: resolved && more && last?.resolvedAt ? `/alerts${queryString({ state: 'resolved', ...keep, before: `${last.resolvedAt}-${last.id}` })}` : null,
    firstHref: resolved && input.url.includes('before=') ? `/alerts${queryString({ state: 'resolved', ...keep })}` : null,
    truncated: !resolved && more ? filter.limit : null,
    flash: input.flash,
  };
}
