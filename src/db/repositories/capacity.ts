import { type Kysely, type Selectable, sql } from 'kysely';
import { DAY_MS } from '../../domain/capacity-history.js';
import type { Capacity } from '../../domain/snapshot.js';
import type { CapacityDailyTable, Database } from '../schema.js';

export interface CapacitySample {
  systemId: number;
  at: number;
  totalBytes: number;
  usedBytes: number;
  freeBytes: number | null;
  effectiveUsedBytes: number | null;
  dataReduction: number | null;
}

export interface CapacityDay {
  systemId: number;
  /** UTC day, 'YYYY-MM-DD'. */
  day: string;
  samples: number;
  /** Total of the day's latest sample. */
  totalBytes: number;
  usedMinBytes: number;
  usedMaxBytes: number;
  usedLastBytes: number;
  lastAt: number;
}

function rowToCapacityDay(r: Selectable<CapacityDailyTable>): CapacityDay {
  return {
    systemId: r.system_id,
    day: r.day,
    samples: r.samples,
    totalBytes: r.total_bytes,
    usedMinBytes: r.used_min_bytes,
    usedMaxBytes: r.used_max_bytes,
    usedLastBytes: r.used_last_bytes,
    lastAt: r.last_at,
  };
}

export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * The first UTC day of "the last `days` days": today counts as one of them, so a 30-day range is
 * today and the 29 days before it, on every page and in the API alike.
 */
export function firstDayOfLast(days: number, now: number): string {
  return utcDay(now - (days - 1) * DAY_MS);
}

// Byte columns are int8 on PostgreSQL, which refuses fractions; vendors may report them.
const whole = (n: number): number => Math.round(n);
const wholeOrNull = (n: number | null): number | null => (n === null ? null : Math.round(n));

/** Stores one raw sample and folds it into its UTC day's rollup; run both in the poll's transaction. */
export async function recordCapacity(db: Kysely<Database>, systemId: number, at: number, capacity: Capacity): Promise<void> {
  await insertSample(db, systemId, at, capacity);
  await rollupDay(db, systemId, at, capacity);
}

export async function insertSample(db: Kysely<Database>, systemId: number, at: number, capacity: Capacity): Promise<void> {
  await db
    .insertInto('capacity_samples')
    .values({
      system_id: systemId,
      at,
      total_bytes: whole(capacity.totalBytes),
      used_bytes: whole(capacity.usedBytes),
      free_bytes: whole(capacity.freeBytes),
      effective_used_bytes: wholeOrNull(capacity.effectiveBytes),
      data_reduction: capacity.dataReductionRatio,
    })
    .execute();
}

/**
 * Upserts the day's rollup. min/max/last are written as CASE expressions because SQLite's min()
 * and PostgreSQL's least() differ; "last" follows the sample time, not the arrival order, so a
 * late sample from a replica with a lagging clock cannot overwrite a newer one.
 */
export async function rollupDay(db: Kysely<Database>, systemId: number, at: number, capacity: Capacity): Promise<void> {
  const used = whole(capacity.usedBytes);
  const total = whole(capacity.totalBytes);
  const newer = sql<boolean>`excluded.last_at >= capacity_daily.last_at`;
  await db
    .insertInto('capacity_daily')
    .values({
      system_id: systemId,
      day: utcDay(at),
      samples: 1,
      total_bytes: total,
      used_min_bytes: used,
      used_max_bytes: used,
      used_last_bytes: used,
      last_at: at,
    })
    .onConflict((oc) =>
      oc.columns(['system_id', 'day']).doUpdateSet({
        samples: sql`capacity_daily.samples + 1`,
        used_min_bytes: sql`case when excluded.used_min_bytes < capacity_daily.used_min_bytes then excluded.used_min_bytes else capacity_daily.used_min_bytes end`,
        used_max_bytes: sql`case when excluded.used_max_bytes > capacity_daily.used_max_bytes then excluded.used_max_bytes else capacity_daily.used_max_bytes end`,
        used_last_bytes: sql`case when ${newer} then excluded.used_last_bytes else capacity_daily.used_last_bytes end`,
        total_bytes: sql`case when ${newer} then excluded.total_bytes else capacity_daily.total_bytes end`,
        last_at: sql`case when ${newer} then excluded.last_at else capacity_daily.last_at end`,
      }),
    )
    .execute();
}

