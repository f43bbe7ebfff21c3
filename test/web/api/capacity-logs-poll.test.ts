import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listAudit } from '../../../src/db/repositories/audit.js';
import { recordCapacity } from '../../../src/db/repositories/capacity.js';
import type { DatabaseHandle } from '../../../src/db/connect.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { makeCapacity } from '../../domain/make-snapshot.js';
import { as, buildTestApp, seedSystem } from './support.js';

const DAY = 86_400_000;

async function insertLogs(handle: DatabaseHandle, systemId: number, at: number) {
  const rows = Array.from({ length: 25 }, (_, i) => ({
    id: 1000 - i, // ids out of time order, as several writers' blocks make them
    system_id: i % 5 === 0 ? null : systemId,
    created_at: at + i * 1000,
    level: i % 2 === 0 ? 'info' : 'error',
    category: i % 3 === 0 ? 'connection' : 'api_call',
    message: `entry ${i}`,
    details: i === 0 ? JSON.stringify({ attempt: 1 }) : null,
    http_status: i % 2 === 0 ? 200 : 500,
    endpoint: '/api/2.26/arrays',
  }));
  await handle.db.insertInto('system_logs').values(rows).execute();
}

for (const engine of engines) {
  describe(`API capacity, logs, poll (${engine})`, () => {
    test('capacity history: one point per day within the range', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const now = Date.now();
        const id = await seedSystem(handle, 'fa-01', 'pure', now);
        for (const daysAgo of [10, 60, 200, 500]) await recordCapacity(handle.db, id, now - daysAgo * DAY, makeCapacity({ usedBytes: daysAgo }));
        const app = await buildTestApp(handle);
        try {
          const points = async (range: string) => {
            const res = await app.inject({ url: `/api/v1/systems/${id}/capacity?range=${range}`, headers: as('viewer') });
            assert.equal(res.statusCode, 200, res.body);
            return res.json().points as { day: string; usedBytes: number; totalBytes: number; at: number }[];
          };
          assert.equal((await points('30d')).length, 2);
          assert.equal((await points('90d')).length, 3);
          assert.equal((await points('1y')).length, 4);
          const all = await points('all');
          assert.equal(all.length, 5);
          assert.deepEqual(all.map((p) => p.usedBytes).slice(0, 4), [500, 200, 60, 10]);
          assert.ok(all.every((p) => /^\d{4}-\d{2}-\d{2}$/.test(p.day) && p.totalBytes > 0 && p.at > 0));
          assert.equal((await app.inject({ url: `/api/v1/systems/${id}/capacity?range=2y`, headers: as('viewer') })).statusCode, 400);
          assert.equal((await app.inject({ url: '/api/v1/systems/999/capacity', headers: as('viewer') })).statusCode, 404);
        } finally {
          await app.close();
        }
      });
    });

    test('logs: filters, time range, newest first, paged by cursor, limit at most 1000', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const id = await seedSystem(handle, 'fa-01');
        const t0 = Date.UTC(2026, 10, 1);
        await insertLogs(handle, id, t0);
        const app = await buildTestApp(handle);
        try {
          const get = async (query: string) => {
            const res = await app.inject({ url: `/api/v1/logs${query}`, headers: as('viewer') });
            assert.equal(res.statusCode, 200, res.body);
            return res.json() as { entries: { message: string; at: number; level: string; systemId: number | null; details: unknown }[]; nextBefore: string | null };
          };
          const all = await get('');
          assert.equal(all.entries.length, 25);
          assert.equal(all.entries[0]?.message, 'entry 24');
          assert.deepEqual(all.entries.at(-1)?.details, { attempt: 1 });
          assert.equal(all.nextBefore, null);
          assert.ok((await get('?level=error')).entries.every((e) => e.level === 'error'));
          assert.equal((await get(`?systemId=${id}`)).entries.length, 20);
          assert.equal((await get('?category=connection')).entries.length, 9);
          assert.deepEqual((await get(`?from=${t0 + 5000}&to=${t0 + 7000}`)).entries.map((e) => e.message), ['entry 7', 'entry 6', 'entry 5']);

          const seen: string[] = [];
          let page = await get('?limit=10');
          for (;;) {
            seen.push(...page.entries.map((e) => e.message));
            if (!page.nextBefore) break;
            page = await get(`?limit=10&before=${page.nextBefore}`);
          }
          assert.deepEqual(seen, all.entries.map((e) => e.message));

          for (const bad of ['?limit=1001', '?level=loud', '?category=x', '?before=12', `?from=${t0 + 10}&to=${t0}`]) {
            const res = await app.inject({ url: `/api/v1/logs${bad}`, headers: as('viewer') });
            assert.equal(res.statusCode, 400, bad);
            assert.equal(res.json().error, 'invalid_request');
          }
        } finally {
          await app.close();
        }
      });
    });

    test('poll now: calls the poller action, audits, refreshes; 503 without one; 404 for an unknown system', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const id = await seedSystem(handle, 'fa-01');
        const polled: (number | null)[] = [];
        const app = await buildTestApp(handle, { actions: { pollNow: async (systemId) => void polled.push(systemId) } });
        const without = await buildTestApp(handle);
        try {
          const one = await app.inject({ method: 'POST', url: `/api/v1/systems/${id}/poll`, headers: as('viewer') });
          assert.equal(one.statusCode, 200, one.body);
          assert.equal(one.json().polled, id);
          const all = await app.inject({ method: 'POST', url: '/api/v1/poll', headers: { ...as('admin'), 'content-type': 'application/json' }, payload: '' });
          assert.equal(all.statusCode, 200, all.body);
          assert.equal(all.json().polled, 'all');
          assert.deepEqual(polled, [id, null]);
          assert.equal((await app.inject({ method: 'POST', url: '/api/v1/systems/999/poll', headers: as('viewer') })).statusCode, 404);
          assert.equal((await app.inject({ method: 'POST', url: '/api/v1/poll', headers: as('anonymous') })).statusCode, 401);
          assert.equal((await app.inject({ method: 'POST', url: '/api/v1/poll' })).statusCode, 401);
          assert.deepEqual(polled, [id, null]);
          assert.deepEqual((await listAudit(handle.db)).map((a) => [a.action, a.targetId]), [['fleet.poll', null], ['system.poll', String(id)]]);

          const unavailable = await without.inject({ method: 'POST', url: '/api/v1/poll', headers: as('viewer') });
          assert.equal(unavailable.statusCode, 503);
          assert.equal(unavailable.json().error, 'polling_unavailable');
        } finally {
          await app.close();
          await without.close();
        }
      });
    });
  });
}
