import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listAudit } from '../../../src/db/repositories/audit.js';
import { getSystem } from '../../../src/db/repositories/systems.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { as, buildTestApp, seedSystem } from './support.js';

const SECRET = 'hunter2-very-secret';
const valid = {
  name: 'dd-01',
  vendor: 'datadomain',
  address: 'dd01.example.net',
  port: 3009,
  tls: { mode: 'pinned', fingerprintSha256: 'ab'.repeat(32) },
  tags: [' backup ', 'dc2', 'dc2'],
  credentials: { username: 'monitor', password: SECRET },
};
const json = (role: 'admin' | 'viewer' | 'anonymous') => ({ ...as(role), 'content-type': 'application/json' });

for (const engine of engines) {
  describe(`API systems, write (${engine})`, () => {
    test('an admin creates, changes and deletes a system; credentials are sealed, never shown, audited without values', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const app = await buildTestApp(handle);
        try {
          const created = await app.inject({ method: 'POST', url: '/api/v1/systems', headers: json('admin'), payload: valid });
          assert.equal(created.statusCode, 201, created.body);
          const body = created.json();
          assert.equal(body.name, 'dd-01');
          assert.deepEqual(body.tags, ['backup', 'dc2']);
          assert.equal(body.tls.fingerprintSha256, Array(32).fill('AB').join(':'));
          assert.ok(!created.body.includes(SECRET) && !created.body.includes('SEALED') && !created.body.includes('credentials'));
          const stored = await getSystem(handle.db, body.id);
          assert.equal(stored?.credentialsSealed, `SEALED:${JSON.stringify(valid.credentials)}`);
          // The fleet snapshot was refreshed: the list shows it at once.
          const list = await app.inject({ url: '/api/v1/systems', headers: as('viewer') });
          assert.deepEqual(list.json().systems.map((s: { name: string }) => s.name), ['dd-01']);

          const patched = await app.inject({
            method: 'PATCH',
            url: `/api/v1/systems/${body.id}`,
            headers: json('admin'),
            payload: { enabled: false, port: null, credentials: { username: 'monitor', password: 'new-secret-value' } },
          });
          assert.equal(patched.statusCode, 200, patched.body);
          assert.equal(patched.json().enabled, false);
          assert.equal(patched.json().port, null);
          assert.equal(patched.json().name, 'dd-01');
          assert.ok(!patched.body.includes('new-secret-value') && !patched.body.includes('SEALED'));
          assert.match((await getSystem(handle.db, body.id))?.credentialsSealed ?? '', /new-secret-value/);

          const deleted = await app.inject({ method: 'DELETE', url: `/api/v1/systems/${body.id}`, headers: as('admin') });
          assert.equal(deleted.statusCode, 204);
          assert.equal(await getSystem(handle.db, body.id), null);
          assert.equal((await app.inject({ method: 'DELETE', url: `/api/v1/systems/${body.id}`, headers: as('admin') })).statusCode, 404);

          const audit = await listAudit(handle.db);
          assert.deepEqual(audit.map((a) => a.action), ['system.delete', 'system.update', 'system.create']);
          assert.equal(audit[0]?.username, 'ada-admin');
          assert.deepEqual(audit[1]?.details?.fields, ['credentials', 'enabled', 'port']);
          assert.ok(!JSON.stringify(audit).includes(SECRET) && !JSON.stringify(audit).includes('new-secret-value'));
        } finally {
          await app.close();
        }
      });
    });

    test('bad input is refused with a message naming the problem', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const app = await buildTestApp(handle);
        try {
          const cases: [Record<string, unknown>, RegExp][] = [
            [{ ...valid, vendor: 'emc' }, /vendor/],
            [{ ...valid, port: 70000 }, /port/],
            [{ ...valid, port: 'https' }, /port/],
            [{ ...valid, password: 'oops' }, /unknown field: password/],
            [{ ...valid, tls: { mode: 'pinned', fingerprintSha256: 'ab', extra: 1 } }, /unknown field: tls\.extra/],
            [{ ...valid, credentials: { username: 'x', password: 'y', token: 'z' } }, /credentials\.token/],
            [{ ...valid, tls: { mode: 'pinned', fingerprintSha256: 'not-hex' } }, /fingerprintSha256/],
            [{ ...valid, tls: { mode: 'ca', caPem: 'hello' } }, /caPem/],
            [{ ...valid, tls: { mode: 'system', caPem: 'x' } }, /takes no caPem/],
            [{ ...valid, address: 'host:443' }, /address/],
            [{ ...valid, address: 'https://user:pw@host' }, /user name or password/],
            [{ ...valid, tags: [''] }, /tags/],
            [{ ...valid, name: '   ' }, /name/],
            // The admin form's rules for names and tags, so the form can save an API-made system again.
            [{ ...valid, name: 'bell\u0007' }, /name: The name must not contain control characters/],
            [{ ...valid, tags: ['prod,dc1'] }, /tags: The tag "prod,dc1" may only contain/],
            [{ ...valid, address: 'https://dd01.example.net:3009', port: 3009 }, /port: The URL already names a port/],
            [{ ...valid, credentials: { username: 'monitor' } }, /credentials\.password is required/],
            [{ ...valid, vendor: 'pure', credentials: { username: 'a', password: 'b' } }, /apiToken is required for pure/],
            [{ name: 'x', vendor: 'pure', address: 'h' }, /credentials/],
          ];
          for (const [payload, message] of cases) {
            const res = await app.inject({ method: 'POST', url: '/api/v1/systems', headers: json('admin'), payload });
            assert.equal(res.statusCode, 400, `${JSON.stringify(payload)} → ${res.body}`);
            assert.equal(res.json().error, 'invalid_request');
            assert.match(res.json().message, message, res.body);
            assert.ok(!res.body.includes(SECRET));
          }
          assert.equal((await listAudit(handle.db)).length, 0);
        } finally {
          await app.close();
        }
      });
    });

    test('names are unique (409); PATCH checks the result as a whole; unknown ids are 404', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const existing = await seedSystem(handle, 'fa-01');
        const app = await buildTestApp(handle);
        try {
          const dup = await app.inject({ method: 'POST', url: '/api/v1/systems', headers: json('admin'), payload: { ...valid, name: 'fa-01' } });
          assert.equal(dup.statusCode, 409);
          assert.equal(dup.json().error, 'name_taken');
          const other = await app.inject({ method: 'POST', url: '/api/v1/systems', headers: json('admin'), payload: valid });
          const rename = await app.inject({ method: 'PATCH', url: `/api/v1/systems/${other.json().id}`, headers: json('admin'), payload: { name: 'fa-01' } });
          assert.equal(rename.statusCode, 409);
          const vendor = await app.inject({ method: 'PATCH', url: `/api/v1/systems/${existing}`, headers: json('admin'), payload: { vendor: 'ontap' } });
          assert.equal(vendor.statusCode, 400);
          assert.match(vendor.json().message, /needs its credentials/);
          const empty = await app.inject({ method: 'PATCH', url: `/api/v1/systems/${existing}`, headers: json('admin'), payload: {} });
          assert.equal(empty.statusCode, 400);
          const missing = await app.inject({ method: 'PATCH', url: '/api/v1/systems/999', headers: json('admin'), payload: { enabled: false } });
          assert.equal(missing.statusCode, 404);
        } finally {
          await app.close();
        }
      });
    });

    test('only admins write: anonymous 401, viewer 403, before any validation', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const id = await seedSystem(handle, 'fa-01');
        const app = await buildTestApp(handle, { options: { anonymousRead: true } });
        try {
          const calls = [
            { method: 'POST' as const, url: '/api/v1/systems', payload: { bogus: true } },
            { method: 'PATCH' as const, url: `/api/v1/systems/${id}`, payload: { bogus: true } },
            { method: 'DELETE' as const, url: `/api/v1/systems/${id}` },
          ];
          for (const call of calls) {
            assert.equal((await app.inject({ ...call, headers: json('anonymous') })).statusCode, 401, call.method);
            const viewer = await app.inject({ ...call, headers: json('viewer') });
            assert.equal(viewer.statusCode, 403, call.method);
            assert.equal(viewer.json().error, 'forbidden');
          }
          assert.ok(await getSystem(handle.db, id));
        } finally {
          await app.close();
        }
      });
    });

    test('without a SECRET_KEY (no sealer) creating answers 503 with what to do; a change without credentials still works', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const id = await seedSystem(handle, 'fa-01');
        for (const actions of [{}, { sealCredentials: null }]) {
          const app = await buildTestApp(handle, { actions });
          try {
            const res = await app.inject({ method: 'POST', url: '/api/v1/systems', headers: json('admin'), payload: valid });
            assert.equal(res.statusCode, 503);
            assert.match(res.json().message, /SECRET_KEY/);
            const patch = await app.inject({ method: 'PATCH', url: `/api/v1/systems/${id}`, headers: json('admin'), payload: { tags: ['x'] } });
            assert.equal(patch.statusCode, 200);
          } finally {
            await app.close();
          }
        }
      });
    });
  });
}
