import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../../src/db/schema.js';
import { persistPoll } from '../../../src/poller/persist-poll.js';
import { createCapacityForecasts } from '../../../src/web/capacity-forecasts.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { makeCapacity, makeSnapshot } from '../../domain/make-snapshot.js';
import { buildTestApp, DAY, HOSTILE, rowIds, seedSystem } from './support.js';

const TiB = 1024 ** 4;
const EVIL = "=cmd|' /C calc'!A0";

/** Eleven daily polls ending today, used growing by `perDay` TiB from `startUsed` of 100 TiB. */
async function pollDaily(db: Kysely<Database>, systemId: number, startUsed: number, perDay: number, start: number) {
  for (let i = 0; i <= 10; i++) {
    const used = (startUsed + perDay * i) * TiB;
    const capacity = makeCapacity({ totalBytes: 100 * TiB, usedBytes: used, freeBytes: 100 * TiB - used });
    await persistPoll(db, { systemId, at: start + i * DAY, durationMs: 1, snapshot: makeSnapshot({ capacity, components: [] }) });
  }
}

async function seedFleet(db: Kysely<Database>) {
  const start = Date.now() - 10 * DAY - 60_000;
  const ids = {
    fast: await seedSystem(db, 'fa-fast', 'pure', ['prod', 'db']),
    slow: await seedSystem(db, 'ontap-slow', 'ontap', ['prod']),
    full: await seedSystem(db, 'grid-full', 'storagegrid'),
    never: await seedSystem(db, HOSTILE, 'datadomain', ['  ']),
    flat: await seedSystem(db, EVIL, 'pure'),
  };
  await pollDaily(db, ids.fast, 50, 2, start);
  await pollDaily(db, ids.slow, 50, 0.5, start);
  await pollDaily(db, ids.full, 95, 0, start);
  await pollDaily(db, ids.flat, 40, 0, start);
  return ids;
}

function rowOf(html: string, label: string): string {
  const at = html.indexOf(`<th scope="row">${label}</th>`);
  assert.ok(at >= 0, `a row for ${label}`);
  return html.slice(at, html.indexOf('</tr>', at));
}

