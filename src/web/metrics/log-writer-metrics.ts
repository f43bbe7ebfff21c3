import { Counter, Gauge, type Registry } from 'prom-client';
import type { LogWriterStats } from '../../system-log/types.js';

type CounterKey = 'written' | 'retried' | 'dropped' | 'cleanupRuns' | 'rowsDeleted';

const counters: [string, string, CounterKey][] = [
  ['sfd_log_writer_written_total', 'System-log entries confirmed in the database.', 'written'],
  ['sfd_log_writer_retried_total', 'Retries of a failed system-log insert (each backoff step once).', 'retried'],
  ['sfd_log_writer_dropped_total', 'System-log entries that will never be written (queue full, invalid, unwritten at close).', 'dropped'],
  ['sfd_log_writer_cleanup_runs_total', 'Sampled system-log cleanup runs started.', 'cleanupRuns'],
  ['sfd_log_writer_rows_deleted_total', 'System-log rows deleted by cleanup (retention and per-system cap).', 'rowsDeleted'],
];

/** The log writer's own counters, read at scrape time; the writer owns the numbers, this only mirrors them. */
export function registerLogWriterMetrics(registry: Registry, stats: () => LogWriterStats): void {
  for (const [name, help, key] of counters) {
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        // A counter cannot be set; reset + inc mirrors the writer's monotonic total exactly.
        this.reset();
        this.inc(stats()[key]);
      },
    });
  }
  new Gauge({
    name: 'sfd_log_writer_queued',
    help: 'System-log entries waiting in the writer queue now.',
    registers: [registry],
    collect() {
      this.set(stats().queued);
    },
  });
}
