import type { Kysely } from 'kysely';
import { isTransientDbError } from '../db/errors.js';
import { type AlertSyncResult, syncAlerts } from '../db/repositories/alerts.js';
import { recordCapacity } from '../db/repositories/capacity.js';
import { recordStatus, type SystemStatus } from '../db/repositories/status.js';
import type { Database } from '../db/schema.js';
import { validateCapacity } from '../domain/capacity.js';
import { deriveHealth, type HealthVerdict } from '../domain/health.js';
import type { SystemSnapshot } from '../domain/snapshot.js';
import { retryWithBackoff } from '../lib/retry.js';

export interface PersistInput {
  systemId: number;
  /** When the poll started: the time of the status, the capacity sample and alert sightings. */
  at: number;
  durationMs: number;
  /**
   * The snapshot of a poll that reached the system, or one carrying only a failed reachability
   * (its other fields are ignored: failed polls change neither capacity nor alerts).
   */
  snapshot: SystemSnapshot;
}

export interface PersistResult {
  status: SystemStatus;
  verdict: HealthVerdict;
  /** True when health or reachability changed (a transition row was written). */
  changed: boolean;
  /** Null for a failed poll: an unreachable system's alerts are neither confirmed nor resolved. */
  alerts: AlertSyncResult | null;
}

export interface PersistOptions {
  retries?: number;
  retryBaseMs?: number;
  onRetry?: (error: unknown) => void;
}

/**
 * Everything one poll learned, in one write transaction (BEGIN IMMEDIATE on SQLite), retried as a
 * whole on lock and connection errors. Health is derived inside it because acknowledgements are
 * read from the alert rows the same transaction updates.
 */
export async function persistPoll(db: Kysely<Database>, input: PersistInput, options: PersistOptions = {}): Promise<PersistResult> {
  return retryWithBackoff(() => db.transaction().execute((trx) => persistIn(trx, input)), {
    retries: options.retries ?? 3,
    baseMs: options.retryBaseMs ?? 100,
    isRetryable: isTransientDbError,
    onRetry: ({ error }) => options.onRetry?.(error),
  });
}

async function persistIn(trx: Kysely<Database>, input: PersistInput): Promise<PersistResult> {
  const { systemId, at, snapshot } = input;
  const reached = snapshot.reachability.status === 'ok';
  const alerts = reached ? await syncAlerts(trx, systemId, at, snapshot.alerts) : null;
  const verdict = deriveHealth(snapshot, { acknowledgedAlertIds: alerts?.acknowledgedIds ?? new Set() });
  // Figures health already flags as invalid are not history worth charting (and NaN fails the insert).
  const capacity = reached && snapshot.capacity !== null ? validateCapacity(snapshot.capacity) : null;
  if (capacity?.ok) await recordCapacity(trx, systemId, at, capacity.capacity);
  const message = reached ? (verdict.reasons[0] ?? null) : snapshot.reachability.message;
  const { status, changed } = await recordStatus(trx, {
    systemId,
    polledAt: at,
    reachability: snapshot.reachability.status,
    health: verdict.health,
    message,
    durationMs: input.durationMs,
    snapshot: reached ? snapshot : null,
  });
  return { status, verdict, changed, alerts };
}
