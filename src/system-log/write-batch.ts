import type { DatabaseHandle } from '../db/connect.js';
import { describeDbError, isTransientDbError } from '../db/errors.js';
import { retryWithBackoff } from '../lib/retry.js';
import { isWholeBatchError } from './error-kinds.js';
import type { createIdAllocator } from './id-blocks.js';
import { insertBatch, insertOne } from './insert-rows.js';
import type { QueuedLogRow } from './prepare-entry.js';
import type { ThrottledReport } from './throttled-report.js';
import type { ProcessLogger } from './types.js';

export interface BatchContext {
  handle: DatabaseHandle;
  ids: ReturnType<typeof createIdAllocator>;
  retries: number;
  retryBaseMs: number;
  /** The close deadline: once aborted, no further attempt is made. */
  signal: AbortSignal;
  counters: { written: number; retried: number; dropped: number };
  noteError(err: unknown): void;
  logger: ProcessLogger;
  /** Where rows the database refuses on their own are reported (rate-limited). */
  rejected: ThrottledReport;
}

export interface BatchOutcome {
  /** Leading rows of the batch that are done with (written or dropped): they leave the queue. */
  settled: number;
  written: number;
  /** False: the rest of the batch stays queued and is tried again after a pause. */
  complete: boolean;
}

const retryInsert = (ctx: BatchContext, fn: () => Promise<void>) =>
  retryWithBackoff(fn, {
    retries: ctx.retries,
    baseMs: ctx.retryBaseMs,
    isRetryable: isTransientDbError,
    onRetry: ({ error }) => {
      ctx.counters.retried++;
      ctx.noteError(error);
    },
    signal: ctx.signal,
  });

/**
 * Writes one batch in one transaction, retrying lock and connection errors with backoff. What
 * cannot be written now stays queued (complete: false); only rows the database refuses on their
 * own are dropped.
 */
export async function writeBatch(ctx: BatchContext, rows: QueuedLogRow[]): Promise<BatchOutcome> {
  try {
    // Ids are assigned inside the retried step (reserving a block is a write too) and kept
    // across attempts, which is what makes a retry idempotent.
    await retryInsert(ctx, async () => insertBatch(ctx.handle, await withIds(ctx, rows)));
    ctx.counters.written += rows.length;
    return { settled: rows.length, written: rows.length, complete: true };
  } catch (err) {
    ctx.noteError(err);
    if (isTransientDbError(err) || ctx.signal.aborted) return { settled: 0, written: 0, complete: false };
    if (isWholeBatchError(err)) {
      ctx.logger.error({ err: describeDbError(err) }, 'system log batch refused as a whole (schema, permissions, disk?); it stays queued');
      return { settled: 0, written: 0, complete: false };
    }
    ctx.logger.warn({ err: describeDbError(err), rows: rows.length }, 'system log batch refused; writing its rows one by one');
    return isolateRows(ctx, rows);
  }
}

// The slow path after a row-level error (a constraint, a bad value): every row alone, so only
// the rows refused on their own are dropped and every good entry of the batch is still written.
async function isolateRows(ctx: BatchContext, rows: QueuedLogRow[]): Promise<BatchOutcome> {
  let written = 0;
  for (const [index, row] of rows.entries()) {
    try {
      await retryInsert(ctx, async () => insertOne(ctx.handle, (await withIds(ctx, [row]))[0] as IdentifiedLogRow));
      written++;
    } catch (err) {
      ctx.noteError(err);
      if (isTransientDbError(err) || isWholeBatchError(err) || ctx.signal.aborted) {
        ctx.counters.written += written;
        return { settled: index, written, complete: false };
      }
      ctx.counters.dropped++;
      ctx.rejected.note({ reason: describeDbError(err), systemId: row.system_id, message: row.message.slice(0, 200) });
    }
  }
  ctx.counters.written += written;
  return { settled: rows.length, written, complete: true };
}

type IdentifiedLogRow = QueuedLogRow & { id: number };

async function withIds(ctx: BatchContext, rows: QueuedLogRow[]): Promise<IdentifiedLogRow[]> {
  await ctx.ids.assign(rows);
  return rows as IdentifiedLogRow[];
}
