import type { StoredSystem, SystemFields } from '../../domain/system.js';

/**
 * The names of the fields an edit changes, for the audit log: names only, never values, so a
 * credential (or even its length) can never end up there.
 */
export function changedFields(before: StoredSystem, after: Omit<SystemFields, 'credentialsSealed'>, credentialsReplaced: boolean): string[] {
  const changed: string[] = [];
  if (before.name !== after.name) changed.push('name');
  if (before.vendor !== after.vendor) changed.push('vendor');
  if (before.address !== after.address) changed.push('address');
  if (before.port !== after.port) changed.push('port');
  if (JSON.stringify(before.tls) !== JSON.stringify(after.tls)) changed.push('tls');
  if (before.enabled !== after.enabled) changed.push('enabled');
  if (JSON.stringify(before.tags) !== JSON.stringify(after.tags)) changed.push('tags');
  if (credentialsReplaced) changed.push('credentials');
  return changed;
}
