import type { StoredSystem } from '../domain/system.js';
import type { FleetPlan } from '../poller/fleet-diff.js';
import { baseUrlOf } from '../poller/targets.js';

/**
 * What `sfd systems import` prints: one line per system added, changed or removed, then totals.
 * Credentials appear only as the word "credentials" among changed fields, never as values.
 */
export function describePlan(plan: FleetPlan, file: string, dryRun: boolean): string[] {
  const lines: string[] = [];
  const where = (s: Pick<StoredSystem, 'vendor' | 'address' | 'port'>) => baseUrlOf(s);
  for (const s of plan.add) lines.push(`  + add     ${s.name} (${s.vendor}, ${where(s)})`);
  for (const c of plan.change) lines.push(`  ~ change  ${c.system.name}: ${c.fields.join(', ')}`);
  for (const s of plan.remove) lines.push(`  - remove  ${s.name} (${s.vendor}, ${where(s)}): not in ${file}`);
  const counts = `${plan.add.length} added, ${plan.change.length} changed, ${plan.remove.length} removed, ${plan.unchanged.length} unchanged`;
  if (dryRun) {
    const summary = lines.length === 0 ? `${file}: dry run: the database already matches (${plan.unchanged.length} unchanged)` : `${file}: dry run, nothing written; an import would do this:`;
    return [summary, ...lines, ...(lines.length === 0 ? [] : [`would be: ${counts}`])];
  }
  if (lines.length === 0) return [`${file}: the database already matches; nothing to do (${plan.unchanged.length} unchanged)`];
  const warning =
    plan.remove.length > 0 ? ['removed systems are gone with their status, capacity history, alerts and log entries'] : [];
  return [`${file}: imported`, ...lines, counts, ...warning];
}

/** `sfd systems list --json`: no credentials, only whether they are set. */
export function systemJson(s: StoredSystem) {
  return {
    id: s.id,
    name: s.name,
    vendor: s.vendor,
    address: s.address,
    port: s.port,
    baseUrl: baseUrlOf(s),
    tls: s.tls,
    enabled: s.enabled,
    tags: s.tags,
    credentials: '(set)',
    createdAt: new Date(s.createdAt).toISOString(),
    updatedAt: new Date(s.updatedAt).toISOString(),
  };
}
