import type { AuditEntry } from '../../db/repositories/audit.js';

export const AUDIT_PAGE_SIZE = 50;

/** One page of the audit log, newest first; `entries` holds one extra row when there is a next page. */
export function presentAudit(entries: AuditEntry[], actions: string[], filter: { action: string; before: number | null }) {
  const page = entries.slice(0, AUDIT_PAGE_SIZE);
  const last = page.at(-1);
  const query = (before: number | null) => {
    const params = new URLSearchParams();
    if (filter.action) params.set('action', filter.action);
    if (before !== null) params.set('before', String(before));
    const text = params.toString();
    return text === '' ? '/admin/audit' : `/admin/audit?${text}`;
  };
  return {
    action: filter.action,
    actions: actions.map((a) => ({ value: a, selected: a === filter.action })),
    rows: page.map((e) => ({
      id: e.id,
      at: new Date(e.at).toISOString(),
      atText: new Date(e.at).toISOString().replace('T', ' ').slice(0, 19),
      username: e.username ?? '—',
      action: e.action,
      target: e.targetType ? `${e.targetType}${e.targetId === null ? '' : ` ${e.targetId}`}` : '—',
      details: e.details ? JSON.stringify(e.details) : '',
      ip: e.ip ?? '—',
    })),
    firstPage: filter.before !== null ? query(null) : null,
    nextPage: entries.length > AUDIT_PAGE_SIZE && last ? query(last.id) : null,
  };
}
