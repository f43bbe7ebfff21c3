import {
  type ClientOptions,
  type CreateVendorClient,
  type PollContext,
  type PollLogEntry,
  type SystemTarget,
  type VendorClient,
  VendorError,
} from '../client.js';
import type { SystemSnapshot } from '../../domain/snapshot.js';
import { createVendorHttp, type VendorHttp } from '../http.js';
import { type DatadomainResponses, normalizeDatadomain } from './normalize.js';
import { DD_LIST_KEYS, DD_PATHS } from './paths.js';
import { DdSession, NOT_AVAILABLE } from './session.js';
import { Reader } from './shape.js';

/** Data Domain's REST API listens on 3009, not 443: a base URL without a port means that one. */
export const DATADOMAIN_DEFAULT_PORT = 3009;

export function withDefaultPort(baseUrl: string): string {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(baseUrl) ? baseUrl : `https://${baseUrl}`;
  // Checked on the text, because URL drops an explicit default port (":443") that the operator meant.
  const m = /^([a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?(?:\[[^\]]*\]|[^/?#:]*))(:\d*)?(.*)$/i.exec(url);
  if (!m || (m[2] !== undefined && m[2] !== ':')) return url;
  return `${m[1]}:${DATADOMAIN_DEFAULT_PORT}${m[3] ?? ''}`;
}

export interface DatadomainTuning {
  /** Entries asked per page (`size`). */
  pageSize: number;
  /** A guard against a server whose paging never ends. */
  maxPages: number;
}

const defaultTuning: DatadomainTuning = { pageSize: 100, maxPages: 500 };
type Query = Record<string, string | number | boolean | undefined>;

/** Follows page/size until paging_info says everything was read. null: the endpoint answered 404. */
async function readPages(session: DdSession, path: string, key: string, query: Query, signal: AbortSignal, optional: boolean, tuning: DatadomainTuning): Promise<unknown[] | null> {
  const pages: unknown[] = [];
  let seen = 0;
  for (let page = 0; page < tuning.maxPages; page++) {
    const body = await session.get(path, { ...query, page, size: tuning.pageSize }, signal, optional && page === 0);
    if (body === NOT_AVAILABLE) return null;
    pages.push(body);
    const r = new Reader(path, `page ${page}`);
    const o = Reader.object(path, `page ${page} response body`, body);
    const count = r.optArray(o, key).length;
    seen += count;
    const paging = r.optObject(o, 'paging_info');
    // No paging_info: the server did not page, so everything came at once.
    if (paging === null || count === 0) return pages;
    const total = r.child('paging_info').optNumber(paging, 'total_entries');
    if (total !== null ? seen >= total : count < tuning.pageSize) return pages;
  }
  throw new VendorError('VENDOR_PARSE', `Data Domain ${path}: paging did not end after ${tuning.maxPages} pages`, { endpoint: path });
}

async function pollOnce(session: DdSession, signal: AbortSignal, tuning: DatadomainTuning): Promise<DatadomainResponses> {
  const pages = (path: string, key: string, optional: boolean, query: Query = {}) => readPages(session, path, key, query, signal, optional, tuning);
  // Sequential on purpose: one session, and at most one re-login, shared by every call.
  const system = await session.get(DD_PATHS.system, {}, signal, false);
  const optional = async (path: string) => {
    const body = await session.get(path, {}, signal, true);
    if (body === null) throw new VendorError('VENDOR_PARSE', `Data Domain ${path}: response body is empty`, { endpoint: path });
    return body === NOT_AVAILABLE ? null : body;
  };
  const ha = await optional(DD_PATHS.ha);
  const alertPages = (await pages(DD_PATHS.alerts, DD_LIST_KEYS.alerts, false, { is_active: true })) ?? [];
  const diskPages = await pages(DD_PATHS.disks, DD_LIST_KEYS.disks, true);
  const nicPages = await pages(DD_PATHS.nics, DD_LIST_KEYS.nics, true);
  const services = await optional(DD_PATHS.services);
  const replicationPages = await pages(DD_PATHS.replications, DD_LIST_KEYS.replications, true);
  return { system, ha, alertPages, diskPages, nicPages, services, replicationPages };
}

export function createDatadomainClientWith(tuning: Partial<DatadomainTuning>): CreateVendorClient {
  const settings: DatadomainTuning = { ...defaultTuning, ...tuning };
  return (target: SystemTarget, options: ClientOptions): VendorClient => {
    const baseUrl = withDefaultPort(target.baseUrl);
    let log: ((entry: PollLogEntry) => void) | undefined;
    const forward = (entry: PollLogEntry) => log?.(entry);
    let http: VendorHttp | null = null;
    let session: DdSession | null = null;

    return {
      async poll(ctx: PollContext): Promise<SystemSnapshot> {
        log = ctx.log;
        const polledAt = Date.now();
        if (http === null || session === null) {
          http = createVendorHttp({ baseUrl, tls: target.tls }, options, forward);
          session = new DdSession(http, target);
          log?.({ level: 'info', category: 'connection', message: `connecting to ${baseUrl}`, endpoint: null });
        }
        session.startPoll(forward);
        try {
          const responses = await pollOnce(session, ctx.signal, settings);
          const snapshot = normalizeDatadomain(responses, polledAt);
          log?.({
            level: 'info',
            category: 'data_query',
            message: `read ${snapshot.alerts.length} active alerts, ${snapshot.components.length} components, ${snapshot.replication.length} replication contexts`,
          });
          return snapshot;
        } catch (e) {
          if (e instanceof VendorError) throw e;
          // Anything else is a bug on our side; the contract still promises a VendorError.
          throw new VendorError('VENDOR_PARSE', `Data Domain: unexpected failure while reading the system: ${(e as Error).message}`, { cause: e });
        }
      },

      async close(): Promise<void> {
        const h = http;
        const s = session;
        http = null;
        session = null;
        if (s) await s.logout(options.requestTimeoutMs);
        if (h) await h.close().catch(() => undefined);
      },
    };
  };
}

export const createDatadomainClient: CreateVendorClient = createDatadomainClientWith({});
