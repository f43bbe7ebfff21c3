import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listAudit } from '../../../src/db/repositories/audit.js';
import { getSystemByName, listSystems } from '../../../src/db/repositories/systems.js';
import { createCa } from '../../helpers/certs.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { asAdmin, browser, buildAdminApp, fieldError, postForm, postUrlencoded, seedSystem } from './support.js';

const base = { name: 'dd-01', vendor: 'datadomain', address: 'dd-01.example', port: '', tags: '', enabled: 'true', username: 'sysadmin', password: 'dd-Secret-1' };

for (const engine of engines) {
  describe(`admin TLS trust and access control on ${engine}`, () => {
    test('a CA bundle uploaded as a file is checked as X.509 and stored; garbage is refused with a clear message', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildAdminApp(handle);
        try {
          const ca = await createCa('Array Vendor CA');
          const garbage = await postForm(app, '/admin/systems', { ...base, tlsMode: 'ca', caFile: { filename: 'ca.pem', content: 'not a certificate at all' } });
          assert.equal(garbage.statusCode, 400);
          assert.match(fieldError(garbage.body, 'caPem') ?? '', /not a PEM certificate/);
          const broken = ca.cert.replace(/(-----BEGIN CERTIFICATE-----\n)(.{20})/, '$1AAAAAAAAAAAAAAAAAAAA');
          const damaged = await postForm(app, '/admin/systems', { ...base, tlsMode: 'ca', caPem: broken });
          assert.equal(damaged.statusCode, 400);
          assert.match(fieldError(damaged.body, 'caPem') ?? '', /cannot be parsed as X\.509/);
          const missing = await postForm(app, '/admin/systems', { ...base, tlsMode: 'ca' });
          assert.match(fieldError(missing.body, 'caPem') ?? '', /Upload the CA certificate/);
          assert.equal((await listSystems(handle.db)).length, 0);

          const ok = await postForm(app, '/admin/systems', { ...base, tlsMode: 'ca', caFile: { filename: 'ca.pem', content: ca.cert } });
          assert.equal(ok.statusCode, 303, ok.body);
          const stored = await getSystemByName(handle.db, 'dd-01');
          assert.equal(stored?.tls.mode, 'ca');
          assert.equal(stored?.tls.mode === 'ca' && stored.tls.caPem.trim(), ca.cert.trim());
          // Editing without a new upload keeps the stored bundle, and the form names it.
          const edit = await app.inject({ url: `/admin/systems/${stored?.id}/edit`, headers: asAdmin(app) });
          assert.match(edit.body, /Stored CA bundle/);
          assert.match(edit.body, /Array Vendor CA/);
          const kept = await postForm(app, `/admin/systems/${stored?.id}`, { ...base, tags: 'lab', tlsMode: 'ca', caPem: '', username: '', password: '' });
          assert.equal(kept.statusCode, 303);
          const after = await getSystemByName(handle.db, 'dd-01');
          assert.deepEqual(after?.tls, stored?.tls);
        } finally {
          await app.close();
        }
      }));

    test('pinned fingerprints are normalized; insecure shows a warning in the form and the list', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildAdminApp(handle);
        try {
          const hex = 'ab'.repeat(32);
          const pinned = await postForm(app, '/admin/systems', { ...base, tlsMode: 'pinned', fingerprint: `SHA256 Fingerprint=${hex}` });
          assert.equal(pinned.statusCode, 303);
          const stored = await getSystemByName(handle.db, 'dd-01');
          assert.deepEqual(stored?.tls, { mode: 'pinned', fingerprintSha256: Array(32).fill('AB').join(':') });

          const insecureForm = await postForm(app, '/admin/systems', { ...base, name: 'dd-02', tlsMode: 'insecure', password: '' });
          assert.equal(insecureForm.statusCode, 400);
          assert.match(insecureForm.body, /<p class="flash warning" data-tls-panel="insecure" role="note">/, 'the warning is visible when insecure is chosen');
          await postForm(app, '/admin/systems', { ...base, name: 'dd-02', tlsMode: 'insecure' });
          const list = await app.inject({ url: '/admin/systems', headers: asAdmin(app) });
          assert.match(list.body, /badge critical"[^>]*>⚠ Insecure/);
        } finally {
          await app.close();
        }
      }));

    test('anonymous visitors are sent to /login, viewers get 403, and neither changes anything', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildAdminApp(handle);
        try {
          const system = await seedSystem(handle);
          for (const url of ['/admin', '/admin/systems', '/admin/systems/new', `/admin/systems/${system.id}/edit`, `/admin/systems/${system.id}/delete`, '/admin/settings', '/admin/audit']) {
            const anonymous = await app.inject({ url, headers: { accept: 'text/html' } });
            assert.equal(anonymous.statusCode, 303, url);
            assert.equal(anonymous.headers.location, `/login?next=${encodeURIComponent(url)}`);
            const viewer = await app.inject({ url, headers: browser(app, 'viewer').headers });
            assert.equal(viewer.statusCode, 403, url);
            const page = await app.inject({ url, headers: asAdmin(app) });
            assert.equal(page.statusCode, 200, url);
            // The CSP forbids inline code: no style attributes, no script without a src.
            assert.doesNotMatch(page.body, /\sstyle=/, url);
            assert.doesNotMatch(page.body, /<script(?![^>]*\ssrc=)[^>]*>/, url);
          }
          const asViewer = browser(app, 'viewer');
          assert.equal((await postForm(app, '/admin/systems', { ...base, tlsMode: 'system' }, asViewer)).statusCode, 403);
          assert.equal((await postForm(app, '/admin/systems', { ...base, tlsMode: 'system' }, browser(app, 'anonymous'))).statusCode, 401);
          assert.equal((await postUrlencoded(app, `/admin/systems/${system.id}/delete`, {}, asViewer)).statusCode, 403);
          assert.equal((await postUrlencoded(app, `/admin/systems/${system.id}/enabled`, {}, asViewer)).statusCode, 403);
          assert.equal((await postUrlencoded(app, '/admin/settings', { pollIntervalSeconds: '30' }, asViewer)).statusCode, 403);
          assert.equal((await postForm(app, '/admin/systems/test', { ...base }, asViewer)).statusCode, 403);
          assert.equal((await listSystems(handle.db)).length, 1);
          assert.equal((await listSystems(handle.db))[0]?.enabled, true);
          assert.deepEqual(await listAudit(handle.db), []);
        } finally {
          await app.close();
        }
      }));
  });
}
