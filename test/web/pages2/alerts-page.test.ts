import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { syncAlerts } from '../../../src/db/repositories/alerts.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { makeAlert } from '../../domain/make-snapshot.js';
import { buildTestApp, HOSTILE, rowIds, seedSystem, T0 } from './support.js';

const HTML = { accept: 'text/html' };

for (const engine of engines) {
  describe(`alerts page on ${engine}`, () => {
    test('lists open alerts worst first then newest, filters by link, escapes hostile strings', () =>
      withMigratedDatabase(engine, async (handle) => {
        const { db } = handle;
        const pure = await seedSystem(db, 'fa-01', 'pure');
        const ontap = await seedSystem(db, HOSTILE, 'ontap');
        await syncAlerts(db, pure, T0, [makeAlert({ id: 'w', severity: 'warning', title: 'Fan slow' })]);
        await syncAlerts(db, pure, T0 + 3_600_000, [
          makeAlert({ id: 'w', severity: 'warning', title: 'Fan slow' }),
          makeAlert({ id: 'c', severity: 'critical', title: 'PSU failed' }),
        ]);
        await syncAlerts(db, ontap, T0 + 7_200_000, [
          makeAlert({ id: 'c2', severity: 'critical', title: '<script>alert(1)</script>', detail: HOSTILE, component: HOSTILE }),
          makeAlert({ id: 'i', severity: 'info', title: 'Note' }),
        ]);
        const ids = new Map((await db.selectFrom('alerts').select(['id', 'vendor_alert_id']).execute()).map((r) => [r.vendor_alert_id, r.id]));
        const { app, fleet } = await buildTestApp(handle);
        try {
          await fleet.refresh();
          const all = await app.inject({ url: '/alerts', headers: HTML });
          assert.equal(all.statusCode, 200, all.body);
          assert.deepEqual(rowIds(all.body, 'alert'), ['c2', 'c', 'w', 'i'].map((k) => ids.get(k)));
          assert.ok(!all.body.includes('<script>alert(1)'), 'alert title escaped');
          assert.ok(!all.body.includes('<img src=x'), 'system name, detail and component escaped');
          assert.ok(all.body.includes('&lt;img src=x onerror=alert(1)&gt;'));

          const critical = await app.inject({ url: '/alerts?severity=critical&vendor=&system=', headers: HTML });
          assert.deepEqual(rowIds(critical.body, 'alert'), ['c2', 'c'].map((k) => ids.get(k)));
          assert.match(critical.body, /<option value="critical" selected>/);
          const byVendor = await app.inject({ url: '/alerts?vendor=ontap', headers: HTML });
          assert.deepEqual(rowIds(byVendor.body, 'alert'), ['c2', 'i'].map((k) => ids.get(k)));
          const bySystem = await app.inject({ url: `/alerts?system=${pure}&severity=warning`, headers: HTML });
          assert.deepEqual(rowIds(bySystem.body, 'alert'), [ids.get('w')]);

          const bad = await app.inject({ url: '/alerts?severity=<b>', headers: HTML });
          assert.equal(bad.statusCode, 400);
          assert.match(bad.body, /severity must be one of critical, major, warning, info/);
          assert.ok(!bad.body.includes('<b>'));
          assert.equal((await app.inject({ url: '/alerts?system=abc' })).json().message, 'system must be a positive whole number (got "abc")');
        } finally {
          await app.close();
        }
      }));

    test('resolved history pages newest first without skipping alerts that resolved together', () =>
      withMigratedDatabase(engine, async (handle) => {
        const { db } = handle;
        const sys = await seedSystem(db, 'dd-01', 'datadomain');
        await syncAlerts(db, sys, T0, Array.from({ length: 105 }, (_, i) => makeAlert({ id: `a${i}`, severity: 'warning' })));
        await syncAlerts(db, sys, T0 + 1000, [makeAlert({ id: 'a0', severity: 'warning' })]);
        await syncAlerts(db, sys, T0 + 2000, []);
        const { app } = await buildTestApp(handle);
        try {
          const open = await app.inject({ url: '/alerts', headers: HTML });
          assert.deepEqual(rowIds(open.body, 'alert'), []);
          const first = await app.inject({ url: '/alerts?state=resolved', headers: HTML });
          assert.equal(first.statusCode, 200);
          const page1 = rowIds(first.body, 'alert');
          assert.equal(page1.length, 100);
          // a0 resolved last (T0+2000), the other 104 together at T0+1000, by id descending.
          const a0 = (await db.selectFrom('alerts').select('id').where('vendor_alert_id', '=', 'a0').executeTakeFirstOrThrow()).id;
          assert.equal(page1[0], a0);
          const older = /href="([^"]+)" rel="next"/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
          assert.ok(older, 'an Older link');
          const second = await app.inject({ url: older, headers: HTML });
          const page2 = rowIds(second.body, 'alert');
          assert.equal(page2.length, 5);
          assert.equal(new Set([...page1, ...page2]).size, 105);
          assert.doesNotMatch(second.body, /rel="next"/);
          assert.equal((await app.inject({ url: '/alerts?state=resolved&before=x' })).statusCode, 400);
        } finally {
          await app.close();
        }
      }));
  });
}
