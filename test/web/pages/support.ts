// Seeds systems through the repositories and builds the app with a chosen viewer, for the page tests.
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../../src/db/connect.js';
import { syncAlerts } from '../../../src/db/repositories/alerts.js';
import { recordCapacity } from '../../../src/db/repositories/capacity.js';
import { recordStatus } from '../../../src/db/repositories/status.js';
import { insertSystem } from '../../../src/db/repositories/systems.js';
import type { Alert, Component, Health, Reachability, Topology, Vendor } from '../../../src/domain/snapshot.js';
import type { WebActions } from '../../../src/web/actions.js';
import { buildApp } from '../../../src/web/app.js';
import { createFleetSnapshot, type FleetSnapshot } from '../../../src/web/fleet-snapshot.js';
import type { Viewer } from '../../../src/web/viewer.js';
import { capacityAt, makeSnapshot } from '../../domain/make-snapshot.js';
import { csrfFor } from '../../helpers/web-auth.js';

export const HOSTILE = '<img src=x onerror=alert(1)>';
export const MINUTE = 60_000;
export const POLL_MS = 60_000;

export interface SeedSystem {
  name: string;
  vendor?: Vendor;
  address?: string;
  tags?: string[];
  health?: Health;
  reachability?: Reachability;
  percent?: number | null;
  model?: string;
  topology?: Topology;
  components?: Component[];
  alerts?: Alert[];
  /** When the last poll happened; null: never polled. */
  polledAt?: number | null;
  createdAt?: number;
}

export async function seedSystem(handle: DatabaseHandle, seed: SeedSystem): Promise<number> {
  const db = handle.db;
  const now = Date.now();
  const vendor = seed.vendor ?? 'pure';
  const system = await insertSystem(
    db,
    { name: seed.name, vendor, address: seed.address ?? '10.0.0.1', port: null, tls: { mode: 'insecure' }, enabled: true, tags: seed.tags ?? [], credentialsSealed: 'test-only' },
    seed.createdAt ?? now - 10 * 24 * 60 * MINUTE,
  );
  const polledAt = seed.polledAt === undefined ? now - MINUTE : seed.polledAt;
  if (polledAt === null) return system.id;
  const capacity = seed.percent === null ? null : capacityAt(seed.percent ?? 50);
  const snapshot = makeSnapshot({
    polledAt,
    identity: { vendor, name: seed.name, model: seed.model ?? 'FA-X70R4', serial: 'SN1', osVersion: '6.5.10', apiVersion: '2.26', topology: seed.topology ?? 'ha' },
    capacity,
    components: seed.components ?? [],
    alerts: seed.alerts ?? [],
  });
  await recordStatus(db, {
    systemId: system.id,
    polledAt,
    reachability: seed.reachability ?? 'ok',
    health: seed.health ?? 'ok',
    message: seed.reachability && seed.reachability !== 'ok' ? 'connection refused' : null,
    durationMs: 120,
    snapshot,
  });
  if (capacity) await recordCapacity(db, system.id, polledAt, capacity);
  if (seed.alerts) await syncAlerts(db, system.id, polledAt, seed.alerts);
  return system.id;
}

export const signedIn = (role: Viewer['role'] = 'viewer'): Viewer => ({ userId: 1, username: `test-${role}`, role, via: 'session' });

export interface TestAppOptions {
  viewer?: Viewer | null;
  actions?: WebActions;
  anonymousRead?: boolean;
  fleet?: FleetSnapshot;
}

const csrfByApp = new WeakMap<FastifyInstance, Record<string, string>>();

/**
 * The real app; with `viewer`, a test-only hook (added after the auth plugin's) sets that viewer as
 * if signed in by session (so hostile names can be shown). It does not skip CSRF: state-changing
 * requests still need csrf(app), a real CSRF cookie and token from the sign-in page.
 */
export async function buildTestApp(handle: DatabaseHandle, options: TestAppOptions = {}): Promise<FastifyInstance> {
  const fleet = options.fleet ?? createFleetSnapshot(handle.db, { pollIntervalMs: POLL_MS });
  const app = await buildApp({ handle, fleet, options: { anonymousRead: options.anonymousRead ?? true, pollIntervalMs: POLL_MS }, actions: options.actions ?? {} });
  if (options.viewer !== undefined) {
    const viewer = options.viewer;
    app.addHook('onRequest', async (request) => {
      request.viewer = viewer;
    });
  }
  await app.ready();
  if (options.viewer) csrfByApp.set(app, await csrfHeaders(app));
  return app;
}

async function csrfHeaders(app: FastifyInstance): Promise<Record<string, string>> {
  const { cookie, token } = await csrfFor(app, '/');
  return { cookie, 'x-csrf-token': token };
}

/** The CSRF cookie and token header a signed-in browser sends with a POST (build the app with a viewer). */
export function csrf(app: FastifyInstance): Record<string, string> {
  const headers = csrfByApp.get(app);
  if (!headers) throw new Error('build the app with a viewer to get a CSRF token');
  return headers;
}

export const html = { accept: 'text/html' };
