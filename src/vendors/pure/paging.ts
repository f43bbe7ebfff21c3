import { VendorError } from '../client.js';
import type { HttpResponse } from '../http.js';

/**
 * FlashArray list paging: ask with `limit`, follow `continuation_token` (in the body, or in the
 * `x-next-token` header as the spec describes) until none comes back. Arrays whose endpoint only
 * says `more_items_remaining` (hardware, arrays/space document `offset` only) are walked by offset.
 * A page that does not advance is an error, never an endless loop.
 */

export const MAX_PAGES = 1000;

export type FetchPage = (query: Record<string, string | number | undefined>) => Promise<HttpResponse>;

export interface ListResult {
  items: unknown[];
  pages: number;
}

function parseError(endpoint: string, message: string): VendorError {
  return new VendorError('VENDOR_PARSE', `Pure ${endpoint}: ${message}`, { endpoint });
}

interface Envelope {
  items: unknown[];
  next: string | null;
  more: boolean;
}

export function readEnvelope(endpoint: string, res: HttpResponse): Envelope {
  const body = res.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw parseError(endpoint, 'response is not a JSON object');
  const { items, continuation_token: token, more_items_remaining: more } = body as Record<string, unknown>;
  if (!Array.isArray(items)) throw parseError(endpoint, '"items" is missing or not an array');
  if (token != null && typeof token !== 'string') throw parseError(endpoint, '"continuation_token" is not a string');
  if (more != null && typeof more !== 'boolean') throw parseError(endpoint, '"more_items_remaining" is not a boolean');
  const header = res.headers['x-next-token'];
  const next = (token || header || null) as string | null;
  return { items, next, more: more === true };
}

export async function readAllPages(endpoint: string, pageSize: number, baseQuery: Record<string, string | undefined>, fetchPage: FetchPage): Promise<ListResult> {
  const items: unknown[] = [];
  const seenTokens = new Set<string>();
  let query: Record<string, string | number | undefined> = { ...baseQuery, limit: pageSize };
  for (let pages = 1; pages <= MAX_PAGES; pages++) {
    const page = readEnvelope(endpoint, await fetchPage(query));
    items.push(...page.items);
    // An empty page ends the walk even if a token came with it: nothing more can follow.
    if (page.next && page.items.length > 0) {
      if (seenTokens.has(page.next)) throw parseError(endpoint, 'continuation_token repeats; paging does not advance');
      seenTokens.add(page.next);
      query = { ...baseQuery, limit: pageSize, continuation_token: page.next };
    } else if (page.more && !page.next) {
      if (page.items.length === 0) throw parseError(endpoint, 'more_items_remaining is true but the page is empty');
      query = { ...baseQuery, limit: pageSize, offset: items.length };
    } else {
      return { items, pages };
    }
  }
  throw parseError(endpoint, `more than ${MAX_PAGES} pages; refusing to read further`);
}
