// Validation of every variable: defaults, bounds, one-line problems, all problems at once.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { ConfigError, configVariables, describeConfig, loadConfig, minAdminPasswordLength } from '../src/config.js';

const cwd = mkdtempSync(path.join(os.tmpdir(), 'sfd-config-'));
after(() => rmSync(cwd, { recursive: true, force: true }));

const load = (env: Record<string, string | undefined>) => loadConfig(env, { cwd, envFile: false });

/** The problems loadConfig reports for env; fails the test if it does not throw a ConfigError. */
function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    load(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err.problems;
  }
  assert.fail(`expected ${JSON.stringify(env)} to be rejected`);
}

describe('loadConfig defaults', () => {
  test('an empty environment gives the documented defaults', () => {
    assert.deepEqual(load({}), {
      database: { kind: 'sqlite', file: path.join(cwd, 'data', 'sfd.db'), display: `sqlite:${path.join(cwd, 'data', 'sfd.db')}` },
      host: '127.0.0.1',
      port: 8080,
      secretKey: null,
      pollIntervalSeconds: 60,
      pollConcurrency: 32,
      pollTimeoutSeconds: 30,
      pollConnectionsPerSystem: 2,
      capacitySampleRetentionDays: 90,
      logRetentionDays: 30,
      logMaxPerSystem: 1000,
      logCleanupSampleRate: 0.1,
      logWriteRetries: 3,
      logRetryBaseMs: 100,
      logMinLevel: 'info',
      logQueueMax: 100000,
      pgPoolSize: 10,
      migrateOnStart: true,
      processLogLevel: 'info',
      adminPassword: null,
      anonymousRead: false,
      cookieSecure: 'auto',
    });
  });

  test('an empty string counts as unset and gives the default', () => {
    const config = load({ PORT: '', DATABASE_URL: '', LOG_MIN_LEVEL: '', MIGRATE_ON_START: '', SECRET_KEY: '' });
    assert.equal(config.port, 8080);
    assert.equal(config.database.display, `sqlite:${path.join(cwd, 'data', 'sfd.db')}`);
    assert.equal(config.logMinLevel, 'info');
    assert.equal(config.migrateOnStart, true);
    assert.equal(config.secretKey, null);
  });

  test('the result is deep-frozen', () => {
    const config = load({});
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.database));
    assert.throws(() => {
      (config as { port: number }).port = 1;
    }, TypeError);
    assert.throws(() => {
      (config.database as { file: string }).file = '/elsewhere';
    }, TypeError);
    assert.equal(config.port, 8080);
  });
});

