import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { minAdminPasswordLength, minSecretKeyLength, parseAdminPassword, parseSecretKey } from './config/secrets.js';
import { errorCode, osReason, quote } from './config/text.js';
import { type DatabaseTarget, DatabaseUrlError, parseDatabaseUrl } from './db/target.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type ProcessLogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export interface Config {
  database: DatabaseTarget;
  host: string;
  port: number;
  secretKey: string | null;
  pollIntervalSeconds: number;
  pollConcurrency: number;
  pollTimeoutSeconds: number;
  pollConnectionsPerSystem: number;
  capacitySampleRetentionDays: number;
  logRetentionDays: number;
  logMaxPerSystem: number;
  logCleanupSampleRate: number;
  logWriteRetries: number;
  logRetryBaseMs: number;
  logMinLevel: LogLevel;
  logQueueMax: number;
  pgPoolSize: number;
  migrateOnStart: boolean;
  processLogLevel: ProcessLogLevel;
  /** Password of the first admin, created at start when there is no user at all. */
  adminPassword: string | null;
  anonymousRead: boolean;
  cookieSecure: boolean | 'auto';
}

/** Every problem found in the configuration, one plain line each; the CLI prints them and exits 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join('\n'));
    this.problems = Object.freeze([...problems]);
  }
}

export interface LoadConfigOptions {
  /** Resolves relative paths (SQLite file, .env, SECRET_KEY_FILE). Default: the process's cwd. */
  cwd?: string;
  /** Default '.env' in cwd, skipped when missing; a file named here must exist; false = read none. */
  envFile?: string | false;
  readFile?: (path: string) => string;
}

type Env = Record<string, string | undefined>;

const logLevels = ['debug', 'info', 'warn', 'error'] as const;
const processLogLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
const booleanWords: Record<string, boolean> = { true: true, false: false, 1: true, 0: false, yes: true, no: false };
export { minAdminPasswordLength, minSecretKeyLength };

// Ranges live here once: the parser enforces them and the docs table is built from them.
const ranges = {
  PORT: { min: 0, max: 65535, note: '0 picks any free port' },
  POLL_INTERVAL_SECONDS: { min: 10, max: 86400 },
  POLL_CONCURRENCY: { min: 1, max: 256 },
  POLL_TIMEOUT_SECONDS: { min: 1, max: 600, note: 'and not more than POLL_INTERVAL_SECONDS' },
  POLL_CONNECTIONS_PER_SYSTEM: { min: 1, max: 8 },
  CAPACITY_SAMPLE_RETENTION_DAYS: { min: 1, max: 3650 },
  LOG_RETENTION_DAYS: { min: 1, max: 3650 },
  LOG_MAX_PER_SYSTEM: { min: 10, max: 1_000_000 },
  LOG_WRITE_RETRIES: { min: 0, max: 10 },
  LOG_RETRY_BASE_MS: { min: 10, max: 60_000 },
  LOG_QUEUE_MAX: { min: 1000, max: 10_000_000 },
  PG_POOL_SIZE: { min: 1, max: 100 },
} as const satisfies Record<string, { min: number; max: number; note?: string }>;
type WholeName = keyof typeof ranges;

function wholeRange(name: WholeName): string {
  const range: { min: number; max: number; note?: string } = ranges[name];
  return `a whole number from ${range.min} to ${range.max}${range.note ? ` (${range.note})` : ''}`;
}

function variable<N extends string>(name: N, fallback: string, allowed: string, meaning: string) {
  return Object.freeze({ name, default: fallback, allowed, meaning });
}

