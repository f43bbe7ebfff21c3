// The ONTAP client against the simulator's ONTAP routes, over real HTTP on loopback.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { SystemSnapshot } from '../../src/domain/snapshot.js';
import { registerOntapRoutes } from '../../src/simulator/ontap.js';
import type { SimSystemState, VendorSimContext } from '../../src/simulator/types.js';
import { defaultClientOptions, type PollLogEntry, type SystemTarget, type VendorClient, VendorError } from '../../src/vendors/client.js';
import { createOntapClient, createOntapClientWith, defaultOntapTuning } from '../../src/vendors/ontap/client.js';

const fixture = path.resolve(import.meta.dirname, '../fixtures/ontap/sim-state-ha.json');
const baseState = JSON.parse(readFileSync(fixture, 'utf8')) as SimSystemState;

let app: FastifyInstance;
let baseUrl = '';
let state: SimSystemState;
/** Every request the fake array saw: "METHOD /path?query" (decoded). */
let seen: string[] = [];
/** Lets a test corrupt one answer: return [status, body] for a URL, or undefined to keep it. */
let override: ((url: string) => [number, string] | undefined) | null = null;
const clients: VendorClient[] = [];

const ctx: VendorSimContext = { state: () => state, sessions: { issue: () => 'unused', isValid: () => false, revoke: () => undefined } };

