import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listAudit } from '../../../src/db/repositories/audit.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { buildTestApp, csrf, html, seedSystem, signedIn } from './support.js';

const form = { 'content-type': 'application/x-www-form-urlencoded' };

for (const engine of engines) {
  describe(`poll now (${engine})`, () => {
    test('anonymous readers and nobody at all may not poll', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const id = await seedSystem(handle, { name: 'a' });
        const calls: (number | null)[] = [];
        const actions = { pollNow: async (systemId: number | null) => void calls.push(systemId) };
        for (const viewer of [undefined, null]) {
          const app = await buildTestApp(handle, { actions, ...(viewer === null ? { viewer: null, anonymousRead: false } : {}) });
          try {
            for (const url of [`/systems/${id}/poll`, '/poll']) {
              const res = await app.inject({ method: 'POST', url, headers: form, payload: '' });
              assert.equal(res.statusCode, 401, url);
              assert.match(res.json().message, /Sign in/);
            }
            const page = await app.inject({ url: '/', headers: html });
            assert.ok(!page.body.includes('action="/poll"'), 'no poll button for someone who may not press it');
          } finally {
            await app.close();
          }
        }
        assert.deepEqual(calls, []);
      });
    });

    test('without a poller in this process the answer is 503 with a reason', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const id = await seedSystem(handle, { name: 'a' });
        const app = await buildTestApp(handle, { viewer: signedIn() });
        try {
          const res = await app.inject({ method: 'POST', url: `/systems/${id}/poll`, headers: { accept: 'application/json', ...csrf(app) } });
          assert.equal(res.statusCode, 503);
          assert.match(res.json().message, /cannot poll: it runs without a poller/);
          assert.equal((await app.inject({ method: 'POST', url: '/poll', headers: { ...html, ...csrf(app) } })).statusCode, 503);
        } finally {
          await app.close();
        }
      });
    });

    test('a signed-in viewer polls: audited, redirected back with a flash, or answered as JSON', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const id = await seedSystem(handle, { name: 'array-1' });
        const calls: (number | null)[] = [];
        const app = await buildTestApp(handle, { viewer: signedIn(), actions: { pollNow: async (systemId) => void calls.push(systemId) } });
        try {
          const page = await app.inject({ url: '/?view=table', headers: html });
          assert.match(page.body, new RegExp(`action="/systems/${id}/poll"`));
          assert.match(page.body, /action="\/poll"/);

          const res = await app.inject({ method: 'POST', url: `/systems/${id}/poll`, headers: { ...html, ...form, ...csrf(app) }, payload: 'next=%2F%3Fview%3Dtable' });
          assert.equal(res.statusCode, 303);
          assert.equal(res.headers.location, '/?view=table');
          const cookie = res.cookies.find((c) => c.name === 'sfd_flash');
          assert.ok(cookie, 'flash cookie set');
          const after = await app.inject({ url: '/?view=table', headers: html, cookies: { sfd_flash: cookie.value } });
          assert.match(after.body, /<p class="flash ok" role="status">Polled &quot;array-1&quot;/);

          const evil = await app.inject({ method: 'POST', url: '/poll', headers: { ...html, ...form, ...csrf(app) }, payload: 'next=%2F%2Fevil.example%2F' });
          assert.equal(evil.headers.location, '/', 'never redirects off-site');

          const json = await app.inject({ method: 'POST', url: `/systems/${id}/poll`, headers: { accept: 'application/json', ...csrf(app) } });
          assert.equal(json.statusCode, 200);
          assert.equal(json.json().ok, true);
          assert.deepEqual(calls, [id, null, id]);

          const audit = await listAudit(handle.db);
          assert.deepEqual(audit.map((a) => [a.action, a.username, a.targetId]), [
            ['system.poll', 'test-viewer', String(id)],
            ['fleet.poll', 'test-viewer', null],
            ['system.poll', 'test-viewer', String(id)],
          ]);

          assert.equal((await app.inject({ method: 'POST', url: '/systems/999/poll', headers: { ...html, ...csrf(app) } })).statusCode, 404);
          assert.equal((await app.inject({ method: 'POST', url: '/systems/x1/poll', headers: { ...html, ...csrf(app) } })).statusCode, 400);
          assert.deepEqual(calls.length, 3, 'no poll for a bad id');
        } finally {
          await app.close();
        }
      });
    });

    test('a poll that throws says so without internals', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const id = await seedSystem(handle, { name: 'a' });
        const app = await buildTestApp(handle, { viewer: signedIn(), actions: { pollNow: async () => Promise.reject(new Error('secret host db01:5432 down')) } });
        try {
          const res = await app.inject({ method: 'POST', url: `/systems/${id}/poll`, headers: { accept: 'application/json', ...csrf(app) } });
          assert.equal(res.statusCode, 502);
          assert.doesNotMatch(res.body, /db01/);
        } finally {
          await app.close();
        }
      });
    });
  });
}
