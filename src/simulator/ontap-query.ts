/**
 * The ONTAP REST collection query language, as the simulator needs it: `fields=` projection,
 * per-field filters (`|` for OR, `!` for NOT, `<`, `>`, `<=`, `>=`, `*` wildcards), `order_by`,
 * `max_records` paging with `_links.next`. Unknown fields are rejected with 400 as ONTAP does, so a
 * client asking for a field ONTAP does not have fails here too instead of passing silently.
 */

type Rec = Record<string, unknown>;

export class OntapQueryError extends Error {
  constructor(
    message: string,
    readonly target: string,
  ) {
    super(message);
  }
}

const RESERVED = new Set(['fields', 'max_records', 'order_by', 'return_records', 'return_timeout', 'start.index']);

function valueAt(rec: unknown, path: string): unknown {
  let cur: unknown = rec;
  for (const seg of path.split('.')) {
    if (Array.isArray(cur)) cur = cur.map((c) => (c && typeof c === 'object' ? (c as Rec)[seg] : undefined));
    else if (cur && typeof cur === 'object') cur = (cur as Rec)[seg];
    else return undefined;
  }
  return cur;
}

function checkField(path: string, known: ReadonlySet<string>, target: string): void {
  const top = path.split('.')[0] ?? '';
  if (!known.has(top)) throw new OntapQueryError(`The value "${path}" is invalid for field "${target}"`, target);
}

function compare(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isFinite(ta) && Number.isFinite(tb)) return ta - tb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One alternative of a filter value against one scalar. */
function matchOne(actual: unknown, pattern: string): boolean {
  if (actual === undefined || actual === null) return pattern === '!*' || pattern.startsWith('!');
  const text = String(actual);
  for (const op of ['<=', '>=', '<', '>'] as const) {
    if (pattern.startsWith(op)) {
      const c = compare(text, pattern.slice(op.length));
      return op === '<=' ? c <= 0 : op === '>=' ? c >= 0 : op === '<' ? c < 0 : c > 0;
    }
  }
  if (pattern.startsWith('!')) return !matchOne(actual, pattern.slice(1));
  if (pattern.includes('*')) {
    const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
    return re.test(text);
  }
  return text.toLowerCase() === pattern.toLowerCase();
}

function matches(rec: Rec, path: string, filter: string): boolean {
  const actual = valueAt(rec, path);
  const values = Array.isArray(actual) ? actual : [actual];
  // `|` is OR; a comma is an ordinary character in a filter value (ONTAP does not split on it).
  return filter.split('|').some((alt) => values.some((v) => matchOne(v, alt)));
}

function project(rec: Rec, fields: string[]): Rec {
  if (fields.includes('*') || fields.includes('**')) return rec;
  const out: Rec = {};
  for (const f of fields) {
    const segs = f.split('.');
    let src: unknown = rec;
    let dst: Rec = out;
    for (const [i, seg] of segs.entries()) {
      if (!src || typeof src !== 'object' || Array.isArray(src)) break;
      const next = (src as Rec)[seg];
      if (next === undefined) break;
      if (i === segs.length - 1 || Array.isArray(next) || typeof next !== 'object' || next === null) {
        dst[seg] = next;
        break;
      }
      if (dst[seg] === undefined) dst[seg] = {};
      dst = dst[seg] as Rec;
      src = next;
    }
  }
  return out;
}

export interface CollectionPage {
  records: Rec[];
  num_records: number;
  _links: { self: { href: string }; next?: { href: string } };
}

/**
 * Applies the query to a full collection. `path` is the API path as ONTAP writes it in hrefs
 * ("/api/storage/disks"); `identity` fields are always returned, like ONTAP's key fields.
 */
export function queryCollection(all: Rec[], query: Record<string, string>, path: string, known: ReadonlySet<string>, identity: string[]): CollectionPage {
  let rows = all;
  for (const [key, value] of Object.entries(query)) {
    if (RESERVED.has(key)) continue;
    checkField(key, known, key);
    rows = rows.filter((r) => matches(r, key, value));
  }
  if (query.order_by) {
    const [field = '', dir = 'asc'] = query.order_by.trim().split(/\s+/);
    checkField(field, known, 'order_by');
    const sign = dir === 'desc' ? -1 : 1;
    rows = [...rows].sort((a, b) => sign * compare(String(valueAt(a, field) ?? ''), String(valueAt(b, field) ?? '')));
  }
  const fields = query.fields ? query.fields.split(',').map((f) => f.trim()).filter(Boolean) : [];
  for (const f of fields) if (f !== '*' && f !== '**') checkField(f, known, 'fields');
  const start = Number(query['start.index'] ?? 0);
  const max = query.max_records === undefined ? rows.length : Number(query.max_records);
  if (!Number.isInteger(max) || max < 0) throw new OntapQueryError('Invalid value for max_records', 'max_records');
  const page = rows.slice(start, start + max).map((r) => project(r, fields.length > 0 ? [...identity, ...fields] : Object.keys(r)));
  const qs = (extra: Record<string, string>) => new URLSearchParams({ ...query, ...extra }).toString();
  const links: CollectionPage['_links'] = { self: { href: `${path}?${qs({})}` } };
  if (start + max < rows.length) links.next = { href: `${path}?${qs({ 'start.index': String(start + max) })}` };
  return { records: page, num_records: page.length, _links: links };
}

/** Single-object GET (e.g. /api/cluster): only `fields=` applies. */
export function projectObject(rec: Rec, query: Record<string, string>, known: ReadonlySet<string>, identity: string[]): Rec {
  const fields = query.fields ? query.fields.split(',').map((f) => f.trim()).filter(Boolean) : [];
  for (const f of fields) if (f !== '*' && f !== '**') checkField(f, known, 'fields');
  for (const key of Object.keys(query)) if (key !== 'fields' && key !== 'return_timeout') checkField(key, known, key);
  return fields.length > 0 ? project(rec, [...identity, ...fields]) : rec;
}
