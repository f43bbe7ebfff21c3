// Builds the app for API tests, with a test-only way to be someone: the `x-test-role` header
// (admin | viewer | anonymous) sets request.viewer as a bearer-token caller would be. The hook is
// added to the root after buildApp, so it runs after the auth plugin's own onRequest hook.
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../../src/db/connect.js';
import { recordCapacity } from '../../../src/db/repositories/capacity.js';
import { recordStatus } from '../../../src/db/repositories/status.js';
import { syncAlerts } from '../../../src/db/repositories/alerts.js';
import { insertSystem } from '../../../src/db/repositories/systems.js';
import type { Vendor } from '../../../src/domain/snapshot.js';
import { type AppDeps, buildApp } from '../../../src/web/app.js';
import type { Viewer } from '../../../src/web/viewer.js';
import { makeAlert, makeCapacity, makeComponent, makeSnapshot } from '../../domain/make-snapshot.js';

export type TestRole = 'admin' | 'viewer' | 'anonymous';

const viewers: Record<TestRole, Viewer> = {
  admin: { userId: 1, username: 'ada-admin', role: 'admin', via: 'token' },
  viewer: { userId: 2, username: 'vic-viewer', role: 'viewer', via: 'token' },
  anonymous: { userId: null, username: 'anonymous', role: 'viewer', via: 'anonymous' },
};

/** A sealer that is obviously not encryption, so a leak of it is easy to spot in a response. */
export const fakeSeal = (credentials: Record<string, string>) => `SEALED:${JSON.stringify(credentials)}`;

export async function buildTestApp(handle: DatabaseHandle, deps: Partial<AppDeps> = {}): Promise<FastifyInstance> {
  const app = await buildApp({ handle, actions: { sealCredentials: fakeSeal }, ...deps });
  app.addHook('onRequest', async (request) => {
    const role = request.headers['x-test-role'];
    if (typeof role === 'string' && role in viewers) request.viewer = viewers[role as TestRole];
  });
  await app.ready();
  return app;
}

export const as = (role: TestRole) => ({ 'x-test-role': role });

export const HOSTILE = '<img src=x onerror=alert(1)>"\\\n}';

/** A polled system with capacity, a component, two open alerts and one resolved one. */
export async function seedSystem(handle: DatabaseHandle, name: string, vendor: Vendor = 'pure', at = Date.now()): Promise<number> {
  const { db } = handle;
  const system = await insertSystem(db, {
    name,
    vendor,
    address: '10.0.0.5',
    port: null,
    tls: { mode: 'insecure' },
    enabled: true,
    tags: ['prod', 'dc1'],
    credentialsSealed: 'SEALED:{"apiToken":"super-secret-token"}',
  });
  const snapshot = makeSnapshot({ polledAt: at, capacity: makeCapacity(), components: [makeComponent({ name: HOSTILE })] });
  await recordStatus(db, { systemId: system.id, polledAt: at, reachability: 'ok', health: 'critical', message: null, durationMs: 1234, snapshot });
  await syncAlerts(db, system.id, at - 1000, [makeAlert({ id: 'gone', severity: 'info', title: 'old news' })]);
  await syncAlerts(db, system.id, at, [makeAlert({ id: 'a1', title: HOSTILE }), makeAlert({ id: 'a2', severity: 'warning', title: 'Fan slow' })]);
  await recordCapacity(db, system.id, at, makeCapacity());
  return system.id;
}

