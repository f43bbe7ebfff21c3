import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listAudit } from '../../../src/db/repositories/audit.js';
import { getSystem, getSystemByName, listSystems } from '../../../src/db/repositories/systems.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { asAdmin, box, buildAdminApp, fieldError, postForm, postUrlencoded, seedSystem } from './support.js';

const secret = 'Sup3r-Secret-Pw';

const valid = { name: 'ontap-01', vendor: 'ontap', address: '10.0.0.5', port: '', tags: 'prod, site-a', enabled: 'true', tlsMode: 'system', username: 'monitor', password: secret };

for (const engine of engines) {
  describe(`admin systems form on ${engine}`, () => {
    test('create: every problem is named next to its field, values are kept but never the secret', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildAdminApp(handle);
        try {
          const res = await postForm(app, '/admin/systems', { name: '', vendor: 'ontap', address: 'https//x', port: '70000', tags: 'ok, bad<tag>', tlsMode: 'pinned', fingerprint: 'abc', username: 'monitor', password: '' });
          assert.equal(res.statusCode, 400);
          assert.match(fieldError(res.body, 'name') ?? '', /Required/);
          assert.match(fieldError(res.body, 'address') ?? '', /not a host name or IP address/);
          assert.match(fieldError(res.body, 'port') ?? '', /1 to 65535/);
          assert.match(fieldError(res.body, 'tags') ?? '', /may only contain/);
          assert.match(fieldError(res.body, 'fingerprint') ?? '', /64 hex digits/);
          assert.match(fieldError(res.body, 'password') ?? '', /Required for ontap/);
          assert.match(res.body, /value="https\/\/x"/, 'the typed address comes back');
          assert.match(res.body, /bad&lt;tag&gt;/, 'the typed tags come back, escaped');
          assert.equal((await listSystems(handle.db)).length, 0);

          const wrong = await postForm(app, '/admin/systems', { ...valid, address: 'array.example', port: '8443' });
          assert.equal(wrong.statusCode, 303);
          const again = await postForm(app, '/admin/systems', { ...valid, address: 'other.example' });
          assert.equal(again.statusCode, 400, 'the name is taken');
          assert.match(fieldError(again.body, 'name') ?? '', /already used/);
          assert.ok(!again.body.includes(secret), 'the typed password is not echoed back');
          assert.match(again.body, /value="other\.example"/);
        } finally {
          await app.close();
        }
      }));

    test('create stores the system with sealed credentials, audits it without secrets, and lists it escaped', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildAdminApp(handle);
        try {
          const hostile = '<img src=x onerror=alert(1)>';
          const res = await postForm(app, '/admin/systems', { ...valid, name: hostile, tags: 'prod, prod, site-a ' });
          assert.equal(res.statusCode, 303);
          assert.match(String(res.headers.location), /^\/admin\/systems\?done=created/);
          const stored = await getSystemByName(handle.db, hostile);
          assert.ok(stored);
          assert.deepEqual(stored.tags, ['prod', 'site-a']);
          assert.equal(stored.address, '10.0.0.5');
          assert.ok(!stored.credentialsSealed.includes(secret));
          assert.deepEqual(JSON.parse(box.open(stored.credentialsSealed)), { username: 'monitor', password: secret });

          const list = await app.inject({ url: String(res.headers.location), headers: asAdmin(app) });
          assert.equal(list.statusCode, 200);
          assert.ok(!list.body.includes(hostile), 'the hostile name is escaped');
          assert.match(list.body, /&lt;img src=x onerror=alert\(1\)&gt;/);
          const [audit] = await listAudit(handle.db);
          assert.equal(audit?.action, 'system.create');
          assert.equal(audit?.username, 'test-admin');
          assert.ok(!JSON.stringify(audit).includes(secret));
          const edit = await app.inject({ url: `/admin/systems/${stored.id}/edit`, headers: asAdmin(app) });
          assert.equal(edit.statusCode, 200);
          assert.ok(!edit.body.includes(secret) && !edit.body.includes(stored.credentialsSealed), 'credentials are never shown back');
          assert.match(edit.body, /leave blank to keep/);
        } finally {
          await app.close();
        }
      }));

    test('edit: blank credentials keep the sealed value; partial credentials are refused; new ones are resealed', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildAdminApp(handle);
        const seen: string[] = [];
        try {
          const system = await seedSystem(handle);
          const form = { name: 'array-1', vendor: 'ontap', address: 'array-1.example', port: '', tags: 'prod, gold', enabled: 'true', tlsMode: 'system' };
          const kept = await postForm(app, `/admin/systems/${system.id}`, { ...form, username: '', password: '' });
          assert.equal(kept.statusCode, 303);
          const afterKeep = await getSystem(handle.db, system.id);
          assert.equal(afterKeep?.credentialsSealed, system.credentialsSealed);
          assert.deepEqual(afterKeep?.tags, ['prod', 'gold']);
          const [update] = await listAudit(handle.db, { action: 'system.update' });
          assert.deepEqual(update?.details, { name: 'array-1', changed: ['tags'] });

          const partial = await postForm(app, `/admin/systems/${system.id}`, { ...form, username: '', password: secret });
          seen.push(partial.body);
          assert.equal(partial.statusCode, 400);
          assert.match(fieldError(partial.body, 'username') ?? '', /fill in every credential field/);

          const vendorChange = await postForm(app, `/admin/systems/${system.id}`, { ...form, vendor: 'pure' });
          assert.equal(vendorChange.statusCode, 400);
          assert.match(fieldError(vendorChange.body, 'apiToken') ?? '', /vendor changed/);

          const replaced = await postForm(app, `/admin/systems/${system.id}`, { ...form, username: 'ro-user', password: secret });
          assert.equal(replaced.statusCode, 303);
          const afterReplace = await getSystem(handle.db, system.id);
          assert.notEqual(afterReplace?.credentialsSealed, system.credentialsSealed);
          assert.deepEqual(JSON.parse(box.open(afterReplace?.credentialsSealed ?? '')), { username: 'ro-user', password: secret });
          const audits = await listAudit(handle.db);
          assert.deepEqual(audits[0]?.details, { name: 'array-1', changed: ['credentials'] });
          assert.ok(!JSON.stringify(audits).includes(secret) && !JSON.stringify(audits).includes('stored-Pa55word!'));

          for (const url of ['/admin/systems', `/admin/systems/${system.id}/edit`, `/admin/systems/${system.id}/delete`, '/admin/audit']) {
            seen.push((await app.inject({ url, headers: asAdmin(app) })).body);
          }
          for (const body of seen) assert.ok(!body.includes(secret) && !body.includes('stored-Pa55word!'), 'no page shows a credential');
        } finally {
          await app.close();
        }
      }));

    test('enable/disable and delete (after a confirmation page) are audited', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildAdminApp(handle);
        try {
          const system = await seedSystem(handle);
          const off = await postUrlencoded(app, `/admin/systems/${system.id}/enabled`, {});
          assert.equal(off.statusCode, 303);
          assert.equal((await getSystem(handle.db, system.id))?.enabled, false);
          const list = await app.inject({ url: '/admin/systems', headers: asAdmin(app) });
          assert.match(list.body, /badge">disabled</, 'a disabled system is still listed');
          await postUrlencoded(app, `/admin/systems/${system.id}/enabled`, { enabled: 'true' });
          assert.equal((await getSystem(handle.db, system.id))?.enabled, true);

          const confirm = await app.inject({ url: `/admin/systems/${system.id}/delete`, headers: asAdmin(app) });
          assert.equal(confirm.statusCode, 200);
          assert.match(confirm.body, /cannot be undone/);
          assert.equal((await getSystem(handle.db, system.id))?.id, system.id, 'the confirmation page deletes nothing');
          const gone = await postUrlencoded(app, `/admin/systems/${system.id}/delete`, {});
          assert.equal(gone.statusCode, 303);
          assert.equal(await getSystem(handle.db, system.id), null);
          assert.equal((await postUrlencoded(app, `/admin/systems/${system.id}/delete`, {})).statusCode, 404);
          const actions = (await listAudit(handle.db)).map((a) => a.action);
          assert.deepEqual(actions, ['system.delete', 'system.enable', 'system.disable']);
        } finally {
          await app.close();
        }
      }));

    test('without SECRET_KEY new credentials cannot be stored, and the form says so', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildAdminApp(handle, { sealCredentials: null });
        try {
          const res = await postForm(app, '/admin/systems', valid);
          assert.equal(res.statusCode, 400);
          assert.match(fieldError(res.body, 'password') ?? '', /SECRET_KEY is not set/);
          assert.equal((await listSystems(handle.db)).length, 0);
        } finally {
          await app.close();
        }
      }));
  });
}
