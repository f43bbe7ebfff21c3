import type { Kysely, Selectable } from 'kysely';
import { isOneOf } from '../../domain/enums.js';
import { HEALTHS, type Health, REACHABILITIES, type Reachability, type SystemSnapshot } from '../../domain/snapshot.js';
import type { Database, StatusTransitionsTable, SystemStatusTable } from '../schema.js';

/** The latest poll of one system, as the dashboard reads it. */
export interface SystemStatus {
  systemId: number;
  polledAt: number;
  /** Last poll that reached the system; null when none ever did. */
  lastOkAt: number | null;
  reachability: Reachability;
  health: Health;
  message: string | null;
  durationMs: number | null;
  consecutiveFailures: number;
  /** The last good snapshot: kept through failed polls, so the page can show last known data as stale. */
  snapshot: SystemSnapshot | null;
}

export interface StatusTransition {
  id: number;
  systemId: number;
  at: number;
  fromHealth: Health | null;
  toHealth: Health;
  fromReachability: Reachability | null;
  toReachability: Reachability;
  message: string | null;
}

/** What one poll found, before it is merged with the previous status. */
export interface StatusInput {
  systemId: number;
  polledAt: number;
  reachability: Reachability;
  health: Health;
  message: string | null;
  durationMs: number | null;
  /** Null for a poll that did not reach the system: the previous good snapshot is kept. */
  snapshot: SystemSnapshot | null;
}

// Rows are parsed at the boundary: an unexpected word from the database becomes `unknown`/`api_error`
// rather than a value outside the union.
function toHealth(value: string): Health {
  return isOneOf(HEALTHS, value) ? value : 'unknown';
}
function toReachability(value: string): Reachability {
  return isOneOf(REACHABILITIES, value) ? value : 'api_error';
}

function parseSnapshot(text: string | null): SystemSnapshot | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as SystemSnapshot;
  } catch {
    return null;
  }
}

export function rowToStatus(row: Selectable<SystemStatusTable>): SystemStatus {
  return {
    systemId: row.system_id,
    polledAt: row.polled_at,
    lastOkAt: row.last_ok_at,
    reachability: toReachability(row.reachability),
    health: toHealth(row.health),
    message: row.message,
    durationMs: row.duration_ms,
    consecutiveFailures: row.consecutive_failures,
    snapshot: parseSnapshot(row.snapshot),
  };
}

export function rowToTransition(row: Selectable<StatusTransitionsTable>): StatusTransition {
  return {
    id: row.id,
    systemId: row.system_id,
    at: row.at,
    fromHealth: row.from_health === null ? null : toHealth(row.from_health),
    toHealth: toHealth(row.to_health),
    fromReachability: row.from_reachability === null ? null : toReachability(row.from_reachability),
    toReachability: toReachability(row.to_reachability),
    message: row.message,
  };
}

export async function getStatus(db: Kysely<Database>, systemId: number): Promise<SystemStatus | null> {
  const row = await db.selectFrom('system_status').selectAll().where('system_id', '=', systemId).executeTakeFirst();
  return row ? rowToStatus(row) : null;
}

export async function listStatuses(db: Kysely<Database>): Promise<SystemStatus[]> {
  const rows = await db.selectFrom('system_status').selectAll().orderBy('system_id').execute();
  return rows.map(rowToStatus);
}

/** Newest first. */
export async function listTransitions(db: Kysely<Database>, systemId: number, limit = 100): Promise<StatusTransition[]> {
  const rows = await db
    .selectFrom('status_transitions')
    .selectAll()
    .where('system_id', '=', systemId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(rowToTransition);
}

/**
 * Stores the latest status and appends a transition only when health or reachability changed
 * (the first poll of a system counts as a change from nothing). Run it inside the poll's
 * transaction: the read of the previous row and the write must not interleave with another poller.
 */
export async function recordStatus(db: Kysely<Database>, input: StatusInput): Promise<{ status: SystemStatus; changed: boolean }> {
  const previous = await getStatus(db, input.systemId);
  const ok = input.reachability === 'ok';
  const status: SystemStatus = {
    systemId: input.systemId,
    polledAt: input.polledAt,
    lastOkAt: ok ? input.polledAt : (previous?.lastOkAt ?? null),
    reachability: input.reachability,
    health: input.health,
    message: input.message,
    durationMs: input.durationMs === null ? null : Math.round(input.durationMs),
    consecutiveFailures: ok ? 0 : (previous?.consecutiveFailures ?? 0) + 1,
    snapshot: input.snapshot ?? previous?.snapshot ?? null,
  };
  const row = {
    system_id: status.systemId,
    polled_at: status.polledAt,
    last_ok_at: status.lastOkAt,
    reachability: status.reachability,
    health: status.health,
    message: status.message,
    duration_ms: status.durationMs,
    consecutive_failures: status.consecutiveFailures,
    snapshot: status.snapshot === null ? null : JSON.stringify(status.snapshot),
  };
  const { system_id: _, ...update } = row;
  await db
    .insertInto('system_status')
    .values(row)
    .onConflict((oc) => oc.column('system_id').doUpdateSet(update))
    .execute();

  const changed = previous === null || previous.health !== status.health || previous.reachability !== status.reachability;
  if (changed) {
    await db
      .insertInto('status_transitions')
      .values({
        system_id: status.systemId,
        at: status.polledAt,
        from_health: previous?.health ?? null,
        to_health: status.health,
        from_reachability: previous?.reachability ?? null,
        to_reachability: status.reachability,
        message: status.message,
      })
      .execute();
  }
  return { status, changed };
}
