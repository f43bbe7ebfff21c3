import type { HttpResponse } from '../http.js';
import { parseError } from './shape.js';

/**
 * ONTAP collection paging: ask with `max_records`, then follow `_links.next.href` until it is gone.
 * ONTAP can also cut a page short on `return_timeout` and still link the rest, so the link is followed
 * regardless of the page size. A link that repeats is an error, never an endless loop.
 */

export const MAX_PAGES = 10_000;

export type FetchPath = (path: string, query?: Record<string, string | number>) => Promise<HttpResponse>;

interface Page {
  records: unknown[];
  next: string | null;
}

export function readCollection(endpoint: string, body: unknown): Page {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw parseError(endpoint, 'response is not a JSON object');
  const { records, num_records: count, _links: links } = body as Record<string, unknown>;
  if (!Array.isArray(records)) throw parseError(`${endpoint} records`, 'missing or not an array');
  if (count !== undefined && (typeof count !== 'number' || count !== records.length)) {
    throw parseError(`${endpoint} num_records`, `says ${String(count)} but the page has ${records.length} records`);
  }
  let next: string | null = null;
  if (links !== undefined && links !== null) {
    if (typeof links !== 'object') throw parseError(`${endpoint} _links`, 'not an object');
    const n = (links as Record<string, unknown>).next;
    if (n !== undefined && n !== null) {
      const href = typeof n === 'object' ? (n as Record<string, unknown>).href : undefined;
      if (typeof href !== 'string' || !href.includes('/api/')) throw parseError(`${endpoint} _links.next.href`, 'not an /api/ link');
      next = href;
    }
  }
  return { records, next };
}

/**
 * All records of a collection. The href is relative to the array's root ("/api/…?start…"); only
 * the part from "/api/" on is kept, so a base URL with a path prefix (a proxy) still applies.
 */
export async function readAll(endpoint: string, query: Record<string, string | number>, fetch: FetchPath): Promise<{ records: unknown[]; pages: number }> {
  const records: unknown[] = [];
  const seen = new Set<string>();
  let page = readCollection(endpoint, (await fetch(endpoint, query)).body);
  for (let pages = 1; ; pages++) {
    records.push(...page.records);
    if (page.next === null) return { records, pages };
    if (page.records.length === 0) throw parseError(`${endpoint} _links.next`, 'an empty page links to another page');
    if (seen.has(page.next) || pages >= MAX_PAGES) throw parseError(`${endpoint} _links.next`, 'paging does not advance');
    seen.add(page.next);
    page = readCollection(endpoint, (await fetch(page.next.slice(page.next.indexOf('/api/')))).body);
  }
}
