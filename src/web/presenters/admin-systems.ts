import type { StoredSystem } from '../../domain/system.js';
import type { FleetSystem } from '../fleet-snapshot.js';
import { VENDOR_LABELS } from './system-form.js';

const TLS_SHORT = { system: 'System CAs', ca: 'CA bundle', pinned: 'Pinned', insecure: 'Insecure' } as const;

const DONE: Record<string, string> = {
  created: 'was added',
  updated: 'was saved',
  unchanged: 'had no changes to save',
  deleted: 'was deleted',
  enabled: 'is enabled: the poller will poll it',
  disabled: 'is disabled: the poller skips it',
};

/** The admin list: every configured system, disabled ones too, with what the poller last saw. */
export function presentAdminSystems(systems: readonly StoredSystem[], fleet: readonly FleetSystem[], query: { done?: string; name?: string }) {
  const statusOf = new Map(fleet.map((s) => [s.id, s]));
  const done = query.done && DONE[query.done] && query.name ? `“${query.name.slice(0, 100)}” ${DONE[query.done]}.` : null;
  return {
    flash: done,
    systems: systems.map((s) => {
      const status = statusOf.get(s.id);
      return {
        id: s.id,
        name: s.name,
        vendor: VENDOR_LABELS[s.vendor],
        address: s.port === null ? s.address : `${s.address}:${s.port}`,
        enabled: s.enabled,
        tags: s.tags,
        tls: TLS_SHORT[s.tls.mode],
        insecure: s.tls.mode === 'insecure',
        health: status?.health ?? 'unknown',
        reachability: status?.reachability ?? null,
      };
    }),
  };
}
