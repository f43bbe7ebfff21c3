import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listAudit } from '../../../src/db/repositories/audit.js';
import { findLogin, findUserByName } from '../../../src/db/repositories/users.js';
import { verifyPassword } from '../../../src/lib/password.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { createToken, signIn, withCsrf } from '../../helpers/web-auth.js';
import { buildProbedApp, form } from '../auth/support.js';

const html = { accept: 'text/html' };
const NEW_PASSWORD = 'a brand new password';

for (const engine of engines) {
  describe(`users admin on ${engine}`, () => {
    test('only admins see the page; viewers get 403, strangers go to sign-in, anonymous readers too', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildProbedApp(handle, { anonymousRead: true });
        try {
          const stranger = await app.inject({ url: '/admin/users', headers: html });
          assert.equal(stranger.statusCode, 303);
          assert.equal(stranger.headers.location, '/login?next=%2Fadmin%2Fusers');
          const viewer = await signIn(app, handle, 'viewer');
          assert.equal((await app.inject({ url: '/admin/users', headers: { ...html, cookie: viewer.cookie } })).statusCode, 403);
          const viewerPost = await app.inject({ method: 'POST', url: '/admin/users', ...form({ username: 'x', role: 'admin', password: NEW_PASSWORD, password2: NEW_PASSWORD }), headers: { ...form({}).headers, ...withCsrf(viewer) } });
          assert.equal(viewerPost.statusCode, 403);
          assert.equal(await findUserByName(handle.db, 'x'), null);
          const viewerToken = await createToken(handle, 'viewer');
          assert.equal((await app.inject({ url: '/admin/users', headers: { authorization: `Bearer ${viewerToken}` } })).statusCode, 403);

          const admin = await signIn(app, handle, 'admin', 'root');
          const page = await app.inject({ url: '/admin/users', headers: { ...html, cookie: admin.cookie } });
          assert.equal(page.statusCode, 200);
          assert.match(page.body, /<th scope="row">root <span class="users-self">\(you\)<\/span><\/th>/);
          assert.match(page.body, /<th scope="row">test-viewer<\/th>/);
          assert.doesNotMatch(page.body, /\$argon2id/);
          const adminToken = await createToken(handle, 'admin');
          const json = await app.inject({ url: '/admin/users', headers: { authorization: `Bearer ${adminToken}` } });
          assert.equal(json.statusCode, 200);
          assert.deepEqual(json.json().users.map((u: { username: string }) => u.username), ['root', 'test-viewer']);
          assert.doesNotMatch(json.body, /argon2|password/i);
        } finally {
          await app.close();
        }
      }));

    test('create, change role, reset password, disable, enable and delete — each needs CSRF and is audited', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildProbedApp(handle);
        try {
          const admin = await signIn(app, handle, 'admin');
          const post = (url: string, fields: Record<string, string>, csrf = true) =>
            app.inject({ method: 'POST', url, ...form(csrf ? { ...fields, _csrf: admin.csrfToken } : fields), headers: { ...form({}).headers, ...html, cookie: admin.cookie } });

          assert.equal((await post('/admin/users', { username: 'zoe', role: 'viewer', password: NEW_PASSWORD, password2: NEW_PASSWORD }, false)).statusCode, 403);
          assert.equal(await findUserByName(handle.db, 'zoe'), null);

          const created = await post('/admin/users', { username: 'Zoe', role: 'viewer', password: NEW_PASSWORD, password2: NEW_PASSWORD });
          assert.equal(created.statusCode, 303, created.body);
          assert.equal(created.headers.location, '/admin/users?done=created');
          const zoe = await findUserByName(handle.db, 'zoe');
          assert.ok(zoe && zoe.role === 'viewer');
          const notice = await app.inject({ url: '/admin/users?done=created', headers: { ...html, cookie: admin.cookie } });
          assert.match(notice.body, /role="status">User created\.</);

          const mismatch = await post('/admin/users', { username: 'yan', role: 'viewer', password: NEW_PASSWORD, password2: 'something else entirely' });
          assert.equal(mismatch.statusCode, 400);
          assert.match(mismatch.body, /role="alert">Not changed: the two passwords differ\.</);
          assert.ok(!mismatch.body.includes(NEW_PASSWORD));
          const short = await post('/admin/users', { username: 'yan', role: 'viewer', password: 'short', password2: 'short' });
          assert.match(short.body, /at least 10 characters/);
          const hostile = await post('/admin/users', { username: '<script>x</script>', role: 'viewer', password: NEW_PASSWORD, password2: NEW_PASSWORD });
          assert.equal(hostile.statusCode, 400);
          assert.ok(!hostile.body.includes('<script>x'));
          assert.equal((await post('/admin/users', { username: 'zoe', role: 'viewer', password: NEW_PASSWORD, password2: NEW_PASSWORD })).statusCode, 409);

          assert.equal((await post(`/admin/users/${zoe.id}/role`, { role: 'admin' })).statusCode, 303);
          assert.equal((await findUserByName(handle.db, 'zoe'))?.role, 'admin');
          const zoeSession = await signIn(app, handle, 'admin', 'zoe');
          assert.equal((await post(`/admin/users/${zoe.id}/password`, { password: 'another new password', password2: 'another new password' })).statusCode, 303);
          const login = await findLogin(handle.db, 'zoe');
          assert.ok(login && (await verifyPassword('another new password', login.passwordHash)));
          assert.equal((await app.inject({ url: '/probe/viewer', headers: { cookie: zoeSession.cookie } })).statusCode, 401, 'a reset ends the user\'s sessions');

          const zoeAgain = await signIn(app, handle, 'admin', 'zoe');
          assert.equal((await post(`/admin/users/${zoe.id}/disable`, {})).statusCode, 303);
          assert.equal((await findUserByName(handle.db, 'zoe'))?.disabled, true);
          assert.equal((await app.inject({ url: '/probe/viewer', headers: { cookie: zoeAgain.cookie } })).statusCode, 401, 'disabling ends sessions');
          assert.equal((await post(`/admin/users/${zoe.id}/enable`, {})).statusCode, 303);
          assert.equal((await findUserByName(handle.db, 'zoe'))?.disabled, false);
          assert.equal((await post(`/admin/users/${zoe.id}/delete`, {})).statusCode, 303);
          assert.equal(await findUserByName(handle.db, 'zoe'), null);
          assert.equal((await post('/admin/users/999/delete', {})).statusCode, 404);

          const audit = await listAudit(handle.db);
          assert.deepEqual(audit.map((a) => [a.action, a.username, a.details?.username]).reverse(), [
            ['user_create', 'test-admin', 'zoe'],
            ['user_role', 'test-admin', 'zoe'],
            ['user_password_reset', 'test-admin', 'zoe'],
            ['user_disable', 'test-admin', 'zoe'],
            ['user_enable', 'test-admin', 'zoe'],
            ['user_delete', 'test-admin', 'zoe'],
          ]);
          assert.ok(!JSON.stringify(audit).includes('new password'));
        } finally {
          await app.close();
        }
      }));

    test('the last enabled admin cannot be demoted, disabled or deleted', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildProbedApp(handle);
        try {
          const admin = await signIn(app, handle, 'admin');
          for (const [path, fields] of [['role', { role: 'viewer' }], ['disable', {}], ['delete', {}]] as const) {
            const res = await app.inject({ method: 'POST', url: `/admin/users/${admin.userId}/${path}`, payload: fields, headers: withCsrf(admin) });
            assert.equal(res.statusCode, 409, path);
            assert.equal(res.json().error, 'last_admin');
            assert.match(res.json().message, /"test-admin" is the last enabled admin/);
          }
          const still = await findUserByName(handle.db, 'test-admin');
          assert.ok(still && still.role === 'admin' && !still.disabled);
          const second = await signIn(app, handle, 'admin', 'second');
          assert.equal((await app.inject({ method: 'POST', url: `/admin/users/${admin.userId}/role`, payload: { role: 'viewer' }, headers: withCsrf(second) })).statusCode, 200);
          assert.equal((await app.inject({ method: 'POST', url: `/admin/users/${second.userId}/delete`, headers: withCsrf(second) })).statusCode, 409);
        } finally {
          await app.close();
        }
      }));
  });
}
