// A database with something in every table, including the awkward values: nulls, 64-bit byte
// counts, fractions, unicode, quotes, both booleans, and ids with gaps.
import type { Kysely } from 'kysely';

const T0 = Date.UTC(2026, 10, 1);
const PiB = 2 ** 50;

export async function populate(db: Kysely<any>): Promise<void> {
  const systems = [
    { id: 3, name: 'fa-01', vendor: 'pure', address: '10.0.0.5', port: null, enabled: 1, tls_mode: 'pinned', tls_fingerprint: 'AB:CD', tags: '["prod"]' },
    { id: 7, name: 'cluster «ü»', vendor: 'ontap', address: 'c1.example.com', port: 8443, enabled: 0, tls_mode: 'ca', tls_ca_pem: "-----BEGIN-----\n'x'\n", tags: '[]' },
    { id: 12, name: 'dd-01', vendor: 'datadomain', address: 'dd01', port: 3009, enabled: 1, tags: '["a","b"]' },
  ];
  for (const s of systems) await db.insertInto('storage_systems').values({ credentials_enc: 'v1:nonce:tag:ct', created_at: T0, updated_at: T0 + 1, ...s }).execute();
  await db.insertInto('poll_leases').values([
    { system_id: 3, owner: 'host:1:abc', lease_expires_at: T0 + 60_000, next_due_at: T0, acquired_at: T0 },
    { system_id: 12, owner: null, lease_expires_at: 0, next_due_at: 0, acquired_at: null },
  ]).execute();
  await db.insertInto('system_status').values([
    { system_id: 3, polled_at: T0, last_ok_at: T0, reachability: 'ok', health: 'healthy', message: null, duration_ms: 812, consecutive_failures: 0, snapshot: '{"a":1}' },
    { system_id: 7, polled_at: T0, last_ok_at: null, reachability: 'timeout', health: 'unknown', message: 'deadline 30 s', duration_ms: null, consecutive_failures: 4, snapshot: null },
  ]).execute();
  await db.insertInto('status_transitions').values([
    { id: 1, system_id: 3, at: T0, from_health: null, to_health: 'healthy', from_reachability: null, to_reachability: 'ok', message: null },
    { id: 5, system_id: 7, at: T0 + 5, from_health: 'healthy', to_health: 'unknown', from_reachability: 'ok', to_reachability: 'timeout', message: 'x' },
  ]).execute();
  const samples = Array.from({ length: 2500 }, (_, i) => ({
    id: i + 1, system_id: i % 2 === 0 ? 3 : 12, at: T0 + i * 60_000, total_bytes: 8 * PiB, used_bytes: 3 * PiB + i * 4096,
    free_bytes: i % 7 === 0 ? null : 5 * PiB - i, effective_used_bytes: null, data_reduction: i % 3 === 0 ? null : 1 + i / 1000,
  }));
  for (let i = 0; i < samples.length; i += 500) await db.insertInto('capacity_samples').values(samples.slice(i, i + 500)).execute();
  await db.insertInto('capacity_daily').values([
    { system_id: 3, day: '2026-11-01', samples: 720, total_bytes: 8 * PiB, used_min_bytes: 1, used_max_bytes: 2 * PiB, used_last_bytes: 2 * PiB, last_at: T0 },
    { system_id: 3, day: '2026-11-02', samples: 1, total_bytes: 8 * PiB, used_min_bytes: 2, used_max_bytes: 3, used_last_bytes: 3, last_at: T0 + 86_400_000 },
    { system_id: 12, day: '2026-11-01', samples: 2, total_bytes: 1, used_min_bytes: 0, used_max_bytes: 0, used_last_bytes: 0, last_at: T0 },
  ]).execute();
  await db.insertInto('alerts').values([
    { id: 40, system_id: 3, vendor_alert_id: '1001', severity: 'critical', title: 'Drive failed', detail: 'bay 3 "left"', component: 'drive', raised_at: T0, first_seen_at: T0, last_seen_at: T0 + 10, resolved_at: null, acknowledged_by: 'ops', acknowledged_at: T0 + 20, ack_comment: 'on it ✓' },
    { id: 41, system_id: 12, vendor_alert_id: 'x-1', severity: 'info', title: 'Cleaning', detail: null, component: null, raised_at: null, first_seen_at: T0, last_seen_at: T0, resolved_at: T0 + 1, acknowledged_by: null, acknowledged_at: null, ack_comment: null },
  ]).execute();
  const logs = Array.from({ length: 1200 }, (_, i) => ({
    id: 1_000_000 + i * 3, system_id: i % 5 === 0 ? null : 3, created_at: T0 + i, level: i % 4 === 0 ? 'error' : 'info',
    category: 'api_call', message: `GET /api/${i} 'quoted' ✓`, details: i % 2 ? null : JSON.stringify({ i }), http_status: i % 9 === 0 ? null : 200, endpoint: '/api/2.26/arrays',
  }));
  for (let i = 0; i < logs.length; i += 400) await db.insertInto('system_logs').values(logs.slice(i, i + 400)).execute();
  await db.updateTable('id_blocks').set({ next_value: 1_005_000 }).where('name', '=', 'system_logs').execute();
  await db.insertInto('users').values([
    { id: 1, username: 'admin', password_hash: '$argon2id$v=19$m=65536$abc', role: 'admin', disabled: 0, created_at: T0, last_login_at: T0 + 3 },
    { id: 9, username: 'viewer', password_hash: 'h', role: 'viewer', disabled: 1, created_at: T0, last_login_at: null },
  ]).execute();
  await db.insertInto('sessions').values({ id: 'sha256-of-token', user_id: 1, created_at: T0, expires_at: T0 + 3_600_000, data: '{"csrf":"x"}' }).execute();
  await db.insertInto('settings').values([
    { key: 'theme', value: 'dark', updated_at: T0, updated_by: 'admin' },
    { key: 'Zeta', value: '', updated_at: T0, updated_by: null },
  ]).execute();
  await db.insertInto('audit_log').values([
    { id: 2, at: T0, username: 'admin', action: 'login', target_type: null, target_id: null, details: null, ip: '::1' },
    { id: 8, at: T0 + 1, username: null, action: 'import', target_type: 'system', target_id: '3', details: '{"added":3}', ip: null },
  ]).execute();
}

/** Every table's rows, booleans as 0/1, sorted in JS (the engines collate text differently). */
export async function dumpAll(db: Kysely<any>, tables: string[]) {
  const dump: Record<string, unknown[]> = {};
  for (const name of tables) {
    const rows = (await db.selectFrom(name).selectAll().execute()) as Record<string, unknown>[];
    const plain = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v])));
    dump[name] = plain.map((r) => [JSON.stringify(r), r] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, r]) => r);
  }
  return dump;
}
