import { describeDbError } from '../db/errors.js';
import { shouldSample } from '../lib/sampling.js';
import { sleep } from '../lib/sleep.js';
import { cleanupSystemLogs } from './cleanup.js';
import { EntryQueue } from './entry-queue.js';
import { createIdAllocator } from './id-blocks.js';
import { isBelow, isLogLevel, prepareRow, type QueuedLogRow } from './prepare-entry.js';
import { throttledReport } from './throttled-report.js';
import type { LogEntry, LogWriter, LogWriterOptions, LogWriterStats } from './types.js';
import { type BatchContext, writeBatch } from './write-batch.js';
import { guardLogger, resolveSettings } from './writer-settings.js';

/**
 * The per-system log writer: a bounded queue drained by one loop, one transaction per batch.
 * The loop is the only user of the database handle here, so inserts and cleanup never overlap
 * (SQLite has a single connection) and a batch is never in flight twice.
 */
export function createLogWriter(options: LogWriterOptions): LogWriter {
  const settings = resolveSettings(options);
  const { handle } = options;
  const logger = guardLogger(options.logger);
  const now = options.now ?? Date.now;
  const random = options.cleanup.random ?? Math.random;
  const ids = createIdAllocator(handle.db, Math.max(10_000, settings.batchSize * 2));
  const queue = new EntryQueue<QueuedLogRow>();
  const counters = { written: 0, retried: 0, dropped: 0, cleanupRuns: 0, rowsDeleted: 0, filtered: 0 };
  let lastError: string | null = null;
  let state: 'open' | 'closing' | 'closed' = 'open';
  let loop: Promise<void> | null = null;
  let closing: Promise<void> | null = null;
  const wake = new AbortController(); // ends a pause between attempts when close() starts
  const stop = new AbortController(); // the close deadline: no attempt after it
  let requeueDelay = settings.requeueDelayMs;

  const overflow = throttledReport(logger, 'warn', 'system log queue full: new entries dropped');
  const rejected = throttledReport(logger, 'error', 'system log entries dropped: invalid or refused by the database');
  const cleanupFailed = throttledReport(logger, 'error', 'system log cleanup failed; a later write runs it again');
  const afterClose = throttledReport(logger, 'warn', 'system log writer is closed: entries dropped');
  const batchContext: BatchContext = {
    handle,
    ids,
    retries: settings.retries,
    retryBaseMs: settings.retryBaseMs,
    signal: stop.signal,
    counters,
    noteError: (err) => {
      lastError = describeDbError(err);
    },
    logger,
    rejected,
  };

  function write(entry: LogEntry): void {
    try {
      if (state === 'closed') {
        counters.dropped++;
        afterClose.note();
        return;
      }
      const level = (entry as Partial<LogEntry> | null)?.level;
      if (isLogLevel(level) && isBelow(level, settings.minLevel)) {
        counters.filtered++;
        return;
      }
      if (queue.length >= settings.queueMax) {
        counters.dropped++;
        overflow.note({ queueMax: settings.queueMax, droppedTotal: counters.dropped });
        return;
      }
      const prepared = prepareRow(entry, now());
      if (!prepared.ok) {
        counters.dropped++;
        rejected.note({ reason: prepared.reason });
        return;
      }
      queue.push(prepared.row);
      kick();
    } catch (err) {
      counters.dropped++;
      rejected.note({ reason: describeDbError(err) });
    }
  }

  function kick(): void {
    if (loop || stop.signal.aborted) return;
    loop = runLoop()
      .catch((err: unknown) => batchContext.noteError(err))
      .finally(() => {
        loop = null;
        if (queue.length > 0) kick();
      });
  }

  async function runLoop(): Promise<void> {
    // Let the caller's synchronous burst (and this tick's I/O) gather into one batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (queue.length > 0 && !stop.signal.aborted) {
      try {
        const outcome = await writeBatch(batchContext, queue.peek(settings.batchSize));
        queue.remove(outcome.settled);
        if (outcome.complete) {
          requeueDelay = settings.requeueDelayMs;
          // Shutdown drains first; cleanup is maintenance and can wait for the next start.
          if (outcome.written > 0 && state === 'open' && shouldSample(settings.sampleRate, random)) await runCleanup();
          continue;
        }
      } catch (err) {
        // Only a bug gets here; keep the entries and treat it like an outage.
        batchContext.noteError(err);
      }
      if (stop.signal.aborted) break;
      const delay = state === 'open' ? requeueDelay : settings.requeueDelayMs;
      logger.warn({ err: lastError, queued: queue.length, retryInMs: delay }, 'system log batch not written; it stays queued');
      await sleep(delay, state === 'open' ? wake.signal : stop.signal);
      requeueDelay = Math.min(requeueDelay * 2, settings.requeueDelayMaxMs);
    }
  }

  async function runCleanup(): Promise<void> {
    counters.cleanupRuns++;
    try {
      const current = options.cleanup.currentRetentionDays;
      const retentionDays = current ? await current().catch(() => settings.retentionDays) : settings.retentionDays;
      await cleanupSystemLogs(handle.db, {
        retentionDays,
        maxPerSystem: settings.maxPerSystem,
        deleteBatchSize: settings.deleteBatchSize,
        now: now(),
        onDeleted: (n) => {
          counters.rowsDeleted += n;
        },
      });
    } catch (err) {
      batchContext.noteError(err);
      cleanupFailed.note({ err: lastError });
    }
  }

  function close(timeoutMs = 10_000): Promise<void> {
    closing ??= (async () => {
      state = 'closing';
      wake.abort();
      const deadline = setTimeout(() => stop.abort(), Math.max(0, timeoutMs));
      const stopped = new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
      try {
        kick();
        while (queue.length > 0 && !stop.signal.aborted) await Promise.race([queue.drained(), stopped]);
      } finally {
        clearTimeout(deadline);
      }
      stop.abort();
      // The statement in flight (if any) finishes: its rows are then written or still queued.
      while (loop) await loop;
      const lost = queue.length;
      if (lost > 0) {
        counters.dropped += lost;
        queue.remove(lost);
        logger.error({ dropped: lost, timeoutMs, lastError }, 'system log writer closed before the queue drained; entries lost');
      }
      state = 'closed';
      for (const report of [overflow, rejected, cleanupFailed]) report.flush();
    })();
    return closing;
  }

  return {
    write,
    flush: () => queue.drained(),
    close,
    stats: (): LogWriterStats => ({ ...counters, queued: queue.length, lastError }),
  };
}
