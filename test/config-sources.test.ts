// Where values come from: DATABASE_URL forms, the .env file, SECRET_KEY and SECRET_KEY_FILE.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { ConfigError, describeConfig, type LoadConfigOptions, loadConfig } from '../src/config.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'sfd-config-src-'));
after(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
/** A fresh directory holding the given files. */
function dirWith(files: Record<string, string> = {}): string {
  const dir = path.join(root, String(++dirs));
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}
const cwd = dirWith();

function problemsOf(env: Record<string, string>, options: LoadConfigOptions = { cwd, envFile: false }): readonly string[] {
  try {
    loadConfig(env, options);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err.problems;
  }
  assert.fail(`expected ${JSON.stringify(env)} to be rejected`);
}
const database = (url: string) => loadConfig({ DATABASE_URL: url }, { cwd, envFile: false }).database;
function sqliteFile(url: string): string {
  const target = database(url);
  assert.equal(target.kind, 'sqlite', url);
  return target.kind === 'sqlite' ? target.file : '';
}

describe('DATABASE_URL', () => {
  test('postgres:// and postgresql:// keep the URL and mask the password in the display', () => {
    assert.deepEqual(database('postgres://sfd:hunter2@db.example:5432/sfd'), {
      kind: 'postgres',
      url: 'postgres://sfd:hunter2@db.example:5432/sfd',
      display: 'postgres://sfd:***@db.example:5432/sfd',
    });
    assert.deepEqual(database('postgresql://sfd@db/sfd?sslmode=require'), {
      kind: 'postgres',
      url: 'postgresql://sfd@db/sfd?sslmode=require',
      display: 'postgresql://sfd@db/sfd?sslmode=require',
    });
  });

  test('sqlite:<path> resolves a relative path against cwd and keeps an absolute one', () => {
    assert.deepEqual(database('sqlite:./var/app.db'), { kind: 'sqlite', file: path.join(cwd, 'var', 'app.db'), display: `sqlite:${path.join(cwd, 'var', 'app.db')}` });
    assert.equal(sqliteFile('sqlite:app.db'), path.join(cwd, 'app.db'));
    assert.equal(sqliteFile('sqlite:/srv/sfd/app.db'), '/srv/sfd/app.db');
    assert.equal(sqliteFile('sqlite:///srv/sfd/app.db'), '/srv/sfd/app.db');
    assert.equal(sqliteFile('sqlite://rel.db'), path.join(cwd, 'rel.db'));
  });

  test('sqlite::memory: is an in-memory database', () => {
    assert.deepEqual(database('sqlite::memory:'), { kind: 'sqlite', file: ':memory:', display: 'sqlite::memory:' });
  });

  test('an empty value is the default, a blank one is a problem', () => {
    assert.equal(sqliteFile(''), path.join(cwd, 'data', 'sfd.db'));
    assert.deepEqual(problemsOf({ DATABASE_URL: '  ' }), ['DATABASE_URL is empty; use postgres://… or sqlite:<path>.']);
  });

  test('an unsupported scheme or a bare path is one line that says what to write', () => {
    assert.deepEqual(problemsOf({ DATABASE_URL: 'mysql://root:hunter2@db/x' }), [
      'DATABASE_URL uses the unsupported scheme "mysql:"; use postgres://, postgresql:// or sqlite:<path>.',
    ]);
    assert.deepEqual(problemsOf({ DATABASE_URL: './data/sfd.db' }), ['DATABASE_URL has no scheme; for a SQLite file write sqlite:./data/sfd.db.']);
  });

  test('a password never appears in a problem or in describeConfig', () => {
    const bad = [
      'mysql://root:hunter2@db/x',
      '//root:hunter2@db/x',
      'root:hunter2@db/x',
      'postgres://root:hunter2@/x',
      'postgres://root:hunter2@db:99999/x',
      'postgres://root:hunter2@[db/x',
    ];
    for (const url of bad) {
      const problems = problemsOf({ DATABASE_URL: url });
      assert.equal(problems.length, 1, `${url}: ${problems.join(' | ')}`);
      assert.match(problems[0] ?? '', /^DATABASE_URL /);
      assert.doesNotMatch(problems.join('\n'), /hunter2/, url);
    }
    for (const url of ['postgres://root:hunter2@db/x', 'postgresql://root@db/x?password=hunter2']) {
      const shown = JSON.stringify(describeConfig(loadConfig({ DATABASE_URL: url }, { cwd, envFile: false })));
      assert.doesNotMatch(shown, /hunter2/, url);
      assert.match(shown, /\*\*\*/);
    }
  });
});

describe('.env file', () => {
  const dotenv = 'PORT=9000\nHOST=0.0.0.0\n# a comment\nPOLL_CONCURRENCY="5"\nLOG_MIN_LEVEL=debug\n';

  test('is read from options.cwd, and real variables win over it', () => {
    const dir = dirWith({ '.env': dotenv });
    const config = loadConfig({ PORT: '9100', LOG_MIN_LEVEL: 'error' }, { cwd: dir });
    assert.equal(config.port, 9100);
    assert.equal(config.logMinLevel, 'error');
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.pollConcurrency, 5);
    assert.equal(config.database.display, `sqlite:${path.join(dir, 'data', 'sfd.db')}`);
  });

  test('an empty real variable does not hide the .env value', () => {
    assert.equal(loadConfig({ PORT: '' }, { cwd: dirWith({ '.env': dotenv }) }).port, 9000);
  });

  test('envFile: false ignores it; a missing default .env is fine; a named missing file is a problem', () => {
    assert.equal(loadConfig({}, { cwd: dirWith({ '.env': dotenv }), envFile: false }).port, 8080);
    assert.equal(loadConfig({}, { cwd: dirWith() }).port, 8080);
    const dir = dirWith({ 'prod.env': 'PORT=7000\n' });
    assert.equal(loadConfig({}, { cwd: dir, envFile: 'prod.env' }).port, 7000);
    const [problem, ...rest] = problemsOf({}, { cwd: dir, envFile: 'staging.env' });
    assert.deepEqual(rest, []);
    assert.equal(problem, `The env file "${path.join(dir, 'staging.env')}" cannot be read: no such file or directory (ENOENT).`);
  });

  test('a bad value in .env is reported under its variable name', () => {
    assert.deepEqual(problemsOf({}, { cwd: dirWith({ '.env': 'POLL_CONCURRENCY=0\n' }) }), [
      'POLL_CONCURRENCY is "0", but it must be a whole number from 1 to 256.',
    ]);
  });

  test('options.readFile is used for .env and for SECRET_KEY_FILE', () => {
    const files: Record<string, string> = { '/virtual/.env': 'SECRET_KEY_FILE=keys/app.key\nPORT=1234\n', '/virtual/keys/app.key': `${'s'.repeat(32)}\n` };
    const readFile = (file: string) => {
      const text = files[file];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), { code: 'ENOENT' });
      return text;
    };
    const config = loadConfig({}, { cwd: '/virtual', readFile });
    assert.equal(config.port, 1234);
    assert.equal(config.secretKey, 's'.repeat(32));
  });
});