describe('loadConfig accepts', () => {
  const cases: [Record<string, string>, Partial<Record<string, unknown>>][] = [
    [{ PORT: '0' }, { port: 0 }],
    [{ PORT: '65535' }, { port: 65535 }],
    [{ PORT: '08080' }, { port: 8080 }],
    [{ HOST: '0.0.0.0' }, { host: '0.0.0.0' }],
    [{ HOST: '::' }, { host: '::' }],
    [{ HOST: 'fe80::1' }, { host: 'fe80::1' }],
    [{ HOST: 'localhost' }, { host: 'localhost' }],
    [{ HOST: 'sfd-app.internal' }, { host: 'sfd-app.internal' }],
    [{ POLL_INTERVAL_SECONDS: '10', POLL_TIMEOUT_SECONDS: '10' }, { pollIntervalSeconds: 10, pollTimeoutSeconds: 10 }],
    [{ POLL_INTERVAL_SECONDS: '86400', POLL_TIMEOUT_SECONDS: '600' }, { pollIntervalSeconds: 86400, pollTimeoutSeconds: 600 }],
    [{ POLL_CONCURRENCY: '1' }, { pollConcurrency: 1 }],
    [{ POLL_CONCURRENCY: '256' }, { pollConcurrency: 256 }],
    [{ POLL_CONNECTIONS_PER_SYSTEM: '1' }, { pollConnectionsPerSystem: 1 }],
    [{ POLL_CONNECTIONS_PER_SYSTEM: '8' }, { pollConnectionsPerSystem: 8 }],
    [{ CAPACITY_SAMPLE_RETENTION_DAYS: '1' }, { capacitySampleRetentionDays: 1 }],
    [{ LOG_RETENTION_DAYS: '1' }, { logRetentionDays: 1 }],
    [{ LOG_RETENTION_DAYS: '3650' }, { logRetentionDays: 3650 }],
    [{ LOG_MAX_PER_SYSTEM: '10' }, { logMaxPerSystem: 10 }],
    [{ LOG_MAX_PER_SYSTEM: '1000000' }, { logMaxPerSystem: 1000000 }],
    [{ LOG_CLEANUP_SAMPLE_RATE: '1' }, { logCleanupSampleRate: 1 }],
    [{ LOG_CLEANUP_SAMPLE_RATE: '1.0' }, { logCleanupSampleRate: 1 }],
    [{ LOG_CLEANUP_SAMPLE_RATE: '.25' }, { logCleanupSampleRate: 0.25 }],
    [{ LOG_CLEANUP_SAMPLE_RATE: '0.001' }, { logCleanupSampleRate: 0.001 }],
    [{ LOG_WRITE_RETRIES: '0' }, { logWriteRetries: 0 }],
    [{ LOG_WRITE_RETRIES: '10' }, { logWriteRetries: 10 }],
    [{ LOG_RETRY_BASE_MS: '10' }, { logRetryBaseMs: 10 }],
    [{ LOG_RETRY_BASE_MS: '60000' }, { logRetryBaseMs: 60000 }],
    [{ LOG_MIN_LEVEL: 'debug' }, { logMinLevel: 'debug' }],
    [{ LOG_MIN_LEVEL: 'WARN' }, { logMinLevel: 'warn' }],
    [{ LOG_QUEUE_MAX: '1000' }, { logQueueMax: 1000 }],
    [{ LOG_QUEUE_MAX: '10000000' }, { logQueueMax: 10000000 }],
    [{ PG_POOL_SIZE: '1' }, { pgPoolSize: 1 }],
    [{ PG_POOL_SIZE: '100' }, { pgPoolSize: 100 }],
    [{ MIGRATE_ON_START: 'false' }, { migrateOnStart: false }],
    [{ MIGRATE_ON_START: 'FALSE' }, { migrateOnStart: false }],
    [{ MIGRATE_ON_START: '0' }, { migrateOnStart: false }],
    [{ MIGRATE_ON_START: 'No' }, { migrateOnStart: false }],
    [{ MIGRATE_ON_START: 'TRUE' }, { migrateOnStart: true }],
    [{ MIGRATE_ON_START: '1' }, { migrateOnStart: true }],
    [{ MIGRATE_ON_START: 'yes' }, { migrateOnStart: true }],
    [{ PROCESS_LOG_LEVEL: 'silent' }, { processLogLevel: 'silent' }],
    [{ PROCESS_LOG_LEVEL: 'Trace' }, { processLogLevel: 'trace' }],
  ];
  for (const [env, expected] of cases) {
    test(JSON.stringify(env), () => {
      const config: Record<string, unknown> = { ...load(env) };
      for (const [key, value] of Object.entries(expected)) assert.equal(config[key], value, key);
    });
  }
});

// Every variable, with values it must reject; the test below checks none is missing.
const badValues: Record<string, string[]> = {
  DATABASE_URL: ['mysql://root:hunter2@db/x', './data/sfd.db', 'sqlite:', '   '],
  HOST: ['http://example.com', 'a b', '[::1]', 'host:8080', '-bad-', '.'],
  PORT: ['65536', '-1', '80.5', 'http', ' 8080', '8080 ', '1e3'],
  SECRET_KEY: ['short-hunter2'],
  SECRET_KEY_FILE: ['does-not-exist.key'],
  POLL_INTERVAL_SECONDS: ['9', '86401', '1e3', '60s'],
  POLL_CONCURRENCY: ['0', '257', '1.5', '1e3', ' 12abc', '-1', 'lots', '0x10'],
  POLL_TIMEOUT_SECONDS: ['0', '601', 'x'],
  POLL_CONNECTIONS_PER_SYSTEM: ['0', '9', '2.5', 'many'],
  CAPACITY_SAMPLE_RETENTION_DAYS: ['0', '3651', '90d'],
  LOG_RETENTION_DAYS: ['0', '3651', '30d'],
  LOG_MAX_PER_SYSTEM: ['9', '1000001', '1,000'],
  LOG_CLEANUP_SAMPLE_RATE: ['0', '0.0', '1.5', '-0.1', '1e-1', '10%', 'abc', '.', '1.', 'NaN', 'Infinity'],
  LOG_WRITE_RETRIES: ['11', '-1', 'three'],
  LOG_RETRY_BASE_MS: ['9', '60001', '100ms'],
  LOG_MIN_LEVEL: ['loud', 'trace', 'information'],
  LOG_QUEUE_MAX: ['999', '10000001', '1e5'],
  PG_POOL_SIZE: ['0', '101', 'ten'],
  MIGRATE_ON_START: ['maybe', 'on', '2', 'y'],
  PROCESS_LOG_LEVEL: ['verbose', 'warning'],
  ADMIN_PASSWORD: ['short', 'nine-char'],
  ANONYMOUS_READ: ['maybe', 'on'],
  COOKIE_SECURE: ['always', 'https', 'on'],
};
const secretNames = new Set(['DATABASE_URL', 'SECRET_KEY', 'ADMIN_PASSWORD']);

