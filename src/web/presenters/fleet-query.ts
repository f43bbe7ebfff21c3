import { isOneOf } from '../../domain/enums.js';
import { HEALTHS, type Health, VENDORS, type Vendor } from '../../domain/snapshot.js';

/** The fleet page's filters, sort and view as they live in the URL, so a filtered view is a link to share. */

export const FLEET_SORTS = ['name', 'health', 'capacity', 'alerts', 'lastpoll'] as const;
export type FleetSort = (typeof FLEET_SORTS)[number];
export const FLEET_LAYOUTS = ['cards', 'table'] as const;
export type FleetLayout = (typeof FLEET_LAYOUTS)[number];

export const SORT_LABELS: Record<FleetSort, string> = {
  name: 'Name',
  health: 'Health (worst first)',
  capacity: 'Capacity used (fullest first)',
  alerts: 'Open alerts (most severe first)',
  lastpoll: 'Last poll (oldest first)',
};

export interface FleetQuery {
  vendor: Vendor | null;
  health: Health | null;
  tag: string | null;
  /** Free text matched against name, address and model. */
  q: string;
  sort: FleetSort;
  view: FleetLayout;
  /** 1-based; a page past the end shows the last page (the list may have shrunk since the link was made). */
  page: number;
  /** Systems per page: a thousand cards are a megabyte of HTML nobody reads at once. */
  per: number;
}

// 50 cards fill several screens already; a bigger page costs every refresh of every open screen.
export const FLEET_PER_PAGE = { default: 50, max: 500 } as const;

export const defaultFleetQuery: FleetQuery = { vendor: null, health: null, tag: null, q: '', sort: 'name', view: 'cards', page: 1, per: FLEET_PER_PAGE.default };

const MAX_TEXT = 200;

export type FleetQueryResult = { ok: true; query: FleetQuery } | { ok: false; problems: string[] };

/** One text value per key; an empty value (an untouched select in the GET form) means "no filter". */
function single(raw: Record<string, unknown>, key: string, problems: string[]): string {
  const value = raw[key];
  if (value === undefined) return '';
  if (typeof value !== 'string') {
    problems.push(`"${key}" may be given once`);
    return '';
  }
  if (value.length > MAX_TEXT) problems.push(`"${key}" is longer than ${MAX_TEXT} characters`);
  return value.trim();
}

function oneOf<T extends string>(key: string, value: string, allowed: readonly T[], problems: string[]): T | null {
  if (value === '') return null;
  if (isOneOf(allowed, value)) return value;
  problems.push(`"${key}" must be one of ${allowed.join(', ')} (got "${value.slice(0, 40)}")`);
  return null;
}

/** A whole number from 1 to max; digits only, so "1e3", "+2" and "0x10" are named rather than guessed at. */
function count(key: string, value: string, max: number, fallback: number, problems: string[]): number {
  if (value === '') return fallback;
  const n = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (n >= 1 && n <= max) return n;
  problems.push(`"${key}" must be a whole number from 1 to ${max} (got "${value.slice(0, 40)}")`);
  return fallback;
}

export function parseFleetQuery(raw: Record<string, unknown>): FleetQueryResult {
  const problems: string[] = [];
  const query: FleetQuery = {
    vendor: oneOf('vendor', single(raw, 'vendor', problems), VENDORS, problems),
    health: oneOf('health', single(raw, 'health', problems), HEALTHS, problems),
    tag: single(raw, 'tag', problems) || null,
    q: single(raw, 'q', problems),
    sort: oneOf('sort', single(raw, 'sort', problems), FLEET_SORTS, problems) ?? defaultFleetQuery.sort,
    view: oneOf('view', single(raw, 'view', problems), FLEET_LAYOUTS, problems) ?? defaultFleetQuery.view,
    // Pages past the end are clamped by the presenter, not refused: the cap here only bounds the input.
    page: count('page', single(raw, 'page', problems), 999_999_999, 1, problems),
    per: count('per', single(raw, 'per', problems), FLEET_PER_PAGE.max, FLEET_PER_PAGE.default, problems),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, query };
}

/** "?vendor=pure&sort=health" with defaults left out (short links); "" for the default view. */
export function fleetQueryString(query: FleetQuery, change: Partial<FleetQuery> = {}): string {
  const merged = { ...query, ...change };
  const params = new URLSearchParams();
  if (merged.vendor) params.set('vendor', merged.vendor);
  if (merged.health) params.set('health', merged.health);
  if (merged.tag) params.set('tag', merged.tag);
  if (merged.q) params.set('q', merged.q);
  if (merged.sort !== defaultFleetQuery.sort) params.set('sort', merged.sort);
  if (merged.view !== defaultFleetQuery.view) params.set('view', merged.view);
  if (merged.per !== defaultFleetQuery.per) params.set('per', String(merged.per));
  if (merged.page !== 1) params.set('page', String(merged.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function isFiltered(query: FleetQuery): boolean {
  return query.vendor !== null || query.health !== null || query.tag !== null || query.q !== '';
}
