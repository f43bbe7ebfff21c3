import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listAudit, recordAudit } from '../../../src/db/repositories/audit.js';
import { defaultSettings, readSettings } from '../../../src/db/repositories/settings.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { asAdmin, buildAdminApp, postUrlencoded } from './support.js';

const good = { pollIntervalSeconds: '120', logRetentionDays: '14', capacityWarnPercent: '70', capacityCritPercent: '85', refreshSeconds: '20' };

for (const engine of engines) {
  describe(`admin settings and audit log on ${engine}`, () => {
    test('settings: bad values are named per field and nothing is stored; good ones are stored, cached and audited', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildAdminApp(handle);
        try {
          const bad = await postUrlencoded(app, '/admin/settings', { ...good, pollIntervalSeconds: '5', logRetentionDays: 'ten', capacityWarnPercent: '95', capacityCritPercent: '90' });
          assert.equal(bad.statusCode, 400);
          assert.match(bad.body, /id="error-logRetentionDays">Enter a whole number from 1 to 3650/);
          assert.match(bad.body, /value="ten"/, 'what was typed comes back');
          const range = await postUrlencoded(app, '/admin/settings', { ...good, pollIntervalSeconds: '5', capacityWarnPercent: '95', capacityCritPercent: '90' });
          assert.equal(range.statusCode, 400);
          assert.match(range.body, /id="error-pollIntervalSeconds">Must be a whole number from 10 to 86400/);
          assert.match(range.body, /id="error-capacityWarnPercent">Must be below the critical threshold/);
          assert.deepEqual(await readSettings(handle.db, defaultSettings()), defaultSettings());

          const saved = await postUrlencoded(app, '/admin/settings', good);
          assert.equal(saved.statusCode, 303);
          assert.equal(saved.headers.location, '/admin/settings?saved=1');
          const stored = await readSettings(handle.db, defaultSettings());
          assert.deepEqual(stored, { pollIntervalSeconds: 120, logRetentionDays: 14, capacityWarnPercent: 70, capacityCritPercent: 85, refreshSeconds: 20 });
          const page = await app.inject({ url: '/admin/settings?saved=1', headers: asAdmin(app) });
          assert.match(page.body, /Settings saved/);
          assert.match(page.body, /id="field-pollIntervalSeconds" name="pollIntervalSeconds" value="120"/);
          const [audit] = await listAudit(handle.db, { action: 'settings.update' });
          assert.deepEqual(audit?.details, {
            changed: {
              pollIntervalSeconds: { from: 60, to: 120 },
              logRetentionDays: { from: 30, to: 14 },
              capacityWarnPercent: { from: 75, to: 70 },
              capacityCritPercent: { from: 90, to: 85 },
              refreshSeconds: { from: 30, to: 20 },
            },
          });
          await postUrlencoded(app, '/admin/settings', good);
          assert.equal((await listAudit(handle.db, { action: 'settings.update' })).length, 1, 'saving the same values records nothing new');
        } finally {
          await app.close();
        }
      }));

    test('audit log: newest first, paged by id, filtered by action, escaped', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildAdminApp(handle);
        try {
          for (let i = 1; i <= 60; i++) {
            await recordAudit(handle.db, { username: i === 60 ? '<b>mallory</b>' : 'alice', action: i % 3 === 0 ? 'settings.update' : 'system.update', targetType: 'system', targetId: i, details: { n: i }, at: 1_700_000_000_000 + i });
          }
          const first = await app.inject({ url: '/admin/audit', headers: asAdmin(app) });
          assert.equal(first.statusCode, 200);
          const rows = [...first.body.matchAll(/<td>system (\d+)<\/td>/g)].map((m) => Number(m[1]));
          assert.equal(rows.length, 50);
          assert.equal(rows[0], 60);
          assert.ok(!first.body.includes('<b>mallory</b>'));
          assert.match(first.body, /&lt;b&gt;mallory&lt;\/b&gt;/);
          const next = first.body.match(/href="([^"]+)" rel="next"/)?.[1]?.replaceAll('&amp;', '&');
          assert.ok(next);
          const second = await app.inject({ url: next, headers: asAdmin(app) });
          const rest = [...second.body.matchAll(/<td>system (\d+)<\/td>/g)].map((m) => Number(m[1]));
          assert.deepEqual(rest, [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
          assert.doesNotMatch(second.body, /rel="next"/);

          const filtered = await app.inject({ url: '/admin/audit?action=settings.update', headers: asAdmin(app) });
          const only = [...filtered.body.matchAll(/<td><code>([a-z.]+)<\/code><\/td>/g)].map((m) => m[1]);
          assert.equal(only.length, 20);
          assert.ok(only.every((a) => a === 'settings.update'));
          assert.match(filtered.body, /<option value="settings.update" selected>/);
        } finally {
          await app.close();
        }
      }));
  });
}
