import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { listSystems } from '../../src/db/repositories/systems.js';
import { createSecretBox } from '../../src/lib/secret-box.js';
import { toSystemTarget } from '../../src/poller/targets.js';
import { runCli } from '../helpers/cli.js';
import { engines, withMigratedDatabase } from '../helpers/databases.js';

const cwd = mkdtempSync(path.join(os.tmpdir(), 'sfd-systems-cli-'));
after(() => rmSync(cwd, { recursive: true, force: true }));

const OLD_KEY = 'old-key-'.repeat(5);
const NEW_KEY = 'new-key-'.repeat(5);

writeFileSync(
  path.join(cwd, 'fleet.yaml'),
  `systems:
  - name: fa-01
    vendor: pure
    address: 10.0.0.5
    credentials: { apiToken: "env:FA_TOKEN" }
    tags: [prod]
  - name: dd-01
    vendor: datadomain
    address: dd01.example.com
    credentials: { username: monitor, password: "file:dd.pass" }
    tls: { mode: pinned, fingerprintSha256: "${'ab'.repeat(32)}" }
`,
);
writeFileSync(path.join(cwd, 'dd.pass'), 'dd-secret-pw\n');
writeFileSync(path.join(cwd, 'smaller.yaml'), 'systems:\n  - { name: fa-01, vendor: pure, address: 10.0.0.5, credentials: { apiToken: "env:FA_TOKEN" }, tags: [prod] }\n');
writeFileSync(path.join(cwd, 'new.key'), `${NEW_KEY}\n`);

const SECRETS = ['fa-token-secret', 'dd-secret-pw'];
const noSecrets = (text: string) => {
  for (const s of SECRETS) assert.ok(!text.includes(s), `printed a secret: ${s}`);
};

for (const engine of engines) {
  describe(`sfd systems and sfd secrets on ${engine}`, () => {
    test('import (dry run, then real), list, re-import, a removal, and rotation', () =>
      withMigratedDatabase(engine, async ({ db }, testDb) => {
        const env = { DATABASE_URL: testDb.url, SECRET_KEY: OLD_KEY, FA_TOKEN: 'fa-token-secret' };

        const dry = await runCli(['systems', 'import', 'fleet.yaml', '--dry-run'], env, cwd);
        assert.equal(dry.code, 0, dry.err);
        assert.match(dry.out, /dry run, nothing written/);
        assert.match(dry.out, /\+ add {5}fa-01 \(pure, https:\/\/10\.0\.0\.5\)/);
        assert.match(dry.out, /\+ add {5}dd-01 \(datadomain, https:\/\/dd01\.example\.com:3009\)/);
        assert.match(dry.out, /would be: 2 added, 0 changed, 0 removed, 0 unchanged/);
        assert.deepEqual(await listSystems(db), []);

        const real = await runCli(['systems', 'import', 'fleet.yaml'], env, cwd);
        assert.equal(real.code, 0, real.err);
        assert.match(real.out, /2 added, 0 changed, 0 removed, 0 unchanged/);

        const again = await runCli(['systems', 'import', 'fleet.yaml'], env, cwd);
        assert.match(again.out, /already matches; nothing to do \(2 unchanged\)/);

        const changed = await runCli(['systems', 'import', 'fleet.yaml', '--dry-run'], { ...env, FA_TOKEN: 'fa-token-secret-2' }, cwd);
        assert.match(changed.out, /~ change {2}fa-01: credentials/);
        noSecrets(changed.out + changed.err);

        const list = await runCli(['systems', 'list'], env, cwd);
        assert.equal(list.code, 0, list.err);
        assert.match(list.out, /^NAME\s+VENDOR\s+BASE URL\s+ENABLED\s+TLS\s+CREDENTIALS\s+TAGS/);
        assert.match(list.out, /dd-01\s+datadomain\s+https:\/\/dd01\.example\.com:3009\s+yes\s+pinned\s+\(set\)/);
        const json = JSON.parse((await runCli(['systems', 'list', '--json'], env, cwd)).out);
        assert.deepEqual(json.systems.map((s: { name: string; credentials: string }) => [s.name, s.credentials]), [
          ['dd-01', '(set)'],
          ['fa-01', '(set)'],
        ]);

        const removal = await runCli(['systems', 'import', 'smaller.yaml', '--dry-run'], env, cwd);
        assert.match(removal.out, /- remove {2}dd-01 \(datadomain, https:\/\/dd01\.example\.com:3009\): not in smaller\.yaml/);
        assert.match(removal.out, /would be: 0 added, 0 changed, 1 removed, 1 unchanged/);
        assert.equal((await listSystems(db)).length, 2);

        const rotate = await runCli(['secrets', 'rotate', '--new-key-file', 'new.key'], env, cwd);
        assert.equal(rotate.code, 0, rotate.err);
        const newBox = createSecretBox(NEW_KEY);
        assert.match(rotate.out, new RegExp(`re-encrypted the credentials of 2 of 2 systems from key ${createSecretBox(OLD_KEY).keyId} to key ${newBox.keyId}`));
        assert.match(rotate.out, /Now set SECRET_KEY/);
        for (const s of await listSystems(db)) assert.ok(toSystemTarget(s, newBox).credentials);

        // The old key can no longer compare credentials; the error says which key is which.
        const stale = await runCli(['systems', 'import', 'fleet.yaml', '--dry-run'], env, cwd);
        assert.equal(stale.code, 1);
        assert.match(stale.err, /sealed with key [0-9a-f]{8}, but SECRET_KEY is key [0-9a-f]{8}/);
        const switched = await runCli(['systems', 'import', 'fleet.yaml', '--dry-run'], { ...env, SECRET_KEY: NEW_KEY }, cwd);
        assert.match(switched.out, /already matches/);
        for (const r of [dry, real, again, list, removal, rotate, stale, switched]) noSecrets(r.out + r.err);
      }));
  });
}

