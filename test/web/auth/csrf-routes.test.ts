// CSRF and bearer tokens on the real routes, with real sessions and tokens (no test-only viewer
// hooks): a signed-in browser's POST without the token is refused and changes nothing; with the
// token it passes; a bearer token needs no CSRF token, and a viewer token cannot administer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listAlerts, syncAlerts } from '../../../src/db/repositories/alerts.js';
import { listAudit } from '../../../src/db/repositories/audit.js';
import { defaultSettings, readSettings } from '../../../src/db/repositories/settings.js';
import { insertSystem, listSystems } from '../../../src/db/repositories/systems.js';
import { buildApp } from '../../../src/web/app.js';
import { makeAlert } from '../../domain/make-snapshot.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { createToken, signIn, withCsrf } from '../../helpers/web-auth.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const settings = { pollIntervalSeconds: '120', logRetentionDays: '14', capacityWarnPercent: '70', capacityCritPercent: '85', refreshSeconds: '20' };
const newSystem = { name: 'dd-01', vendor: 'datadomain', address: 'dd01.example.net', port: 3009, tls: { mode: 'insecure' }, tags: [], credentials: { username: 'monitor', password: 'Secret-1' } };

for (const engine of engines) {
  describe(`CSRF and bearer tokens on the real routes (${engine})`, () => {
    test('a signed-in session without the CSRF token is refused everywhere and changes nothing; with it, it passes', () =>
      withMigratedDatabase(engine, async (handle) => {
        const polls: (number | null)[] = [];
        const app = await buildApp({ handle, actions: { pollNow: async (id) => void polls.push(id), sealCredentials: (c) => JSON.stringify(c) } });
        try {
          const system = await insertSystem(handle.db, { name: 'fa-01', vendor: 'pure', address: '10.0.0.1', port: null, tls: { mode: 'insecure' }, enabled: true, tags: [], credentialsSealed: 'x' });
          await syncAlerts(handle.db, system.id, Date.now(), [makeAlert({ id: 'a1' })]);
          const [alert] = await listAlerts(handle.db, system.id);
          const admin = await signIn(app, handle, 'admin');
          const noToken = { ...FORM, cookie: admin.cookie };
          const wrongToken = { ...noToken, 'x-csrf-token': 'not-the-token' };
          const posts = [
            { url: `/systems/${system.id}/poll`, payload: '' },
            { url: '/poll', payload: '' },
            { url: `/alerts/${alert?.id}/ack`, payload: new URLSearchParams({ comment: 'on it' }).toString() },
            { url: '/admin/settings', payload: new URLSearchParams(settings).toString() },
            { url: `/admin/systems/${system.id}/enabled`, payload: '' },
            { url: `/admin/systems/${system.id}/delete`, payload: '' },
          ];
          for (const headers of [noToken, wrongToken]) {
            for (const { url, payload } of posts) assert.equal((await app.inject({ method: 'POST', url, headers, payload })).statusCode, 403, url);
            // The multipart system form too (create), and the JSON API with the session cookie.
            const create = await app.inject({ method: 'POST', url: '/admin/systems', headers: { ...headers, 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nnew-one\r\n--x--\r\n' });
            assert.equal(create.statusCode, 403);
            const apiAck = await app.inject({ method: 'POST', url: `/api/v1/alerts/${alert?.id}/ack`, headers: { ...headers, 'content-type': 'application/json' }, payload: { comment: 'x' } });
            assert.equal(apiAck.statusCode, 403);
          }
          assert.deepEqual(polls, []);
          assert.equal((await listAlerts(handle.db, system.id))[0]?.acknowledgedAt, null);
          assert.deepEqual(await readSettings(handle.db, defaultSettings()), defaultSettings());
          const systems = await listSystems(handle.db);
          assert.deepEqual(systems.map((s) => [s.name, s.enabled]), [['fa-01', true]]);
          assert.deepEqual(await listAudit(handle.db), []);

          // The same session with its token: the form field for forms, the header for the API.
          const field = (fields: Record<string, string>) => new URLSearchParams({ ...fields, _csrf: admin.csrfToken }).toString();
          const headers = { ...FORM, cookie: admin.cookie };
          assert.equal((await app.inject({ method: 'POST', url: `/systems/${system.id}/poll`, headers, payload: field({}) })).statusCode, 303);
          assert.equal((await app.inject({ method: 'POST', url: '/admin/settings', headers, payload: field(settings) })).statusCode, 303);
          const apiAck = await app.inject({ method: 'POST', url: `/api/v1/alerts/${alert?.id}/ack`, headers: { ...withCsrf(admin), 'content-type': 'application/json' }, payload: { comment: 'x' } });
          assert.equal(apiAck.statusCode, 200, apiAck.body);
          assert.deepEqual(polls, [system.id]);
          assert.equal((await readSettings(handle.db, defaultSettings())).pollIntervalSeconds, 120);
        } finally {
          await app.close();
        }
      }));

    test('bearer tokens need no CSRF token; a viewer token reads but may not administer; /metrics and /api/v1/systems answer a real token', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildApp({ handle, actions: { sealCredentials: (c) => JSON.stringify(c) } });
        try {
          const system = await insertSystem(handle.db, { name: 'fa-01', vendor: 'pure', address: '10.0.0.1', port: null, tls: { mode: 'insecure' }, enabled: true, tags: [], credentialsSealed: 'x' });
          await syncAlerts(handle.db, system.id, Date.now(), [makeAlert({ id: 'a1' })]);
          const [alert] = await listAlerts(handle.db, system.id);
          const viewer = { authorization: `Bearer ${await createToken(handle, 'viewer')}` };
          const admin = { authorization: `Bearer ${await createToken(handle, 'admin')}` };

          for (const who of [viewer, admin]) {
            const list = await app.inject({ url: '/api/v1/systems', headers: who });
            assert.equal(list.statusCode, 200);
            assert.deepEqual(list.json().systems.map((s: { name: string }) => s.name), ['fa-01']);
            const metrics = await app.inject({ url: '/metrics', headers: who });
            assert.equal(metrics.statusCode, 200);
            assert.match(metrics.body, /^# HELP /m);
          }
          assert.equal((await app.inject({ url: '/metrics' })).statusCode, 401);
          assert.equal((await app.inject({ url: '/api/v1/systems', headers: { authorization: 'Bearer not-a-token' } })).statusCode, 401);

          const ack = await app.inject({ method: 'POST', url: `/api/v1/alerts/${alert?.id}/ack`, headers: { ...viewer, 'content-type': 'application/json' }, payload: { comment: 'by token' } });
          assert.equal(ack.statusCode, 200, ack.body);
          assert.equal((await listAlerts(handle.db, system.id))[0]?.ackComment, 'by token');

          const denied = await app.inject({ method: 'POST', url: '/api/v1/systems', headers: { ...viewer, 'content-type': 'application/json' }, payload: newSystem });
          assert.equal(denied.statusCode, 403);
          assert.equal((await app.inject({ url: '/admin/systems', headers: viewer })).statusCode, 403);
          assert.equal((await listSystems(handle.db)).length, 1);
          const created = await app.inject({ method: 'POST', url: '/api/v1/systems', headers: { ...admin, 'content-type': 'application/json' }, payload: newSystem });
          assert.equal(created.statusCode, 201, created.body);
          assert.equal((await listSystems(handle.db)).length, 2);
        } finally {
          await app.close();
        }
      }));
  });
}
