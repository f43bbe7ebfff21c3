import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { insertSystem, listSystems } from '../../src/db/repositories/systems.js';
import type { SystemFields } from '../../src/domain/system.js';
import { createSecretBox, SecretBoxError } from '../../src/lib/secret-box.js';
import { rotateCredentials } from '../../src/poller/rotate-credentials.js';
import { serializeCredentials, toSystemTarget } from '../../src/poller/targets.js';
import { engines, withMigratedDatabase } from '../helpers/databases.js';

const oldBox = createSecretBox('o'.repeat(40));
const newBox = createSecretBox('n'.repeat(40));

const system = (i: number, sealed: string): SystemFields => ({
  name: `dd-${i}`,
  vendor: 'datadomain',
  address: `dd${i}.example.com`,
  port: null,
  tls: { mode: 'system' },
  enabled: true,
  tags: [],
  credentialsSealed: sealed,
});

for (const engine of engines) {
  describe(`credential rotation on ${engine}`, () => {
    test('every record is re-sealed: readable with the new key, no longer with the old', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        for (let i = 0; i < 5; i++) {
          await insertSystem(db, system(i, oldBox.seal(serializeCredentials({ username: `u${i}`, password: `p${i}` }))));
        }
        assert.deepEqual(await rotateCredentials(db, oldBox, newBox), { rotated: 5, alreadyNew: 0 });
        for (const [i, s] of (await listSystems(db)).entries()) {
          assert.deepEqual(toSystemTarget(s, newBox).credentials, { username: `u${i}`, password: `p${i}` });
          assert.throws(() => toSystemTarget(s, oldBox), (err: unknown) => err instanceof SecretBoxError && err.code === 'SECRET_WRONG_KEY');
        }
        // Run again before SECRET_KEY was switched: nothing to do, and it says so.
        assert.deepEqual(await rotateCredentials(db, oldBox, newBox), { rotated: 0, alreadyNew: 5 });
      }));

    test('one unreadable record aborts the rotation and leaves every record as it was', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        await insertSystem(db, system(1, oldBox.seal('{"username":"a","password":"b"}')));
        await insertSystem(db, system(2, createSecretBox('x'.repeat(40)).seal('{}')));
        const before = await listSystems(db);
        await assert.rejects(rotateCredentials(db, oldBox, newBox), /cannot open the credentials of "dd-2": .*sealed with key/);
        assert.deepEqual(await listSystems(db), before);
      }));

    test('rotating to the same key is refused', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        await assert.rejects(rotateCredentials(db, oldBox, createSecretBox('o'.repeat(40))), /same as SECRET_KEY/);
      }));
  });
}
