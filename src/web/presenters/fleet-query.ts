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
}

export const defaultFleetQuery: FleetQuery = { vendor: null, health: null, tag: null, q: '', sort: 'name', view: 'cards' };

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

export function parseFleetQuery(raw: Record<string, unknown>): FleetQueryResult {
  const problems: string[] = [];
  const query: FleetQuery = {
    vendor: oneOf('vendor', single(raw, 'vendor', problems), VENDORS, problems),
    health: oneOf('health', single(raw, 'health', problems), HEALTHS, problems),
    tag: single(raw, 'tag', problems) || null,
    q: single(raw, 'q', problems),
    sort: oneOf('sort', single(raw, 'sort', problems), FLEET_SORTS, problems) ?? defaultFleetQuery.sort,
    view: oneOf('view', single(raw, 'view', problems), FLEET_LAYOUTS, problems) ?? defaultFleetQuery.view,
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
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function isFiltered(query: FleetQuery): boolean {
  return query.vendor !== null || query.health !== null || query.tag !== null || query.q !== '';
}
