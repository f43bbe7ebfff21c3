import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { acknowledgeAlert, listAlerts } from '../../../src/db/repositories/alerts.js';
import { listAudit } from '../../../src/db/repositories/audit.js';
import { recordCapacity } from '../../../src/db/repositories/capacity.js';
import type { TestConnectionResult } from '../../../src/web/actions.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { capacityAt, makeAlert, makeComponent } from '../../domain/make-snapshot.js';
import { buildTestApp, csrf, HOSTILE, html, seedSystem, signedIn } from './support.js';

const DAY = 86_400_000;

for (const engine of engines) {
  describe(`system page (${engine})`, () => {
    test('a failed component stays red and its acknowledged alert stays listed, marked', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const id = await seedSystem(handle, {
          name: HOSTILE,
          health: 'critical',
          components: [makeComponent({ name: 'CT0.PSU1', state: 'ok' }), makeComponent({ name: HOSTILE, state: 'failed', rawState: 'failed' }), makeComponent({ name: 'CT1.FAN0', state: 'degraded' })],
          alerts: [makeAlert({ id: 'a1', title: HOSTILE, severity: 'critical', component: HOSTILE }), makeAlert({ id: 'a2', title: 'Fan slow', severity: 'warning' })],
        });
        const [first] = await listAlerts(handle.db, id, { openOnly: true });
        assert.ok(first);
        await acknowledgeAlert(handle.db, first.id, 'oncall', Date.now(), `known ${HOSTILE}`);
        const app = await buildTestApp(handle);
        try {
          const res = await app.inject({ url: `/systems/${id}`, headers: html });
          assert.equal(res.statusCode, 200);
          assert.ok(!res.body.includes('<img'), 'hostile strings escaped');
          const rows = [...res.body.matchAll(/<tr class="component-(\w+)"><th scope="row">([^<]*)<\/th>/g)].map((m) => [m[2], m[1]]);
          assert.deepEqual(rows, [['&lt;img src=x onerror=alert(1)&gt;', 'critical'], ['CT1.FAN0', 'warning'], ['CT0.PSU1', 'ok']], 'failed first, red');
          assert.match(res.body, /<tr class="acknowledged">\s*<td><span class="badge critical">critical<\/span>/);
          assert.match(res.body, /acknowledged<\/span> by oncall, just now: <q>known &lt;img/);
          assert.match(res.body, /Fan slow/);
          assert.match(res.body, /<span class="badge critical" title="Health">critical<\/span>/);
        } finally {
          await app.close();
        }
      });
    });

    test('identity, forecast, transitions and the latest 50 log entries, newest first', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const now = Date.now();
        const id = await seedSystem(handle, { name: 'fa-1', percent: 50, tags: ['prod'] });
        for (let d = 20; d >= 1; d--) await recordCapacity(handle.db, id, now - d * DAY, capacityAt(50 - d));
        const rows = Array.from({ length: 60 }, (_, i) => ({ id: i + 1, system_id: id, created_at: now - (60 - i) * 1000, level: i === 59 ? 'error' : 'info', category: 'api_call', message: `entry ${i + 1}`, details: null, http_status: 200, endpoint: '/api/2.26/arrays' }));
        await handle.db.insertInto('system_logs').values(rows).execute();
        await handle.db.insertInto('system_logs').values({ ...rows[0], id: 1000, system_id: id + 1, message: 'other system' } as (typeof rows)[number]).execute();
        const app = await buildTestApp(handle);
        try {
          const body = (await app.inject({ url: `/systems/${id}`, headers: html })).body;
          assert.match(body, /<dt>Serial<\/dt><dd>SN1<\/dd>/);
          assert.match(body, /<dt>API version<\/dt><dd>2\.26<\/dd>/);
          assert.match(body, /<dt>Topology<\/dt><dd>HA pair<\/dd>/);
          assert.match(body, /<a class="tag" href="\/\?tag=prod">prod<\/a>/);
          assert.match(body, /<th scope="row">80 %<\/th><td>in \d+ days<\/td>/, 'a growing system gets days until 80 %');
          assert.match(body, /Trend [\d.]+ TiB per day/);
          assert.match(body, /none → <span class="badge ok">ok<\/span>/);
          const messages = [...body.matchAll(/<td>(entry \d+|other system)/g)].map((m) => m[1]);
          assert.equal(messages.length, 50);
          assert.equal(messages[0], 'entry 60');
          assert.equal(messages[49], 'entry 11');
        } finally {
          await app.close();
        }
      });
    });

    test('unknown id is a 404 page, a non-numeric id a 400', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const app = await buildTestApp(handle);
        try {
          const missing = await app.inject({ url: '/systems/4242', headers: html });
          assert.equal(missing.statusCode, 404);
          assert.match(missing.body, /No storage system has id 4242/);
          const bad = await app.inject({ url: '/systems/abc%3Cb%3E', headers: html });
          assert.equal(bad.statusCode, 400);
          assert.match(bad.body, /A system id is a positive whole number; &#34;abc&#60;b&#62;&#34; is not/);
          assert.equal((await app.inject({ url: '/systems/0' })).statusCode, 400);
          assert.equal((await app.inject({ url: '/systems/4242/capacity.json' })).statusCode, 404);
        } finally {
          await app.close();
        }
      });
    });

    test('capacity.json: raw samples for 30 days, daily rollups for longer ranges', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const now = Date.now();
        const id = await seedSystem(handle, { name: 'fa-1', percent: null });
        // Four samples on each of these days: 400, 100, 40 and 2 days ago.
        for (const d of [400, 100, 40, 2]) for (const h of [0, 1, 2, 3]) await recordCapacity(handle.db, id, now - d * DAY + h * 3_600_000, capacityAt(d / 10 + h));
        const app = await buildTestApp(handle);
        try {
          const get = async (range: string) => (await app.inject({ url: `/systems/${id}/capacity.json?range=${range}` })).json();
          const raw = await get('30d');
          assert.equal(raw.resolution, 'raw');
          assert.equal(raw.at.length, 4);
          assert.deepEqual(raw.at, [...raw.at].sort((a: number, b: number) => a - b));
          assert.equal(raw.usedBytes.length, 4);
          assert.equal(raw.totalBytes.length, 4);
          const days90 = await get('90d');
          assert.equal(days90.resolution, 'daily');
          assert.equal(days90.at.length, 2, '40 and 2 days ago');
          assert.equal(days90.usedBytes[1], Math.round(capacityAt(0.2 + 3).usedBytes), 'a day is the value it ended on');
          assert.equal((await get('1y')).at.length, 3);
          assert.equal((await get('all')).at.length, 4);
          const defaulted = (await app.inject({ url: `/systems/${id}/capacity.json` })).json();
          assert.equal(defaulted.range, '30d');
          const bad = await app.inject({ url: `/systems/${id}/capacity.json?range=5y` });
          assert.equal(bad.statusCode, 400);
          assert.match(bad.json().message, /range must be one of 30d, 90d, 1y, all/);
          const empty = await seedSystem(handle, { name: 'new', polledAt: null });
          assert.deepEqual((await app.inject({ url: `/systems/${empty}/capacity.json?range=all` })).json().at, []);
        } finally {
          await app.close();
        }
      });
    });

    test('test connection: admin only, 503 without the action, audited, result shown', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const id = await seedSystem(handle, { name: 'fa-1' });
        const result: TestConnectionResult = { ok: false, reachability: 'auth_failed', message: 'HTTP 401 from /api/2.26/login', durationMs: 42.4, presentedFingerprint: null, model: null, osVersion: null };
        const testConnection = async () => result;
        const viewerApp = await buildTestApp(handle, { viewer: signedIn('viewer'), actions: { testConnection } });
        try {
          assert.equal((await viewerApp.inject({ method: 'POST', url: `/systems/${id}/test`, headers: csrf(viewerApp) })).statusCode, 403);
          assert.ok(!(await viewerApp.inject({ url: `/systems/${id}`, headers: html })).body.includes('/test"'), 'no button for a viewer');
        } finally {
          await viewerApp.close();
        }
        const anonymous = await buildTestApp(handle, { actions: { testConnection } });
        try {
          assert.equal((await anonymous.inject({ method: 'POST', url: `/systems/${id}/test` })).statusCode, 401);
        } finally {
          await anonymous.close();
        }
        const bare = await buildTestApp(handle, { viewer: signedIn('admin') });
        try {
          assert.equal((await bare.inject({ method: 'POST', url: `/systems/${id}/test`, headers: csrf(bare) })).statusCode, 503);
        } finally {
          await bare.close();
        }
        const admin = await buildTestApp(handle, { viewer: signedIn('admin'), actions: { testConnection } });
        try {
          assert.match((await admin.inject({ url: `/systems/${id}`, headers: html })).body, new RegExp(`action="/systems/${id}/test"`));
          const res = await admin.inject({ method: 'POST', url: `/systems/${id}/test`, headers: { ...html, ...csrf(admin) } });
          assert.equal(res.statusCode, 303);
          assert.equal(res.headers.location, `/systems/${id}`);
          const flash = res.cookies.find((c) => c.name === 'sfd_flash');
          assert.ok(flash);
          const page = await admin.inject({ url: `/systems/${id}`, headers: html, cookies: { sfd_flash: flash.value } });
          assert.match(page.body, /class="flash error"[^>]*>Connection to &quot;fa-1&quot; failed \(auth_failed, 42 ms\): HTTP 401/);
          const json = await admin.inject({ method: 'POST', url: `/systems/${id}/test`, headers: { accept: 'application/json', ...csrf(admin) } });
          assert.equal(json.json().ok, false);
          assert.equal((await admin.inject({ method: 'POST', url: '/systems/777/test', headers: csrf(admin) })).statusCode, 404);
          const audit = await listAudit(handle.db, { action: 'system.test' });
          assert.equal(audit.length, 2);
          assert.deepEqual(audit[0]?.details, { ok: false, reachability: 'auth_failed' });
        } finally {
          await admin.close();
        }
      });
    });
  });
}
