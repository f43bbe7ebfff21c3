import { unmatched } from './enums.js';
import type { AlertSeverity, Health } from './snapshot.js';

/** Higher is worse. A value outside the union ranks as `warning`: odd input is never silently ignored. */
export function alertSeverityRank(severity: AlertSeverity): number {
  switch (severity) {
    case 'info':
      return 0;
    case 'warning':
      return 1;
    case 'major':
      return 2;
    case 'critical':
      return 3;
    default:
      return unmatched(severity, 1);
  }
}

/**
 * Higher is worse. `unknown` sits between warning and critical: a system we cannot see may be
 * hiding anything, so it outranks a known warning in a roll-up, but a known critical still wins.
 */
export function healthRank(health: Health): number {
  switch (health) {
    case 'ok':
      return 0;
    case 'warning':
      return 1;
    case 'unknown':
      return 2;
    case 'critical':
      return 3;
    default:
      return unmatched(health, 2);
  }
}

/** Sort comparator: most severe first. */
export function compareSeverity(a: AlertSeverity, b: AlertSeverity): number {
  return alertSeverityRank(b) - alertSeverityRank(a);
}

/** Sort comparator: worst health first. */
export function compareHealth(a: Health, b: Health): number {
  return healthRank(b) - healthRank(a);
}

/** The most severe of the given severities, or null when there are none. */
export function worstSeverity(severities: Iterable<AlertSeverity>): AlertSeverity | null {
  let worst: AlertSeverity | null = null;
  for (const s of severities) {
    if (worst === null || alertSeverityRank(s) > alertSeverityRank(worst)) worst = s;
  }
  return worst;
}

/** The worst of the given healths; `ok` for none, because nothing reported is nothing wrong. */
export function worstHealth(healths: Iterable<Health>): Health {
  let worst: Health = 'ok';
  for (const h of healths) {
    if (healthRank(h) > healthRank(worst)) worst = h;
  }
  return worst;
}
