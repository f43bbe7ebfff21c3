import { type ClientOptions, type CreateVendorClient, type PollContext, type PollLogEntry, type SystemTarget, type VendorClient, VendorError } from '../client.js';
import { createVendorHttp, type VendorHttp } from '../http.js';
import { PAIRED_EVENT_NAMES, SEVERE_EMS_SEVERITIES, UNPAIRED_EVENT_WINDOW_MS } from './normalize-ems.js';
import { normalizeOntap } from './normalize.js';
import { readAll } from './paging.js';
import type { OntapMetrocluster, OntapPollData } from './wire.js';

/**
 * ONTAP 9 REST client: HTTP only. ONTAP has no session: HTTP Basic goes with every request, so a
 * 401 is final — resending the same credentials could only add failed attempts towards the
 * account's lockout. Every collection is read to its last `_links.next` page. Value lists in
 * filters use `|`, ONTAP's OR (a comma would be taken literally and match nothing).
 */

export interface OntapClientTuning {
  /** `max_records` per page; small values are for tests that must see paging. */
  maxRecords: number;
  /** How far back raise/clear events are read: a problem raised earlier than this is not seen. */
  eventLookbackMs: number;
}

export const defaultOntapTuning: OntapClientTuning = { maxRecords: 500, eventLookbackMs: 7 * 24 * 3600 * 1000 };

const EVENT_FIELDS = 'index,time,message.name,message.severity,log_message,node.name,parameters';

/** The collections one poll reads: fields asked by name (ONTAP omits "expensive" ones otherwise). */
const COLLECTIONS = {
  nodes: ['/api/cluster/nodes', { fields: 'uuid,name,state,model,serial_number,version,ha.enabled,ha.partners,ha.takeover.state,ha.giveback.state,controller.failed_power_supply,controller.failed_fan,controller.over_temperature' }],
  aggregates: ['/api/storage/aggregates', { fields: 'uuid,name,state,home_node.name,space.block_storage,space.efficiency' }],
  disks: ['/api/storage/disks', { fields: 'name,state,container_type,model,serial_number,node.name' }],
  // VLAN ports only mirror their physical port.
  ports: ['/api/network/ethernet/ports', { fields: 'uuid,name,node.name,state,type,enabled,broadcast_domain.name', type: '!vlan' }],
  interfaces: ['/api/network/ip/interfaces', { fields: 'uuid,name,state,enabled,svm.name,location.home_node.name,location.node.name' }],
  peers: ['/api/cluster/peers', { fields: 'uuid,name,status,remote.name' }],
  snapmirror: ['/api/snapmirror/relationships', { fields: 'uuid,healthy,state,lag_time,unhealthy_reason,source,destination' }],
} as const satisfies Record<string, readonly [string, Record<string, string>]>;