describe('loadConfig rejects', () => {
  test('every variable in configVariables has bad values tested here', () => {
    assert.deepEqual(Object.keys(badValues).sort(), configVariables.map((v) => v.name).sort());
  });

  for (const [name, values] of Object.entries(badValues)) {
    for (const value of values) {
      test(`${name}=${JSON.stringify(value)} with one line naming ${name}`, () => {
        const problems = problemsOf({ [name]: value });
        assert.equal(problems.length, 1, problems.join('\n'));
        const problem = problems[0] ?? '';
        assert.ok(problem.startsWith(`${name} `), problem);
        assert.doesNotMatch(problem, /\n/);
        assert.match(problem, /\.$/, 'a problem is a sentence');
        // The exact wording for secrets is tested in config-sources.test.ts; here: no password.
        if (secretNames.has(name)) assert.doesNotMatch(problem, /hunter2/);
        else {
          const shown = name === 'SECRET_KEY_FILE' ? path.join(cwd, value) : value;
          assert.ok(problem.includes(JSON.stringify(shown)), `the given value is quoted: ${problem}`);
        }
      });
    }
  }

  test('whole numbers say what is allowed', () => {
    assert.deepEqual(problemsOf({ POLL_CONCURRENCY: '0' }), ['POLL_CONCURRENCY is "0", but it must be a whole number from 1 to 256.']);
    assert.deepEqual(problemsOf({ POLL_CONCURRENCY: '1.5' }), [
      'POLL_CONCURRENCY is "1.5", but it must be a whole number from 1 to 256, written in plain digits.',
    ]);
    assert.deepEqual(problemsOf({ PORT: '70000' }), [
      'PORT is "70000", but it must be a whole number from 0 to 65535 (0 picks any free port).',
    ]);
  });

  test('choices and decimals say what is allowed', () => {
    assert.deepEqual(problemsOf({ LOG_MIN_LEVEL: 'loud' }), ['LOG_MIN_LEVEL is "loud", but it must be one of debug, info, warn, error.']);
    assert.deepEqual(problemsOf({ LOG_CLEANUP_SAMPLE_RATE: '0' }), [
      'LOG_CLEANUP_SAMPLE_RATE is "0", but it must be a decimal number greater than 0 and at most 1, like 0.1.',
    ]);
    assert.match(problemsOf({ MIGRATE_ON_START: 'maybe' })[0] ?? '', /true or false/);
  });

  test('a value with a line break or of great length still gives one short line', () => {
    const [broken] = problemsOf({ PORT: '80\n81' });
    assert.equal(broken, 'PORT is "80\\n81", but it must be a whole number from 0 to 65535 (0 picks any free port), written in plain digits.');
    const [long] = problemsOf({ HOST: 'x'.repeat(500) });
    assert.ok((long ?? '').length < 250, long);
  });
});