before(async () => {
  app = Fastify();
  app.addHook('onRequest', async (req, reply) => {
    const url = decodeURIComponent(req.url.replace('/cl1', ''));
    seen.push(`${req.method} ${url}`);
    const o = override?.(url);
    if (o) return reply.code(o[0]).header('content-type', 'application/json').send(o[1]);
  });
  await app.register(async (scoped) => registerOntapRoutes(scoped, ctx), { prefix: '/cl1' });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `${address}/cl1`;
});
after(async () => app.close());
beforeEach(() => {
  state = structuredClone(baseState);
  seen = [];
  override = null;
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function target(credentials: SystemTarget['credentials'] = { username: 'sfd-monitor', password: 's3cret' }): SystemTarget {
  return { name: 'cl-test-01', vendor: 'ontap', baseUrl, credentials, tls: { mode: 'system' } };
}
function client(t = target(), maxRecords = defaultOntapTuning.maxRecords): VendorClient {
  const c = createOntapClientWith(t, defaultClientOptions, { ...defaultOntapTuning, maxRecords });
  clients.push(c);
  return c;
}
const poll = (c: VendorClient, log?: (e: PollLogEntry) => void) => c.poll({ signal: AbortSignal.timeout(5000), ...(log ? { log } : {}) });

async function rejectsWith(p: Promise<unknown>, code: string, message: RegExp): Promise<VendorError> {
  const err = await p.then(() => assert.fail('poll should fail'), (e: unknown) => e);
  assert.ok(err instanceof VendorError, `expected VendorError, got ${String(err)}`);
  assert.equal(err.code, code);
  assert.match(err.message, message);
  return err;
}
const states = (s: SystemSnapshot, kind: string) => Object.fromEntries(s.components.filter((c) => c.kind === kind).map((c) => [c.name, c.state]));

test('a full poll reads every collection and normalizes the simulated HA pair', async () => {
  const log: PollLogEntry[] = [];
  const s = await poll(createOntapClient(target(), defaultClientOptions), (e) => log.push(e));
  assert.equal(s.reachability.status, 'ok');
  assert.deepEqual(s.identity, { vendor: 'ontap', name: 'cl-test-01', model: 'AFF-A400', serial: '1800001231', osVersion: '9.14.1P4', apiVersion: '9.14', topology: 'ha' });
  assert.deepEqual(s.capacity, { totalBytes: 109951162777600, usedBytes: 43980465111040, freeBytes: 65970697666560, effectiveBytes: null, dataReductionRatio: 2 });
  assert.deepEqual(states(s, 'node'), { 'cl-test-01-01': 'ok', 'cl-test-01-02': 'ok' });
  assert.deepEqual(states(s, 'psu'), { 'cl-test-01-01 power supplies': 'ok', 'cl-test-01-02 power supplies': 'failed' });
  assert.deepEqual(states(s, 'port'), { 'cl-test-01-01:e0a': 'ok', 'cl-test-01-01:e0b': 'failed', 'cl-test-01-01:e0M': 'ok', 'cl-test-01-02:e0a': 'ok', 'cl-test-01-02:e0b': 'ok' });
  assert.equal(Object.keys(states(s, 'drive')).length, 6);
  assert.equal(states(s, 'drive')['1.0.3'], 'failed');
  assert.deepEqual(Object.values(states(s, 'lif')), ['ok', 'ok', 'ok', 'ok']);
  assert.deepEqual(
    s.alerts.map((a) => [a.id, a.severity, a.title]),
    [
      ['ems:hm.alert/cl-test-01-01/drive_failed/1.0.3', 'critical', 'hm.alert.raised: drive_failed'],
      ['ems:hm.alert/cl-test-01-01/support_connection_lost/cl-test-01/1003', 'info', 'hm.alert.raised: support_connection_lost'],
      ['ems:hm.alert/cl-test-01-02/psu_failed/cl-test-01-02.PSU2', 'major', 'hm.alert.raised: psu_failed'],
    ],
    'cleared alert 1002 is closed; alerts raised twice (both EMS queries) appear once',
  );
  assert.deepEqual(
    s.replication.map((r) => [r.kind, r.name, r.state, r.lagSeconds]),
    [
      ['cluster_peer', 'cl-test-01-dr', 'ok', null],
      ['snapmirror', 'svm1:vol_db1', 'ok', 600],
      ['snapmirror', 'svm2:vol_vm2', 'degraded', 90000],
    ],
  );
  const categories = new Set(log.map((e) => e.category));
  for (const c of ['authentication', 'connection', 'data_query', 'api_call'] as const) assert.ok(categories.has(c), `log has ${c} lines`);
});

test('queries use ONTAP syntax: | for OR, ! for NOT, > for the EMS time window from the array clock', async () => {
  await poll(client());
  const ems = seen.filter((u) => u.includes('/api/support/ems/events'));
  assert.equal(ems.length, 2);
  assert.ok(ems.some((u) => u.includes('message.severity=emergency|alert|error')), ems.join('\n'));
  assert.ok(ems.some((u) => u.includes('message.name=hm.alert.raised|hm.alert.cleared|cpeer.unavailable|cpeer.available|')));
  assert.ok(ems.some((u) => u.includes(`time=>${new Date(state.now - 24 * 3600_000).toISOString()}`)), 'window measured on the array Date header');
  assert.ok(seen.some((u) => u.startsWith('GET /api/network/ethernet/ports?') && u.includes('type=!vlan')));
  assert.ok(seen.every((u) => !/=[^&]*,[^&]*&?/.test(u.replace(/fields=[^&]*/, ''))), 'no comma-separated filter values');
});

test('MetroCluster: topology and the MetroCluster link; a 404 from /metrocluster means not configured', async () => {
  state.topology = 'metrocluster';
  state.components = [{ id: 'site-a', kind: 'site', parent: null, state: 'ok' }, { id: 'site-b', kind: 'site', parent: null, state: 'ok' }, ...state.components.map((c) => (c.kind === 'node' ? { ...c, parent: 'site-a' } : c))];
  const mc = await poll(client());
  assert.equal(mc.identity.topology, 'metrocluster');
  assert.deepEqual(mc.replication[0], { kind: 'metrocluster', name: 'cl-test-01', partner: 'cl-test-01-b', state: 'ok', rawState: 'normal', lagSeconds: null });
  assert.equal(mc.components.find((c) => c.name === 'svm1-mc:svm1_data1')?.state, 'absent');

  state = structuredClone(baseState);
  override = (url) => (url.startsWith('/api/cluster/metrocluster') ? [404, '{"error":{"message":"entry doesn\'t exist","code":"4"}}'] : undefined);
  assert.equal((await poll(client())).identity.topology, 'ha');
});

test('paging: small max_records pages are followed to the end via _links.next', async () => {
  const s = await poll(client(target(), 2));
  assert.equal(Object.keys(states(s, 'drive')).length, 6);
  const diskPages = seen.filter((u) => u.startsWith('GET /api/storage/disks'));
  assert.equal(diskPages.length, 3);
  assert.ok(diskPages[0]?.includes('max_records=2'));
  assert.ok(diskPages.slice(1).every((u) => u.includes('start.index=')));
  assert.equal(s.alerts.length, 3, 'EMS pages followed too');
});

test('paging that does not advance is an error, not a loop', async () => {
  override = (url) => (url.startsWith('/api/storage/disks') ? [200, '{"records":[{"name":"1.0.0","state":"present"}],"num_records":1,"_links":{"next":{"href":"/api/storage/disks?start.index=1"}}}'] : undefined);
  await rejectsWith(poll(client()), 'VENDOR_PARSE', /\/api\/storage\/disks _links\.next: paging does not advance/);
  assert.equal(seen.filter((u) => u.startsWith('GET /api/storage/disks')).length, 2);
});

test('bad credentials → auth_failed after exactly one request, never retried', async () => {
  const err = await rejectsWith(poll(client(target({ username: 'sfd-monitor', password: 'wrong' }))), 'VENDOR_AUTH', /401/);
  assert.equal(err.reachability, 'auth_failed');
  assert.deepEqual(seen, ['GET /api/cluster?fields=name,uuid,version']);
  // A second poll tries once more, once: still no loop.
  await rejectsWith(poll(clients[0] ?? client()), 'VENDOR_AUTH', /401/);
  assert.equal(seen.length, 2);
});

test('credentials revoked mid-poll → auth_failed, and each collection asked once', async () => {
  let calls = 0;
  override = (url) => (url.startsWith('/api/cluster?') || ++calls < 3 ? undefined : [401, '{"error":{"message":"not authorized for that command","code":"6691623"}}']);
  await rejectsWith(poll(client()), 'VENDOR_AUTH', /401/);
  const paths = seen.map((u) => u.split('?')[0]);
  assert.equal(new Set(paths).size, paths.length, `no endpoint retried: ${paths.join(', ')}`);
});

test('a role without access to one endpoint (403) → auth_failed naming it', async () => {
  override = (url) => (url.startsWith('/api/snapmirror') ? [403, '{"error":{"message":"not authorized for that command","code":"6"}}'] : undefined);
  await rejectsWith(poll(client()), 'VENDOR_AUTH', /snapmirror/);
});

test('missing credentials → auth_failed without any request', async () => {
  await rejectsWith(poll(client(target({ username: 'sfd-monitor' }))), 'VENDOR_AUTH', /username and password/);
  assert.deepEqual(seen, []);
});

test('wrong-shape JSON and absurd numbers → api_error VENDOR_PARSE naming endpoint and field', async () => {
  const cases: [string, string, RegExp][] = [
    ['/api/storage/aggregates', '{"records":{"name":"aggr1"},"num_records":1}', /\/api\/storage\/aggregates records: missing or not an array/],
    ['/api/storage/aggregates', '{"records":[{"name":"a","space":{"block_storage":{"size":-5,"used":1}}}],"num_records":1}', /block_storage\.size: .*negative/],
    ['/api/cluster/nodes', '{"records":[{"name":"n1","state":["up"]}],"num_records":1}', /nodes records\[0\]\.state: expected a string/],
    ['/api/cluster?', '[1,2,3]', /\/api\/cluster: expected an object/],
    ['/api/support/ems/events', '{"records":[],"num_records":3}', /ems\/events num_records: says 3/],
  ];
  for (const [prefix, body, message] of cases) {
    override = (url) => (url.startsWith(prefix) ? [200, body] : undefined);
    const err = await rejectsWith(poll(client()), 'VENDOR_PARSE', message);
    assert.equal(err.reachability, 'api_error');
  }
});

test('close() releases the transport, never throws, and a later poll reconnects', async () => {
  const c = client();
  await poll(c);
  await c.close();
  await c.close();
  assert.equal((await poll(c)).reachability.status, 'ok');
});
