import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testConnection } from '../../../src/cli/test-connection.js';
import { buildSimulator, type Simulator } from '../../../src/simulator/app.js';
import type { TestConnectionInput } from '../../../src/web/actions.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { box, browser, buildAdminApp, postForm, sealCredentials, seedSystem } from './support.js';

let sim: Simulator;
before(async () => {
  sim = await buildSimulator({ systems: 4, seed: 7, tls: 'self-signed' });
  await sim.listen(0, '127.0.0.1');
});
after(() => sim.close());

function ontapSpec() {
  const spec = sim.specs.find((s) => s.vendor === 'ontap');
  assert.ok(spec);
  return spec;
}

for (const engine of engines) {
  describe(`admin test connection against the simulator on ${engine}`, () => {
    test('an untrusted certificate fails with its fingerprint and a pin button; pinned, the same form connects', () =>
      withMigratedDatabase(engine, async (handle) => {
        const calls: TestConnectionInput[] = [];
        const app = await buildAdminApp(handle, {
          sealCredentials,
          testConnection: (input) => {
            calls.push(input);
            return testConnection({ db: handle.db, box, timeoutMs: 10_000 }, input);
          },
        });
        try {
          const spec = ontapSpec();
          const form = { name: '', vendor: 'ontap', address: sim.baseUrlOf(spec.id), port: '', tags: '', tlsMode: 'system', username: spec.credentials.username, password: spec.credentials.password };
          const refused = await postForm(app, '/admin/systems/test', form, browser(app, 'admin'), { 'x-fragment': '1' });
          assert.equal(refused.statusCode, 200);
          assert.match(refused.body, /Connection failed/);
          assert.match(refused.body, /tls_error/);
          const fingerprint = sim.fingerprintSha256 ?? '';
          assert.ok(refused.body.includes(`data-pin="${fingerprint}"`), 'the presented fingerprint can be pinned');
          assert.ok(!refused.body.includes(spec.credentials.password));
          assert.doesNotMatch(refused.body, /<html/, 'a fragment, not a page');

          const pinned = await postForm(app, '/admin/systems/test', { ...form, tlsMode: 'pinned', fingerprint }, browser(app, 'admin'), { 'x-fragment': '1' });
          assert.match(pinned.body, /Connection works/, pinned.body);
          assert.match(pinned.body, /Model <strong>[^<]+<\/strong>, version <strong>[^<]+<\/strong>/);
          assert.ok(pinned.body.includes(fingerprint));

          // Without JavaScript the whole form comes back with the result, values kept, password not.
          const page = await postForm(app, '/admin/systems/test', { ...form, name: 'kept-name' });
          assert.match(page.body, /<html/);
          assert.match(page.body, /value="kept-name"/);
          assert.match(page.body, /Connection failed/);
          assert.ok(!page.body.includes(spec.credentials.password));
        } finally {
          await app.close();
        }
      }));

    test('editing with blank credentials tests with the stored ones; wrong credentials report auth_failed', () =>
      withMigratedDatabase(engine, async (handle) => {
        const app = await buildAdminApp(handle, { sealCredentials, testConnection: (input) => testConnection({ db: handle.db, box, timeoutMs: 10_000 }, input) });
        try {
          const spec = ontapSpec();
          const tls = { mode: 'pinned' as const, fingerprintSha256: sim.fingerprintSha256 ?? '' };
          const system = await seedSystem(handle, { name: spec.name, address: sim.baseUrlOf(spec.id), tls }, { username: spec.credentials.username, password: spec.credentials.password });
          const form = { name: spec.name, vendor: 'ontap', address: sim.baseUrlOf(spec.id), port: '', tags: '', tlsMode: 'pinned', fingerprint: tls.fingerprintSha256, username: '', password: '' };
          const admin = browser(app, 'admin');
          const fragment = { 'x-fragment': '1' };
          const stored = await postForm(app, `/admin/systems/${system.id}/test`, form, admin, fragment);
          assert.match(stored.body, /Connection works/, stored.body);
          const wrong = await postForm(app, `/admin/systems/${system.id}/test`, { ...form, username: 'nobody', password: 'Wrong-Password-9' }, admin, fragment);
          assert.match(wrong.body, /Connection failed/);
          assert.match(wrong.body, /auth_failed/);
          assert.ok(!wrong.body.includes('Wrong-Password-9'));
          const fresh = await postForm(app, '/admin/systems/test', form, admin, fragment);
          assert.match(fresh.body, /Enter the credentials|Required for ontap/);
        } finally {
          await app.close();
        }
      }));
  });
}
