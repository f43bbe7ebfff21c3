// The StorageGRID client against the simulator's StorageGRID routes over real HTTP (loopback).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerStoragegridRoutes } from '../../src/simulator/storagegrid.js';
import type { SimSystemState, VendorSimContext } from '../../src/simulator/types.js';
import { defaultClientOptions, type PollLogEntry, type SystemTarget, VendorError } from '../../src/vendors/client.js';
import { createStoragegridClient } from '../../src/vendors/storagegrid/client.js';

const fixture = path.resolve(import.meta.dirname, '../fixtures/storagegrid/sim-state.json');
const options = { ...defaultClientOptions, requestTimeoutMs: 3000 };

let state: SimSystemState;
let tokens: Set<string>;
let calls: { method: string; url: string }[];
/** Replaces a route's answer (wrong-shape tests); keyed by path without query. */
let override: Map<string, { code?: number; body: unknown }>;
let app: FastifyInstance;
let baseUrl: string;

const ctx: VendorSimContext = {
  state: () => state,
  sessions: {
    issue: () => {
      const t = `tok-${calls.length}-${tokens.size}`;
      tokens.add(t);
      return t;
    },
    isValid: (t) => t !== undefined && tokens.has(t),
    revoke: (t) => void (t !== undefined && tokens.delete(t)),
  },
};

before(async () => {
  // Kill keep-alive sockets on close: a client left mid-request must not hold the suite open.
  app = Fastify({ forceCloseConnections: true });
  app.addHook('onRequest', async (req) => {
    calls.push({ method: req.method, url: req.url });
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const replaced = override.get(req.url.split('?')[0] ?? '');
    if (replaced === undefined) return payload;
    if (replaced.code !== undefined) reply.code(replaced.code);
    return JSON.stringify(replaced.body);
  });
  await app.register(async (scoped) => registerStoragegridRoutes(scoped, ctx), { prefix: '/sg1' });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `${address}/sg1`;
});
after(() => app.close());
beforeEach(() => {
  state = JSON.parse(readFileSync(fixture, 'utf8'));
  tokens = new Set();
  calls = [];
  override = new Map();
});

function target(credentials: SystemTarget['credentials'] = { username: 'root', password: 'secret' }): SystemTarget {
  return { name: 'sg-lab', vendor: 'storagegrid', baseUrl, credentials, tls: { mode: 'system' } };
}

const logins = () => calls.filter((c) => c.method === 'POST' && c.url.endsWith('/api/v4/authorize')).length;
const poll = (client: ReturnType<typeof createStoragegridClient>, log?: (e: PollLogEntry) => void) =>
  client.poll({ signal: AbortSignal.timeout(5000), log });

async function rejects(p: Promise<unknown>, code: string, pattern: RegExp): Promise<VendorError> {
  let caught: unknown;
  await p.catch((e: unknown) => (caught = e));
  assert.ok(caught instanceof VendorError, `expected a VendorError, got ${String(caught)}`);
  assert.equal(caught.code, code);
  assert.match(caught.message, pattern);
  return caught;
}

test('full poll → snapshot of the simulated multi-site grid', async () => {
  const client = createStoragegridClient(target(), options);
  const log: PollLogEntry[] = [];
  const s = await poll(client, (e) => log.push(e));
  await client.close();
  assert.equal(s.reachability.status, 'ok');
  assert.deepEqual(
    { ...s.identity },
    { vendor: 'storagegrid', name: 'GRID-PROD', model: null, serial: null, osVersion: '11.8.0.3', apiVersion: '4.0', topology: 'multi-site' },
  );
  // Spread over four Storage Nodes, summed back exactly (the remainder goes to the last node).
  assert.deepEqual(s.capacity, { totalBytes: 300000000000001, usedBytes: 120e12, freeBytes: 180000000000001, effectiveBytes: null, dataReductionRatio: null });
  assert.deepEqual(
    s.components.map((c) => `${c.kind}:${c.name}:${c.state}`),
    [
      'site:DC1:ok',
      'site:DC2:ok',
      'node:dc1-adm1:ok',
      'node:dc1-sn1:ok',
      'node:dc1-sn2:ok', // degraded in the model: StorageGRID shows it connected with a major severity
      'node:dc2-sn1:failed',
      'node:dc2-sn2:offline',
      'node:dc2-gw1:ok',
    ],
  );
  assert.match(s.components.find((c) => c.name === 'dc1-sn2')?.detail ?? '', /Storage Node at site DC1; most severe alert: major/);
  assert.match(s.components.find((c) => c.name === 'dc2-gw1')?.detail ?? '', /Gateway Node/);
  assert.deepEqual(
    s.alerts.map((a) => [a.id, a.severity, a.component]),
    [
      ['5f0c1a2b3c4d5e6f', 'critical', 'dc2-sn1'],
      ['6a1b2c3d4e5f6071', 'major', 'dc1-sn2'],
      ['7b2c3d4e5f607182', 'warning', 'dc1-sn1'],
      ['8c3d4e5f60718293', 'warning', 'GRID-PROD'], // info has no StorageGRID level: served as minor
    ],
  );
  assert.equal(s.alerts[0]?.raisedAt, state.now - 3_600_000);
  assert.equal(logins(), 1);
  assert.ok(calls.some((c) => c.url.includes('include=active')));
  assert.ok(log.some((e) => e.category === 'authentication'));
  assert.ok(log.some((e) => e.category === 'data_query'));
  assert.ok(log.some((e) => e.category === 'connection'));
});

