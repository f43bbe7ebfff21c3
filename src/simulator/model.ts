import { hardwareOf, vendorOrder } from './catalog.js';
import type { SimClock } from './clock.js';
import { stateAt } from './evolve.js';
import { createRandom, hash32, picker, uuidOf } from './random.js';
import type { EvolutionProfile } from './scenarios.js';
import type { SimComponent, SimCredentials, SimReplication, SimSystemState, SimVendor } from './types.js';

/**
 * Everything about one system that does not change with time. Its state at any simulated instant
 * is `stateAt(spec, t)`: a pure function, so no system ever needs a timer and the same seed always
 * replays the same history, whatever order requests arrive in.
 */
export interface SimSystemSpec {
  index: number;
  id: string;
  name: string;
  vendor: SimVendor;
  serial: string;
  model: string;
  osVersion: string;
  topology: SimSystemState['topology'];
  credentials: SimCredentials;
  location: string;
  tags: string[];
  components: readonly SimComponent[];
  replication: readonly Pick<SimReplication, 'id' | 'name' | 'partner'>[];
  capacity: CapacityPlan;
  /** Addresses this system's coordinates in hash32 (its incidents, noise, expansions). */
  key: number;
  profile: EvolutionProfile;
  startAt: number;
}

export interface CapacityPlan {
  totalBytes: number;
  usedBytes: number;
  /** Bytes per simulated day. */
  growthPerDay: number;
  dataReduction: number;
  /** Used share of total at which the owner buys more (then total jumps). */
  expandAt: number;
  /** Data Domain only: garbage that accumulates between cleaning runs and is reclaimed by them. */
  cleaning: { periodMs: number; phaseMs: number; garbageBytes: number } | null;
}

const HOUR = 3_600_000;
const TiB = 2 ** 40;
const locations = ['fra1', 'ams2', 'lon1', 'nyc3', 'sjc1', 'sin1'];
const usernames: Record<SimVendor, string> = { pure: 'sfd-readonly', ontap: 'sfd-monitor', storagegrid: 'sfd-monitor', datadomain: 'sfd-monitor' };

export interface FleetOptions {
  systems: number;
  seed: number;
  profile: EvolutionProfile;
  startAt: number;
}

/** Vendors round-robin (pure, ontap, storagegrid, datadomain, …), so any 4 consecutive systems cover all four. */
export function buildSpecs(options: FleetOptions): SimSystemSpec[] {
  const { systems, seed, profile, startAt } = options;
  if (!Number.isInteger(systems) || systems < 0) throw new Error(`systems must be a whole number, not ${systems}`);
  const width = Math.max(2, String(Math.ceil(systems / vendorOrder.length)).length);
  const specs = Array.from({ length: systems }, (_, index) => buildSpec(seed, index, width, profile, startAt));
  // Partners are the neighbouring system of the same vendor, so replication points inside the fleet.
  for (const spec of specs) {
    const partner = specs[spec.index + 4] ?? specs[spec.index - 4];
    const partnerName = partner?.name ?? `${spec.name}-dr`;
    spec.replication = spec.replication.map((r) => ({ ...r, partner: partnerName }));
  }
  return specs;
}

function buildSpec(seed: number, index: number, width: number, profile: EvolutionProfile, startAt: number): SimSystemSpec {
  const vendor = vendorOrder[index % vendorOrder.length] as SimVendor;
  // Each system draws from its own stream, so system i is the same whatever the fleet size.
  const key = hash32(seed, index);
  const p = picker(createRandom(key));
  const ordinal = String(Math.floor(index / vendorOrder.length) + 1).padStart(width, '0');
  const hw = hardwareOf[vendor](p, ordinal);
  const [minTotal, maxTotal] = hw.capacity;
  // Log-uniform: small systems are more common than huge ones.
  const totalBytes = Math.round(Math.exp(p.between(Math.log(minTotal), Math.log(maxTotal))) / TiB) * TiB;
  const usedShare = p.between(profile.initialUsed[0], profile.initialUsed[1]);
  const location = p.pick(locations);
  return {
    index,
    id: hw.name,
    name: hw.name,
    vendor,
    serial: hw.serial,
    model: hw.model,
    osVersion: hw.osVersion,
    topology: hw.topology,
    credentials: {
      username: usernames[vendor],
      password: `Sim-${hash32(key, 7).toString(36)}-${hash32(key, 8).toString(36)}`,
      apiToken: uuidOf(String(seed), hw.name, 'api-token'),
    },
    location,
    tags: ['simulated', `site:${location}`, `env:${p.pick(['prod', 'prod', 'dr', 'dev'])}`],
    components: hw.components,
    replication: replicationOf(vendor, hw.topology, hw.name, p),
    capacity: {
      totalBytes,
      usedBytes: Math.round(totalBytes * usedShare),
      growthPerDay: totalBytes * p.between(profile.growthPerDay[0], profile.growthPerDay[1]),
      dataReduction: Math.round(p.between(hw.reduction[0], hw.reduction[1]) * 100) / 100,
      expandAt: p.between(profile.expandAt[0], profile.expandAt[1]),
      cleaning:
        vendor === 'datadomain'
          ? { periodMs: profile.cleaningPeriodHours * HOUR, phaseMs: p.between(0, profile.cleaningPeriodHours) * HOUR, garbageBytes: totalBytes * p.between(0.03, 0.08) }
          : null,
    },
    key,
    profile,
    startAt,
  };
}

function replicationOf(vendor: SimVendor, topology: SimSystemState['topology'], name: string, p: ReturnType<typeof picker>) {
  const names: string[] = [];
  if (vendor === 'pure') names.push(...(topology === 'active-cluster' ? [`pod-${p.pick(['db', 'vdi', 'erp'])}`] : []), 'array-connection');
  if (vendor === 'ontap') names.push(...Array.from({ length: p.int(1, 3) }, (_, i) => `svm${i + 1}:vol_${p.pick(['db', 'vm', 'home', 'logs'])}${i + 1}`));
  if (vendor === 'datadomain') names.push(...Array.from({ length: p.int(1, 2) }, (_, i) => `/data/col1/${p.pick(['backup', 'oracle', 'vmware', 'sql'])}${i + 1}`));
  return names.map((n, i) => ({ id: uuidOf(name, 'replication', String(i)), name: n, partner: '' }));
}

/** The live fleet: specs plus the clock, with a one-entry cache per system for bursts of requests. */
export interface SimModel {
  readonly specs: readonly SimSystemSpec[];
  specOf(id: string): SimSystemSpec | undefined;
  /** The state of a system at the current simulated second. Treat it as read-only. */
  stateOf(id: string): SimSystemState;
  states(): SimSystemState[];
}

export function createModel(specs: SimSystemSpec[], clock: SimClock): SimModel {
  const byId = new Map(specs.map((s) => [s.id, s]));
  const cache = new Map<string, SimSystemState>();
  const stateOf = (id: string) => {
    const spec = byId.get(id);
    if (!spec) throw new Error(`no simulated system "${id}"`);
    // Whole simulated seconds: one poll's many requests then see one consistent state.
    const t = Math.floor(clock.now() / 1000) * 1000;
    const cached = cache.get(id);
    if (cached?.now === t) return cached;
    const state = stateAt(spec, t);
    cache.set(id, state);
    return state;
  };
  return { specs, specOf: (id) => byId.get(id), stateOf, states: () => specs.map((s) => stateOf(s.id)) };
}
