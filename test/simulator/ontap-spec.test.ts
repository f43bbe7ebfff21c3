// ONTAP has no spec file in ../shared/vendor-specs, so this validates the simulator against JSON
// Schemas written from NetApp's public ONTAP REST reference (ontap-schemas.ts): field names, types,
// enums, the collection envelope, paging links, the error envelope and the query syntax.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import Fastify from 'fastify';
import { registerOntapRoutes } from '../../src/simulator/ontap.js';
import type { SimSystemState, VendorSimContext } from '../../src/simulator/types.js';
import * as schemas from './ontap-schemas.js';

const fixture = path.resolve(import.meta.dirname, '../fixtures/ontap/sim-state-ha.json');
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));

function stateOf(topology: 'ha' | 'metrocluster'): SimSystemState {
  const s = JSON.parse(readFileSync(fixture, 'utf8')) as SimSystemState;
  if (topology === 'metrocluster') {
    s.topology = 'metrocluster';
    s.components = [{ id: 'site-a', kind: 'site', parent: null, state: 'ok' }, { id: 'site-b', kind: 'site', parent: null, state: 'failed' }, ...s.components.map((c) => (c.kind === 'node' ? { ...c, parent: 'site-a' } : c))];
  }
  return s;
}

async function simulator(state: SimSystemState) {
  const ctx: VendorSimContext = { state: () => state, sessions: { issue: () => 't', isValid: () => false, revoke: () => undefined } };
  const app = Fastify();
  await app.register(async (scoped) => registerOntapRoutes(scoped, ctx), { prefix: '/cl1' });
  const auth = `Basic ${Buffer.from(`${state.credentials.username}:${state.credentials.password}`).toString('base64')}`;
  const get = (url: string, authorization = auth) => app.inject({ method: 'GET', url: `/cl1${url}`, headers: { authorization, accept: 'application/json' } });
  return { app, get };
}

const compiled = new Map<Record<string, unknown>, ReturnType<typeof ajv.compile>>();
function valid(schema: Record<string, unknown>, body: unknown, what: string) {
  const fn = compiled.get(schema) ?? ajv.compile(schema);
  compiled.set(schema, fn);
  assert.ok(fn(body), `${what}: ${ajv.errorsText(fn.errors)}\n${JSON.stringify(body).slice(0, 600)}`);
}

const collections: [string, Record<string, unknown>][] = [
  ['/api/cluster/nodes?fields=*', schemas.collection(schemas.nodeSchema)],
  ['/api/storage/aggregates?fields=*', schemas.collection(schemas.aggregateSchema)],
  ['/api/storage/disks?fields=*', schemas.collection(schemas.diskSchema)],
  ['/api/network/ethernet/ports?fields=*', schemas.collection(schemas.portSchema)],
  ['/api/network/ip/interfaces?fields=*', schemas.collection(schemas.interfaceSchema)],
  ['/api/cluster/peers?fields=*', schemas.collection(schemas.peerSchema)],
  ['/api/snapmirror/relationships?fields=*', schemas.collection(schemas.snapmirrorSchema)],
  ['/api/support/ems/events?fields=*', schemas.collection(schemas.emsEventSchema)],
];

for (const topology of ['ha', 'metrocluster'] as const) {
  describe(`ONTAP simulator (${topology}) answers the documented shapes`, async () => {
    const { app, get } = await simulator(stateOf(topology));
    test('GET /api/cluster and /api/cluster/metrocluster', async () => {
      const cluster = await get('/api/cluster');
      assert.equal(cluster.statusCode, 200);
      assert.match(String(cluster.headers['content-type']), /^application\/json/);
      assert.equal(Date.parse(String(cluster.headers.date)), 1795334400000, 'Date header carries the array clock');
      valid(schemas.clusterSchema, cluster.json(), 'cluster');
      const mc = (await get('/api/cluster/metrocluster')).json();
      valid(schemas.metroclusterSchema, mc, 'metrocluster');
      assert.equal(mc.local.configuration_state, topology === 'ha' ? 'not_configured' : 'configured');
    });
    for (const [url, item] of collections) {
      test(`GET ${url}`, async () => {
        const res = await get(url);
        assert.equal(res.statusCode, 200);
        const body = res.json();
        valid(item, body, url);
        assert.ok(body.records.length > 0, 'records present');
      });
    }
    test('close', () => app.close());
  });
}

const diskPage = schemas.collection(schemas.diskSchema);

describe('ONTAP simulator: protocol behaviour', async () => {
  const { app, get } = await simulator(stateOf('ha'));
  test('401 with the error envelope and a Basic challenge on bad credentials', async () => {
    const res = await get('/api/cluster', `Basic ${Buffer.from('sfd-monitor:wrong').toString('base64')}`);
    assert.equal(res.statusCode, 401);
    assert.match(String(res.headers['www-authenticate']), /^Basic/);
    valid(schemas.errorSchema, res.json(), '401');
  });
  test('400 for a field ONTAP does not have; 404 for an unknown API', async () => {
    const bad = await get('/api/cluster/peers?fields=name,availability');
    assert.equal(bad.statusCode, 400);
    valid(schemas.errorSchema, bad.json(), '400');
    assert.equal(bad.json().error.target, 'fields');
    const missing = await get('/api/storage/frobs');
    assert.equal(missing.statusCode, 404);
    valid(schemas.errorSchema, missing.json(), '404');
  });
  test('max_records pages link on with _links.next until the last page', async () => {
    const all = (await get('/api/storage/disks')).json();
    const seen: string[] = [];
    let url: string | undefined = '/api/storage/disks?max_records=4&fields=name,state';
    let pages = 0;
    while (url) {
      const body = (await get(url)).json() as { records: { name: string }[]; num_records: number; _links: { next?: { href: string } } };
      valid(diskPage, body, url);
      assert.equal(body.num_records, body.records.length);
      seen.push(...body.records.map((r) => r.name));
      url = body._links.next?.href;
      pages++;
    }
    assert.equal(pages, Math.ceil(all.num_records / 4));
    assert.deepEqual(seen, all.records.map((r: { name: string }) => r.name));
  });
  test('query syntax: | is OR, ! is NOT, a comma is literal, > compares times', async () => {
    const names = async (url: string) => (await get(url)).json().records.map((r: { message: { name: string } }) => r.message.name);
    assert.deepEqual(new Set(await names('/api/support/ems/events?fields=message.name&message.severity=alert|informational')), new Set(['hm.alert.raised', 'kern.uptime.filer']));
    assert.deepEqual(await names('/api/support/ems/events?fields=message.name&message.severity=alert,informational'), []);
    assert.deepEqual(await names('/api/support/ems/events?fields=message.name&message.name=!hm.alert.*'), ['kern.uptime.filer']);
    assert.equal((await names(`/api/support/ems/events?fields=message.name&time=>${new Date(1795330500000).toISOString()}`)).length, 2);
    const ports = (await get('/api/network/ethernet/ports?type=!vlan')).json().records;
    assert.ok(ports.length > 0 && ports.every((p: { type: string }) => p.type !== 'vlan'));
  });
  test('order_by time desc', async () => {
    const times = (await get('/api/support/ems/events?fields=time&order_by=time%20desc')).json().records.map((r: { time: string }) => Date.parse(r.time));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
  });
  test('close', () => app.close());
});
