import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Kysely types for every table. Times are integer epoch milliseconds on both engines; booleans are
 * written as 0/1 and may read back as 0/1 (SQLite) or true/false (PostgreSQL), so repositories map
 * them with Boolean(). JSON is stored as text.
 */
export type Bool = ColumnType<number | boolean, number, number>;
export type EpochMs = number;

export interface StorageSystemsTable {
  id: Generated<number>;
  name: string;
  vendor: string;
  address: string;
  port: number | null;
  credentials_enc: string;
  tls_mode: ColumnType<string, string | undefined, string>;
  tls_ca_pem: string | null;
  tls_fingerprint: string | null;
  enabled: ColumnType<number | boolean, number | undefined, number>;
  tags: ColumnType<string, string | undefined, string>;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface PollLeasesTable {
  system_id: number;
  owner: string | null;
  lease_expires_at: ColumnType<EpochMs, EpochMs | undefined, EpochMs>;
  next_due_at: ColumnType<EpochMs, EpochMs | undefined, EpochMs>;
  acquired_at: EpochMs | null;
}

export interface SystemStatusTable {
  system_id: number;
  polled_at: EpochMs;
  last_ok_at: EpochMs | null;
  reachability: string;
  health: string;
  message: string | null;
  duration_ms: number | null;
  consecutive_failures: ColumnType<number, number | undefined, number>;
  snapshot: string | null;
}

export interface StatusTransitionsTable {
  id: Generated<number>;
  system_id: number;
  at: EpochMs;
  from_health: string | null;
  to_health: string;
  from_reachability: string | null;
  to_reachability: string;
  message: string | null;
}

export interface CapacitySamplesTable {
  id: Generated<number>;
  system_id: number;
  at: EpochMs;
  total_bytes: number;
  used_bytes: number;
  free_bytes: number | null;
  effective_used_bytes: number | null;
  data_reduction: number | null;
}

export interface CapacityDailyTable {
  system_id: number;
  /** UTC day as 'YYYY-MM-DD'. */
  day: string;
  samples: number;
  total_bytes: number;
  used_min_bytes: number;
  used_max_bytes: number;
  used_last_bytes: number;
  last_at: EpochMs;
}

export interface AlertsTable {
  id: Generated<number>;
  system_id: number;
  vendor_alert_id: string;
  severity: string;
  title: string;
  detail: string | null;
  component: string | null;
  raised_at: EpochMs | null;
  first_seen_at: EpochMs;
  last_seen_at: EpochMs;
  resolved_at: EpochMs | null;
  acknowledged_by: string | null;
  acknowledged_at: EpochMs | null;
  ack_comment: string | null;
}

export interface SystemLogsTable {
  /** Assigned by the log writer from a reserved id block (see IdBlocksTable), never by the database. */
  id: number;
  system_id: number | null;
  created_at: EpochMs;
  level: string;
  category: string;
  message: string;
  details: string | null;
  http_status: number | null;
  endpoint: string | null;
}

/** Hi/lo id allocation: a writer reserves [next_value, next_value + n) with one UPDATE … RETURNING. */
export interface IdBlocksTable {
  name: string;
  next_value: number;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  role: string;
  disabled: ColumnType<number | boolean, number | undefined, number>;
  created_at: EpochMs;
  last_login_at: EpochMs | null;
}

export interface SessionsTable {
  /** SHA-256 of the session token; the token itself is never stored. */
  id: string;
  user_id: number;
  created_at: EpochMs;
  expires_at: EpochMs;
  data: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: EpochMs;
  updated_by: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: EpochMs;
  username: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: string | null;
  ip: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  /** SHA-256 (hex) of the token; the token itself is shown once and never stored. */
  token_hash: string;
  role: string;
  created_at: EpochMs;
  created_by: string | null;
  last_used_at: EpochMs | null;
  revoked_at: EpochMs | null;
}

export interface Database {
  storage_systems: StorageSystemsTable;
  poll_leases: PollLeasesTable;
  system_status: SystemStatusTable;
  status_transitions: StatusTransitionsTable;
  capacity_samples: CapacitySamplesTable;
  capacity_daily: CapacityDailyTable;
  alerts: AlertsTable;
  system_logs: SystemLogsTable;
  id_blocks: IdBlocksTable;
  users: UsersTable;
  sessions: SessionsTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
  api_tokens: ApiTokensTable;
}

export type StorageSystemRow = Selectable<StorageSystemsTable>;
export type NewStorageSystemRow = Insertable<StorageSystemsTable>;
export type StorageSystemUpdate = Updateable<StorageSystemsTable>;
export type SystemLogRow = Selectable<SystemLogsTable>;
export type NewSystemLogRow = Insertable<SystemLogsTable>;
export type AlertRow = Selectable<AlertsTable>;
export type NewAlertRow = Insertable<AlertsTable>;
