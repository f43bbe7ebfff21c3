import type { DatabaseHandle } from '../db/connect.js';

export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export const logCategories = ['connection', 'authentication', 'api_call', 'data_query', 'system'] as const;

export type LogLevel = (typeof logLevels)[number];
export type LogCategory = (typeof logCategories)[number];

/** One line of a system's diary, as a poll (or the app) reports it. */
export interface LogEntry {
  systemId: number | null;
  level: LogLevel;
  category: LogCategory;
  message: string;
  details?: Record<string, unknown> | null;
  httpStatus?: number | null;
  endpoint?: string | null;
  /** Epoch milliseconds; defaults to now(). */
  at?: number;
}

export interface LogWriterStats {
  /** Entries confirmed in the database. */
  written: number;
  /** Retries of a failed insert (each backoff step counts once). */
  retried: number;
  /** Entries that will never be written: queue full, invalid, rejected by the database, or unwritten at close. */
  dropped: number;
  /** Cleanup runs started, including ones that failed (see lastError). */
  cleanupRuns: number;
  rowsDeleted: number;
  /** Entries waiting in the queue now. */
  queued: number;
  /** Entries below minLevel, skipped on purpose. */
  filtered: number;
  lastError: string | null;
}

export interface LogWriter {
  /** Queues an entry. Synchronous: never waits on the database and never throws. */
  write(entry: LogEntry): void;
  /**
   * Resolves once every entry queued before the call is written or dropped. It waits through
   * database outages (the batch stays queued and is retried) and never rejects; race it with a
   * timer, or use close(timeoutMs), when a bound is needed.
   */
  flush(): Promise<void>;
  /**
   * Drains the queue, then stops. Entries still unwritten after `timeoutMs` (default 10 000) are
   * counted as dropped and reported through the logger. May overrun the deadline by the one
   * statement in flight. Later writes are dropped and counted.
   */
  close(timeoutMs?: number): Promise<void>;
  stats(): LogWriterStats;
}

/** The part of a pino logger the writer uses. */
export interface ProcessLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
}

export interface CleanupSettings {
  /** Share of successful batch writes followed by a cleanup run (0.1 = 10 %). */
  sampleRate: number;
  /** Entries older than this are deleted; 0, negative or Infinity keeps them forever. */
  retentionDays: number;
  /**
   * Asked at each cleanup run when given (an admin may change retention in the dashboard);
   * retentionDays stands in when it fails.
   */
  currentRetentionDays?: () => Promise<number>;
  /** Newest entries kept per system; 0, negative or Infinity keeps them all. */
  maxPerSystem: number;
  random?: () => number;
  /** Rows per DELETE statement (default 5000), so no statement holds a lock for long. */
  deleteBatchSize?: number;
}

export interface LogWriterOptions {
  handle: DatabaseHandle;
  /** Entries below this level are skipped (default 'info'). */
  minLevel?: LogLevel;
  /** Entries per transaction (default 1000). */
  batchSize?: number;
  /** Queue bound (default 100 000); beyond it new entries are dropped and counted. */
  queueMax?: number;
  /** Retries of a lock/transient error before the batch is put back (default 3). */
  retries?: number;
  /** First backoff delay (default 100 ms), doubled on each retry. */
  retryBaseMs?: number;
  /** Pause before a put-back batch is tried again (default 1000 ms); doubles up to 30 s. */
  requeueDelayMs?: number;
  cleanup: CleanupSettings;
  logger?: ProcessLogger;
  /** Clock for entry times and the retention cutoff (default Date.now). */
  now?: () => number;
}
