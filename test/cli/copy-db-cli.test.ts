import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { createTestDatabase, engines } from '../helpers/databases.js';
import { populate } from '../db/copy/populate.js';
import { migrateToLatest } from '../../src/db/migrate.js';

const cwd = mkdtempSync(path.join(os.tmpdir(), 'sfd-copy-cli-'));
after(() => rmSync(cwd, { recursive: true, force: true }));

test('sfd copy-db: wrong words exit 2 with the reason, never echoing a password', async () => {
  const cases: [string[], RegExp][] = [
    [['--to', 'sqlite:b.db'], /both --from and --to are required/],
    [['--from', 'mysql://root:hunter2@db/x', '--to', 'sqlite:b.db'], /--from uses the unsupported scheme "mysql:"/],
    [['--from', 'sqlite:missing.db', '--to', 'sqlite:b.db'], /--from names sqlite:.*missing\.db, which does not exist/],
    [['--from', 'postgres://u:hunter2@h/db', '--to', 'postgres://u:other@h/db'], /--from and --to name the same database/],
    [['--from', 'sqlite:a.db', '--to', 'sqlite:b.db', '--batch-size', '0'], /--batch-size must be a whole number of at least 1/],
  ];
  for (const [args, pattern] of cases) {
    const result = await runCli(['copy-db', ...args], {}, cwd);
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.err, pattern);
    assert.doesNotMatch(result.err, /hunter2/);
  }
});

for (const engine of engines) {
  test(`sfd copy-db sqlite → ${engine}: plain progress lines on stderr, summary on stdout, --force`, async () => {
    const source = await createTestDatabase('sqlite');
    const target = await createTestDatabase(engine);
    const handle = source.open();
    try {
      await migrateToLatest(handle.db);
      await populate(handle.db);
      await handle.close();
      const first = await runCli(['copy-db', '--from', source.url, '--to', target.url, '--batch-size', '1000'], {}, cwd);
      assert.equal(first.code, 0, first.err);
      assert.match(first.err, /copy-db \[\d+\/\d+\] capacity_samples: 2500 rows to copy/);
      assert.match(first.err, /capacity_samples: 1000\/2500 rows \(40 %\)/);
      assert.match(first.err, /capacity_samples: 2500\/2500 rows copied/);
      assert.ok(!first.err.includes('\r') && !first.err.includes('\u001b['), 'no terminal control codes when stderr is not a terminal');
      assert.match(first.out, /^capacity_samples\s+2500 rows\s+checksum [0-9a-f]{32}$/m);
      assert.match(first.out, /copied \d+ tables, \d+ rows; row counts and checksums match/);
      assert.doesNotMatch(first.err + first.out, /postgres:postgres@/, 'the password is masked');

      const again = await runCli(['copy-db', '--from', source.url, '--to', target.url], {}, cwd);
      assert.equal(again.code, 1);
      assert.match(again.err, /already holds data .*use --force/);
      const forced = await runCli(['copy-db', '--from', source.url, '--to', target.url, '--force', '--json'], {}, cwd);
      assert.equal(forced.code, 0, forced.err);
      assert.equal(JSON.parse(forced.out).verified, true);
    } finally {
      await handle.close().catch(() => {});
      await source.dispose();
      await target.dispose();
    }
  });
}