/** Days in [fromDay, toDay] (inclusive, 'YYYY-MM-DD'), oldest first. */
export async function listCapacityDays(db: Kysely<Database>, systemId: number, fromDay = '0000-00-00', toDay = '9999-99-99'): Promise<CapacityDay[]> {
  const rows = await db
    .selectFrom('capacity_daily')
    .selectAll()
    .where('system_id', '=', systemId)
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .orderBy('day')
    .execute();
  return rows.map(rowToCapacityDay);
}

/** Raw samples at or after `since`, oldest first. */
export async function listCapacitySamples(db: Kysely<Database>, systemId: number, since = 0): Promise<CapacitySample[]> {
  const rows = await db.selectFrom('capacity_samples').selectAll().where('system_id', '=', systemId).where('at', '>=', since).orderBy('at').execute();
  return rows.map((r) => ({
    systemId: r.system_id,
    at: r.at,
    totalBytes: r.total_bytes,
    usedBytes: r.used_bytes,
    freeBytes: r.free_bytes,
    effectiveUsedBytes: r.effective_used_bytes,
    dataReduction: r.data_reduction,
  }));
}

/**
 * Deletes raw samples older than `retentionDays` (the daily rollups stay), `batchSize` rows per
 * statement so that no single delete holds the write lock for long. It walks the systems one by
 * one so every batch is a range of the (system_id, at) index rather than a scan of the whole table,
 * which at a thousand systems holds tens of millions of rows. Returns the rows deleted.
 */
export async function pruneCapacitySamples(db: Kysely<Database>, retentionDays: number, now: number, batchSize = 5000): Promise<number> {
  if (!(retentionDays > 0) || !Number.isFinite(retentionDays)) return 0;
  const cutoff = now - retentionDays * DAY_MS;
  // Samples cascade with their system, so the systems table lists every owner of a sample.
  const systems = await db.selectFrom('storage_systems').select('id').orderBy('id').execute();
  let deleted = 0;
  for (const { id } of systems) {
    for (;;) {
      const result = await db
        .deleteFrom('capacity_samples')
        .where('id', 'in', (qb) => qb.selectFrom('capacity_samples').select('id').where('system_id', '=', id).where('at', '<', cutoff).limit(batchSize))
        .executeTakeFirst();
      const n = Number(result.numDeletedRows);
      deleted += n;
      if (n < batchSize) break;
    }
  }
  return deleted;
}

/** Every system's daily rollups since `fromDay`, in one query (fleet forecasts), by system then day. */
export async function listFleetCapacityDays(db: Kysely<Database>, fromDay: string): Promise<CapacityDay[]> {
  const rows = await db.selectFrom('capacity_daily').selectAll().where('day', '>=', fromDay).orderBy('system_id').orderBy('day').execute();
  return rows.map(rowToCapacityDay);
}

export interface FleetCapacityDay {
  day: string;
  /** Systems with a rollup that day: a dip in the sums may be a system that was not polled. */
  systems: number;
  totalBytes: number;
  usedBytes: number;
}

/** The fleet's capacity per UTC day since `fromDay`: each system's last reading of the day, summed. */
export async function sumFleetCapacityByDay(db: Kysely<Database>, fromDay = '0000-00-00'): Promise<FleetCapacityDay[]> {
  const rows = await db
    .selectFrom('capacity_daily')
    .select('day')
    .select((eb) => [
      eb.fn.countAll<number>().as('systems'),
      eb.fn.sum<number>('total_bytes').as('total_bytes'),
      eb.fn.sum<number>('used_last_bytes').as('used_bytes'),
    ])
    .where('day', '>=', fromDay)
    .groupBy('day')
    .orderBy('day')
    .execute();
  // PostgreSQL returns sum(int8) as numeric, which pg hands over as a string.
  return rows.map((r) => ({ day: r.day, systems: Number(r.systems), totalBytes: Number(r.total_bytes), usedBytes: Number(r.used_bytes) }));
}
