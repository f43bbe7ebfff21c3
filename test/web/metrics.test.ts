import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { recordStatus } from '../../src/db/repositories/status.js';
import type { LogWriterStats } from '../../src/system-log/types.js';
import { createFleetSnapshot } from '../../src/web/fleet-snapshot.js';
import { engines, withMigratedDatabase } from '../helpers/databases.js';
import { as, buildTestApp, seedSystem } from './api/support.js';

// Quote, backslash and newline are the three characters the exposition format escapes in label values.
const NASTY = 'evil"} 1\nsfd_injected 1 \\ <img src=x onerror=alert(1)>';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * A strict reader of the text format: every non-comment line must be `name{labels} value`. (NaN is
 * matched loosely: prom-client writes "Nan", which Prometheus parses case-insensitively.)
 */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\})? (-?[0-9.e+-]+|[Nn]a[Nn]|[+-]Inf)$/.exec(line);
    assert.ok(m, `not a valid exposition line: ${JSON.stringify(line)}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"/g)) {
      labels[l[1] ?? ''] = (l[2] ?? '').replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name: m[1] ?? '', labels, value: Number(m[3]) });
  }
  return samples;
}

const stats: LogWriterStats = { written: 42, retried: 3, dropped: 1, cleanupRuns: 5, rowsDeleted: 900, queued: 7, filtered: 0, lastError: null };

for (const engine of engines) {
  describe(`/metrics (${engine})`, () => {
    test('per-system gauges, poll histogram, log-writer counters and process metrics, with hostile names escaped', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const id = await seedSystem(handle, NASTY);
        await seedSystem(handle, 'dd-01', 'datadomain');
        const fleet = createFleetSnapshot(handle.db, { pollIntervalMs: 60_000 });
        const app = await buildTestApp(handle, { fleet, logWriterStats: () => stats });
        try {
          const res = await app.inject({ url: '/metrics', headers: as('viewer') });
          assert.equal(res.statusCode, 200);
          assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
          assert.ok(!res.body.split('\n').some((l) => l.startsWith('sfd_injected')), 'a name cannot start a line of its own');
          const samples = parseExposition(res.body);
          const find = (name: string, labels: Record<string, string>) =>
            samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).map((s) => s.value);

          const me = { system: NASTY, vendor: 'pure' };
          assert.deepEqual(find('sfd_system_health', { ...me, state: 'critical' }), [1]);
          assert.deepEqual(find('sfd_system_health', { ...me, state: 'ok' }), [0]);
          assert.equal(find('sfd_system_health', me).length, 4);
          assert.deepEqual(find('sfd_system_reachable', me), [1]);
          assert.deepEqual(find('sfd_system_stale', me), [0]);
          assert.deepEqual(find('sfd_system_capacity_bytes', { ...me, kind: 'total' }), [100 * 1024 ** 4]);
          assert.deepEqual(find('sfd_system_capacity_bytes', { ...me, kind: 'used' }), [50 * 1024 ** 4]);
          assert.deepEqual(find('sfd_system_open_alerts', { ...me, severity: 'critical' }), [1]);
          assert.deepEqual(find('sfd_system_open_alerts', { ...me, severity: 'warning' }), [1]);
          assert.deepEqual(find('sfd_system_open_alerts', { ...me, severity: 'info' }), [0]);
          assert.deepEqual(find('sfd_system_open_alerts', { system: 'dd-01', vendor: 'datadomain', severity: 'critical' }), [1]);
          assert.deepEqual(find('sfd_poll_duration_seconds_count', { vendor: 'pure' }), [1]);
          assert.deepEqual(find('sfd_poll_duration_seconds_sum', { vendor: 'pure' }), [1.234]);
          assert.deepEqual(find('sfd_poll_duration_seconds_bucket', { vendor: 'pure', le: '2' }), [1]);
          assert.deepEqual(find('sfd_poll_duration_seconds_bucket', { vendor: 'pure', le: '1' }), [0]);
          assert.deepEqual(find('sfd_log_writer_written_total', {}), [42]);
          assert.deepEqual(find('sfd_log_writer_retried_total', {}), [3]);
          assert.deepEqual(find('sfd_log_writer_dropped_total', {}), [1]);
          assert.deepEqual(find('sfd_log_writer_cleanup_runs_total', {}), [5]);
          assert.deepEqual(find('sfd_log_writer_rows_deleted_total', {}), [900]);
          assert.deepEqual(find('sfd_log_writer_queued', {}), [7]);
          assert.equal(find('process_cpu_user_seconds_total', {}).length, 1);
          assert.equal(find('nodejs_eventloop_lag_seconds', {}).length, 1);

          // A new poll counts once in the histogram; a scrape without a new poll adds nothing.
          await app.inject({ url: '/metrics', headers: as('viewer') });
          const at = Date.now() + 1000;
          await recordStatus(handle.db, { systemId: id, polledAt: at, reachability: 'timeout', health: 'unknown', message: 'timed out', durationMs: 30_000, snapshot: null });
          await handle.db.deleteFrom('alerts').where('system_id', '=', id).execute();
          await fleet.refresh();
          const after = parseExposition((await app.inject({ url: '/metrics', headers: as('viewer') })).body);
          const again = (name: string, labels: Record<string, string>) =>
            after.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).map((s) => s.value);
          assert.deepEqual(again('sfd_poll_duration_seconds_count', { vendor: 'pure' }), [2]);
          assert.deepEqual(again('sfd_system_reachable', me), [0]);
          assert.deepEqual(again('sfd_system_health', { ...me, state: 'unknown' }), [1]);
          assert.deepEqual(again('sfd_system_open_alerts', { ...me, severity: 'critical' }), [0]);
        } finally {
          await app.close();
        }
      });
    });
  });
}

describe('/metrics access', () => {
  test('needs a viewer (a bearer token for Prometheus) unless anonymous reading is on; no writer counters without a writer', async () => {
    await withMigratedDatabase('sqlite', async (handle) => {
      const closed = await buildTestApp(handle);
      const open = await buildTestApp(handle, { options: { anonymousRead: true } });
      try {
        const denied = await closed.inject('/metrics');
        assert.equal(denied.statusCode, 401);
        assert.equal(denied.json().error, 'unauthorized');
        const res = await open.inject('/metrics');
        assert.equal(res.statusCode, 200);
        assert.doesNotMatch(res.body, /sfd_log_writer/);
        parseExposition(res.body);
      } finally {
        await closed.close();
        await open.close();
      }
    });
  });
});