export function createOntapClientWith(target: SystemTarget, options: ClientOptions, tuning: OntapClientTuning = defaultOntapTuning): VendorClient {
  let http: VendorHttp | null = null;
  // The transport outlives one poll, so its log lines go to whichever poll is running now.
  let currentLog: PollContext['log'];
  const log = (entry: PollLogEntry) => currentLog?.(entry);

  async function poll(ctx: PollContext) {
    currentLog = ctx.log;
    const { username, password } = target.credentials;
    if (!username || !password) {
      log({ level: 'error', category: 'authentication', message: 'no username/password configured' });
      throw new VendorError('VENDOR_AUTH', 'ONTAP: a username and password are required (HTTP Basic)');
    }
    http ??= createVendorHttp(target, options, log);
    const transport = http;
    // The first failure ends the poll; the other requests (and their paging) stop with it.
    const stop = new AbortController();
    const signal = AbortSignal.any([ctx.signal, stop.signal]);
    const headers = { authorization: `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`, accept: 'application/json' };
    const get = (path: string, query?: Record<string, string | number>, okStatuses?: readonly number[]) =>
      transport.request({ method: 'GET', path, headers, signal, ...(query ? { query } : {}), ...(okStatuses ? { okStatuses } : {}) });

    const clusterRes = await get('/api/cluster', { fields: 'name,uuid,version' }).catch((e: unknown) => {
      if (e instanceof VendorError && e.code === 'VENDOR_AUTH') {
        log({ level: 'error', category: 'authentication', message: `HTTP Basic refused for ${username}; not retried (lockout risk)`, httpStatus: e.status ?? null, endpoint: e.endpoint ?? null });
      }
      throw e;
    });
    log({ level: 'info', category: 'authentication', message: `HTTP Basic accepted for ${username}`, endpoint: clusterRes.endpoint, httpStatus: clusterRes.status });
    log({ level: 'info', category: 'connection', message: 'cluster answered', endpoint: clusterRes.endpoint, httpStatus: clusterRes.status });
    // The array's own clock (Date header) anchors the EMS windows: it may differ from ours.
    const arrayNow = Date.parse(clusterRes.headers.date ?? '');
    const clockMs = Number.isFinite(arrayNow) ? arrayNow : Date.now();

    const list = async (name: string, path: string, query: Record<string, string>) => {
      const { records, pages } = await readAll(path, { ...query, max_records: tuning.maxRecords }, get);
      log({ level: 'debug', category: 'data_query', message: `${name}: ${records.length} records in ${pages} page(s)`, endpoint: `GET ${path}` });
      return records;
    };
    const iso = (ms: number) => new Date(ms).toISOString();
    const reads = Promise.all([
      // Not a MetroCluster: ONTAP answers not_configured, or 404 on some releases and platforms.
      get('/api/cluster/metrocluster', { fields: 'configuration_type,local,remote' }, [200, 404]).then((r) => (r.status === 404 ? null : (r.body as OntapMetrocluster))),
      ...Object.entries(COLLECTIONS).map(([name, [path, query]]) => list(name, path, query)),
      list('raise/clear events', '/api/support/ems/events', {
        'message.name': PAIRED_EVENT_NAMES.join('|'),
        time: `>${iso(clockMs - tuning.eventLookbackMs)}`,
        fields: EVENT_FIELDS,
      }),
      list('severe events', '/api/support/ems/events', {
        'message.severity': SEVERE_EMS_SEVERITIES.join('|'),
        time: `>${iso(clockMs - UNPAIRED_EVENT_WINDOW_MS)}`,
        fields: EVENT_FIELDS,
      }),
    ] as const);
    const [metrocluster, nodes, aggregates, disks, ports, interfaces, peers, snapmirror, paired, severe] = await reads.catch((e: unknown) => {
      stop.abort();
      throw e;
    });
    const data: OntapPollData = {
      cluster: clusterRes.body as OntapPollData['cluster'],
      metrocluster: metrocluster as OntapMetrocluster | null,
      nodes: nodes as OntapPollData['nodes'],
      aggregates: aggregates as OntapPollData['aggregates'],
      disks: disks as OntapPollData['disks'],
      ports: ports as OntapPollData['ports'],
      interfaces: interfaces as OntapPollData['interfaces'],
      peers: peers as OntapPollData['peers'],
      snapmirror: snapmirror as OntapPollData['snapmirror'],
      events: [...(paired as unknown[]), ...(severe as unknown[])] as OntapPollData['events'],
      clockMs,
    };
    const snapshot = normalizeOntap(data, Date.now());
    log({ level: 'info', category: 'data_query', message: `polled: ${snapshot.components.length} components, ${snapshot.alerts.length} open alerts` });
    return snapshot;
  }

  return {
    poll,
    async close() {
      // Nothing to log out of (HTTP Basic); only the connection pool is released.
      const h = http;
      http = null;
      await h?.close().catch(() => undefined);
    },
  };
}

export const createOntapClient: CreateVendorClient = (target, options) => createOntapClientWith(target, options);