/** The one list of variables: loadConfig reads nothing else, docs/configuration.md documents it. */
export const configVariables = Object.freeze([
  variable('DATABASE_URL', 'sqlite:./data/sfd.db', 'postgres://user:password@host:5432/database, postgresql://…, sqlite:<path>, sqlite://<path>, sqlite::memory:', 'Where data is kept; picks the engine. A relative SQLite path is resolved against the working directory.'),
  variable('HOST', '127.0.0.1', 'a host name or IP address (no brackets, scheme or port)', 'Address `sfd serve` listens on; 0.0.0.0 or :: listens on every interface (e.g. in Docker).'),
  variable('PORT', '8080', wholeRange('PORT'), 'TCP port `sfd serve` listens on.'),
  variable('SECRET_KEY', '', `at least ${minSecretKeyLength} characters`, 'Key that encrypts stored array credentials. Set this or SECRET_KEY_FILE, not both.'),
  variable('SECRET_KEY_FILE', '', `path of a readable file whose trimmed contents are at least ${minSecretKeyLength} characters`, 'Reads the secret key from a file (e.g. a Docker secret); a relative path is resolved against the working directory.'),
  variable('POLL_INTERVAL_SECONDS', '60', wholeRange('POLL_INTERVAL_SECONDS'), 'Seconds between two polls of one storage system.'),
  variable('POLL_CONCURRENCY', '32', wholeRange('POLL_CONCURRENCY'), 'How many systems are polled at the same time.'),
  variable('POLL_TIMEOUT_SECONDS', '30', wholeRange('POLL_TIMEOUT_SECONDS'), 'Deadline for one poll of one system. When unset and POLL_INTERVAL_SECONDS is shorter than 30, it is the interval.'),
  variable('POLL_CONNECTIONS_PER_SYSTEM', '2', wholeRange('POLL_CONNECTIONS_PER_SYSTEM'), 'Most HTTPS connections open to one storage system at a time, while it is polled. More make one poll of ONTAP or StorageGRID (which ask several things at once) quicker, at about 0.5 MB of poller memory per extra connection in flight and more load on the array.'),
  variable('CAPACITY_SAMPLE_RETENTION_DAYS', '90', wholeRange('CAPACITY_SAMPLE_RETENTION_DAYS'), 'Raw capacity samples (one per poll) older than this are deleted about once an hour; the daily capacity rollups are kept for good.'),
  variable('LOG_RETENTION_DAYS', '30', wholeRange('LOG_RETENTION_DAYS'), 'Per-system log entries older than this are deleted.'),
  variable('LOG_MAX_PER_SYSTEM', '1000', wholeRange('LOG_MAX_PER_SYSTEM'), 'Most per-system log entries kept for one system; the oldest are trimmed.'),
  variable('LOG_CLEANUP_SAMPLE_RATE', '0.1', 'a decimal number greater than 0 and at most 1', 'Share of log writes that also run cleanup (0.1 = about one write in ten).'),
  variable('LOG_WRITE_RETRIES', '3', wholeRange('LOG_WRITE_RETRIES'), 'Retries of a failed log batch before it stays queued for a later attempt.'),
  variable('LOG_RETRY_BASE_MS', '100', wholeRange('LOG_RETRY_BASE_MS'), 'First retry delay in milliseconds; it doubles on each retry (100, 200, 400).'),
  variable('LOG_MIN_LEVEL', 'info', `one of ${logLevels.join(', ')} (any case)`, 'Per-system log entries below this level are not stored.'),
  variable('LOG_QUEUE_MAX', '100000', wholeRange('LOG_QUEUE_MAX'), 'Most log entries waiting in memory; beyond it entries are dropped and counted.'),
  variable('PG_POOL_SIZE', '10', wholeRange('PG_POOL_SIZE'), 'Connections in the PostgreSQL pool (SQLite always uses one).'),
  variable('MIGRATE_ON_START', 'true', 'true or false, 1 or 0, yes or no (any case)', 'Apply pending migrations when `sfd serve` starts.'),
  variable('ADMIN_PASSWORD', '', `at least ${minAdminPasswordLength} characters`, 'Password of the first admin (user `admin`), created by `sfd serve` and `sfd demo` when no user exists yet; ignored once any user exists.'),
  variable('ANONYMOUS_READ', 'false', 'true or false, 1 or 0, yes or no (any case)', 'Lets anyone read the pages and the read API without signing in (wall screens); changes still need a signed-in user.'),
  variable('COOKIE_SECURE', 'auto', 'auto, true or false (any case)', 'Secure flag of the session and CSRF cookies: auto sets it on requests that arrived over HTTPS; set true behind a TLS-terminating reverse proxy.'),
  variable('PROCESS_LOG_LEVEL', 'info', `one of ${processLogLevels.join(', ')} (any case)`, 'Level of the process log (pino, JSON lines on stdout), not of the per-system log.'),
] as const);
type VariableName = (typeof configVariables)[number]['name'];

