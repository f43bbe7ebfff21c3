import type { SimSystemSpec } from './model.js';
import { unitAt } from './random.js';
import type { SimAlert, SimComponent, SimComponentState, SimSeverity } from './types.js';

/**
 * Incidents: things that go wrong for a while and then recover. Each simulated hour of each system
 * may start one, decided by hash32(system, hour) — so "what was open at time t" is answered by
 * looking back over a bounded window, with no replay and no stored history.
 */
export interface Incident {
  /** Stable alert id: grows with the hour the incident started. */
  alertId: string;
  hour: number;
  raisedAt: number;
  clearedAt: number;
  severity: SimSeverity;
  code: string;
  title: string;
  component: string | null;
  /** What the incident does to its component or replication relationship while open. */
  effect: { component: string; state: SimComponentState } | { replication: number; broken: boolean } | null;
}

export const HOUR = 3_600_000;
/** Cleared alerts stay listed this long (vendors keep history; ONTAP clients skip events older than 96 h). */
export const RETENTION_HOURS = 72;

const componentFaults = {
  psu: { state: 'failed', severity: 'major', code: 'psu_failed', title: (c: string) => `Power supply ${c} has failed` },
  drive: { state: 'failed', severity: 'major', code: 'drive_failed', title: (c: string) => `Drive ${c} has failed` },
  fan: { state: 'degraded', severity: 'warning', code: 'fan_degraded', title: (c: string) => `Fan ${c} is running outside its normal range` },
  port: { state: 'offline', severity: 'warning', code: 'port_down', title: (c: string) => `Port ${c} link is down` },
} as const;

const notices: readonly [string, SimSeverity, string][] = [
  ['certificate_expiring', 'warning', 'The management certificate expires in 14 days'],
  ['ntp_unreachable', 'warning', 'The configured NTP servers are unreachable'],
  ['support_connection_lost', 'info', 'The connection to vendor support (phone-home) is lost'],
  ['high_latency', 'warning', 'Average I/O latency is above its threshold'],
  ['config_backup_failed', 'info', 'The scheduled configuration backup failed'],
];

/** Hours to look back: the longest incident plus the retention of cleared alerts. */
export const lookbackHours = (spec: SimSystemSpec) => spec.profile.maxEventHours + RETENTION_HOURS;

/** Which components an incident can hit, computed once per system rather than once per hour. */
interface Targets {
  faulty: readonly SimComponent[];
  /** Nodes/controllers (only when there are several: one going down would be an outage) and services. */
  down: readonly SimComponent[];
}
const targetsCache = new WeakMap<SimSystemSpec, Targets>();

function targetsOf(spec: SimSystemSpec): Targets {
  let targets = targetsCache.get(spec);
  if (!targets) {
    const nodes = spec.components.filter((c) => c.kind === 'node' || c.kind === 'controller');
    targets = {
      faulty: spec.components.filter((c) => c.kind in componentFaults),
      down: [...(nodes.length > 1 ? nodes : []), ...spec.components.filter((c) => c.kind === 'service')],
    };
    targetsCache.set(spec, targets);
  }
  return targets;
}

function nth<T>(items: readonly T[], u: number): T | undefined {
  return items[Math.floor(u * items.length)];
}

/** The incident that starts in `hour` (relative to the start of the simulation), if any. */
export function incidentAt(spec: SimSystemSpec, hour: number): Incident | null {
  const { key, profile } = spec;
  if (hour < -lookbackHours(spec)) return null;
  if (unitAt(key, hour, 1) >= Math.min(1, profile.eventsPerDay / 24)) return null;
  const raisedAt = spec.startAt + hour * HOUR + Math.floor(unitAt(key, hour, 2) * HOUR);
  const hours = 0.25 + unitAt(key, hour, 3) * (profile.maxEventHours - 0.25);
  const base = { alertId: String(1000 + hour + lookbackHours(spec)), hour, raisedAt, clearedAt: raisedAt + Math.round(hours * HOUR) };
  const which = unitAt(key, hour, 4);
  const u = unitAt(key, hour, 5);
  const targets = targetsOf(spec);

  if (which < profile.componentShare) {
    const target = nth(targets.faulty, u);
    if (target) {
      const f = componentFaults[target.kind as keyof typeof componentFaults];
      return { ...base, severity: f.severity, code: f.code, title: f.title(target.id), component: target.id, effect: { component: target.id, state: f.state } };
    }
  }
  if (which < profile.componentShare + 0.15) {
    const target = nth(targets.down, u);
    if (target) return { ...base, ...downIncident(target), component: target.id, effect: { component: target.id, state: 'offline' } };
  }
  if (which < profile.componentShare + 0.3 && spec.replication.length > 0) {
    const r = Math.floor(unitAt(key, hour, 6) * spec.replication.length);
    const rel = spec.replication[r];
    const broken = unitAt(key, hour, 7) < 0.3;
    if (rel) {
      const title = broken ? `Replication ${rel.name} to ${rel.partner} is broken` : `Replication ${rel.name} to ${rel.partner} is lagging`;
      return { ...base, severity: broken ? 'major' : 'warning', code: broken ? 'replication_broken' : 'replication_lag', title, component: null, effect: { replication: r, broken } };
    }
  }
  const [code, severity, title] = nth(notices, u) ?? ['notice', 'info', 'Notice'];
  return { ...base, severity, code, title, component: null, effect: null };
}

function downIncident(target: SimComponent): Pick<Incident, 'severity' | 'code' | 'title'> {
  if (target.kind === 'service') return { severity: 'major', code: 'service_down', title: `Service ${target.id} is down` };
  const what = target.kind === 'controller' ? 'Controller' : 'Node';
  return { severity: 'critical', code: 'node_down', title: `${what} ${target.id} is down` };
}

// Incidents never change once their hour is known, so each system remembers its recent window:
// a poll then only computes the hours that passed since the previous one.
const windows = new WeakMap<SimSystemSpec, Map<number, Incident | null>>();

/** Every incident raised at or before t that is still open or was cleared within the retention. */
export function incidentsAt(spec: SimSystemSpec, t: number): Incident[] {
  const now = Math.floor((t - spec.startAt) / HOUR);
  const from = now - lookbackHours(spec);
  let window = windows.get(spec);
  if (!window) {
    window = new Map();
    windows.set(spec, window);
  }
  if (window.size > 4 * lookbackHours(spec)) {
    for (const hour of window.keys()) if (hour < from || hour > now) window.delete(hour);
  }
  const found: Incident[] = [];
  for (let hour = from; hour <= now; hour++) {
    let incident = window.get(hour);
    if (incident === undefined) {
      incident = incidentAt(spec, hour);
      window.set(hour, incident);
    }
    if (!incident || incident.raisedAt > t) continue;
    if (incident.clearedAt <= t && incident.clearedAt < t - RETENTION_HOURS * HOUR) continue;
    found.push(incident);
  }
  return found;
}

export function alertOf(incident: Incident, t: number): SimAlert {
  return {
    id: incident.alertId,
    severity: incident.severity,
    code: incident.code,
    title: incident.title,
    component: incident.component,
    raisedAt: incident.raisedAt,
    clearedAt: incident.clearedAt <= t ? incident.clearedAt : null,
  };
}
