/**
 * Reading page filters from the query string. Filters are plain GET parameters so a filtered view
 * is a link to share; an empty value (a form's "any" choice) means no filter, and a value that
 * cannot be meant is refused with a 400 naming the parameter rather than silently ignored.
 */

export type Query = Record<string, unknown>;

export class BadParamError extends Error {
  readonly statusCode = 400;
  readonly code = 'bad_request';
}

/** The parameter's text, or undefined when absent or blank. A repeated parameter uses its first value. */
export function textParam(query: Query, name: string): string | undefined {
  const raw = query[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function enumParam<T extends string>(query: Query, name: string, allowed: readonly T[]): T | undefined {
  const value = textParam(query, name);
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new BadParamError(`${name} must be one of ${allowed.join(', ')} (got "${value.slice(0, 40)}")`);
}

export function idParam(query: Query, name: string): number | undefined {
  const value = textParam(query, name);
  if (value === undefined) return undefined;
  if (/^[1-9]\d{0,15}$/.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
  throw new BadParamError(`${name} must be a positive whole number (got "${value.slice(0, 40)}")`);
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A `datetime-local` value (or a bare date), read as UTC: the page says so next to the inputs,
 * because the server cannot know the browser's zone and the stored times are UTC.
 */
export function utcDateTimeParam(query: Query, name: string): number | undefined {
  const value = textParam(query, name);
  if (value === undefined) return undefined;
  const m = LOCAL_DATE_TIME.exec(value);
  if (m) {
    const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((part) => part ?? undefined) as string[];
    const at = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    // Date.UTC rolls 2026-02-31 over into March; a date that does not round-trip was not a date.
    const back = new Date(at);
    if (back.getUTCMonth() === Number(mo) - 1 && back.getUTCDate() === Number(d) && Number(h) < 24 && Number(mi) < 60 && Number(s) < 60) return at;
  }
  throw new BadParamError(`${name} must be a UTC date and time like 2026-11-22T14:30 (got "${value.slice(0, 40)}")`);
}

/** The inverse for the form: epoch ms back into a `datetime-local` value. */
export function toDateTimeLocal(at: number | undefined): string {
  return at === undefined ? '' : new Date(at).toISOString().slice(0, 16);
}

/** A query string of the non-empty values, for links that keep the current filters. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
