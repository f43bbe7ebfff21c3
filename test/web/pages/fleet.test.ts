import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { writeSettings } from '../../../src/db/repositories/settings.js';
import { createFleetSnapshot } from '../../../src/web/fleet-snapshot.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { makeAlert } from '../../domain/make-snapshot.js';
import { buildTestApp, HOSTILE, html, MINUTE, POLL_MS, seedSystem } from './support.js';

/** System names in page order. */
function names(body: string): string[] {
  return [...body.matchAll(/<a href="\/systems\/\d+">([^<]*)<\/a>/g)].map((m) => m[1] ?? '');
}

function barClassOf(body: string, name: string): string | undefined {
  const card = body.slice(body.indexOf(`>${name}</a>`));
  return /class="capacity-bar (\w+)"/.exec(card)?.[1];
}

for (const engine of engines) {
  describe(`fleet page (${engine})`, () => {
    test('filters, sorting and the view live in the URL and round-trip through the form', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        await seedSystem(handle, { name: 'fa-prod', tags: ['prod'], percent: 40, model: 'FA-X70R4' });
        await seedSystem(handle, { name: 'aff-edge', vendor: 'ontap', health: 'critical', percent: 92, model: 'AFF-A400', tags: ['edge'] });
        await seedSystem(handle, { name: 'dd-vault', vendor: 'datadomain', health: 'warning', percent: 80, address: 'vault.example' });
        const app = await buildTestApp(handle);
        try {
          const all = await app.inject({ url: '/', headers: html });
          assert.equal(all.statusCode, 200);
          assert.deepEqual(names(all.body), ['fa-prod', 'aff-edge', 'dd-vault'], 'grouped by vendor in vendor order');
          assert.match(all.body, /<span class="count">3<\/span> systems/);
          assert.match(all.body, /<span class="count">1<\/span> critical/);

          const byVendor = await app.inject({ url: '/?vendor=ontap', headers: html });
          assert.deepEqual(names(byVendor.body), ['aff-edge']);
          assert.match(byVendor.body, /<option value="ontap" selected>/);
          assert.match(byVendor.body, /Showing 1 of 3 systems/);
          assert.deepEqual(names((await app.inject({ url: '/?q=VAULT.ex', headers: html })).body), ['dd-vault']);
          assert.deepEqual(names((await app.inject({ url: '/?tag=edge', headers: html })).body), ['aff-edge']);
          assert.deepEqual(names((await app.inject({ url: '/?health=warning', headers: html })).body), ['dd-vault']);

          const table = await app.inject({ url: '/?sort=capacity&view=table&q=a', headers: html });
          assert.match(table.body, /<table class="fleet-table">/);
          assert.match(table.body, /<option value="capacity" selected>/);
          assert.match(table.body, /<input type="hidden" name="view" value="table">/);
          assert.match(table.body, /href="\/\?q=a&amp;sort=capacity" *>Cards<\/a>|<a href="\/\?q=a&amp;sort=capacity">Cards<\/a>/);
          assert.match(table.body, /data-fragment-url="\/fragments\/fleet\?q=a&amp;sort=capacity&amp;view=table"/);

          const bad = await app.inject({ url: '/?vendor=emc', headers: html });
          assert.equal(bad.statusCode, 400);
          assert.match(bad.body, /&#34;vendor&#34; must be one of/);
        } finally {
          await app.close();
        }
      });
    });

    test('hostile names, tags, models and messages come out escaped', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        await seedSystem(handle, { name: HOSTILE, tags: [HOSTILE], model: HOSTILE, address: HOSTILE, alerts: [makeAlert({ title: HOSTILE })] });
        const app = await buildTestApp(handle);
        try {
          for (const url of ['/', '/?view=table', '/fragments/fleet', `/?q=${encodeURIComponent(HOSTILE)}`]) {
            const res = await app.inject({ url, headers: html });
            assert.equal(res.statusCode, 200, url);
            assert.ok(!res.body.includes('<img'), `${url} leaks raw markup`);
            assert.match(res.body, /&lt;img src=x onerror=alert\(1\)&gt;/, url);
          }
        } finally {
          await app.close();
        }
      });
    });

    test('a system whose last good poll is old carries a stale badge saying how old', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        await seedSystem(handle, { name: 'old', polledAt: Date.now() - 12 * MINUTE });
        await seedSystem(handle, { name: 'fresh' });
        const app = await buildTestApp(handle);
        try {
          const res = await app.inject({ url: '/', headers: html });
          assert.match(res.body, /<span class="badge stale">stale — last good poll 12 min ago<\/span>/);
          assert.equal(res.body.match(/class="badge stale"/g)?.length, 1, 'only the old one is stale');
          assert.match(res.body, /<span class="count">1<\/span> stale/);
        } finally {
          await app.close();
        }
      });
    });

    test('staleness follows the poll interval saved in settings, not only the configured one', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const id = await seedSystem(handle, { name: 'old', polledAt: Date.now() - 12 * MINUTE });
        // Polled every 5 minutes, a poll 12 minutes old is within three intervals.
        assert.deepEqual(await writeSettings(handle.db, { pollIntervalSeconds: 300 }, 'test'), []);
        const app = await buildTestApp(handle);
        try {
          const page = await app.inject({ url: '/', headers: html });
          assert.equal(page.body.match(/class="badge stale"/g), null);
          const list = await app.inject({ url: '/api/v1/systems', headers: { accept: 'application/json' } });
          assert.equal(list.statusCode, 200, list.body);
          assert.equal((list.json() as { systems: { stale: boolean }[] }).systems[0]?.stale, false);
          const detail = await app.inject({ url: `/api/v1/systems/${id}`, headers: { accept: 'application/json' } });
          assert.equal(detail.statusCode, 200, detail.body);
          assert.equal((detail.json() as { stale: boolean }).stale, false);
        } finally {
          await app.close();
        }
        assert.deepEqual(await writeSettings(handle.db, { pollIntervalSeconds: 180 }, 'test'), []);
        const shorter = await buildTestApp(handle);
        try {
          const page = await shorter.inject({ url: '/', headers: html });
          assert.equal(page.body.match(/class="badge stale"/g)?.length, 1, 'three 3-minute intervals have passed');
        } finally {
          await shorter.close();
        }
      });
    });

    test('capacity bars take their class from the thresholds in settings', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        for (const percent of [74, 75, 89, 90]) await seedSystem(handle, { name: `p${percent}`, percent });
        const app = await buildTestApp(handle);
        try {
          const body = (await app.inject({ url: '/', headers: html })).body;
          assert.deepEqual(['p74', 'p75', 'p89', 'p90'].map((n) => barClassOf(body, n)), ['ok', 'warning', 'warning', 'critical']);
          assert.match(body, /<rect class="fill" width="89\.0"/);
        } finally {
          await app.close();
        }
        assert.deepEqual(await writeSettings(handle.db, { capacityWarnPercent: 50, capacityCritPercent: 80 }, 'test'), []);
        const configured = await buildTestApp(handle);
        try {
          const body = (await configured.inject({ url: '/', headers: html })).body;
          assert.deepEqual(['p74', 'p75', 'p89', 'p90'].map((n) => barClassOf(body, n)), ['warning', 'warning', 'critical', 'critical']);
        } finally {
          await configured.close();
        }
      });
    });

    test('the fragment is the list alone, answers 304 while the fleet version holds, and changes after a refresh', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        await seedSystem(handle, { name: 'first' });
        const fleet = createFleetSnapshot(handle.db, { pollIntervalMs: POLL_MS });
        const app = await buildTestApp(handle, { fleet });
        try {
          const page = await app.inject({ url: '/?view=table', headers: html });
          const res = await app.inject({ url: '/fragments/fleet?view=table', headers: html });
          assert.equal(res.statusCode, 200);
          assert.ok(!res.body.includes('<html'), 'no layout');
          assert.match(res.body, /class="fleet-fragment"/);
          assert.match(res.body, /<table class="fleet-table">/);
          const etag = String(res.headers.etag);
          assert.match(etag, /^W\/"fleet-\d+-[0-9a-f]+"$/);
          assert.ok(page.body.includes(`data-etag="${etag.replaceAll('"', '&quot;')}"`), 'the page carries the same tag');

          const same = await app.inject({ url: '/fragments/fleet?view=table', headers: { ...html, 'if-none-match': etag } });
          assert.equal(same.statusCode, 304);
          assert.equal(same.body, '');
          const otherQuery = await app.inject({ url: '/fragments/fleet', headers: { ...html, 'if-none-match': etag } });
          assert.equal(otherQuery.statusCode, 200, 'another query is another fragment');

          await seedSystem(handle, { name: 'second' });
          await fleet.refresh();
          const changed = await app.inject({ url: '/fragments/fleet?view=table', headers: { ...html, 'if-none-match': etag } });
          assert.equal(changed.statusCode, 200);
          assert.notEqual(changed.headers.etag, etag);
          assert.deepEqual(names(changed.body), ['first', 'second']);
          assert.equal((await app.inject({ url: '/fragments/fleet?sort=nope', headers: html })).statusCode, 400);
        } finally {
          await app.close();
        }
      });
    });

    test('reading needs a viewer: nobody signed in and no anonymous reading is refused', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const app = await buildTestApp(handle, { anonymousRead: false });
        try {
          assert.equal((await app.inject({ url: '/fragments/fleet' })).statusCode, 401);
          const page = await app.inject({ url: '/', headers: html });
          assert.equal(page.statusCode, 303);
          assert.match(String(page.headers.location), /^\/login\?next=/);
        } finally {
          await app.close();
        }
      });
    });
  });
}
