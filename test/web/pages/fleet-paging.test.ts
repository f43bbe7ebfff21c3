import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultFleetQuery, parseFleetQuery } from '../../../src/web/presenters/fleet-query.js';
import { pageOf } from '../../../src/web/presenters/fleet-paging.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { buildTestApp, html, seedSystem } from './support.js';

/** System names in page order. */
const names = (body: string) => [...body.matchAll(/<a href="\/systems\/\d+">([^<]*)<\/a>/g)].map((m) => m[1] ?? '');
const decode = (href: string) => href.replaceAll('&amp;', '&');
const link = (body: string, rel: 'prev' | 'next') => {
  const found = new RegExp(`<a rel="${rel}" href="([^"]*)"`).exec(body)?.[1];
  return found === undefined ? null : decode(found);
};

describe('fleet paging (presenter)', () => {
  test('cuts one page, clamps past the end, and says what it shows', () => {
    const items = Array.from({ length: 5 }, (_, i) => i + 1);
    const at = (page: number, per = 2) => pageOf(items, { ...defaultFleetQuery, page, per });
    assert.deepEqual(at(1).items, [1, 2]);
    assert.deepEqual({ ...at(1).paging, prev: null }, { page: 1, pages: 3, per: 2, from: 1, to: 2, matched: 5, prev: null, next: '/?per=2&page=2' });
    assert.deepEqual(at(3).items, [5]);
    assert.equal(at(3).paging.next, null);
    assert.equal(at(3).paging.prev, '/?per=2&page=2');
    assert.equal(at(2).paging.prev, '/?per=2', 'page 1 is the default and left out');
    const past = at(99);
    assert.deepEqual([past.paging.page, past.query.page, past.items], [3, 3, [5]]);
    const empty = pageOf([], { ...defaultFleetQuery, page: 4 });
    assert.deepEqual([empty.paging.page, empty.paging.pages, empty.paging.from, empty.paging.to], [1, 1, 0, 0]);
    assert.deepEqual(at(1, 5).paging.pages, 1);
  });

  test('page and per are whole numbers in range, or the problem is named', () => {
    assert.deepEqual(parseFleetQuery({ page: '3', per: '500' }), { ok: true, query: { ...defaultFleetQuery, page: 3, per: 500 } });
    assert.deepEqual(parseFleetQuery({ page: '', per: '' }), { ok: true, query: defaultFleetQuery });
    for (const [key, value] of [['page', '0'], ['page', '-1'], ['page', '1.5'], ['page', '1e3'], ['page', 'two'], ['per', '0'], ['per', '501']]) {
      const parsed = parseFleetQuery({ [key as string]: value });
      assert.equal(parsed.ok, false, `${key}=${value}`);
      assert.match(parsed.ok ? '' : parsed.problems.join(), new RegExp(`"${key}" must be a whole number from 1 to`));
    }
  });
});

for (const engine of engines) {
  describe(`fleet paging (${engine})`, () => {
    test('pages after filters and sorting, keeps vendor groups, counts the whole fleet, and round-trips the query', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        for (const name of ['p1', 'p2', 'p3']) await seedSystem(handle, { name, vendor: 'pure' });
        await seedSystem(handle, { name: 'o1', vendor: 'ontap', health: 'critical' });
        await seedSystem(handle, { name: 'o2', vendor: 'ontap', health: 'critical' });
        const app = await buildTestApp(handle);
        try {
          // Sorted by name over the whole fleet (o1 o2 p1 p2 p3), cut into pages, grouped by vendor within a page.
          const first = (await app.inject({ url: '/?per=2', headers: html })).body;
          assert.deepEqual(names(first), ['o1', 'o2']);
          assert.match(first, /Showing 1–2 of 5 systems\./);
          assert.match(first, /Page 1 of 3/);
          assert.match(first, /<span class="count">5<\/span> systems/, 'the summary covers the whole fleet');
          assert.match(first, /<span class="count">2<\/span> critical/);
          assert.match(first, /<input type="hidden" name="per" value="2">/, 'the filter form keeps the page size');
          assert.match(first, /data-fragment-url="\/fragments\/fleet\?per=2"/);
          assert.equal(link(first, 'prev'), null);
          assert.equal(link(first, 'next'), '/?per=2&page=2');

          const second = (await app.inject({ url: '/?per=2&page=2', headers: html })).body;
          assert.deepEqual(names(second), ['p1', 'p2']);
          assert.match(second, /data-fragment-url="\/fragments\/fleet\?per=2&amp;page=2"/, 'the refresh keeps the page');
          assert.equal(link(second, 'prev'), '/?per=2');
          assert.equal(link(second, 'next'), '/?per=2&page=3');
          const fragment = await app.inject({ url: '/fragments/fleet?per=2&page=2', headers: html });
          assert.deepEqual(names(fragment.body), ['p1', 'p2']);

          const mixed = (await app.inject({ url: '/?per=3', headers: html })).body;
          assert.deepEqual(names(mixed), ['p1', 'o1', 'o2'], 'vendor groups, in vendor order, within the page');
          assert.ok(mixed.indexOf('id="vendor-pure"') < mixed.indexOf('id="vendor-ontap"'), 'Pure first, as on the unpaged page');

          const last = (await app.inject({ url: '/?per=2&page=99', headers: html })).body;
          assert.deepEqual(names(last), ['p3'], 'past the end shows the last page');
          assert.match(last, /Showing 5–5 of 5 systems/);
          assert.equal(link(last, 'next'), null);

          const filtered = (await app.inject({ url: '/?health=critical&sort=name&per=1&page=2', headers: html })).body;
          assert.deepEqual(names(filtered), ['o2']);
          assert.match(filtered, /Showing 2–2 of 2 matching systems \(5 in the fleet\)/);
          assert.match(filtered, /<span class="count">5<\/span> systems/);

          const all = (await app.inject({ url: '/', headers: html })).body;
          assert.equal(names(all).length, 5, 'one page by default');
          assert.ok(!all.includes('class="pager"'), 'no pager for a single page');

          for (const bad of ['page=0', 'page=x', 'per=501', 'per=0']) {
            const res = await app.inject({ url: `/?${bad}`, headers: html });
            assert.equal(res.statusCode, 400, bad);
            assert.match(res.body, /must be a whole number from 1 to/);
          }
        } finally {
          await app.close();
        }
      });
    });

    test('a filter link starts on the first page', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        for (const name of ['a', 'b', 'c']) await seedSystem(handle, { name, tags: ['prod'] });
        const app = await buildTestApp(handle);
        try {
          const body = (await app.inject({ url: '/?per=1&page=2', headers: html })).body;
          assert.match(body, /href="\/\?tag=prod&amp;per=1"/, 'tag link without the page');
          assert.match(body, /href="\/\?health=critical&amp;per=1"/);
          assert.match(body, /href="\/\?view=table&amp;per=1&amp;page=2"/, 'the layout toggle keeps the page');
        } finally {
          await app.close();
        }
      });
    });
  });
}
