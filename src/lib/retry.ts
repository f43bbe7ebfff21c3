import { sleep as realSleep } from './sleep.js';

export interface RetryInfo {
  /** 1 for the first retry (the second attempt). */
  attempt: number;
  delayMs: number;
  error: unknown;
}

export interface RetryOptions {
  /** Attempts after the first one; 0 means "try once". */
  retries: number;
  /** Delay before the first retry; each further retry doubles it (base, 2×base, 4×base, …). */
  baseMs: number;
  isRetryable: (error: unknown) => boolean;
  onRetry?: (info: RetryInfo) => void;
  /** Injectable for tests; receives the signal so a real sleep can end early. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Once aborted, no further attempt is made and the last error is thrown. */
  signal?: AbortSignal;
}

/**
 * Calls `fn` until it resolves, retrying errors that `isRetryable` accepts with exponential
 * backoff. Throws the last error when retries run out, at once for a non-retryable error.
 * No jitter: the delays are the documented ones, and callers that compete (two processes on one
 * SQLite file) are already de-synchronised by SQLite's own busy handler.
 */
export async function retryWithBackoff<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { retries, baseMs, isRetryable, onRetry, signal } = options;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= retries || signal?.aborted || !isRetryable(error)) throw error;
      const delayMs = baseMs * 2 ** attempt;
      onRetry?.({ attempt: attempt + 1, delayMs, error });
      await sleep(delayMs, signal);
      if (signal?.aborted) throw error;
    }
  }
}
