import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli, spawnCli } from '../helpers/cli.js';
import { createTestDatabase, engines } from '../helpers/databases.js';

const cwd = mkdtempSync(path.join(os.tmpdir(), 'sfd-cli-'));
after(() => rmSync(cwd, { recursive: true, force: true }));

describe('command line', () => {
  test('no command, an unknown command or an unknown option print usage and exit 2', async () => {
    const none = await runCli([], {}, cwd);
    assert.equal(none.code, 2);
    assert.match(none.err, /usage: sfd <command>/);
    const unknown = await runCli(['frobnicate'], {}, cwd);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown command "frobnicate"/);
    assert.match(unknown.err, /migrate/);
    const badOption = await runCli(['migrate', '--frob'], {}, cwd);
    assert.equal(badOption.code, 2);
    assert.match(badOption.err, /--frob/);
    assert.match(badOption.err, /usage: sfd migrate/);
    const badAction = await runCli(['migrate', 'sideways'], {}, cwd);
    assert.equal(badAction.code, 2);
    assert.match(badAction.err, /unknown action "sideways"/);
  });

  test('--help prints usage and exits 0', async () => {
    const res = await runCli(['--help'], {}, cwd);
    assert.equal(res.code, 0);
    assert.match(res.out, /serve/);
    const sub = await runCli(['migrate', '--help'], {}, cwd);
    assert.equal(sub.code, 0);
    assert.match(sub.out, /status/);
  });

  test('a bad DATABASE_URL exits 2 with a one-line reason and never prints the password', async () => {
    const res = await spawnCli(['migrate', 'status'], { DATABASE_URL: 'mysql://root:hunter2@db/x' }, cwd);
    assert.equal(res.code, 2);
    const reasons = res.err.split('\n').filter((l) => l.startsWith('  '));
    assert.equal(reasons.length, 1, res.err);
    assert.match(reasons[0] ?? '', /DATABASE_URL/);
    assert.doesNotMatch(res.out + res.err, /hunter2/);
    assert.doesNotMatch(res.err, /\n\s+at /, 'no stack trace');
  });

  test('POLL_CONCURRENCY=0 exits 2 with a one-line reason', async () => {
    const res = await spawnCli(['migrate', 'status'], { POLL_CONCURRENCY: '0', DATABASE_URL: 'sqlite::memory:' }, cwd);
    assert.equal(res.code, 2);
    const reasons = res.err.split('\n').filter((l) => l.startsWith('  '));
    assert.equal(reasons.length, 1, res.err);
    assert.match(reasons[0] ?? '', /POLL_CONCURRENCY/);
    assert.doesNotMatch(res.err, /\n\s+at /);
  });

  test('several bad variables are reported together', async () => {
    const res = await runCli(['migrate', 'status'], { POLL_CONCURRENCY: 'lots', PORT: '99999', LOG_MIN_LEVEL: 'loud' }, cwd);
    assert.equal(res.code, 2);
    for (const name of ['POLL_CONCURRENCY', 'PORT', 'LOG_MIN_LEVEL']) assert.match(res.err, new RegExp(name));
  });

  test('an unreachable database is a clear error with exit 1', async () => {
    const res = await runCli(['migrate', 'status'], { DATABASE_URL: 'postgres://sfd:secretpw@127.0.0.1:1/sfd' }, cwd);
    assert.equal(res.code, 1);
    assert.match(res.err, /ECONNREFUSED|connect/);
    assert.doesNotMatch(res.err, /secretpw/);
  });
});

for (const engine of engines) {
  test(`sfd migrate up, status and down on ${engine}`, async () => {
    const testDb = await createTestDatabase(engine);
    const env = { DATABASE_URL: testDb.url };
    try {
      const before = await runCli(['migrate', 'status'], env, cwd);
      assert.equal(before.code, 0, before.err);
      assert.match(before.out, /0 applied, \d+ pending/);
      const up = await runCli(['migrate', 'up'], env, cwd);
      assert.equal(up.code, 0, up.err);
      assert.match(up.out, /applied 2026_11_22_0001_storage_systems/);
      const status = await runCli(['migrate', 'status', '--json'], env, cwd);
      const parsed = JSON.parse(status.out);
      assert.equal(parsed.pending, 0);
      assert.ok(parsed.migrations.every((m: { appliedAt: string | null }) => m.appliedAt !== null));
      const down = await runCli(['migrate', 'down'], env, cwd);
      assert.equal(down.code, 0, down.err);
      // The newest migration, whichever it is: this test must not change each time one is added.
      const newest: string = parsed.migrations.at(-1).name;
      assert.match(newest, /^\d{4}_\d{2}_\d{2}_\d{4}_/);
      assert.match(down.out, new RegExp(`reverted ${newest}`));
      const after = await runCli(['migrate', 'status', '--json'], env, cwd);
      assert.equal(JSON.parse(after.out).pending, 1);
      const again = await runCli(['migrate'], env, cwd);
      assert.match(again.out, new RegExp(`applied ${newest}`));
    } finally {
      await testDb.dispose();
    }
  });
}
