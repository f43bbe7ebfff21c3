import type { Alert, AlertSeverity } from '../../domain/snapshot.js';
import { isOneOf } from '../../domain/enums.js';
import { type Json, object, optArray, optNumber, optObject, optString, parseError } from './shape.js';

/**
 * EMS is an event log, not a state table. Alerts are rebuilt from it: within a raise/clear family an
 * alert is open while the latest event for its key is a raise; other severe events count only while
 * they are recent. Alert ids are stable per problem (family + key, or message name + node), never
 * the event index, so a recurring problem keeps its acknowledgement (defect B15 of the earlier tool).
 */

export const EMS_SEVERITIES = ['emergency', 'alert', 'error', 'notice', 'informational', 'debug'] as const;
export type EmsSeverity = (typeof EMS_SEVERITIES)[number];

/** ONTAP's EMS severities onto the common scale. Unknown values become warnings, raw value kept. */
export const EMS_SEVERITY_MAP: Readonly<Record<EmsSeverity, AlertSeverity>> = {
  emergency: 'critical',
  alert: 'major',
  error: 'warning',
  notice: 'info',
  informational: 'info',
  debug: 'info',
};
export const UNKNOWN_EMS_SEVERITY: AlertSeverity = 'warning';

/** Severities worth an alert on their own (the query asks ONTAP for exactly these). */
export const SEVERE_EMS_SEVERITIES: readonly EmsSeverity[] = ['emergency', 'alert', 'error'];
/** Routine severities; an unknown (newer) severity is not among them, so it is shown rather than hidden. */
const ROUTINE_EMS_SEVERITIES: readonly EmsSeverity[] = ['notice', 'informational', 'debug'];

/** How long an unpaired severe event stays an alert: it has no clear event to end it. */
export const UNPAIRED_EVENT_WINDOW_MS = 24 * 3600 * 1000;

interface Family {
  readonly id: string;
  readonly raise: string;
  readonly clear: string;
  /** The problem's identity within the family; null when the event lacks it (then it stays unpaired). */
  readonly key: (e: ParsedEvent) => string | null;
}

export const EMS_FAMILIES: readonly Family[] = [
  // One health-monitor alert id can be raised for several resources at once (two PSUs, two shelves).
  { id: 'hm.alert', raise: 'hm.alert.raised', clear: 'hm.alert.cleared', key: (e) => withNode(e, param(e, 'alert_id', 'alertId'), param(e, 'alerting_resource')) },
  { id: 'cpeer', raise: 'cpeer.unavailable', clear: 'cpeer.available', key: (e) => param(e, 'peer_name', 'peerName', 'peer') },
  {
    id: 'cf.fsm.globalStatus',
    raise: 'cf.fsm.monitor.globalStatus.critical',
    clear: 'cf.fsm.monitor.globalStatus.ok',
    key: (e) => e.node,
  },
];

/** Message names of every family, for the EMS query (`|` is ONTAP's OR). */
export const PAIRED_EVENT_NAMES: readonly string[] = EMS_FAMILIES.flatMap((f) => [f.raise, f.clear]);

interface ParsedEvent {
  readonly index: number | null;
  readonly time: number | null;
  readonly rawTime: string | null;
  readonly name: string;
  readonly severity: string;
  readonly logMessage: string | null;
  readonly node: string | null;
  readonly params: ReadonlyMap<string, string>;
}

function param(e: ParsedEvent, ...names: string[]): string | null {
  for (const n of names) {
    const v = e.params.get(n);
    if (v !== undefined && v !== '') return v;
  }
  return null;
}

function withNode(e: ParsedEvent, key: string | null, resource: string | null = null): string | null {
  if (key === null) return null;
  return resource === null ? `${e.node ?? '-'}/${key}` : `${e.node ?? '-'}/${key}/${resource}`;
}

function parseEvent(raw: unknown, i: number): ParsedEvent {
  const at = `/api/support/ems/events records[${i}]`;
  const rec: Json = object(raw, at);
  const message = optObject(rec.message, `${at}.message`);
  const name = optString(message.name, `${at}.message.name`);
  if (name === null) throw parseError(`${at}.message.name`, 'missing');
  const rawTime = optString(rec.time, `${at}.time`);
  const parsed = rawTime === null ? Number.NaN : Date.parse(rawTime);
  const params = new Map<string, string>();
  optArray(rec.parameters, `${at}.parameters`).forEach((p, j) => {
    const o = object(p, `${at}.parameters[${j}]`);
    const n = optString(o.name, `${at}.parameters[${j}].name`);
    const v = o.value;
    if (n !== null && (typeof v === 'string' || typeof v === 'number')) params.set(n, String(v));
  });
  return {
    index: optNumber(rec.index, `${at}.index`),
    time: Number.isFinite(parsed) ? parsed : null,
    rawTime,
    name,
    severity: optString(message.severity, `${at}.message.severity`) ?? '',
    logMessage: optString(rec.log_message, `${at}.log_message`),
    node: optString(optObject(rec.node, `${at}.node`).name, `${at}.node.name`),
    params,
  };
}

export function mapEmsSeverity(raw: string): AlertSeverity {
  return isOneOf(EMS_SEVERITIES, raw) ? EMS_SEVERITY_MAP[raw] : UNKNOWN_EMS_SEVERITY;
}

/** Oldest first; events without a usable time sort first so they never override a dated one. */
function chronological(a: ParsedEvent, b: ParsedEvent): number {
  const ta = a.time ?? Number.NEGATIVE_INFINITY;
  const tb = b.time ?? Number.NEGATIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (a.index ?? -1) - (b.index ?? -1);
}

function toAlert(id: string, e: ParsedEvent, title: string, component: string | null): Alert {
  return {
    id,
    severity: mapEmsSeverity(e.severity),
    rawSeverity: e.severity,
    title,
    detail: e.logMessage,
    component,
    raisedAt: e.time,
  };
}

/** Turns EMS events (any order, duplicates allowed) into the alerts open at `now`. */
export function emsAlerts(rawEvents: unknown[], now: number): Alert[] {
  // The two EMS queries overlap; an event is identified by node and index (indexes are per node).
  const seen = new Set<string>();
  const events = rawEvents.map(parseEvent).filter((e) => {
    if (e.index === null) return true;
    const id = `${e.node ?? '-'}#${e.index}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  events.sort(chronological);

  const latest = new Map<string, { family: Family; event: ParsedEvent }>();
  const unpaired = new Map<string, ParsedEvent>();
  for (const e of events) {
    const family = EMS_FAMILIES.find((f) => f.raise === e.name || f.clear === e.name);
    const key = family?.key(e) ?? null;
    if (family && key !== null) {
      latest.set(`${family.id}/${key}`, { family, event: e });
    } else if (!isOneOf(ROUTINE_EMS_SEVERITIES, e.severity) && (e.time === null || now - e.time <= UNPAIRED_EVENT_WINDOW_MS)) {
      unpaired.set(`${e.name}/${e.node ?? '-'}`, e);
    }
  }

  const alerts: Alert[] = [];
  for (const [id, { family, event }] of latest) {
    if (event.name !== family.raise) continue;
    const subject = param(event, 'alert_id', 'alertId', 'peer_name', 'peerName', 'peer');
    const resource = param(event, 'alerting_resource', 'alerting_resource_name');
    alerts.push(toAlert(`ems:${id}`, event, subject ? `${event.name}: ${subject}` : event.name, resource ?? event.node));
  }
  for (const [id, event] of unpaired) alerts.push(toAlert(`ems:${id}`, event, event.name, event.node));
  return alerts.sort((a, b) => a.id.localeCompare(b.id));
}
