import { type FleetQuery, fleetQueryString } from './fleet-query.js';

export interface FleetPaging {
  /** The page shown: the requested one, or the last when the request went past the end. */
  page: number;
  pages: number;
  per: number;
  /** 1-based positions of the first and last system shown; 0 and 0 when nothing matches. */
  from: number;
  to: number;
  /** Systems that passed the filters, on all pages. */
  matched: number;
  prev: string | null;
  next: string | null;
}

/** One page of the filtered, sorted list; the page number is clamped into range, never refused. */
export function pageOf<T>(items: readonly T[], query: FleetQuery): { items: T[]; query: FleetQuery; paging: FleetPaging } {
  const pages = Math.max(1, Math.ceil(items.length / query.per));
  const page = Math.min(query.page, pages);
  const start = (page - 1) * query.per;
  const shown = items.slice(start, start + query.per);
  const effective = { ...query, page };
  return {
    items: shown,
    query: effective,
    paging: {
      page,
      pages,
      per: query.per,
      from: shown.length === 0 ? 0 : start + 1,
      to: start + shown.length,
      matched: items.length,
      prev: page > 1 ? `/${fleetQueryString(effective, { page: page - 1 })}` : null,
      next: page < pages ? `/${fleetQueryString(effective, { page: page + 1 })}` : null,
    },
  };
}