describe('sfd systems and sfd secrets without what they need', () => {
  const sqlite = { DATABASE_URL: `sqlite:${path.join(cwd, 'none.db')}` };

  test('a missing SECRET_KEY exits 2 and says which command needs it', async () => {
    const res = await runCli(['systems', 'import', 'fleet.yaml'], sqlite, cwd);
    assert.equal(res.code, 2);
    assert.match(res.err, /SECRET_KEY is not set, but `sfd systems import` needs it/);
    const rotate = await runCli(['secrets', 'rotate'], { ...sqlite, NEW_SECRET_KEY: NEW_KEY }, cwd);
    assert.equal(rotate.code, 2);
    assert.match(rotate.err, /SECRET_KEY is not set, but `sfd secrets rotate` needs it/);
  });

  test('an invalid fleet file lists every problem and exits 1 before touching the database', async () => {
    writeFileSync(path.join(cwd, 'bad.yaml'), 'systems:\n  - { name: a, vendor: emc, address: x }\n  - { name: b, vendor: pure, address: y, credentials: { apiToken: "env:NOPE" } }\n');
    const res = await runCli(['systems', 'import', 'bad.yaml'], { ...sqlite, SECRET_KEY: OLD_KEY }, cwd);
    assert.equal(res.code, 1);
    assert.match(res.err, /bad\.yaml has 3 problems; nothing was imported/);
    assert.match(res.err, /systems\[0\] "a": vendor:/);
    assert.match(res.err, /systems\[0\] "a": credentials: required/);
    assert.match(res.err, /systems\[1\] "b": credentials\.apiToken: env:NOPE/);
  });

  test('usage errors exit 2', async () => {
    for (const args of [['systems'], ['systems', 'import'], ['systems', 'list', '--dry-run'], ['secrets', 'rotate'], ['secrets', 'spin']]) {
      const res = await runCli(args, { ...sqlite, SECRET_KEY: OLD_KEY }, cwd);
      assert.equal(res.code, 2, args.join(' '));
      assert.match(res.err, /usage: sfd (systems|secrets)/);
    }
    const short = await runCli(['secrets', 'rotate'], { ...sqlite, SECRET_KEY: OLD_KEY, NEW_SECRET_KEY: 'short' }, cwd);
    assert.match(short.err, /the new key is 5 characters long, but it must be at least 32/);
  });

  test('a database with pending migrations is refused with what to run', async () => {
    const res = await runCli(['systems', 'list'], sqlite, cwd);
    assert.equal(res.code, 1);
    assert.match(res.err, /pending migrations; run `sfd migrate` first/);
  });
});
