import { alertOf, HOUR, incidentsAt } from './incidents.js';
import type { CapacityPlan, SimSystemSpec } from './model.js';
import { unitAt } from './random.js';
import type { SimCapacity, SimComponent, SimComponentState, SimReplication, SimSystemState } from './types.js';

const DAY = 24 * HOUR;
const NOISE_STEP = 6 * HOUR;
const MAX_EXPANSIONS = 64;

/** The state of one system at simulated time t: a pure function of the spec and t. */
export function stateAt(spec: SimSystemSpec, t: number): SimSystemState {
  const incidents = incidentsAt(spec, t);
  const open = incidents.filter((i) => i.clearedAt > t);
  const componentStates = new Map<string, SimComponentState>();
  for (const incident of open) {
    const effect = incident.effect;
    if (effect && 'component' in effect) componentStates.set(effect.component, worse(componentStates.get(effect.component), effect.state));
  }
  const components: SimComponent[] = spec.components.map((c) => {
    // A node that is down takes its ports and services with it (but raises no extra alerts).
    const parentDown = c.parent !== null && componentStates.get(c.parent) === 'offline' && (c.kind === 'port' || c.kind === 'service');
    const state = parentDown ? 'offline' : (componentStates.get(c.id) ?? 'ok');
    return state === c.state ? c : { ...c, state };
  });
  const replication: SimReplication[] = spec.replication.map((r, i) => {
    const hit = open.find((o) => o.effect && 'replication' in o.effect && o.effect.replication === i);
    const normalLag = Math.round(30 + unitAt(spec.key, Math.floor((t - spec.startAt) / HOUR), 40 + i) * 600);
    if (!hit?.effect || !('replication' in hit.effect)) return { ...r, state: 'ok', lagSeconds: normalLag };
    return { ...r, state: hit.effect.broken ? 'broken' : 'lagging', lagSeconds: normalLag + Math.round((t - hit.raisedAt) / 1000) };
  });
  return {
    id: spec.id,
    name: spec.name,
    vendor: spec.vendor,
    serial: spec.serial,
    model: spec.model,
    osVersion: spec.osVersion,
    topology: spec.topology,
    credentials: spec.credentials,
    capacity: capacityAt(spec, t),
    components,
    alerts: incidents.map((i) => alertOf(i, t)),
    replication,
    now: t,
  };
}

const rank: Record<SimComponentState, number> = { ok: 0, degraded: 1, offline: 2, failed: 3 };
const worse = (a: SimComponentState | undefined, b: SimComponentState) => (a !== undefined && rank[a] > rank[b] ? a : b);

/**
 * Used capacity = a linear trend + smooth noise (+ Data Domain garbage that grows between cleaning
 * runs and drops at each one, the familiar sawtooth). Total jumps whenever the trend crosses the
 * system's expansion threshold: the owner bought another shelf.
 */
export function capacityAt(spec: SimSystemSpec, t: number): SimCapacity {
  const plan = spec.capacity;
  const days = (t - spec.startAt) / DAY;
  const trend = Math.max(plan.usedBytes * 0.2, plan.usedBytes + plan.growthPerDay * days);
  const total = totalAt(spec, plan, days);
  const noise = smoothNoise(spec.key, t - spec.startAt) * plan.totalBytes * 0.002;
  const garbage = plan.cleaning ? garbageAt(plan.cleaning, t - spec.startAt) : 0;
  const used = Math.round(Math.min(total, Math.max(0, trend + noise + garbage)));
  return { totalBytes: total, usedBytes: used, logicalBytes: Math.round(used * plan.dataReduction), dataReduction: plan.dataReduction };
}

function totalAt(spec: SimSystemSpec, plan: CapacityPlan, days: number): number {
  let total = plan.totalBytes;
  if (plan.growthPerDay <= 0) return total;
  for (let n = 0; n < MAX_EXPANSIONS; n++) {
    const crossesAt = (plan.expandAt * total - plan.usedBytes) / plan.growthPerDay;
    if (crossesAt > days) break;
    // Shelves come in whole TiB; 25–60 % more each time.
    total += Math.round((total * (0.25 + 0.35 * unitAt(spec.key, n, 30))) / 2 ** 40) * 2 ** 40;
  }
  return total;
}

function garbageAt(cleaning: NonNullable<CapacityPlan['cleaning']>, sinceStart: number): number {
  const phase = (((sinceStart + cleaning.phaseMs) % cleaning.periodMs) + cleaning.periodMs) % cleaning.periodMs;
  return cleaning.garbageBytes * (phase / cleaning.periodMs);
}

/** Value noise in [-1, 1], interpolated between hashed points every NOISE_STEP. */
function smoothNoise(key: number, sinceStart: number): number {
  const x = sinceStart / NOISE_STEP;
  const i = Math.floor(x);
  const f = x - i;
  const a = unitAt(key, i, 20) * 2 - 1;
  const b = unitAt(key, i + 1, 20) * 2 - 1;
  return a + (b - a) * (f * f * (3 - 2 * f));
}
