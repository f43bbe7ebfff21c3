import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createFleetSnapshot, type FleetSnapshot, type FleetView } from '../../../src/web/fleet-snapshot.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { buildTestApp, html, POLL_MS, seedSystem, signedIn } from './support.js';

const names = (body: string) => [...body.matchAll(/<a href="\/systems\/\d+">([^<]*)<\/a>/g)].map((m) => m[1] ?? '');
const tokensIn = (body: string) => [...body.matchAll(/name="_csrf" value="([^"]*)"/g)].map((m) => m[1] ?? '');

/** A fleet whose contents the test swaps; every read of its systems (any render reads them) is counted. */
function countingFleet(start: FleetView) {
  let view = start;
  let reads = 0;
  const counted = (v: FleetView): FleetView => ({
    version: v.version,
    refreshedAt: v.refreshedAt,
    get systems() {
      reads += 1;
      return v.systems;
    },
  });
  const fleet: FleetSnapshot = { current: () => counted(view), refresh: async () => counted(view) };
  const set = (next: FleetView) => {
    view = next;
  };
  return { fleet, reads: () => reads, set };
}

for (const engine of engines) {
  describe(`fleet render cache (${engine})`, () => {
    test('a second request does not render the list again; a fleet refresh does', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        await seedSystem(handle, { name: 'a' });
        await seedSystem(handle, { name: 'b' });
        const real = await createFleetSnapshot(handle.db, { pollIntervalMs: POLL_MS }).refresh();
        const counting = countingFleet(real);
        const app = await buildTestApp(handle, { fleet: counting.fleet });
        try {
          const first = await app.inject({ url: '/', headers: html });
          assert.deepEqual(names(first.body), ['a', 'b']);
          const afterFirst = counting.reads();
          assert.ok(afterFirst > 0, 'the first request renders');

          // Same version, other contents: a cached answer still shows the old list and reads nothing.
          counting.set({ ...real, systems: real.systems.slice(0, 1) });
          const second = await app.inject({ url: '/', headers: html });
          assert.equal(counting.reads(), afterFirst, 'no render for the second request');
          assert.deepEqual(names(second.body), ['a', 'b']);
          assert.deepEqual(names((await app.inject({ url: '/fragments/fleet', headers: html })).body), ['a', 'b'], 'page and fragment share the entry');
          assert.equal(counting.reads(), afterFirst);

          assert.deepEqual(names((await app.inject({ url: '/?view=table', headers: html })).body), ['a'], 'another query is another entry');

          counting.set({ ...real, version: real.version + 1, systems: real.systems.slice(0, 1) });
          const refreshed = await app.inject({ url: '/', headers: html });
          assert.deepEqual(names(refreshed.body), ['a'], 'a new fleet version renders afresh');
          assert.ok(counting.reads() > afterFirst);
        } finally {
          await app.close();
        }
      });
    });

    test("no viewer's CSRF token ever reaches another viewer's response, and each token works", async () => {
      await withMigratedDatabase(engine, async (handle) => {
        await seedSystem(handle, { name: 'a' });
        await seedSystem(handle, { name: 'b' });
        const polled: (number | null)[] = [];
        const actions = { pollNow: async (id: number | null) => void polled.push(id) };
        const app = await buildTestApp(handle, { viewer: signedIn(), actions });
        try {
          const seen: { token: string; cookie: string }[] = [];
          for (const url of ['/', '/', '/?view=table', '/fragments/fleet', '/fragments/fleet']) {
            const res = await app.inject({ url, headers: html });
            assert.equal(res.statusCode, 200, url);
            assert.ok(!res.body.includes('csrf-slot-'), `${url}: the placeholder never leaves the server`);
            const tokens = new Set(tokensIn(res.body));
            assert.equal(tokens.size, 1, `${url}: one token in every form of the response`);
            assert.ok(tokensIn(res.body).length >= 2, `${url}: the per-system poll forms carry it`);
            const token = [...tokens][0] ?? '';
            assert.ok(token.length > 10, url);
            for (const earlier of seen) assert.ok(!res.body.includes(earlier.token), `${url}: an earlier viewer's token leaked`);
            const cookie = res.cookies.find((c) => c.name === 'sfd_csrf')?.value ?? '';
            seen.push({ token, cookie });
          }
          // The filled-in token is a real one: it passes the CSRF check with its own cookie, not another's.
          const [mine, theirs] = seen;
          const post = (cookie: string, token: string) =>
            app.inject({ method: 'POST', url: '/poll', headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' }, cookies: { sfd_csrf: cookie }, payload: `_csrf=${encodeURIComponent(token)}&next=%2F` });
          assert.equal((await post(theirs?.cookie ?? '', mine?.token ?? '')).statusCode, 403);
          assert.equal((await post(mine?.cookie ?? '', mine?.token ?? '')).statusCode, 200);
          assert.deepEqual(polled, [null]);
        } finally {
          await app.close();
        }
      });
    });
  });
}
