import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { createClock, type SimClock } from './clock.js';
import { registerControlRoutes } from './control.js';
import { registerDatadomainRoutes } from './datadomain.js';
import { applyFaults, createFaultBook, type FaultTarget } from './faults.js';
import { buildSpecs, createModel, type SimSystemSpec } from './model.js';
import { type MountedSystem, mountVendors, serverConstraints } from './mount.js';
import { registerOntapRoutes } from './ontap.js';
import { registerPureRoutes } from './pure.js';
import { createRandom, hash32 } from './random.js';
import { scenarioNamed } from './scenarios.js';
import { createSessionStore } from './sessions.js';
import { registerStoragegridRoutes } from './storagegrid.js';
import { createCertificate } from './tls.js';
import type { RegisterVendorRoutes, SimFaults, SimSystemState, SimVendor } from './types.js';

const vendorRoutes: Record<SimVendor, RegisterVendorRoutes> = {
  pure: registerPureRoutes,
  ontap: registerOntapRoutes,
  storagegrid: registerStoragegridRoutes,
  datadomain: registerDatadomainRoutes,
};

export interface SimulatorOptions {
  systems: number;
  seed: number;
  /** steady (default), busy, degraded, growth — see scenarios.ts. */
  scenario?: string;
  /** Simulated ms per real ms (default 1). */
  speed?: number;
  /** HTTPS with a fresh self-signed certificate (default), or plain HTTP. */
  tls?: 'self-signed' | 'none';
  /** Faults by system id, applied over the scenario's. */
  faults?: Record<string, Partial<SimFaults>>;
  /** Simulated epoch ms at start (default: real now); fix it for reproducible tests. */
  startAt?: number;
  /** Mount POST /_sim/systems/:id/faults (demo mode and browser tests change faults over HTTP). */
  control?: boolean;
  /** Fastify's logger (default off: the simulator is a test double, its requests are noise). */
  logger?: FastifyServerOptions['logger'];
}

export interface Simulator {
  app: FastifyInstance;
  /** Every system's state at the current simulated time. */
  readonly systems: SimSystemState[];
  readonly specs: readonly SimSystemSpec[];
  readonly scenario: string;
  readonly clock: SimClock;
  readonly tls: boolean;
  /** PEM of the self-signed certificate (null with tls: 'none'); trust it as a CA, or pin it. */
  readonly certificatePem: string | null;
  readonly fingerprintSha256: string | null;
  stateOf(id: string): SimSystemState;
  /** `<origin>/<id>`, once listening. */
  baseUrlOf(id: string): string;
  /** Listens and returns the origin, e.g. https://127.0.0.1:40123. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  setFaults(id: string, faults: Partial<SimFaults>): SimFaults;
  faultsOf(id: string): SimFaults;
  /** Revoke every session of a system now (tests of the re-login path). */
  expireSessions(id: string): void;
}

export async function buildSimulator(options: SimulatorOptions): Promise<Simulator> {
  const scenario = scenarioNamed(options.scenario);
  const clock = createClock({ speed: options.speed ?? 1, ...(options.startAt === undefined ? {} : { startAt: options.startAt }) });
  const specs = buildSpecs({ systems: options.systems, seed: options.seed, profile: scenario.profile, startAt: clock.startAt });
  const model = createModel(specs, clock);
  const scenarioFaults = Object.fromEntries(
    Object.entries(scenario.faults).flatMap(([position, f]) => {
      const spec = specs[Number(position)];
      return spec ? [[spec.id, f]] : [];
    }),
  );
  const faults = createFaultBook(
    specs.map((s) => s.id),
    scenarioFaults,
  );
  for (const [id, change] of Object.entries(options.faults ?? {})) faults.set(id, change);

  const systems = new Map<string, MountedSystem & FaultTarget>();
  for (const spec of specs) {
    systems.set(spec.id, {
      vendor: spec.vendor,
      state: () => model.stateOf(spec.id),
      sessions: createSessionStore(() => faults.get(spec.id)),
      faults: () => faults.get(spec.id),
      random: createRandom(hash32(options.seed, spec.index, 0xfa17)),
    });
  }

  const certificate = options.tls === 'none' ? null : await createCertificate();
  const serverOptions = {
    logger: options.logger ?? false,
    // Hung requests are never answered, so close() must destroy open sockets rather than wait for them.
    forceCloseConnections: true,
    routerOptions: { constraints: serverConstraints((id) => systems.get(id)) },
    ...(certificate ? { https: { key: certificate.key, cert: certificate.cert } } : {}),
  };
  // One instance type for both schemes: vendor modules only see the routing API, which is the same.
  const app = Fastify(serverOptions as FastifyServerOptions) as unknown as FastifyInstance;
  mountVendors(app, (id) => systems.get(id), vendorRoutes);
  applyFaults(app, (id) => systems.get(id));
  if (options.control) registerControlRoutes(app, (id, change) => faults.set(id, change), (id) => systems.has(id));
  app.get('/', async () => ({ scenario: scenario.name, systems: specs.map((s) => ({ id: s.id, vendor: s.vendor, path: `/${s.id}` })) }));

  let origin: string | null = null;
  const known = (id: string) => {
    if (!systems.has(id)) throw new Error(`no simulated system "${id}"`);
    return id;
  };
  return {
    app,
    get systems() {
      return model.states();
    },
    specs,
    scenario: scenario.name,
    clock,
    tls: certificate !== null,
    certificatePem: certificate?.cert ?? null,
    fingerprintSha256: certificate?.fingerprintSha256 ?? null,
    stateOf: (id) => model.stateOf(id),
    baseUrlOf(id) {
      if (origin === null) throw new Error('the simulator is not listening yet');
      return `${origin}/${known(id)}`;
    },
    async listen(port = 0, host = '127.0.0.1') {
      await app.listen({ port, host });
      const address = app.server.address() as AddressInfo;
      // A wildcard address is not somewhere a client can connect to; loopback is.
      const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      origin = `${certificate ? 'https' : 'http'}://${reachable.includes(':') ? `[${reachable}]` : reachable}:${address.port}`;
      return origin;
    },
    async close() {
      await app.close();
    },
    setFaults: (id, change) => faults.set(id, change),
    faultsOf: (id) => faults.get(known(id)),
    expireSessions: (id) => systems.get(known(id))?.sessions.revokeAll(),
  };
}
