import type { ProcessLogger } from './types.js';

export interface ThrottledReport {
  /** Counts one occurrence; logs at once if the window has passed, else at its end. */
  note(fields?: object): void;
  /** Logs whatever is still counted (used at close, so nothing goes unreported). */
  flush(): void;
}

/**
 * Turns a flood of identical events (queue full, rejected entries) into at most one log line per
 * window carrying the count. The first event is reported at once and a trailing line always
 * follows, so a burst is never silent and never floods the process log.
 */
export function throttledReport(
  logger: ProcessLogger,
  level: 'warn' | 'error',
  message: string,
  windowMs = 10_000,
): ThrottledReport {
  let count = 0;
  let total = 0;
  let fields: object = {};
  let reasons = new Map<string, number>();
  let lastAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;

  const emit = () => {
    clearTimeout(timer);
    timer = undefined;
    if (count === 0) return;
    const byReason = reasons.size > 1 ? { reasons: Object.fromEntries(reasons) } : {};
    logger[level]({ ...fields, ...byReason, count, total, windowMs }, message);
    count = 0;
    reasons = new Map();
    lastAt = performance.now();
  };

  return {
    note(extra) {
      count++;
      total++;
      // Keep the first event's details of a window: it names the cause of the burst.
      if (count === 1) fields = extra ?? {};
      // …and tally every distinct reason, so a mixed burst names all of its causes.
      const reason = (extra as { reason?: unknown } | undefined)?.reason;
      if (typeof reason === 'string') {
        const key = reasons.has(reason) || reasons.size < 20 ? reason : 'other';
        reasons.set(key, (reasons.get(key) ?? 0) + 1);
      }
      if (timer) return;
      const wait = lastAt + windowMs - performance.now();
      if (wait <= 0) emit();
      else timer = setTimeout(emit, wait).unref();
    },
    flush: emit,
  };
}