test('token is reused across polls; an expired token → exactly one re-authorization', async () => {
  const client = createStoragegridClient(target(), options);
  await poll(client);
  await poll(client);
  assert.equal(logins(), 1, 'second poll reuses the token');
  tokens.clear(); // the grid forgets every token (expiry)
  const s = await poll(client);
  assert.equal(s.reachability.status, 'ok');
  assert.equal(logins(), 2);
  await client.close();
});

test('bad credentials → VENDOR_AUTH (auth_failed), one login attempt, no loop', async () => {
  const client = createStoragegridClient(target({ username: 'root', password: 'wrong' }), options);
  const err = await rejects(poll(client), 'VENDOR_AUTH', /authorize: authorization failed \(HTTP 401\)/);
  assert.equal(err.reachability, 'auth_failed');
  assert.equal(logins(), 1);
  assert.equal(calls.length, 1, 'nothing but the one login was sent');
  await client.close();
});

test('token rejected again right after re-authorizing → VENDOR_AUTH after exactly one re-login', async () => {
  const client = createStoragegridClient(target(), options);
  await poll(client);
  // From now on every GET is refused although authorize keeps succeeding.
  ctx.sessions.isValid = () => false;
  try {
    await rejects(poll(client), 'VENDOR_AUTH', /still unauthorized after re-authorizing/);
    assert.equal(logins(), 2);
  } finally {
    ctx.sessions.isValid = (t) => t !== undefined && tokens.has(t);
    await client.close();
  }
});

test('a stored API token is used as is, rejected tokens fail without any login, and it is never revoked', async () => {
  tokens.add('operator-token');
  const client = createStoragegridClient(target({ apiToken: 'operator-token' }), options);
  assert.equal((await poll(client)).reachability.status, 'ok');
  await client.close();
  assert.ok(tokens.has('operator-token'), 'close() does not revoke an operator token');
  assert.equal(logins(), 0);
  tokens.clear();
  const again = createStoragegridClient(target({ apiToken: 'operator-token' }), options);
  await rejects(poll(again), 'VENDOR_AUTH', /API token was rejected/);
  assert.equal(logins(), 0);
  await again.close();
});

test('lists are not paged by the API: 400 active alerts arrive whole in one request', async () => {
  state.alerts = Array.from({ length: 400 }, (_, i) => ({
    id: `a${i.toString(16).padStart(6, '0')}`,
    severity: 'warning' as const,
    code: 'Test',
    title: `alert ${i}`,
    component: 'dc1-sn1',
    raisedAt: state.now - i,
    clearedAt: null,
  }));
  const client = createStoragegridClient(target(), options);
  const s = await poll(client);
  await client.close();
  assert.equal(s.alerts.length, 400);
  assert.equal(new Set(s.alerts.map((a) => a.id)).size, 400);
  assert.equal(calls.filter((c) => c.url.includes('/grid/alerts')).length, 1);
});

test('close() revokes the token it obtained (DELETE /authorize) and never throws', async () => {
  const client = createStoragegridClient(target(), options);
  await poll(client);
  assert.equal(tokens.size, 1);
  await client.close();
  assert.equal(tokens.size, 0);
  assert.ok(calls.some((c) => c.method === 'DELETE' && c.url.endsWith('/api/v4/authorize')));
  await client.close(); // twice is fine
  await createStoragegridClient(target(), options).close(); // never polled: nothing to do
});

test('wrong-shape JSON → VENDOR_PARSE (api_error) naming endpoint and field', async () => {
  const cases: [string, unknown, RegExp][] = [
    ['/sg1/api/v4/grid/node-health', { status: 'success', apiVersion: '4.0', data: { nodes: [] } }, /node-health: data is not an array/],
    ['/sg1/api/v4/grid/config/product-version', { status: 'success', apiVersion: '4.0', data: {} }, /product-version: data\.productVersion is missing/],
    ['/sg1/api/v4/grid/metric-query', { status: 'success', apiVersion: '4.0', data: { resultType: 'vector', result: [{ metric: {}, value: [1, '-5'] }] } }, /negative/],
    ['/sg1/api/v4/grid/health', { status: 'success', apiVersion: '4.0', data: { nodes: { connected: -1 } } }, /health: data\.nodes\.connected is not a non-negative integer/],
  ];
  for (const [url, body, pattern] of cases) {
    override = new Map([[url, { body }]]);
    const client = createStoragegridClient(target(), options);
    const err = await rejects(poll(client), 'VENDOR_PARSE', pattern);
    assert.equal(err.reachability, 'api_error');
    await client.close();
  }
});

test('topology endpoint gone (404; it is deprecated in v4) → sites from node health, poll still ok', async () => {
  override = new Map([['/sg1/api/v4/grid/health/topology', { code: 404, body: { status: 'error', apiVersion: '4.0', code: 404, message: { text: 'not found' } } }]]);
  const client = createStoragegridClient(target(), options);
  const s = await poll(client);
  await client.close();
  assert.equal(s.identity.topology, 'multi-site');
  assert.equal(s.identity.name, 'sg-lab', 'no grid name without topology: the operator name is used');
  assert.deepEqual(
    s.components.filter((c) => c.kind === 'site').map((c) => `${c.name}:${c.state}`),
    ['DC1:ok', 'DC2:ok'],
  );
});

test('topology answering 200 with an error envelope → VENDOR_PARSE', async () => {
  override = new Map([['/sg1/api/v4/grid/health/topology', { body: { status: 'error', apiVersion: '4.0' } }]]);
  const client = createStoragegridClient(target(), options);
  await rejects(poll(client), 'VENDOR_PARSE', /topology: status is "error"/);
  await client.close();
});