describe('SECRET_KEY and SECRET_KEY_FILE', () => {
  const key = 'abcdefghijklmnopqrstuvwxyz0123456789';

  test('neither set gives null; SECRET_KEY is used as given', () => {
    assert.equal(loadConfig({}, { cwd, envFile: false }).secretKey, null);
    assert.equal(loadConfig({ SECRET_KEY: key }, { cwd, envFile: false }).secretKey, key);
  });

  test('SECRET_KEY_FILE gives the trimmed contents, relative to cwd or absolute', () => {
    const dir = dirWith({ 'app.key': `\n  ${key}  \n` });
    assert.equal(loadConfig({ SECRET_KEY_FILE: 'app.key' }, { cwd: dir, envFile: false }).secretKey, key);
    assert.equal(loadConfig({ SECRET_KEY_FILE: path.join(dir, 'app.key') }, { cwd, envFile: false }).secretKey, key);
  });

  test('a missing or unreadable file names the file and the reason', () => {
    assert.deepEqual(problemsOf({ SECRET_KEY_FILE: 'missing.key' }), [
      `SECRET_KEY_FILE names "${path.join(cwd, 'missing.key')}", which cannot be read: no such file or directory (ENOENT).`,
    ]);
    const dir = dirWith();
    assert.match(problemsOf({ SECRET_KEY_FILE: dir })[0] ?? '', /^SECRET_KEY_FILE names ".+", which cannot be read: .*\(EISDIR\)\.$/);
    if (process.getuid?.() !== 0) {
      const locked = dirWith({ 'locked.key': key });
      chmodSync(path.join(locked, 'locked.key'), 0o000);
      assert.match(problemsOf({ SECRET_KEY_FILE: path.join(locked, 'locked.key') })[0] ?? '', /permission denied \(EACCES\)/);
    }
  });

  test('a key shorter than 32 characters is a problem that never shows the key', () => {
    const short = 'hunter2-hunter2';
    assert.deepEqual(problemsOf({ SECRET_KEY: short }), [
      'SECRET_KEY is 15 characters long, but it must be at least 32 characters (make one with: openssl rand -hex 32).',
    ]);
    const dir = dirWith({ 'short.key': `${short}\n` });
    const [problem] = problemsOf({ SECRET_KEY_FILE: 'short.key' }, { cwd: dir, envFile: false });
    assert.match(problem ?? '', /^SECRET_KEY_FILE names ".*short\.key", whose key is 15 characters long, but it must be at least 32/);
    assert.doesNotMatch(problem ?? '', /hunter2-/);
    assert.match(problemsOf({ SECRET_KEY_FILE: 'empty.key' }, { cwd: dirWith({ 'empty.key': '\n' }), envFile: false })[0] ?? '', /0 characters/);
  });

  test('both set is one problem naming both', () => {
    const dir = dirWith({ 'app.key': key });
    assert.deepEqual(problemsOf({ SECRET_KEY: key, SECRET_KEY_FILE: 'app.key' }, { cwd: dir, envFile: false }), [
      'SECRET_KEY and SECRET_KEY_FILE are both set, but only one of them may be; unset the other.',
    ]);
  });

  test('describeConfig shows only whether a key is set', () => {
    const described = describeConfig(loadConfig({ SECRET_KEY: key }, { cwd, envFile: false }));
    assert.equal(described.secretKey, '(set)');
    assert.doesNotMatch(JSON.stringify(described), new RegExp(key));
  });
});
