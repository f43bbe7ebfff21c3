import { alertSeverityRank, healthRank } from '../../domain/severity.js';
import { ALERT_SEVERITIES } from '../../domain/snapshot.js';
import type { FleetSystem } from '../fleet-snapshot.js';
import type { FleetQuery, FleetSort } from './fleet-query.js';

/** The systems a query selects; free text matches name, address and model, case-insensitively. */
export function filterSystems(systems: readonly FleetSystem[], query: FleetQuery): FleetSystem[] {
  const text = query.q.toLowerCase();
  return systems.filter(
    (s) =>
      (query.vendor === null || s.vendor === query.vendor) &&
      (query.health === null || s.health === query.health) &&
      (query.tag === null || s.tags.includes(query.tag)) &&
      (text === '' || [s.name, s.address, s.model ?? ''].some((field) => field.toLowerCase().includes(text))),
  );
}

const byName = (a: FleetSystem, b: FleetSystem) => a.name.localeCompare(b.name) || a.id - b.id;

/** Most severe alert counts first: one critical outranks any number of warnings. */
function compareAlerts(a: FleetSystem, b: FleetSystem): number {
  const order = [...ALERT_SEVERITIES].sort((x, y) => alertSeverityRank(y) - alertSeverityRank(x));
  for (const severity of order) {
    const diff = b.alerts[severity] - a.alerts[severity];
    if (diff !== 0) return diff;
  }
  return 0;
}

/** An unreachable system is worse than a reachable one of the same health: nobody can see it. */
function compareHealth(a: FleetSystem, b: FleetSystem): number {
  return healthRank(b.health) - healthRank(a.health) || Number(b.reachability !== 'ok') - Number(a.reachability !== 'ok');
}

const COMPARE: Record<FleetSort, (a: FleetSystem, b: FleetSystem) => number> = {
  name: () => 0,
  health: compareHealth,
  capacity: (a, b) => (b.capacity?.percentUsed ?? -1) - (a.capacity?.percentUsed ?? -1),
  alerts: compareAlerts,
  // Never polled sorts first: it is the most out of date of all.
  lastpoll: (a, b) => (a.lastPolledAt ?? -1) - (b.lastPolledAt ?? -1),
};

/** A new array in the query's order; ties by name so the order never jumps between refreshes. */
export function sortSystems(systems: readonly FleetSystem[], sort: FleetSort): FleetSystem[] {
  const compare = COMPARE[sort];
  return [...systems].sort((a, b) => compare(a, b) || byName(a, b));
}
