// The simulator of the poll-cycle benchmark, in its own process: its CPU and memory must not be
// counted as the poller's. Driven over IPC by bench/poll-cycle.ts.
import { buildSimulator, type Simulator } from '../src/simulator/app.js';
import { fleetFileOf } from '../src/simulator/fleet-file.js';
import type { SimFaults } from '../src/simulator/types.js';

type Message =
  | { cmd: 'start'; systems: number; latencyMs: number }
  | { cmd: 'faults'; name: string; faults: Partial<SimFaults> }
  | { cmd: 'stop' };

let sim: Simulator | null = null;
const reply = (value: unknown) => process.send?.(value);

process.on('message', async (m: Message) => {
  try {
    if (m.cmd === 'start') {
      await sim?.close();
      sim = await buildSimulator({ systems: m.systems, seed: 1, scenario: 'steady' });
      for (const spec of sim.specs) sim.setFaults(spec.id, { latencyMs: m.latencyMs });
      await sim.listen(0, '127.0.0.1');
      reply({ ok: true, fleet: fleetFileOf(sim) });
    } else if (m.cmd === 'faults') {
      const spec = sim?.specs.find((s) => s.name === m.name);
      if (!sim || !spec) throw new Error(`no system ${m.name}`);
      sim.setFaults(spec.id, m.faults);
      reply({ ok: true });
    } else {
      await sim?.close();
      reply({ ok: true });
      process.exit(0);
    }
  } catch (err) {
    reply({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
