import type { SimFaults } from './types.js';

/** How a fleet evolves: the knobs a scenario turns. Shares are of the system's initial total. */
export interface EvolutionProfile {
  /** Mean incidents (alerts, failures, nodes down) per system per simulated day. */
  eventsPerDay: number;
  /** Incidents last between 15 minutes and this many hours. */
  maxEventHours: number;
  /** Share of incidents that fail a PSU, drive, fan or port (the rest: nodes, replication, notices). */
  componentShare: number;
  /** Used-capacity growth per simulated day, as a share of the initial total. */
  growthPerDay: [number, number];
  /** Used share at the start; stays below expandAt so nobody starts out over the threshold. */
  initialUsed: [number, number];
  /** Used share at which the owner expands the system. */
  expandAt: [number, number];
  /** Data Domain cleaning runs this often (simulated hours). */
  cleaningPeriodHours: number;
}

export interface Scenario {
  name: string;
  summary: string;
  profile: EvolutionProfile;
  /** Faults by system position (index in the fleet); positions beyond the fleet are ignored. */
  faults: Record<number, Partial<SimFaults>>;
}

const steady: EvolutionProfile = {
  eventsPerDay: 0.5,
  maxEventHours: 24,
  componentShare: 0.4,
  growthPerDay: [0.0005, 0.003],
  initialUsed: [0.3, 0.7],
  expandAt: [0.8, 0.9],
  cleaningPeriodHours: 168,
};

export const scenarios: Record<string, Scenario> = {
  steady: { name: 'steady', summary: 'a healthy fleet: slow growth, a few alerts', profile: steady, faults: {} },
  busy: {
    name: 'busy',
    summary: 'many alerts and failing components',
    profile: { ...steady, eventsPerDay: 10, maxEventHours: 36, componentShare: 0.6, initialUsed: [0.4, 0.78], cleaningPeriodHours: 24 },
    faults: {},
  },
  degraded: {
    name: 'degraded',
    summary: 'the first six systems misbehave: hang, 5xx, malformed JSON, HTML error, token expiry, slow',
    profile: steady,
    // Positions follow the vendor round-robin: token expiry lands on Pure (a session API, unlike
    // ONTAP's basic auth), and each broken answer hits a different vendor's client.
    faults: {
      0: { hang: true },
      1: { errorRate: 1 },
      2: { malformedBody: true },
      3: { htmlError: true },
      4: { tokenExpiry: true },
      5: { latencyMs: 3000, latencyJitterMs: 2000 },
    },
  },
  growth: {
    name: 'growth',
    summary: 'fast capacity growth with expansions, for forecasts',
    profile: { ...steady, growthPerDay: [0.01, 0.03], initialUsed: [0.6, 0.78], expandAt: [0.82, 0.9], cleaningPeriodHours: 24 },
    faults: {},
  },
};

export const defaultScenario = 'steady';

export function scenarioNamed(name: string | undefined): Scenario {
  const scenario = scenarios[name ?? defaultScenario];
  if (!scenario) throw new Error(`unknown scenario "${name}" (known: ${Object.keys(scenarios).join(', ')})`);
  return scenario;
}