/** Reads, validates and deep-freezes the configuration; throws one ConfigError listing every problem. */
export function loadConfig(env: Env, options: LoadConfigOptions = {}): Readonly<Config> {
  const cwd = options.cwd ?? process.cwd();
  const readFile = options.readFile ?? ((file: string) => readFileSync(file, 'utf8'));
  const problems: string[] = [];
  const fromFile = readEnvFile(options.envFile, cwd, readFile, problems);
  // An empty value counts as unset at each layer, so `PORT=` in the environment (as docker-compose
  // writes for an unset host variable) neither hides the .env value nor fails validation.
  const given = (name: VariableName) => nonEmpty(env[name]) ?? nonEmpty(fromFile[name]);
  const read = (name: VariableName): string => given(name) ?? defaultOf(name);
  const p = parsers(read, problems);

  const config: Config = {
    database: parseDatabase(read('DATABASE_URL'), cwd, problems),
    host: p.host('HOST'),
    port: p.whole('PORT'),
    secretKey: parseSecretKey(read, cwd, readFile, problems),
    pollIntervalSeconds: p.whole('POLL_INTERVAL_SECONDS'),
    pollConcurrency: p.whole('POLL_CONCURRENCY'),
    pollTimeoutSeconds: p.whole('POLL_TIMEOUT_SECONDS'),
    pollConnectionsPerSystem: p.whole('POLL_CONNECTIONS_PER_SYSTEM'),
    capacitySampleRetentionDays: p.whole('CAPACITY_SAMPLE_RETENTION_DAYS'),
    logRetentionDays: p.whole('LOG_RETENTION_DAYS'),
    logMaxPerSystem: p.whole('LOG_MAX_PER_SYSTEM'),
    logCleanupSampleRate: p.fraction('LOG_CLEANUP_SAMPLE_RATE'),
    logWriteRetries: p.whole('LOG_WRITE_RETRIES'),
    logRetryBaseMs: p.whole('LOG_RETRY_BASE_MS'),
    logMinLevel: p.oneOf('LOG_MIN_LEVEL', logLevels),
    logQueueMax: p.whole('LOG_QUEUE_MAX'),
    pgPoolSize: p.whole('PG_POOL_SIZE'),
    migrateOnStart: p.boolean('MIGRATE_ON_START'),
    processLogLevel: p.oneOf('PROCESS_LOG_LEVEL', processLogLevels),
    adminPassword: parseAdminPassword(given('ADMIN_PASSWORD'), problems),
    anonymousRead: p.boolean('ANONYMOUS_READ'),
    cookieSecure: parseCookieSecure(p.oneOf('COOKIE_SECURE', ['auto', 'true', 'false'])),
  };
  // An unset timeout follows a short interval down, so POLL_INTERVAL_SECONDS=15 alone is valid.
  if (given('POLL_TIMEOUT_SECONDS') === undefined) {
    config.pollTimeoutSeconds = Math.min(config.pollTimeoutSeconds, config.pollIntervalSeconds);
  }
  // NaN (a value already reported) compares false, so this never adds noise to an earlier problem.
  if (config.pollTimeoutSeconds > config.pollIntervalSeconds) {
    const { pollTimeoutSeconds: timeout, pollIntervalSeconds: interval } = config;
    problems.push(`POLL_TIMEOUT_SECONDS is "${timeout}", but it must not be more than POLL_INTERVAL_SECONDS (${interval}), so that one poll ends before the next one starts.`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

/** The configuration as plain values for `sfd config` and the startup log, with no secret in it. */
export function describeConfig(config: Config): Record<string, string | number | boolean | null> {
  const { database, host, port, secretKey, ...rest } = config;
  const masked = (value: string | null) => (value === null ? '(not set)' : '(set)');
  // Replacing the key in place keeps the order of Config (sfd config prints it in that order).
  return { database: database.display, host, port, secretKey: masked(secretKey), ...rest, adminPassword: masked(config.adminPassword) };
}

function defaultOf(name: VariableName): string {
  return configVariables.find((v) => v.name === name)?.default ?? '';
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

/**
 * Field parsers. A bad value adds its problem and returns a placeholder (NaN for numbers) that
 * never escapes, because loadConfig throws whenever a problem was added.
 */
function parsers(read: (name: VariableName) => string, problems: string[]) {
  const fail = (name: VariableName, raw: string, allowed: string) => {
    problems.push(`${name} is ${quote(raw)}, but it must be ${allowed}.`);
  };
  return {
    whole(name: WholeName): number {
      const raw = read(name);
      const { min, max } = ranges[name];
      const digits = /^\d+$/.test(raw);
      const value = digits ? Number(raw) : Number.NaN;
      if (value >= min && value <= max) return value;
      fail(name, raw, digits ? wholeRange(name) : `${wholeRange(name)}, written in plain digits`);
      return Number.NaN;
    },
    fraction(name: 'LOG_CLEANUP_SAMPLE_RATE'): number {
      const raw = read(name);
      const value = /^(?:\d+(?:\.\d+)?|\.\d+)$/.test(raw) ? Number(raw) : Number.NaN;
      if (value > 0 && value <= 1) return value;
      fail(name, raw, 'a decimal number greater than 0 and at most 1, like 0.1');
      return Number.NaN;
    },
    oneOf<T extends string>(name: VariableName, choices: readonly [T, ...T[]]): T {
      const raw = read(name);
      const found = choices.find((choice) => choice === raw.toLowerCase());
      if (found !== undefined) return found;
      fail(name, raw, `one of ${choices.join(', ')}`);
      return choices[0];
    },
    boolean(name: VariableName): boolean {
      const raw = read(name);
      const value = booleanWords[raw.toLowerCase()];
      if (value !== undefined) return value;
      fail(name, raw, 'true or false (1/0 and yes/no work too)');
      return false;
    },
    host(name: VariableName): string {
      const raw = read(name);
      if (isIP(raw) !== 0 || isHostName(raw)) return raw;
      fail(name, raw, 'a host name or IP address without brackets, scheme or port, like 127.0.0.1, 0.0.0.0 or ::');
      return raw;
    },
  };
}

function isHostName(value: string): boolean {
  const label = '[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?';
  return value.length <= 253 && new RegExp(`^${label}(?:\\.${label})*$`).test(value);
}

function parseDatabase(raw: string, cwd: string, problems: string[]): DatabaseTarget {
  try {
    return parseDatabaseUrl(raw, cwd);
  } catch (err) {
    if (!(err instanceof DatabaseUrlError)) throw err;
    // The raw URL may hold a password, so only parseDatabaseUrl's own phrase is shown.
    problems.push(`DATABASE_URL ${err.message}.`);
    return { kind: 'sqlite', file: ':memory:', display: '(invalid)' };
  }
}

function parseCookieSecure(word: 'auto' | 'true' | 'false'): boolean | 'auto' {
  return word === 'auto' ? 'auto' : word === 'true';
}

function readEnvFile(envFile: string | false | undefined, cwd: string, readFile: (file: string) => string, problems: string[]): Env {
  if (envFile === false) return {};
  const file = path.resolve(cwd, envFile ?? '.env');
  try {
    return parseEnv(readFile(file));
  } catch (err) {
    // Only the implicit default may be absent; a file the caller named must be there.
    if (envFile === undefined && errorCode(err) === 'ENOENT') return {};
    problems.push(`The env file ${quote(file)} cannot be read: ${osReason(err)}.`);
    return {};
  }
}

function deepFreeze<T extends object>(value: T): Readonly<T> {
  for (const inner of Object.values(value)) {
    if (inner !== null && typeof inner === 'object') deepFreeze(inner);
  }
  return Object.freeze(value);
}
