import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listAudit } from '../../../src/db/repositories/audit.js';
import { createUser, setUserDisabled } from '../../../src/db/repositories/users.js';
import { hashPassword } from '../../../src/lib/password.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { csrfFor, signIn, TEST_PASSWORD, withCsrf } from '../../helpers/web-auth.js';
import { buildProbedApp, cookieJar, form } from './support.js';

const html = { accept: 'text/html' };

for (const engine of engines) {
  describe(`sign-in on ${engine}`, () => {
    test('the form signs in with a new session id, keeps a local next, and the session reads pages', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildProbedApp(handle);
        try {
          await createUser(handle.db, { username: 'Alice', passwordHash: await hashPassword(TEST_PASSWORD), role: 'viewer' });
          const anonymous = await app.inject({ url: '/probe/viewer', headers: html });
          assert.equal(anonymous.statusCode, 303);
          assert.equal(anonymous.headers.location, '/login?next=%2Fprobe%2Fviewer');

          const page = await app.inject({ url: '/login?next=%2Fprobe%2Fviewer', headers: html });
          assert.equal(page.statusCode, 200);
          assert.match(page.body, /<input type="hidden" name="next" value="\/probe\/viewer">/);
          assert.match(page.body, /<label for="login-username">Username<\/label>/);
          const evil = await app.inject({ url: '/login?next=%2F%2Fevil.example%2F', headers: html });
          assert.doesNotMatch(evil.body, /name="next"/);

          const csrf = await csrfFor(app);
          // A session id planted before sign-in must not survive it (session fixation).
          const planted = 'sfd_session=planted.value';
          const ok = await app.inject({
            method: 'POST',
            url: '/login',
            ...form({ username: 'alice', password: TEST_PASSWORD, next: '/probe/viewer', _csrf: csrf.token }),
            headers: { ...form({}).headers, ...html, cookie: `${csrf.cookie}; ${planted}` },
          });
          assert.equal(ok.statusCode, 303, ok.body);
          assert.equal(ok.headers.location, '/probe/viewer');
          const session = ok.cookies.find((c) => c.name === 'sfd_session');
          assert.ok(session && session.value !== 'planted.value');
          assert.equal(session.httpOnly, true);
          assert.equal(session.sameSite, 'Lax');
          assert.equal(session.path, '/');
          assert.ok(!session.secure, 'plain HTTP with COOKIE_SECURE=auto: not Secure');
          const cookie = cookieJar(csrf.cookie, ok.cookies);
          const me = await app.inject({ url: '/probe/viewer', headers: { cookie } });
          assert.equal(me.statusCode, 200);
          assert.deepEqual(me.json().viewer, { userId: 1, username: 'alice', role: 'viewer', via: 'session' });
          assert.equal((await app.inject({ url: '/probe/admin', headers: { cookie } })).statusCode, 403);

          const rows = await handle.db.selectFrom('sessions').select('id').execute();
          assert.equal(rows.length, 1);
          assert.ok(!cookie.includes(rows[0]?.id ?? '-'), 'the table keeps only a hash of the token');
          const audit = await listAudit(handle.db);
          assert.deepEqual(audit.map((a) => [a.action, a.username]), [['login', 'alice']]);
        } finally {
          await app.close();
        }
      }));

    test('a wrong password, an unknown user and a disabled user all get the same message, and are audited', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildProbedApp(handle);
        try {
          const hash = await hashPassword(TEST_PASSWORD);
          await createUser(handle.db, { username: 'bob', passwordHash: hash, role: 'admin' });
          const carol = await createUser(handle.db, { username: 'carol', passwordHash: hash, role: 'viewer' });
          await setUserDisabled(handle.db, carol.id, true);
          const csrf = await csrfFor(app);
          const bodies: string[] = [];
          for (const [username, password] of [['bob', 'not the password'], ['nobody', TEST_PASSWORD], ['carol', TEST_PASSWORD]]) {
            const res = await app.inject({
              method: 'POST',
              url: '/login',
              ...form({ username: username ?? '', password: password ?? '', _csrf: csrf.token }),
              headers: { ...form({}).headers, ...html, cookie: csrf.cookie },
            });
            assert.equal(res.statusCode, 401);
            assert.match(res.body, /role="alert">Wrong username or password\.</);
            assert.ok(!res.cookies.some((c) => c.name === 'sfd_session' && c.value !== ''));
            assert.ok(!res.body.includes(TEST_PASSWORD) && !res.body.includes('not the password'));
            bodies.push(res.body.replace(/value="[^"]*"/g, ''));
          }
          const audit = await listAudit(handle.db);
          assert.deepEqual(audit.map((a) => [a.action, a.username, a.details?.reason]).reverse(), [
            ['login_failed', 'bob', 'wrong_password'],
            ['login_failed', 'nobody', 'unknown_user'],
            ['login_failed', 'carol', 'disabled'],
          ]);
          assert.ok(!JSON.stringify(audit).includes(TEST_PASSWORD));
          const json = await app.inject({ method: 'POST', url: '/login', payload: { username: 'bob', password: 'x', _csrf: csrf.token }, headers: { cookie: csrf.cookie } });
          assert.equal(json.statusCode, 401);
          assert.equal(json.json().error, 'login_failed');
        } finally {
          await app.close();
        }
      }));

    test('sign-in is rate limited per address and username, with a clear message', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildProbedApp(handle);
        try {
          await createUser(handle.db, { username: 'dave', passwordHash: await hashPassword(TEST_PASSWORD), role: 'viewer' });
          const csrf = await csrfFor(app);
          const attempt = (username: string, password: string) =>
            app.inject({ method: 'POST', url: '/login', payload: { username, password, _csrf: csrf.token }, headers: { cookie: csrf.cookie } });
          for (let i = 0; i < 5; i++) assert.equal((await attempt('dave', `wrong-${i}`)).statusCode, 401);
          const limited = await attempt('DAVE', TEST_PASSWORD);
          assert.equal(limited.statusCode, 429);
          assert.equal(limited.json().error, 'rate_limited');
          assert.match(limited.json().message, /Too many sign-in attempts for this username from your address; wait \d+ (seconds?|minutes?) and try again\./);
          assert.ok(Number(limited.headers['retry-after']) > 0);
          // Another username from the same address is not locked out by dave's failures.
          assert.equal((await attempt('erin', 'whatever')).statusCode, 401);
        } finally {
          await app.close();
        }
      }));

    test('sign-out needs the CSRF token, deletes the session row and is audited', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildProbedApp(handle);
        try {
          const s = await signIn(app, handle, 'admin');
          assert.equal((await app.inject({ url: '/probe/admin', headers: { cookie: s.cookie } })).statusCode, 200);
          const missing = await app.inject({ method: 'POST', url: '/logout', headers: { cookie: s.cookie } });
          assert.equal(missing.statusCode, 403);
          const wrong = await app.inject({ method: 'POST', url: '/logout', headers: { cookie: s.cookie, 'x-csrf-token': 'forged' } });
          assert.equal(wrong.statusCode, 403);
          const other = await csrfFor(app);
          const foreign = await app.inject({ method: 'POST', url: '/logout', headers: { cookie: s.cookie, 'x-csrf-token': other.token } });
          assert.equal(foreign.statusCode, 403, 'a token minted for another CSRF secret is refused');
          assert.equal((await handle.db.selectFrom('sessions').select('id').execute()).length, 1);

          const out = await app.inject({ method: 'POST', url: '/logout', headers: withCsrf(s) });
          assert.equal(out.statusCode, 303);
          assert.equal(out.headers.location, '/login');
          assert.equal(out.cookies.find((c) => c.name === 'sfd_session')?.value, '');
          assert.equal((await handle.db.selectFrom('sessions').select('id').execute()).length, 0);
          assert.equal((await app.inject({ url: '/probe/viewer', headers: { cookie: s.cookie } })).statusCode, 401);
          assert.deepEqual((await listAudit(handle.db)).map((a) => a.action), ['logout']);
        } finally {
          await app.close();
        }
      }));
  });
}
