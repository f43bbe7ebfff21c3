// Shared pieces of the poller tests: a simulator fleet as storage_systems rows with their targets,
// and a log writer that records entries instead of writing them.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { buildSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/app.js';
import type { SimSystemState } from '../../src/simulator/types.js';
import type { LogEntry, LogWriter } from '../../src/system-log/types.js';
import type { SystemTarget } from '../../src/vendors/client.js';
import type { PollTarget } from '../../src/poller/poll-system.js';
import { insertSystemRow } from '../db/repositories/support.js';

export async function startSimulator(options: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  const sim = await buildSimulator({ systems: 4, seed: 7, startAt: Date.parse('2026-11-01T00:00:00Z'), ...options });
  await sim.listen(0, '127.0.0.1');
  return sim;
}

/** HTTPS pinned to the simulator's certificate, as an operator would configure a self-signed array. */
export function simTarget(sim: Simulator, state: SimSystemState): SystemTarget {
  const { username, password, apiToken } = state.credentials;
  return {
    name: state.name,
    vendor: state.vendor,
    baseUrl: sim.baseUrlOf(state.id),
    tls: { mode: 'pinned', fingerprintSha256: sim.fingerprintSha256 ?? '' },
    credentials: state.vendor === 'pure' ? { apiToken } : { username, password },
  };
}

export interface FleetMember extends PollTarget {
  simId: string;
}

/** One storage_systems row per simulated system. */
export async function insertFleet(db: Kysely<Database>, sim: Simulator): Promise<FleetMember[]> {
  const out: FleetMember[] = [];
  for (const state of sim.systems) {
    const id = await insertSystemRow(db, state.name, state.vendor);
    out.push({ id, simId: state.id, target: simTarget(sim, state) });
  }
  return out;
}

export function captureWriter(): Pick<LogWriter, 'write'> & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return { entries, write: (e) => void entries.push(e) };
}
