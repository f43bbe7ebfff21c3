import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyRouterOptions, RawServerDefault } from 'fastify';
import { systemIdOf } from './faults.js';
import type { SessionStore } from './sessions.js';
import type { RegisterVendorRoutes, SimSystemState, SimVendor, VendorSimContext } from './types.js';

/**
 * Serving N systems without registering N copies of each vendor's routes. Fastify's route table
 * grows super-linearly (1000 systems × ~17 routes took 6–12 s to become ready), so each vendor
 * module is registered ONCE under the parametric prefix `/:systemId`, its routes constrained to
 * requests whose system is of that vendor, and its context resolves the system of the request in
 * flight through AsyncLocalStorage. To a vendor module this is indistinguishable from being
 * registered under `/<id>` with its own context (plus one extra route param, `systemId`).
 */
export interface MountedSystem {
  vendor: SimVendor;
  state(): SimSystemState;
  sessions: SessionStore;
}

const current = new AsyncLocalStorage<MountedSystem>();

/** The route constraint: which vendor the system named by the first path segment belongs to. */
function vendorConstraint(systemOf: (id: string) => MountedSystem | undefined) {
  return {
    name: 'simVendor',
    storage() {
      const byVendor = new Map<string, unknown>();
      return { get: (v: string) => byVendor.get(v) ?? null, set: (v: string, store: unknown) => void byVendor.set(v, store) };
    },
    validate(value: unknown) {
      if (typeof value !== 'string') throw new Error('simVendor must be a vendor name');
    },
    // undefined for paths outside any system, so unconstrained routes (the index) still match there.
    deriveConstraint: (req: { url?: string }) => systemOf(systemIdOf(req.url ?? '/'))?.vendor,
    // A system's paths must never fall through to another vendor's (or an unconstrained) route.
    mustMatchWhenDerived: true,
  };
}

type Constraints = NonNullable<FastifyRouterOptions<RawServerDefault>['constraints']>;

/** For Fastify's `routerOptions.constraints`. */
export function serverConstraints(systemOf: (id: string) => MountedSystem | undefined): Constraints {
  return { simVendor: vendorConstraint(systemOf) } as Constraints;
}

/** The context handed to a vendor module: every call answers for the system of the current request. */
function requestBoundContext(): VendorSimContext {
  const system = () => {
    const found = current.getStore();
    if (!found) throw new Error('a simulator vendor context was used outside a request to one of its systems');
    return found;
  };
  return {
    state: () => system().state(),
    sessions: {
      issue: () => system().sessions.issue(),
      isValid: (token) => system().sessions.isValid(token),
      revoke: (token) => system().sessions.revoke(token),
    },
  };
}

/**
 * Mounts the vendor modules. The first root hook binds each request to its system for the rest of
 * its life (hooks, body parsing, handler, onSend), so it must be added before any other hook.
 */
export function mountVendors(app: FastifyInstance, systemOf: (id: string) => MountedSystem | undefined, vendors: Record<SimVendor, RegisterVendorRoutes>): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const system = systemOf(systemIdOf(request.url));
    if (system) current.run(system, done);
    else done();
  });
  for (const [vendor, register] of Object.entries(vendors)) {
    app.register(
      async (scope) => {
        scope.addHook('onRoute', (route) => {
          route.constraints = { ...route.constraints, simVendor: vendor };
        });
        register(scope, requestBoundContext());
      },
      { prefix: '/:systemId' },
    );
  }
}
