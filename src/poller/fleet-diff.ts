import type { StoredSystem } from '../domain/system.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { FleetSystem } from './fleet-validate.js';
import { parseCredentials, serializeCredentials } from './targets.js';

/**
 * The fleet file is declarative: after an import the database holds exactly the systems it lists.
 * Systems are matched by name; one in the database but not in the file is removed.
 */

export const FLEET_FIELDS = ['vendor', 'address', 'port', 'tls', 'enabled', 'tags', 'credentials'] as const;
export type FleetField = (typeof FLEET_FIELDS)[number];

export interface FleetChange {
  system: FleetSystem;
  existing: StoredSystem;
  /** Which fields differ; credentials are compared decrypted, and only their name is ever shown. */
  fields: FleetField[];
}

export interface FleetPlan {
  add: FleetSystem[];
  change: FleetChange[];
  remove: StoredSystem[];
  unchanged: StoredSystem[];
}

export function isEmptyPlan(plan: FleetPlan): boolean {
  return plan.add.length === 0 && plan.change.length === 0 && plan.remove.length === 0;
}

const sameTags = (a: readonly string[], b: readonly string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

function openCredentials(existing: StoredSystem, box: SecretBox): string {
  try {
    return serializeCredentials(parseCredentials(box.open(existing.credentialsSealed)));
  } catch (err) {
    // Without the old credentials there is no telling whether they changed; guessing could
    // silently keep unreadable ones, so the import stops and says which system and why.
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`cannot compare the stored credentials of "${existing.name}": ${reason}`, { cause: err });
  }
}

function changedFields(system: FleetSystem, existing: StoredSystem, box: SecretBox): FleetField[] {
  const differs: Record<FleetField, () => boolean> = {
    vendor: () => system.vendor !== existing.vendor,
    address: () => system.address !== existing.address,
    port: () => system.port !== existing.port,
    tls: () => JSON.stringify(system.tls) !== JSON.stringify(existing.tls),
    enabled: () => system.enabled !== existing.enabled,
    tags: () => !sameTags(system.tags, existing.tags),
    credentials: () => serializeCredentials(system.credentials) !== openCredentials(existing, box),
  };
  return FLEET_FIELDS.filter((field) => differs[field]());
}

export function planFleetImport(fleet: readonly FleetSystem[], existing: readonly StoredSystem[], box: SecretBox): FleetPlan {
  const byName = new Map(existing.map((s) => [s.name, s]));
  const listed = new Set(fleet.map((s) => s.name));
  const plan: FleetPlan = { add: [], change: [], remove: [], unchanged: [] };
  for (const system of fleet) {
    const current = byName.get(system.name);
    if (!current) {
      plan.add.push(system);
      continue;
    }
    const fields = changedFields(system, current, box);
    if (fields.length > 0) plan.change.push({ system, existing: current, fields });
    else plan.unchanged.push(current);
  }
  plan.remove = existing.filter((s) => !listed.has(s.name));
  return plan;
}
