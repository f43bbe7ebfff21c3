import path from 'node:path';
import closeWithGrace from 'close-with-grace';
import { buildSimulator } from '../simulator/app.js';
import { fleetFileOf, writeFleetFile } from '../simulator/fleet-file.js';
import { defaultScenario, scenarios } from '../simulator/scenarios.js';
import { parseCommandArgs, parseWholeNumber } from './args.js';
import { type CliIo, UsageError } from './io.js';

const usage = `usage: sfd simulate --systems N [options]

Serves N simulated storage systems (Pure FlashArray, ONTAP, StorageGRID, Data Domain in turn), each
under its own base URL, and writes a fleet file describing them. No database is needed.

options:
  --systems N         how many systems to serve (required)
  --port PORT         port to listen on (default 8443; 0 picks a free one)
  --host HOST         address to listen on (default 127.0.0.1)
  --seed S            seed of the fleet and its history (default 1)
  --scenario NAME     ${Object.values(scenarios)
    .map((s) => `${s.name}${s.name === defaultScenario ? ' (default)' : ''}`)
    .join(', ')}
  --speed X           simulated time runs X times faster than real time (default 1)
  --fleet-file PATH   where to write the fleet file (default ./simulated-fleet.json)
  --no-tls            plain HTTP instead of HTTPS with a self-signed certificate
  -h, --help          show this help`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      systems: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      scenario: { type: 'string' },
      speed: { type: 'string' },
      'fleet-file': { type: 'string' },
      'no-tls': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    usage,
  );
  if (values.help) {
    io.out(usage);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, usage);
  const systems = parseWholeNumber('systems', values.systems, usage, 1);
  if (systems === undefined) throw new UsageError('--systems is required', usage);
  const port = parseWholeNumber('port', values.port, usage) ?? 8443;
  if (port > 65535) throw new UsageError(`--port must be at most 65535, not ${port}`, usage);
  const seed = parseWholeNumber('seed', values.seed, usage) ?? 1;
  const scenario = values.scenario ?? defaultScenario;
  if (!scenarios[scenario]) throw new UsageError(`unknown scenario "${scenario}" (known: ${Object.keys(scenarios).join(', ')})`, usage);
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!(speed > 0) || !Number.isFinite(speed)) throw new UsageError(`--speed must be a positive number, not "${values.speed}"`, usage);

  const sim = await buildSimulator({ systems, seed, scenario, speed, tls: values['no-tls'] ? 'none' : 'self-signed' });
  const closing = new Promise<void>((resolve) => {
    closeWithGrace({ delay: 5_000, logger: { error: (m: unknown) => io.err(String(m)) } }, async ({ signal, err }) => {
      if (err) io.err(`stopping after an unexpected error: ${err instanceof Error ? err.message : String(err)}`);
      else io.out(`${signal}: stopping`);
      await sim.close();
      resolve();
    });
  });

  const origin = await sim.listen(port, values.host ?? '127.0.0.1');
  const fleetFile = await writeFleetFile(path.resolve(io.cwd, values['fleet-file'] ?? 'simulated-fleet.json'), fleetFileOf(sim));
  const counts = new Map<string, number>();
  for (const spec of sim.specs) counts.set(spec.vendor, (counts.get(spec.vendor) ?? 0) + 1);
  io.out(`simulator listening on ${origin}`);
  io.out(`  ${systems} systems: ${[...counts].map(([vendor, n]) => `${vendor} ${n}`).join(', ')}`);
  io.out(`  seed ${seed}, scenario ${scenario}, speed ${speed}x`);
  io.out(`  each system at ${origin}/<name>, e.g. ${sim.baseUrlOf(sim.specs[0]?.id ?? '')}`);
  if (sim.fingerprintSha256) io.out(`  TLS: self-signed, SHA-256 fingerprint ${sim.fingerprintSha256}`);
  io.out(`fleet file: ${fleetFile}`);
  await closing;
  return 0;
}

