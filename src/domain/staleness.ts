/**
 * Three missed intervals, not one: a single slow or failed poll is normal jitter, three in a row
 * mean the data on screen no longer describes the system.
 */
export const STALE_AFTER_INTERVALS = 3;

/**
 * True when the last good poll is more than STALE_AFTER_INTERVALS intervals old.
 *
 * Never polled successfully (`lastOkAt` null): a system added moments ago deserves the same grace
 * as a polled one, so it becomes stale once `createdAt` is more than three intervals old. Without
 * `createdAt` there is nothing to grant grace from, and no data is stale data.
 *
 * Total for odd input: a non-positive or non-finite interval leaves no grace at all, and a
 * timestamp in the future (clock skew between replicas) counts as fresh.
 */
export function isStale(lastOkAt: number | null, now: number, intervalMs: number, createdAt?: number): boolean {
  const graceMs = intervalMs > 0 && Number.isFinite(intervalMs) ? intervalMs * STALE_AFTER_INTERVALS : 0;
  const since = lastOkAt ?? createdAt;
  if (since === undefined || !Number.isFinite(since) || !Number.isFinite(now)) return true;
  return now - since > graceMs;
}
