import { type Kysely, sql } from 'kysely';
import { isOneOf } from '../../domain/enums.js';
import { ALERT_SEVERITIES, type Alert, type AlertSeverity, type Vendor } from '../../domain/snapshot.js';
import type { AlertRow, Database } from '../schema.js';

export interface OpenAlertCounts {
  counts: Record<AlertSeverity, number>;
  unacknowledged: number;
}

/** Zero of every severity. */
export function emptyAlertCounts(): Record<AlertSeverity, number> {
  return Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, 0])) as Record<AlertSeverity, number>;
}

/** Open alerts per system, by severity and how many nobody acknowledged: one grouped query for the fleet. */
export async function openAlertCountsBySystem(db: Kysely<Database>): Promise<Map<number, OpenAlertCounts>> {
  const rows = await db
    .selectFrom('alerts')
    .select(['system_id', 'severity', 'acknowledged_at'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('resolved_at', 'is', null)
    .groupBy(['system_id', 'severity', 'acknowledged_at'])
    .execute();
  const bySystem = new Map<number, { counts: Record<AlertSeverity, number>; unacknowledged: number }>();
  for (const row of rows) {
    const entry = bySystem.get(row.system_id) ?? { counts: emptyAlertCounts(), unacknowledged: 0 };
    const severity = isOneOf(ALERT_SEVERITIES, row.severity) ? row.severity : 'warning';
    const n = Number(row.n);
    entry.counts[severity] += n;
    if (row.acknowledged_at === null) entry.unacknowledged += n;
    bySystem.set(row.system_id, entry);
  }
  return bySystem;
}

/** An alert as stored: one row per (system, vendor alert id), for the alert's whole life. */
export interface StoredAlert {
  id: number;
  systemId: number;
  vendorAlertId: string;
  severity: AlertSeverity;
  title: string;
  detail: string | null;
  component: string | null;
  raisedAt: number | null;
  /** Start of the current occurrence: reset when a resolved alert comes back. */
  firstSeenAt: number;
  lastSeenAt: number;
  resolvedAt: number | null;
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
  ackComment: string | null;
}

export interface AlertSyncResult {
  /** Alerts new to this system, or resolved ones that came back. */
  opened: number;
  /** Open before and still reported. */
  stillOpen: number;
  resolved: number;
  /** Vendor ids of reported alerts that stay acknowledged: health derivation weighs them lower. */
  acknowledgedIds: Set<string>;
}

export function rowToAlert(row: AlertRow): StoredAlert {
  return {
    id: row.id,
    systemId: row.system_id,
    vendorAlertId: row.vendor_alert_id,
    // An unknown word from the database ranks as a warning rather than disappearing.
    severity: isOneOf(ALERT_SEVERITIES, row.severity) ? row.severity : 'warning',
    title: row.title,
    detail: row.detail,
    component: row.component,
    raisedAt: row.raised_at,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    resolvedAt: row.resolved_at,
    acknowledgedBy: row.acknowledged_by,
    acknowledgedAt: row.acknowledged_at,
    ackComment: row.ack_comment,
  };
}

export async function listAlerts(db: Kysely<Database>, systemId: number, options: { openOnly?: boolean } = {}): Promise<StoredAlert[]> {
  let query = db.selectFrom('alerts').selectAll().where('system_id', '=', systemId);
  if (options.openOnly) query = query.where('resolved_at', 'is', null);
  const rows = await query.orderBy('id').execute();
  return rows.map(rowToAlert);
}

// Rows per multi-row upsert: 10 parameters each stays far below both engines' parameter limits.
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * One poll's alert lifecycle, inside the poll's transaction. Reported alerts are upserted by
 * (system, vendor id): new ones are inserted, open ones get last_seen and the vendor's current
 * severity/title, and a resolved one is re-opened in its own row (same id, so links and the audit
 * log keep pointing at it) with a fresh first_seen and its acknowledgement cleared, because an
 * acknowledgement answers one occurrence and a recurrence must be looked at again. Open alerts the
 * vendor no longer reports are resolved.
 */
export async function syncAlerts(db: Kysely<Database>, systemId: number, at: number, reported: readonly Alert[]): Promise<AlertSyncResult> {
  const open = await db
    .selectFrom('alerts')
    .select(['id', 'vendor_alert_id', 'acknowledged_at'])
    .where('system_id', '=', systemId)
    .where('resolved_at', 'is', null)
    .execute();
  const openById = new Map(open.map((r) => [r.vendor_alert_id, r]));
  // A vendor listing one id twice (paging overlap) must not make the upsert touch a row twice.
  const unique = [...new Map(reported.map((a) => [a.id, a])).values()];

  for (const part of chunks(unique)) {
    await db
      .insertInto('alerts')
      .values(
        part.map((a) => ({
          system_id: systemId,
          vendor_alert_id: a.id,
          severity: a.severity,
          title: a.title,
          detail: a.detail,
          component: a.component,
          raised_at: a.raisedAt === null ? null : Math.round(a.raisedAt),
          first_seen_at: at,
          last_seen_at: at,
          resolved_at: null,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['system_id', 'vendor_alert_id']).doUpdateSet({
          severity: sql`excluded.severity`,
          title: sql`excluded.title`,
          detail: sql`excluded.detail`,
          component: sql`excluded.component`,
          raised_at: sql`excluded.raised_at`,
          last_seen_at: sql`excluded.last_seen_at`,
          // Every right-hand side reads the row as it was, so `alerts.resolved_at` is the old value.
          first_seen_at: sql`case when alerts.resolved_at is null then alerts.first_seen_at else excluded.first_seen_at end`,
          acknowledged_by: sql`case when alerts.resolved_at is null then alerts.acknowledged_by else null end`,
          acknowledged_at: sql`case when alerts.resolved_at is null then alerts.acknowledged_at else null end`,
          ack_comment: sql`case when alerts.resolved_at is null then alerts.ack_comment else null end`,
          resolved_at: null,
        }),
      )
      .execute();
  }

  const reportedIds = new Set(unique.map((a) => a.id));
  const gone = open.filter((r) => !reportedIds.has(r.vendor_alert_id)).map((r) => r.id);
  for (const part of chunks(gone)) {
    await db.updateTable('alerts').set({ resolved_at: at }).where('id', 'in', part).execute();
  }

  const acknowledgedIds = new Set<string>();
  let stillOpen = 0;
  for (const id of reportedIds) {
    const row = openById.get(id);
    if (!row) continue;
    stillOpen++;
    if (row.acknowledged_at !== null) acknowledgedIds.add(id);
  }
  return { opened: reportedIds.size - stillOpen, stillOpen, resolved: gone.length, acknowledgedIds };
}

/** Marks an alert acknowledged; it stays so until it resolves. Returns false for an unknown id. */
export async function acknowledgeAlert(db: Kysely<Database>, id: number, by: string, at: number, comment: string | null = null): Promise<boolean> {
  const result = await db
    .updateTable('alerts')
    .set({ acknowledged_by: by, acknowledged_at: at, ack_comment: comment })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** An alert with the system it belongs to, for the fleet-wide alerts page and GET /api/v1/alerts. */
export interface FleetAlert extends StoredAlert {
  systemName: string;
  vendor: Vendor;
}

export interface FleetAlertFilter {
  /** Open alerts (acknowledged ones included) or the resolved history. */
  state: 'open' | 'resolved';
  severity?: AlertSeverity;
  vendor?: Vendor;
  systemId?: number;
  /** Resolved history only: continue below this (resolvedAt, id) pair, newest first. */
  before?: { resolvedAt: number; id: number };
  limit: number;
}

function selectFleetAlerts(db: Kysely<Database>) {
  return db
    .selectFrom('alerts')
    .innerJoin('storage_systems', 'storage_systems.id', 'alerts.system_id')
    .selectAll('alerts')
    .select(['storage_systems.name as system_name', 'storage_systems.vendor as system_vendor']);
}

function rowToFleetAlert({ system_name, system_vendor, ...row }: AlertRow & { system_name: string; system_vendor: string }): FleetAlert {
  // The systems table only ever holds known vendors: the systems repository refuses any other on write and read.
  return { ...rowToAlert(row), systemName: system_name, vendor: system_vendor as Vendor };
}

/**
 * Alerts across the fleet in one query. Open ones come worst severity first, then newest occurrence
 * first; the resolved history newest resolution first, paged by (resolved_at, id) so a page boundary
 * never skips or repeats a row even when many alerts resolved in the same poll.
 */
// Most severe first, in the domain's order; an unknown stored severity sorts as a warning, as it reads.
const severityRank = sql<number>`case alerts.severity ${sql.join(
  ALERT_SEVERITIES.map((s, i) => sql`when ${sql.lit(s)} then ${sql.lit(i)}`),
  sql` `,
)} else ${sql.lit(ALERT_SEVERITIES.indexOf('warning'))} end`;

export async function listFleetAlerts(db: Kysely<Database>, filter: FleetAlertFilter): Promise<FleetAlert[]> {
  let query = selectFleetAlerts(db).where('alerts.resolved_at', filter.state === 'open' ? 'is' : 'is not', null);
  if (filter.severity) query = query.where('alerts.severity', '=', filter.severity);
  if (filter.vendor) query = query.where('storage_systems.vendor', '=', filter.vendor);
  if (filter.systemId !== undefined) query = query.where('alerts.system_id', '=', filter.systemId);
  if (filter.state === 'open') {
    query = query.orderBy(severityRank).orderBy('alerts.first_seen_at', 'desc').orderBy('alerts.id', 'desc');
  } else {
    const before = filter.before;
    if (before) {
      query = query.where((eb) =>
        eb.or([
          eb('alerts.resolved_at', '<', before.resolvedAt),
          eb.and([eb('alerts.resolved_at', '=', before.resolvedAt), eb('alerts.id', '<', before.id)]),
        ]),
      );
    }
    query = query.orderBy('alerts.resolved_at', 'desc').orderBy('alerts.id', 'desc');
  }
  const rows = await query.limit(filter.limit).execute();
  return rows.map(rowToFleetAlert);
}

/** One alert with its system, or null. */
export async function getFleetAlert(db: Kysely<Database>, id: number): Promise<FleetAlert | null> {
  const row = await selectFleetAlerts(db).where('alerts.id', '=', id).executeTakeFirst();
  return row ? rowToFleetAlert(row) : null;
}
