import { isLogLevel } from './prepare-entry.js';
import type { LogLevel, LogWriterOptions, ProcessLogger } from './types.js';

export interface WriterSettings {
  minLevel: LogLevel;
  batchSize: number;
  queueMax: number;
  retries: number;
  retryBaseMs: number;
  requeueDelayMs: number;
  requeueDelayMaxMs: number;
  sampleRate: number;
  retentionDays: number;
  maxPerSystem: number;
  deleteBatchSize: number;
}

/** Defaults and checks, at construction: a bad option is a wiring bug and should fail loudly then. */
export function resolveSettings(options: LogWriterOptions): WriterSettings {
  const { cleanup } = options;
  const minLevel = options.minLevel ?? 'info';
  if (!isLogLevel(minLevel)) throw new TypeError(`log writer: unknown minLevel ${String(minLevel)}`);
  const requeueDelayMs = whole('requeueDelayMs', options.requeueDelayMs ?? 1000, 0);
  const sampleRate = cleanup?.sampleRate;
  if (typeof sampleRate !== 'number' || !(sampleRate >= 0 && sampleRate <= 1)) {
    throw new RangeError(`log writer: cleanup.sampleRate must be between 0 and 1, got ${String(sampleRate)}`);
  }
  return {
    minLevel,
    batchSize: whole('batchSize', options.batchSize ?? 5000, 1),
    queueMax: whole('queueMax', options.queueMax ?? 100_000, 1),
    retries: whole('retries', options.retries ?? 3, 0),
    retryBaseMs: whole('retryBaseMs', options.retryBaseMs ?? 100, 0),
    requeueDelayMs,
    // Long outages back off to this, so a dead database is probed twice a minute, not hammered.
    requeueDelayMaxMs: Math.max(30_000, requeueDelayMs),
    sampleRate,
    retentionDays: number('cleanup.retentionDays', cleanup.retentionDays),
    maxPerSystem: number('cleanup.maxPerSystem', cleanup.maxPerSystem),
    deleteBatchSize: whole('cleanup.deleteBatchSize', cleanup.deleteBatchSize ?? 5000, 1),
  };
}

function whole(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`log writer: ${name} must be a whole number >= ${min}, got ${value}`);
  return value;
}

function number(name: string, value: number): number {
  if (typeof value !== 'number' || Number.isNaN(value)) throw new RangeError(`log writer: ${name} must be a number, got ${String(value)}`);
  return value;
}

/** A logger that cannot throw: write() promises never to throw, whatever the logger does. */
export function guardLogger(logger: ProcessLogger | undefined): ProcessLogger {
  const target = logger ?? consoleLogger;
  const guard =
    (level: keyof ProcessLogger) =>
    (obj: object, msg?: string): void => {
      try {
        target[level](obj, msg);
      } catch {
        // Nowhere left to report to.
      }
    };
  return { warn: guard('warn'), error: guard('error'), info: guard('info') };
}

// Without a logger the writer still must not drop entries silently.
const consoleLogger: ProcessLogger = {
  warn: (obj, msg) => console.warn(msg ?? '', obj),
  error: (obj, msg) => console.error(msg ?? '', obj),
  info: (obj, msg) => console.info(msg ?? '', obj),
};