describe('several problems', () => {
  test('are all reported at once, in one ConfigError whose message joins them', () => {
    const env = { POLL_CONCURRENCY: 'lots', PORT: '99999', LOG_MIN_LEVEL: 'loud', DATABASE_URL: 'mysql://x', MIGRATE_ON_START: 'perhaps' };
    let error: unknown;
    try {
      load(env);
    } catch (err) {
      error = err;
    }
    assert.ok(error instanceof ConfigError);
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'ConfigError');
    const named = error.problems.map((p) => p.split(' ')[0]).sort();
    assert.deepEqual(named, ['DATABASE_URL', 'LOG_MIN_LEVEL', 'MIGRATE_ON_START', 'POLL_CONCURRENCY', 'PORT']);
    assert.equal(error.message, error.problems.join('\n'));
    assert.ok(Object.isFrozen(error.problems));
  });

  test('POLL_TIMEOUT_SECONDS may not exceed POLL_INTERVAL_SECONDS', () => {
    assert.deepEqual(problemsOf({ POLL_INTERVAL_SECONDS: '60', POLL_TIMEOUT_SECONDS: '90' }), [
      'POLL_TIMEOUT_SECONDS is "90", but it must not be more than POLL_INTERVAL_SECONDS (60), so that one poll ends before the next one starts.',
    ]);
    const [againstDefault] = problemsOf({ POLL_TIMEOUT_SECONDS: '61' });
    assert.match(againstDefault ?? '', /POLL_INTERVAL_SECONDS \(60\)/);
    assert.equal(load({ POLL_INTERVAL_SECONDS: '20', POLL_TIMEOUT_SECONDS: '20' }).pollTimeoutSeconds, 20);
  });

  test('an unset POLL_TIMEOUT_SECONDS follows a shorter interval down instead of failing', () => {
    const config = load({ POLL_INTERVAL_SECONDS: '15' });
    assert.equal(config.pollIntervalSeconds, 15);
    assert.equal(config.pollTimeoutSeconds, 15);
    assert.equal(load({ POLL_INTERVAL_SECONDS: '45' }).pollTimeoutSeconds, 30);
    assert.equal(load({ POLL_INTERVAL_SECONDS: '15', POLL_TIMEOUT_SECONDS: '' }).pollTimeoutSeconds, 15);
    assert.match(problemsOf({ POLL_INTERVAL_SECONDS: '15', POLL_TIMEOUT_SECONDS: '30' })[0] ?? '', /^POLL_TIMEOUT_SECONDS is "30"/);
  });

  test('a bad interval is reported once, without a follow-on timeout problem', () => {
    const problems = problemsOf({ POLL_INTERVAL_SECONDS: '5', POLL_TIMEOUT_SECONDS: '30' });
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /^POLL_INTERVAL_SECONDS /);
  });
});

describe('describeConfig', () => {
  test('shows plain values with the secret masked and the database as its display', () => {
    const key = 'k'.repeat(40);
    const described = describeConfig(load({ SECRET_KEY: key, DATABASE_URL: 'postgres://sfd:hunter2@db:5432/sfd', PORT: '9000' }));
    assert.equal(described.secretKey, '(set)');
    assert.equal(described.database, 'postgres://sfd:***@db:5432/sfd');
    assert.equal(described.port, 9000);
    assert.equal(described.migrateOnStart, true);
    assert.deepEqual(Object.keys(described), Object.keys(load({})));
    assert.ok(!JSON.stringify(described).includes(key));
    assert.ok(!JSON.stringify(described).includes('hunter2'));
    assert.equal(describeConfig(load({})).secretKey, '(not set)');
    const withAdmin = describeConfig(load({ ADMIN_PASSWORD: 'hunter2-hunter2' }));
    assert.equal(withAdmin.adminPassword, '(set)');
    assert.ok(!JSON.stringify(withAdmin).includes('hunter2'));
  });

  test('the first-admin password policy matches the one users get', async () => {
    const { PASSWORD_MIN_LENGTH } = await import('../src/lib/password.js');
    assert.equal(minAdminPasswordLength, PASSWORD_MIN_LENGTH);
    assert.deepEqual(problemsOf({ ADMIN_PASSWORD: 'short' }), ['ADMIN_PASSWORD is 5 characters long, but it must be at least 10 characters.']);
    const config = load({ ANONYMOUS_READ: 'Yes', COOKIE_SECURE: 'TRUE', ADMIN_PASSWORD: 'long enough pw' });
    assert.deepEqual([config.anonymousRead, config.cookieSecure, config.adminPassword], [true, true, 'long enough pw']);
    assert.equal(load({ COOKIE_SECURE: 'false' }).cookieSecure, false);
  });
});
