import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { iterateLogs } from '../../../src/db/repositories/logs.js';
import type { Database, NewSystemLogRow } from '../../../src/db/schema.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { buildTestApp, HOSTILE, rowIds, seedSystem, T0 } from './support.js';

const MINUTE = 60_000;
const DAY_MS = 86_400_000;
const HTML = { accept: 'text/html' };
const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
const CATEGORIES = ['connection', 'authentication', 'api_call', 'data_query'] as const;

/** 240 entries a minute apart from T0: ids 1..240, alternating systems, cycling levels and categories. */
async function seedLogs(db: Kysely<Database>, systems: number[]) {
  const rows: NewSystemLogRow[] = Array.from({ length: 240 }, (_, i) => ({
    id: i + 1,
    system_id: systems[i % systems.length] ?? null,
    created_at: T0 + i * MINUTE,
    level: LEVELS[i % 4] as string,
    category: CATEGORIES[Math.floor(i / 4) % 4] as string,
    message: `entry ${i + 1}`,
    details: null,
    http_status: null,
    endpoint: null,
  }));
  await db.insertInto('system_logs').values(rows).execute();
}

const descending = (n: number, from: number) => Array.from({ length: n }, (_, i) => from - i);

for (const engine of engines) {
  describe(`logs page on ${engine}`, () => {
    test('pages newest first by time with before=<time>.<id>, keeping the filters', () =>
      withMigratedDatabase(engine, async (handle) => {
        const a = await seedSystem(handle.db, 'fa-01');
        const b = await seedSystem(handle.db, 'dd-01', 'datadomain');
        await seedLogs(handle.db, [a, b]);
        const { app, fleet } = await buildTestApp(handle);
        try {
          await fleet.refresh();
          const first = await app.inject({ url: '/logs', headers: HTML });
          assert.equal(first.statusCode, 200, first.body);
          assert.deepEqual(rowIds(first.body, 'log'), descending(100, 240));
          const cursor141 = `${T0 + 140 * MINUTE}.141`;
          assert.match(first.body, new RegExp(`href="/logs\\?before=${cursor141}" rel="next"`));
          const second = await app.inject({ url: `/logs?before=${cursor141}`, headers: HTML });
          assert.deepEqual(rowIds(second.body, 'log'), descending(100, 140));
          const third = await app.inject({ url: `/logs?before=${T0 + 40 * MINUTE}.41`, headers: HTML });
          assert.deepEqual(rowIds(third.body, 'log'), descending(40, 40));
          assert.doesNotMatch(third.body, /rel="next"/);
          assert.match(third.body, /href="\/logs">Newest<\/a>/);

          // System b holds the even ids (i odd); errors are i % 4 === 3, so ids 4, 8, …
          const filtered = await app.inject({ url: `/logs?system=${b}&level=error&category=&from=&to=`, headers: HTML });
          assert.deepEqual(rowIds(filtered.body, 'log'), descending(60, 60).map((n) => n * 4));
          assert.match(filtered.body, new RegExp(`<option value="${b}" selected>dd-01</option>`));
          const api = await app.inject({ url: '/logs?category=api_call&level=debug', headers: HTML });
          // category api_call: floor(i/4) % 4 === 2 → i in 8..11, 24..27, …; debug: i % 4 === 0 → i = 8, 24, …
          assert.deepEqual(rowIds(api.body, 'log'), Array.from({ length: 15 }, (_, k) => 233 - 16 * k));
        } finally {
          await app.close();
        }
      }));

    test('ids out of time order (two writers\' id blocks) still page by time, without gaps or repeats', () =>
      withMigratedDatabase(engine, async (handle) => {
        const a = await seedSystem(handle.db, 'fa-01');
        // Writer one holds ids 1001.., writer two ids 1..; they alternate minute by minute.
        const rows: NewSystemLogRow[] = Array.from({ length: 150 }, (_, i) => ({
          id: i % 2 === 0 ? 1001 + i / 2 : 1 + (i - 1) / 2,
          system_id: a,
          created_at: T0 + i * MINUTE,
          level: 'info',
          category: 'connection',
          message: `entry ${i}`,
          details: null,
          http_status: null,
          endpoint: null,
        }));
        await handle.db.insertInto('system_logs').values(rows).execute();
        const byTime = rows.map((r) => r.id as number).reverse();
        const { app, fleet } = await buildTestApp(handle);
        try {
          await fleet.refresh();
          const first = await app.inject({ url: '/logs', headers: HTML });
          assert.deepEqual(rowIds(first.body, 'log'), byTime.slice(0, 100));
          const next = /href="\/logs\?before=([0-9.]+)" rel="next"/.exec(first.body)?.[1];
          assert.equal(next, `${T0 + 50 * MINUTE}.1026`);
          const second = await app.inject({ url: `/logs?before=${next}`, headers: HTML });
          assert.deepEqual(rowIds(second.body, 'log'), byTime.slice(100));
          const exported: number[] = [];
          for await (const entry of iterateLogs(handle.db, {}, 7)) exported.push(entry.id);
          assert.deepEqual(exported, byTime);
        } finally {
          await app.close();
        }
      }));

    test('the time range reads datetime-local values as UTC, until exclusive; bad values are named', () =>
      withMigratedDatabase(engine, async (handle) => {
        const a = await seedSystem(handle.db, 'fa-01');
        await seedLogs(handle.db, [a]);
        const { app, fleet } = await buildTestApp(handle);
        try {
          await fleet.refresh();
          // T0 is 2026-11-01T00:00Z; entry n was written at T0 + (n - 1) minutes.
          const res = await app.inject({ url: '/logs?from=2026-11-01T01:00&to=2026-11-01T01:10', headers: HTML });
          assert.deepEqual(rowIds(res.body, 'log'), descending(10, 70));
          assert.match(res.body, /name="from" value="2026-11-01T01:00"/);
          assert.match(res.body, /href="\/logs\.csv\?from=2026-11-01T01%3A00&amp;to=2026-11-01T01%3A10"/);
          const seconds = await app.inject({ url: '/logs?from=2026-11-01T01:00:30&to=2026-11-01T01:02', headers: HTML });
          assert.deepEqual(rowIds(seconds.body, 'log'), [62]);

          const bad = await app.inject({ url: '/logs?from=2026-02-30T10:00' });
          assert.equal(bad.statusCode, 400);
          assert.match(bad.json().message, /^from must be a UTC date and time like/);
          assert.equal((await app.inject({ url: '/logs?to=yesterday' })).statusCode, 400);
          assert.equal((await app.inject({ url: '/logs?from=2026-11-02T00:00&to=2026-11-01T00:00' })).json().message, 'from must be earlier than to');
          assert.equal((await app.inject({ url: '/logs?level=fatal' })).statusCode, 400);
          assert.equal((await app.inject({ url: '/logs?before=-1' })).statusCode, 400);
          assert.match((await app.inject({ url: '/logs?before=141' })).json().message, /^before must look like <time>\.<id>/);
        } finally {
          await app.close();
        }
      }));

    test('hostile log text is escaped on the page and guarded in the CSV, which follows the same filters', () =>
      withMigratedDatabase(engine, async (handle) => {
        const { db } = handle;
        const sys = await seedSystem(db, HOSTILE, 'ontap');
        await seedLogs(db, [sys]);
        await db
          .insertInto('system_logs')
          .values([
            { id: 1001, system_id: sys, created_at: T0 + DAY_MS, level: 'error', category: 'api_call', message: '=HYPERLINK("http://evil","x")', details: '{"why":"<script>x</script>"}', http_status: 500, endpoint: '/api/<b>' },
            { id: 1002, system_id: 99_999, created_at: T0 + DAY_MS, level: 'warn', category: 'connection', message: '-1+1, "quoted"', details: null, http_status: null, endpoint: null },
          ])
          .execute();
        const { app, fleet } = await buildTestApp(handle);
        try {
          await fleet.refresh();
          const page = await app.inject({ url: '/logs', headers: HTML });
          assert.ok(!page.body.includes('<script>x'));
          assert.ok(!page.body.includes('<img src=x'));
          assert.ok(!page.body.includes('/api/<b>'));
          assert.ok(page.body.includes('&lt;img src=x onerror=alert(1)&gt;'));
          assert.match(page.body, /#99999/, 'an entry of a deleted system keeps its id');

          const csv = await app.inject({ url: '/logs.csv?from=2026-11-02T00:00' });
          assert.equal(csv.statusCode, 200);
          assert.match(String(csv.headers['content-type']), /^text\/csv/);
          assert.match(String(csv.headers['content-disposition']), /^attachment; filename="system-log-/);
          const lines = csv.body.split('\r\n');
          assert.equal(lines[0], 'id,time_utc,system,system_id,level,category,message,http_status,endpoint,details');
          assert.equal(lines[1], `1002,2026-11-02T00:00:00.000Z,#99999,99999,warn,connection,"'-1+1, ""quoted""",,,`);
          assert.equal(lines[2], `1001,2026-11-02T00:00:00.000Z,${HOSTILE},${sys},error,api_call,"'=HYPERLINK(""http://evil"",""x"")",500,/api/<b>,"{""why"":""<script>x</script>""}"`);
          assert.equal(lines.length, 4);

          const all = await app.inject({ url: `/logs.csv?system=${sys}&level=error` });
          assert.equal(all.body.split('\r\n').length - 2, 61, 'header + 60 seeded errors + the hostile one');
        } finally {
          await app.close();
        }
      }));

    test('the export reads every matching entry in keyset batches', () =>
      withMigratedDatabase(engine, async (handle) => {
        const a = await seedSystem(handle.db, 'fa-01');
        await seedLogs(handle.db, [a]);
        const ids: number[] = [];
        for await (const entry of iterateLogs(handle.db, { level: 'info' }, 7)) ids.push(entry.id);
        assert.deepEqual(ids, descending(60, 60).map((n) => n * 4 - 2));
      }));
  });
}
