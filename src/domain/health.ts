import { percentUsed, validateCapacity } from './capacity.js';
import { unmatched } from './enums.js';
import { alertContribution, type Contribution, componentContribution, replicationContribution } from './health-contributions.js';
import { compareHealth, worstHealth } from './severity.js';
import type { Health, Reachability, SystemSnapshot } from './snapshot.js';

export interface HealthOptions {
  /** Vendor alert ids the operators have acknowledged on this system. */
  readonly acknowledgedAlertIds?: ReadonlySet<string>;
  readonly capacityWarningPercent?: number;
  readonly capacityCriticalPercent?: number;
}

export interface HealthVerdict {
  readonly health: Health;
  /** Why the health is not ok, worst first; empty when it is ok. */
  readonly reasons: readonly string[];
}

/** Warn with room to plan an expansion; critical when writes may start failing within days. */
export const DEFAULT_CAPACITY_WARNING_PERCENT = 90;
export const DEFAULT_CAPACITY_CRITICAL_PERCENT = 97;

interface Settings {
  readonly acknowledged: ReadonlySet<string>;
  readonly warningPercent: number;
  readonly criticalPercent: number;
}

interface Finding {
  readonly health: Exclude<Contribution, null>;
  readonly reason: string;
}

type Rule = (snapshot: SystemSnapshot, settings: Settings) => Finding[];

function finding(health: Contribution, reason: string): Finding[] {
  return health === null ? [] : [{ health, reason }];
}

/** Hardware and logical parts; independent of acknowledgements by construction. */
const componentRule: Rule = (s) =>
  s.components.flatMap((c) =>
    finding(componentContribution(c.state), `${c.kind} ${c.name} is ${c.state} (vendor state "${c.rawState}")`),
  );

const alertRule: Rule = (s, { acknowledged }) =>
  s.alerts.flatMap((a) => {
    const acked = acknowledged.has(a.id);
    const note = acked ? ', acknowledged' : '';
    return finding(alertContribution(a.severity, acked), `${a.severity} alert ${a.id}${note}: ${a.title}`);
  });

const capacityRule: Rule = (s, { warningPercent, criticalPercent }) => {
  if (s.capacity === null) return [];
  const check = validateCapacity(s.capacity);
  if (!check.ok) return finding('warning', `capacity figures are invalid: ${check.message}`);
  const used = percentUsed(check.capacity);
  if (used === null) return [];
  const shown = used.toFixed(1);
  if (used >= criticalPercent) return finding('critical', `capacity ${shown} % used (critical at ${criticalPercent} %)`);
  if (used >= warningPercent) return finding('warning', `capacity ${shown} % used (warning at ${warningPercent} %)`);
  return [];
};

const replicationRule: Rule = (s) =>
  s.replication.flatMap((r) => {
    const partner = r.partner === null ? '' : ` to ${r.partner}`;
    return finding(replicationContribution(r.state), `${r.kind} ${r.name}${partner} is ${r.state} (vendor state "${r.rawState}")`);
  });

/** Applied to every reachable snapshot; each rule judges one part of it independently. */
const HEALTH_RULES: readonly Rule[] = [componentRule, alertRule, capacityRule, replicationRule];

function reachabilityLabel(status: Exclude<Reachability, 'ok'>): string {
  switch (status) {
    case 'unreachable':
      return 'system unreachable';
    case 'timeout':
      return 'poll timed out';
    case 'auth_failed':
      return 'authentication failed';
    case 'tls_error':
      return 'TLS error';
    case 'api_error':
      return 'API error';
    default:
      return unmatched(status, 'poll failed');
  }
}

function percentOption(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) ? value : fallback;
}

/**
 * The one place a system's health is decided. A poll that did not reach the system yields
 * `unknown` whatever older data the snapshot still carries: we must not claim ok (or critical)
 * from data we could not confirm. Otherwise the worst finding of all rules wins.
 */
export function deriveHealth(snapshot: SystemSnapshot, options: HealthOptions = {}): HealthVerdict {
  const { status, message } = snapshot.reachability;
  if (status !== 'ok') {
    const label = reachabilityLabel(status);
    return { health: 'unknown', reasons: [message.trim() === '' ? label : `${label}: ${message}`] };
  }
  const settings: Settings = {
    acknowledged: options.acknowledgedAlertIds ?? new Set(),
    warningPercent: percentOption(options.capacityWarningPercent, DEFAULT_CAPACITY_WARNING_PERCENT),
    criticalPercent: percentOption(options.capacityCriticalPercent, DEFAULT_CAPACITY_CRITICAL_PERCENT),
  };
  const findings = HEALTH_RULES.flatMap((rule) => rule(snapshot, settings));
  // Array.prototype.sort is stable, so findings of equal weight keep rule order.
  findings.sort((a, b) => compareHealth(a.health, b.health));
  return { health: worstHealth(findings.map((f) => f.health)), reasons: findings.map((f) => f.reason) };
}
