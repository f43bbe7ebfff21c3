import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pino from 'pino';
import { revokeApiToken } from '../../../src/db/repositories/api-tokens.js';
import { createUser } from '../../../src/db/repositories/users.js';
import { hashPassword } from '../../../src/lib/password.js';
import { SESSION_IDLE_MS } from '../../../src/web/session-cookie.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { createToken, csrfFor, signIn, TEST_PASSWORD, withCsrf } from '../../helpers/web-auth.js';
import { buildProbedApp } from './support.js';

for (const engine of engines) {
  describe(`tokens, sessions and anonymous reading on ${engine}`, () => {
    test('bearer tokens read, a viewer token is refused admin routes, a revoked or unknown one gets 401 and never falls back', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildProbedApp(handle, { anonymousRead: true });
        try {
          const viewer = await createToken(handle, 'viewer', 'grafana');
          const admin = await createToken(handle, 'admin', 'ansible');
          assert.match(viewer, /^sfd_[A-Za-z0-9_-]{43}$/);
          const read = await app.inject({ url: '/probe/viewer', headers: { authorization: `Bearer ${viewer}` } });
          assert.equal(read.statusCode, 200);
          assert.deepEqual(read.json().viewer, { userId: null, username: 'token:grafana', role: 'viewer', via: 'token' });
          assert.equal((await app.inject({ url: '/probe/admin', headers: { authorization: `Bearer ${viewer}` } })).statusCode, 403);
          // No CSRF token needed: a bearer token is not an ambient credential a page could ride on.
          const change = await app.inject({ method: 'POST', url: '/probe/change', headers: { authorization: `bearer ${admin}` } });
          assert.equal(change.statusCode, 200);
          const used = await handle.db.selectFrom('api_tokens').select(['name', 'last_used_at']).orderBy('name').execute();
          assert.ok(used.every((t) => typeof t.last_used_at === 'number'));

          await revokeApiToken(handle.db, 'grafana');
          const s = await signIn(app, handle, 'admin');
          for (const token of [viewer, 'sfd_unknown', viewer.slice(0, -1)]) {
            // Even with a valid session cookie and anonymous reading on, a bad token is a 401.
            const res = await app.inject({ url: '/probe/viewer', headers: { authorization: `Bearer ${token}`, cookie: s.cookie } });
            assert.equal(res.statusCode, 401);
            assert.equal(res.json().error, 'invalid_token');
            assert.equal(res.headers['www-authenticate'], 'Bearer error="invalid_token"');
            assert.ok(!res.body.includes(token));
          }
        } finally {
          await app.close();
        }
      }));

    test('tokens, passwords and hashes never reach the process log, even at trace level', () =>
      withMigratedDatabase(engine, async (handle) => {
        const lines: string[] = [];
        const app = await buildProbedApp(handle, {}, pino({ level: 'trace' }, { write: (l: string) => lines.push(l) }));
        try {
          const token = await createToken(handle, 'admin', 'logged');
          await app.inject({ url: '/probe/viewer', headers: { authorization: `Bearer ${token}` } });
          await app.inject({ url: '/probe/viewer', headers: { authorization: `Bearer ${token}x` } });
          await createUser(handle.db, { username: 'logme', passwordHash: await hashPassword(TEST_PASSWORD), role: 'viewer' });
          const csrf = await csrfFor(app);
          for (const password of ['wrong password!', TEST_PASSWORD]) {
            await app.inject({ method: 'POST', url: '/login', payload: { username: 'logme', password, _csrf: csrf.token }, headers: { cookie: csrf.cookie } });
          }
          const s = await signIn(app, handle, 'admin');
          await app.inject({ method: 'POST', url: '/probe/change', headers: withCsrf(s) });
          const log = lines.join('');
          assert.ok(log.length > 0);
          const hashes = (await handle.db.selectFrom('users').select('password_hash').execute()).map((r) => r.password_hash);
          for (const secret of [token, TEST_PASSWORD, 'wrong password!', s.csrfToken, ...hashes]) assert.ok(!log.includes(secret), 'a secret reached the log');
          assert.ok(!/sfd_session=|sfd_[A-Za-z0-9_-]{43}/.test(log));
        } finally {
          await app.close();
        }
      }));

    test('anonymous reading: off means 401 for everything; on means reads pass but admin and changes do not', () =>
      withMigratedDatabase(engine, async (handle) => {
        const closed = await buildProbedApp(handle, { anonymousRead: false });
        const open = await buildProbedApp(handle, { anonymousRead: true });
        try {
          assert.equal((await closed.inject('/probe/viewer')).statusCode, 401);
          const read = await open.inject('/probe/viewer');
          assert.equal(read.statusCode, 200);
          assert.equal(read.json().viewer.via, 'anonymous');
          assert.equal((await open.inject('/probe/admin')).statusCode, 401);
          assert.equal((await open.inject({ method: 'POST', url: '/probe/change' })).statusCode, 401);
        } finally {
          await closed.close();
          await open.close();
        }
      }));

    test('sessions expire when idle, slide forward when used, and a tampered cookie is dropped', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildProbedApp(handle);
        try {
          const s = await signIn(app, handle, 'viewer');
          const expiry = async () => (await handle.db.selectFrom('sessions').select('expires_at').executeTakeFirstOrThrow()).expires_at;
          // Pretend the last renewal was two minutes ago: the next request pushes the expiry forward.
          const before = Date.now() - 120_000 + SESSION_IDLE_MS;
          await handle.db.updateTable('sessions').set({ expires_at: before }).execute();
          assert.equal((await app.inject({ url: '/probe/viewer', headers: { cookie: s.cookie } })).statusCode, 200);
          assert.ok((await expiry()) > before + 100_000, 'sliding renewal');

          await handle.db.updateTable('sessions').set({ expires_at: Date.now() - 1 }).execute();
          const expired = await app.inject({ url: '/probe/viewer', headers: { cookie: s.cookie } });
          assert.equal(expired.statusCode, 401);
          assert.equal(expired.cookies.find((c) => c.name === 'sfd_session')?.value, '', 'the dead cookie is cleared');

          const fresh = await signIn(app, handle, 'viewer');
          const tampered = fresh.cookie.replace(/sfd_session=([^;.]+)/, 'sfd_session=AAAA$1'.slice(0, 20));
          assert.notEqual(tampered, fresh.cookie);
          assert.equal((await app.inject({ url: '/probe/viewer', headers: { cookie: tampered } })).statusCode, 401);
          assert.equal((await app.inject({ url: '/probe/viewer', headers: { cookie: fresh.cookie } })).statusCode, 200);
        } finally {
          await app.close();
        }
      }));

    test('cookie flags: HttpOnly and SameSite=Lax always; Secure when COOKIE_SECURE says so (auto over plain HTTP: not)', () =>
      withMigratedDatabase(engine, async (handle) => {
        await createUser(handle.db, { username: 'flags', passwordHash: await hashPassword(TEST_PASSWORD), role: 'viewer' });
        for (const [cookieSecure, secure] of [[true, true], [false, false], ['auto', false]] as const) {
          const app = await buildProbedApp(handle, { cookieSecure });
          try {
            const csrf = await csrfFor(app);
            const login = await app.inject({ method: 'POST', url: '/login', payload: { username: 'flags', password: TEST_PASSWORD, _csrf: csrf.token }, headers: { cookie: csrf.cookie } });
            assert.equal(login.statusCode, 303);
            const page = await app.inject({ url: '/login', headers: { accept: 'text/html' } });
            for (const cookie of [page.cookies.find((c) => c.name === 'sfd_csrf'), login.cookies.find((c) => c.name === 'sfd_session')]) {
              assert.ok(cookie);
              assert.equal(cookie.httpOnly, true, cookie.name);
              assert.equal(cookie.sameSite, 'Lax', cookie.name);
              assert.equal(Boolean(cookie.secure), secure, `${cookie.name} with cookieSecure=${cookieSecure}`);
            }
          } finally {
            await app.close();
          }
        }
      }));

    test('CSRF: a signed-in admin change without or with a wrong token is 403, with the right one it passes', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildProbedApp(handle);
        try {
          const s = await signIn(app, handle, 'admin');
          assert.equal((await app.inject({ method: 'POST', url: '/probe/change', headers: { cookie: s.cookie } })).statusCode, 403);
          assert.equal((await app.inject({ method: 'POST', url: '/probe/change', headers: { cookie: s.cookie, 'x-csrf-token': `${s.csrfToken}x` } })).statusCode, 403);
          const noSecret = s.cookie.replace(/;?\s*sfd_csrf=[^;]+/, '');
          assert.equal((await app.inject({ method: 'POST', url: '/probe/change', headers: { cookie: noSecret, 'x-csrf-token': s.csrfToken } })).statusCode, 403);
          assert.equal((await app.inject({ method: 'POST', url: '/probe/change', headers: withCsrf(s) })).statusCode, 200);
        } finally {
          await app.close();
        }
      }));
  });
}
