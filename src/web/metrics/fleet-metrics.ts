import { Gauge, Histogram, type Registry } from 'prom-client';
import { ALERT_SEVERITIES, HEALTHS } from '../../domain/snapshot.js';
import type { FleetSnapshot } from '../fleet-snapshot.js';

const perSystem = ['system', 'vendor'] as const;

/**
 * Per-system gauges, computed from the in-memory fleet snapshot at scrape time (never from the
 * database). Each collect() resets first, so a deleted system's series disappear at once.
 *
 * Health is one-hot (`state` label, 1 for the current state, 0 for the others) rather than a
 * number: "unknown" has no place on an ok < warning < critical scale, and alert rules read plainly:
 * `sfd_system_health{state="critical"} == 1`.
 */
export function registerFleetMetrics(registry: Registry, fleet: FleetSnapshot): void {
  const systems = () => fleet.current().systems;

  new Gauge({
    name: 'sfd_system_health',
    help: 'Health of each system, one-hot over state (ok, warning, critical, unknown).',
    labelNames: [...perSystem, 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const s of systems()) for (const state of HEALTHS) this.set({ system: s.name, vendor: s.vendor, state }, s.health === state ? 1 : 0);
    },
  });

  const flag = (name: string, help: string, value: (s: ReturnType<typeof systems>[number]) => boolean) =>
    new Gauge({
      name,
      help,
      labelNames: perSystem,
      registers: [registry],
      collect() {
        this.reset();
        for (const s of systems()) this.set({ system: s.name, vendor: s.vendor }, value(s) ? 1 : 0);
      },
    });
  flag('sfd_system_reachable', '1 when the last poll reached the system and its API answered.', (s) => s.reachability === 'ok');
  flag('sfd_system_stale', '1 when the last good poll is more than three poll intervals old.', (s) => s.stale);
  flag('sfd_system_enabled', '1 when the system is polled; 0 when an admin disabled it.', (s) => s.enabled);

  new Gauge({
    name: 'sfd_system_capacity_bytes',
    help: 'Physical capacity of each system in bytes, by kind (total, used); absent until a poll reported it.',
    labelNames: [...perSystem, 'kind'],
    registers: [registry],
    collect() {
      this.reset();
      for (const s of systems()) {
        if (!s.capacity) continue;
        this.set({ system: s.name, vendor: s.vendor, kind: 'total' }, s.capacity.totalBytes);
        this.set({ system: s.name, vendor: s.vendor, kind: 'used' }, s.capacity.usedBytes);
      }
    },
  });

  new Gauge({
    name: 'sfd_system_open_alerts',
    help: 'Open (unresolved) alerts of each system by severity; acknowledged ones included.',
    labelNames: [...perSystem, 'severity'],
    registers: [registry],
    collect() {
      this.reset();
      for (const s of systems()) for (const severity of ALERT_SEVERITIES) this.set({ system: s.name, vendor: s.vendor, severity }, s.alerts[severity]);
    },
  });

  new Gauge({
    name: 'sfd_system_last_poll_timestamp_seconds',
    help: 'When each system was last polled (Unix seconds); absent until its first poll.',
    labelNames: perSystem,
    registers: [registry],
    collect() {
      this.reset();
      for (const s of systems()) if (s.lastPolledAt !== null) this.set({ system: s.name, vendor: s.vendor }, s.lastPolledAt / 1000);
    },
  });

  registerPollDuration(registry, fleet);
}

/**
 * The poll-duration histogram is fed from the snapshot too, so it works in every role (a web-only
 * replica never sees a poll happen): at each scrape, every system whose lastPolledAt moved since
 * the previous scrape adds its latest poll's duration. With a scrape interval longer than the poll
 * interval, only the latest poll of each system between two scrapes is counted.
 */
function registerPollDuration(registry: Registry, fleet: FleetSnapshot): void {
  const seen = new Map<number, number>();
  new Histogram({
    name: 'sfd_poll_duration_seconds',
    help: 'How long polls took (seconds), by vendor; sampled from the fleet snapshot at scrape time.',
    labelNames: ['vendor'],
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60],
    registers: [registry],
    collect() {
      const present = new Set<number>();
      for (const s of fleet.current().systems) {
        present.add(s.id);
        if (s.lastPolledAt === null || s.pollDurationMs === null || seen.get(s.id) === s.lastPolledAt) continue;
        seen.set(s.id, s.lastPolledAt);
        this.observe({ vendor: s.vendor }, s.pollDurationMs / 1000);
      }
      for (const id of seen.keys()) if (!present.has(id)) seen.delete(id);
    },
  });
}
