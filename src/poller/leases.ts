import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Poll leases: several poller processes share the fleet through the poll_leases table. A poller
 * claims the due systems it can serve with one atomic UPDATE … RETURNING, polls them, then pushes
 * next_due_at forward and releases them. Every condition sits in the UPDATE's own WHERE, so on
 * PostgreSQL a competing UPDATE that waited for the row lock re-checks them against the new row
 * and skips it; on SQLite the write lock (BEGIN IMMEDIATE, busy timeout) serialises claims.
 * A dead poller's leases simply expire, and the next claim after that takes its systems over.
 */

// SQLite and PostgreSQL both accept far more, but a bounded IN list keeps statements small.
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Creates a lease row (due at `dueAt`) for every system that has none; existing rows are untouched. */
export async function ensureLeases(db: Kysely<Database>, systemIds: readonly number[], dueAt: number): Promise<void> {
  for (const part of chunks(systemIds)) {
    await db
      .insertInto('poll_leases')
      .values(part.map((id) => ({ system_id: id, owner: null, lease_expires_at: 0, next_due_at: dueAt, acquired_at: null })))
      .onConflict((oc) => oc.column('system_id').doNothing())
      .execute();
  }
}

export interface ClaimOptions {
  owner: string;
  now: number;
  /** How long the claim holds; longer than the slowest poll of the batch, or others poll it too. */
  leaseMs: number;
  /**
   * Claim at most this many (the most overdue first), leaving the rest to peers; default all.
   * Peers that lose a race simply get fewer rows: the outer WHERE is re-checked per row.
   */
  limit?: number;
}

/** Claims those of `systemIds` that are due and not leased by a live poller; returns the ids won. */
export async function claimDueSystems(db: Kysely<Database>, systemIds: readonly number[], options: ClaimOptions): Promise<number[]> {
  const { owner, now, leaseMs } = options;
  const won: number[] = [];
  let left = options.limit ?? Number.POSITIVE_INFINITY;
  for (const part of chunks(systemIds)) {
    if (left <= 0) break;
    let query = db
      .updateTable('poll_leases')
      .set({ owner, lease_expires_at: now + leaseMs, acquired_at: now })
      .where('next_due_at', '<=', now)
      .where((eb) => eb.or([eb('lease_expires_at', '<', now), eb('owner', '=', owner)]));
    if (Number.isFinite(left)) {
      const n = left;
      query = query.where('system_id', 'in', (qb) =>
        qb
          .selectFrom('poll_leases as c')
          .select('c.system_id')
          .where('c.system_id', 'in', part)
          .where('c.next_due_at', '<=', now)
          .where((eb) => eb.or([eb('c.lease_expires_at', '<', now), eb('c.owner', '=', owner)]))
          .orderBy('c.next_due_at')
          .limit(n),
      );
    } else {
      query = query.where('system_id', 'in', part);
    }
    const rows = await query.returning('system_id').execute();
    for (const r of rows) won.push(r.system_id);
    left -= rows.length;
  }
  return won.sort((a, b) => a - b);
}

/**
 * Schedules the next poll and releases the lease, only if this poller still holds it: after an
 * overrun another poller may own the system now, and its schedule must win.
 */
export async function completeLease(db: Kysely<Database>, systemId: number, owner: string, nextDueAt: number): Promise<boolean> {
  const result = await db
    .updateTable('poll_leases')
    .set({ owner: null, lease_expires_at: 0, next_due_at: nextDueAt })
    .where('system_id', '=', systemId)
    .where('owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives back every lease of `owner` without moving the schedule (a clean shutdown mid-cycle). */
export async function releaseLeases(db: Kysely<Database>, owner: string): Promise<void> {
  await db.updateTable('poll_leases').set({ owner: null, lease_expires_at: 0 }).where('owner', '=', owner).execute();
}

/**
 * When any of `systemIds` can next be claimed: its due time, or its lease expiry if it is leased
 * (by us or a peer) past that. Null when none has a lease row.
 */
export async function nextClaimAt(db: Kysely<Database>, systemIds: readonly number[]): Promise<number | null> {
  let earliest: number | null = null;
  for (const part of chunks(systemIds)) {
    const rows = await db.selectFrom('poll_leases').select(['next_due_at', 'lease_expires_at']).where('system_id', 'in', part).execute();
    for (const r of rows) {
      const at = Math.max(r.next_due_at, r.lease_expires_at);
      if (earliest === null || at < earliest) earliest = at;
    }
  }
  return earliest;
}

export interface LeaseRow {
  systemId: number;
  owner: string | null;
  leaseExpiresAt: number;
  nextDueAt: number;
  acquiredAt: number | null;
}

export async function listLeases(db: Kysely<Database>): Promise<LeaseRow[]> {
  const rows = await db.selectFrom('poll_leases').selectAll().orderBy('system_id').execute();
  return rows.map((r) => ({
    systemId: r.system_id,
    owner: r.owner,
    leaseExpiresAt: r.lease_expires_at,
    nextDueAt: r.next_due_at,
    acquiredAt: r.acquired_at,
  }));
}