for (const engine of engines) {
  describe(`capacity page on ${engine}`, () => {
    test('totals by vendor and tag, what fills first, escaped names', () =>
      withMigratedDatabase(engine, async (handle) => {
        const ids = await seedFleet(handle.db);
        const { app, fleet } = await buildTestApp(handle);
        try {
          await fleet.refresh();
          const res = await app.inject({ url: '/capacity', headers: { accept: 'text/html' } });
          assert.equal(res.statusCode, 200, res.body);
          // Latest used: fast 70, slow 55, full 95, flat 40 TiB, each of 100 TiB.
          assert.match(rowOf(res.body, '<strong>Fleet</strong>'), /<td>4 <span class="muted">of 5 reporting<\/span><\/td>\s*<td>400 TiB<\/td>\s*<td>260 TiB<\/td>\s*<td>140 TiB<\/td>/);
          assert.match(rowOf(res.body, 'pure'), /<td>2<\/td>\s*<td>200 TiB<\/td>\s*<td>110 TiB<\/td>\s*<td>90.0 TiB<\/td>/);
          assert.match(rowOf(res.body, 'ontap'), /<td>55.0 TiB<\/td>/);
          assert.match(rowOf(res.body, 'datadomain'), /<td>0 <span class="muted">of 1 reporting/);
          assert.match(rowOf(res.body, 'prod'), /<td>2<\/td>\s*<td>200 TiB<\/td>\s*<td>125 TiB<\/td>/);
          assert.match(rowOf(res.body, 'db'), /<td>1<\/td>\s*<td>100 TiB<\/td>\s*<td>70.0 TiB<\/td>/);
          // Blank tags count as none: the hostile system is untagged, with grid-full and the flat one.
          assert.match(rowOf(res.body, 'untagged'), /<td>2 <span class="muted">of 3 reporting<\/span><\/td>\s*<td>200 TiB<\/td>\s*<td>135 TiB<\/td>/);
          const tagOrder = [...res.body.matchAll(/<th scope="row">(db|prod|untagged)<\/th>/g)].map((m) => m[1]);
          assert.deepEqual(tagOrder, ['db', 'prod', 'untagged']);

          assert.deepEqual(rowIds(res.body, 'rank'), [ids.full, ids.fast, ids.slow, ids.flat, ids.never]);
          assert.ok(!res.body.includes('<img src=x'));
          assert.ok(res.body.includes('&lt;img src=x onerror=alert(1)&gt;'));
          assert.match(res.body, /<script src="\/static\/js\/fleet-capacity-chart.js" defer><\/script>/);
          assert.doesNotMatch(res.body, /style="/);
        } finally {
          await app.close();
        }
      }));

    test('CSV: one row per system in ranking order, guarded against formulas; history sums the fleet per day', () =>
      withMigratedDatabase(engine, async (handle) => {
        await seedFleet(handle.db);
        const { app, fleet } = await buildTestApp(handle);
        try {
          await fleet.refresh();
          const csv = await app.inject('/capacity.csv');
          assert.equal(csv.statusCode, 200);
          assert.match(String(csv.headers['content-type']), /^text\/csv/);
          assert.match(String(csv.headers['content-disposition']), /^attachment; filename="capacity-[\d-]+\.csv"$/);
          const lines = csv.body.split('\r\n');
          assert.equal(lines[0], 'name,vendor,tags,total_bytes,used_bytes,free_bytes,percent_used,days_until_80,days_until_90,days_until_100');
          assert.deepEqual(lines.slice(1, 6).map((l) => l.split(',')[0]), ['grid-full', 'fa-fast', 'ontap-slow', `'${EVIL}`, HOSTILE]);
          const fast = (lines[2] ?? '').split(',');
          assert.deepEqual(fast.slice(1, 7), ['pure', 'prod; db', String(100 * TiB), String(70 * TiB), String(30 * TiB), '70']);
          assert.ok(Math.abs(Number(fast[7]) - 5) < 0.6, `about 5 days to 80 % (got ${fast[7]})`);
          assert.equal(lines[1]?.split(',').slice(7).join(','), '0,0,', 'full: past 80 and 90 now, no trend to 100');
          assert.equal(lines[5], `${HOSTILE},datadomain,,,,,,,,`);
          assert.equal(lines[6], '');

          const history = await app.inject('/capacity/history.json?range=30d');
          assert.equal(history.statusCode, 200);
          const { days } = history.json();
          assert.equal(days.length, 11);
          const last = days[days.length - 1];
          assert.equal(last.systems, 4);
          assert.equal(last.totalBytes, 400 * TiB);
          assert.equal(last.usedBytes, 260 * TiB);
          assert.equal(days[0].usedBytes, (50 + 50 + 95 + 40) * TiB);
          assert.equal((await app.inject('/capacity/history.json')).json().range, '1y');
          assert.equal((await app.inject('/capacity/history.json?range=2y')).statusCode, 400);
        } finally {
          await app.close();
        }
      }));

    test('forecasts are read in one query per fleet version and reused until it changes', () =>
      withMigratedDatabase(engine, async (handle) => {
        const ids = await seedFleet(handle.db);
        let queries = 0;
        const counting = handle.db.withPlugin({
          transformQuery: (args) => {
            queries++;
            return args.node;
          },
          transformResult: async (args) => args.result,
        });
        const forecasts = createCapacityForecasts(counting);
        const view = { version: 1, refreshedAt: 0, systems: [] };
        const first = await forecasts.forFleet(view);
        assert.equal(queries, 1);
        assert.equal(first.size, 4);
        assert.ok((first.get(ids.fast)?.daysUntil[90] ?? 0) > 0);
        assert.equal(await forecasts.forFleet(view), first);
        assert.equal(queries, 1);
        await forecasts.forFleet({ ...view, version: 2 });
        assert.equal(queries, 2);
      }));
  });
}
