// Test-only wiring for the alerts, capacity and logs pages: an app whose requests carry a chosen
// viewer, a CSRF token for its POSTs, and seed helpers.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../../../src/db/connect.js';
import type { Database } from '../../../src/db/schema.js';
import type { Vendor } from '../../../src/domain/snapshot.js';
import { buildApp } from '../../../src/web/app.js';
import { createFleetSnapshot, type FleetSnapshot } from '../../../src/web/fleet-snapshot.js';
import type { Viewer } from '../../../src/web/viewer.js';
import { csrfFor } from '../../helpers/web-auth.js';

export const HOSTILE = '<img src=x onerror=alert(1)>';
export const operator: Viewer = { userId: 7, username: 'ops-<b>night</b>', role: 'viewer', via: 'session' };

export interface TestApp {
  app: FastifyInstance;
  fleet: FleetSnapshot;
  /** A real CSRF cookie and token from the sign-in page, for state-changing requests. */
  csrf: Record<string, string>;
}

/**
 * `viewer` undefined: the real auth decides (anonymous when anonymousRead). A viewer is set by a
 * test-only hook as if signed in by session (so a hostile name can be shown); CSRF still applies.
 */
export async function buildTestApp(handle: DatabaseHandle, opts: { viewer?: Viewer | null; anonymousRead?: boolean } = {}): Promise<TestApp> {
  const fleet = createFleetSnapshot(handle.db, { pollIntervalMs: 60_000 });
  const app = await buildApp({ handle, fleet, options: { anonymousRead: opts.anonymousRead ?? true } });
  if (opts.viewer !== undefined) {
    const viewer = opts.viewer;
    // Runs after the auth plugin's own onRequest hook (hooks run in the order they were added).
    app.addHook('onRequest', async (request) => {
      request.viewer = viewer;
    });
  }
  await app.ready();
  const { cookie, token } = await csrfFor(app, opts.viewer ? '/' : '/login');
  return { app, fleet, csrf: { cookie, 'x-csrf-token': token } };
}

export async function seedSystem(db: Kysely<Database>, name: string, vendor: Vendor = 'pure', tags: string[] = []): Promise<number> {
  const row = await db
    .insertInto('storage_systems')
    .values({ name, vendor, address: '127.0.0.1', port: null, credentials_enc: 'test-only', tags: JSON.stringify(tags), created_at: 1, updated_at: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Ids of the rows a page lists, in page order, from `id="<prefix>-N"` attributes. */
export function rowIds(html: string, prefix: string): number[] {
  return [...html.matchAll(new RegExp(`id="${prefix}-(\\d+)"`, 'g'))].map((m) => Number(m[1]));
}

export const DAY = 86_400_000;
/** 2026-11-01T00:00:00Z */
export const T0 = Date.UTC(2026, 10, 1);
