// The Data Domain client against the simulator's DD routes on a bare Fastify app over plain HTTP:
// a full poll, the session (one re-login, no loops, logout), paging to the end, 404 facets, and
// wrong-shape JSON. Counting requests on the server side proves what the client really sent.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildSimulator } from '../../src/simulator/app.js';
import { registerDatadomainRoutes } from '../../src/simulator/datadomain.js';
import { noFaults, type SimSystemState, type VendorSimContext } from '../../src/simulator/types.js';
import { type PollLogEntry, type SystemTarget, VendorError, defaultClientOptions } from '../../src/vendors/client.js';
import { createDatadomainClient, createDatadomainClientWith, withDefaultPort } from '../../src/vendors/datadomain/client.js';

const fixture = path.resolve(import.meta.dirname, '../fixtures/datadomain/sim-state.json');
const base = JSON.parse(readFileSync(fixture, 'utf8')) as SimSystemState;

/** What the server saw and what it should do; reset before every test. */
const server = {
  state: base,
  tokens: new Set<string>(),
  /** false: every token is rejected, even a fresh one. */
  acceptTokens: true,
  requests: [] as string[],
  /** Per-path body rewrites, to serve wrong shapes; and paths answered 404. */
  rewrite: new Map<string, (body: any) => unknown>(),
  missing: new Set<string>(),
};
const count = (prefix: string) => server.requests.filter((r) => r.startsWith(prefix)).length;

const ctx: VendorSimContext = {
  state: () => server.state,
  sessions: {
    issue: () => {
      const t = `tok-${server.requests.length}-${server.tokens.size}`;
      server.tokens.add(t);
      return t;
    },
    isValid: (t) => server.acceptTokens && t !== undefined && server.tokens.has(t),
    revoke: (t) => void (t !== undefined && server.tokens.delete(t)),
  },
};

let app: FastifyInstance;
let baseUrl = '';

before(async () => {
  app = Fastify();
  await app.register(
    async (scoped) => {
      scoped.addHook('onRequest', async (req, reply) => {
        const p = req.url.replace(/^\/dd-test-01/, '');
        server.requests.push(`${req.method} ${p}`);
        if (server.missing.has(p.split('?')[0] ?? '')) return reply.code(404).send({ code: 404, details: 'Not found.' });
      });
      scoped.addHook('onSend', async (req, _reply, payload) => {
        const fn = server.rewrite.get(req.url.replace(/^\/dd-test-01/, '').split('?')[0] ?? '');
        return fn && typeof payload === 'string' ? JSON.stringify(fn(JSON.parse(payload))) : payload;
      });
      registerDatadomainRoutes(scoped, ctx);
    },
    { prefix: '/dd-test-01' },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/dd-test-01`;
});
after(() => app.close());
beforeEach(() => {
  server.state = { ...base, now: Date.now() };
  server.tokens.clear();
  server.acceptTokens = true;
  server.requests = [];
  server.rewrite.clear();
  server.missing.clear();
});

const target = (over: Partial<SystemTarget> = {}): SystemTarget => ({
  name: 'dd-test-01',
  vendor: 'datadomain',
  baseUrl,
  credentials: { username: 'sfd-monitor', password: 's3cret!' },
  tls: { mode: 'system' },
  ...over,
});
const options = { ...defaultClientOptions, requestTimeoutMs: 3_000 };
const poll = (client: ReturnType<typeof createDatadomainClient>, log?: (e: PollLogEntry) => void) =>
  client.poll({ signal: AbortSignal.timeout(5_000), ...(log ? { log } : {}) });

async function rejects(p: Promise<unknown>, code: string, reachability: string, message: RegExp): Promise<VendorError> {
  let caught: unknown;
  await p.catch((e: unknown) => {
    caught = e;
  });
  assert.ok(caught instanceof VendorError, `expected a VendorError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.equal(caught.reachability, reachability);
  assert.match(caught.message, message);
  return caught;
}

test('a base URL without a port means port 3009', () => {
  const cases: [string, string][] = [
    ['https://dd01.example', 'https://dd01.example:3009'],
    ['https://dd01.example/', 'https://dd01.example:3009/'],
    ['https://10.0.0.5/proxy/dd', 'https://10.0.0.5:3009/proxy/dd'],
    ['https://[fe80::1]', 'https://[fe80::1]:3009'],
    ['dd01.example', 'https://dd01.example:3009'],
    ['https://dd01.example:443', 'https://dd01.example:443'],
    ['https://dd01.example:3009', 'https://dd01.example:3009'],
  ];
  for (const [input, expected] of cases) assert.equal(withDefaultPort(input), expected, input);
});

test('full poll: identity, capacity, components, active alerts, replication', async () => {
  const client = createDatadomainClient(target(), options);
  const logs: PollLogEntry[] = [];
  const s = await poll(client, (e) => logs.push(e));
  await client.close();
  const TiB = 1024 ** 4;
  assert.equal(s.reachability.status, 'ok');
  assert.deepEqual(s.identity, { vendor: 'datadomain', name: 'dd-test-01', model: 'DD9400', serial: 'CKM00123456789', osVersion: '7.13.0.10-1071418', apiVersion: null, topology: 'ha' });
  assert.deepEqual(s.capacity, { totalBytes: 500 * TiB, usedBytes: 200 * TiB, freeBytes: 300 * TiB, effectiveBytes: 2500 * TiB, dataReductionRatio: 12.5 });
  const parts = Object.fromEntries(s.components.map((c) => [`${c.kind}:${c.name}`, c.state]));
  assert.deepEqual(parts, {
    'node:dd-test-01-node0': 'ok',
    'node:dd-test-01-node1': 'degraded',
    'drive:2.1': 'ok',
    'drive:2.2': 'ok',
    'drive:2.3': 'ok',
    'drive:2.4': 'failed',
    'drive:2.5': 'degraded',
    'drive:2.6': 'ok',
    'drive:2.7': 'offline',
    'port:ethMa': 'ok',
    'port:eth1a': 'ok',
    'port:eth1b': 'degraded',
    'port:eth2a': 'absent',
    'service:filesys': 'ok',
    'service:nfs': 'ok',
    'service:ddboost': 'ok',
    'service:replication': 'ok',
    'service:vtl': 'absent',
    'service:cifs': 'failed',
  });
  const open = base.alerts.filter((a) => a.clearedAt === null);
  assert.deepEqual(
    s.alerts.map((a) => [a.id, a.severity, a.title, a.raisedAt]).sort(),
    open.map((a) => [encodeURIComponent(`0:0:${a.id}`), a.severity, a.title, Math.floor(a.raisedAt / 1000) * 1000]).sort(),
  );
  assert.equal(s.alerts.find((a) => a.title === 'Simulated alert 1')?.component, 'node1.PSU-A');
  assert.deepEqual(
    s.replication.map((r) => [r.state, r.partner]),
    [
      ['ok', 'dd-dr-01.example.com'],
      ['ok', 'dd-test-01-dr.example.com'],
      ['broken', 'dd-dr-02.example.com'],
      ['paused', 'dd-dr-01.example.com'],
    ],
  );
  for (const [r, lag] of s.replication.map((r, i) => [r, base.replication[i]?.lagSeconds ?? 0] as const)) {
    assert.ok(r.lagSeconds !== null && Math.abs(r.lagSeconds - lag) <= 5, `${r.name}: lag ${r.lagSeconds} vs ${lag}`);
  }
  assert.ok(server.requests.includes('GET /rest/v1.0/dd-systems/0/alerts?is_active=true&page=0&size=100'), server.requests.join('\n'));
  assert.ok(logs.some((e) => e.category === 'authentication' && /logged in/.test(e.message)));
  assert.ok(logs.some((e) => e.category === 'data_query'));
});

test('paging is followed to the end with a small page size', async () => {
  const client = createDatadomainClientWith({ pageSize: 2 })(target(), options);
  const s = await poll(client);
  await client.close();
  assert.equal(count('GET /rest/v1.0/dd-systems/0/alerts'), 3, 'five active alerts in pages of two');
  assert.equal(count('GET /api/v1/dd-systems/0/storage/disks'), 4, 'seven disks in pages of two');
  assert.equal(count('GET /api/v1/dd-systems/0/mtree-replications'), 2, 'four contexts in pages of two: total_entries ends it');
  assert.equal(s.alerts.length, 5);
  assert.equal(s.components.filter((c) => c.kind === 'drive').length, 7);
  assert.equal(s.replication.length, 4);
});

test('the session is reused between polls, and an expired token costs exactly one re-login', async () => {
  const client = createDatadomainClient(target(), options);
  await poll(client);
  await poll(client);
  assert.equal(count('POST /rest/v1.0/auth'), 1, 'second poll reuses the token');
  server.tokens.clear(); // every session expires on the array
  const logs: PollLogEntry[] = [];
  const s = await poll(client, (e) => logs.push(e));
  assert.equal(s.reachability.status, 'ok');
  assert.equal(count('POST /rest/v1.0/auth'), 2);
  assert.ok(logs.some((e) => e.level === 'warn' && e.httpStatus === 401));
  await client.close();
});

test('a token rejected right after a fresh login is auth_failed, without a login loop', async () => {
  server.acceptTokens = false;
  const client = createDatadomainClient(target(), options);
  await rejects(poll(client), 'VENDOR_AUTH', 'auth_failed', /rejected a fresh session token/);
  assert.equal(count('POST /rest/v1.0/auth'), 2, 'the first login and exactly one re-login');
  await client.close();
});

test('bad credentials are auth_failed after one login attempt per poll', async () => {
  const client = createDatadomainClient(target({ credentials: { username: 'sfd-monitor', password: 'wrong' } }), options);
  await rejects(poll(client), 'VENDOR_AUTH', 'auth_failed', /rejected the login of user "sfd-monitor"/);
  assert.equal(count('POST /rest/v1.0/auth'), 1);
  await rejects(poll(client), 'VENDOR_AUTH', 'auth_failed', /rejected the login/);
  assert.equal(count('POST /rest/v1.0/auth'), 2, 'one attempt per poll, never a loop');
  assert.equal(count('GET '), 0);
  await client.close();
  assert.equal(count('DELETE '), 0, 'no session, no logout');
});

test('missing credentials fail without contacting the array', async () => {
  const client = createDatadomainClient(target({ credentials: {} }), options);
  await rejects(poll(client), 'VENDOR_AUTH', 'auth_failed', /needs a username and password/);
  assert.deepEqual(server.requests, []);
});

test('close() logs out with DELETE /rest/v1.0/auth, once, and never throws', async () => {
  const client = createDatadomainClient(target(), options);
  await poll(client);
  assert.equal(server.tokens.size, 1);
  await client.close();
  await client.close();
  assert.equal(count('DELETE /rest/v1.0/auth'), 1);
  assert.equal(server.tokens.size, 0, 'the session is gone on the array');
  await createDatadomainClient(target(), options).close(); // never polled: nothing to do
  assert.equal(count('DELETE /rest/v1.0/auth'), 1);
});

test('optional facets answering 404 are skipped; a single node is local', async () => {
  server.state = { ...server.state, topology: 'local' };
  for (const p of ['/api/v1/dd-systems/0/storage/disks', '/rest/v2.0/dd-systems/0/networks/nics', '/rest/v1.0/dd-systems/0/services', '/api/v1/dd-systems/0/mtree-replications']) {
    server.missing.add(p);
  }
  const client = createDatadomainClient(target(), options);
  const s = await poll(client);
  await client.close();
  assert.equal(s.identity.topology, 'local');
  assert.deepEqual(s.components, []);
  assert.deepEqual(s.replication, []);
  assert.equal(s.alerts.length, 5);
});

test('a 404 on a required endpoint is an api_error', async () => {
  server.missing.add('/rest/v1.0/dd-systems/0/alerts');
  const client = createDatadomainClient(target(), options);
  const e = await rejects(poll(client), 'VENDOR_HTTP', 'api_error', /./);
  assert.equal(e.status, 404);
  await client.close();
});

test('wrong-shape JSON and absurd numbers are VENDOR_PARSE naming endpoint and field', async () => {
  const cases: [string, (b: any) => unknown, RegExp][] = [
    ['/rest/v1.0/system', (b) => ({ ...b, name: 42 }), /\/rest\/v1\.0\/system: name is not a string/],
    ['/rest/v1.0/system', (b) => ({ ...b, physical_capacity: { ...b.physical_capacity, used: -5 } }), /physical_capacity.*negative/],
    ['/rest/v1.0/system', () => [1, 2], /response body is not a JSON object/],
    ['/rest/v1.0/dd-systems/0/alerts', (b) => ({ ...b, alert_list: 'none' }), /alerts: .*alert_list is not an array/],
    ['/rest/v1.0/dd-systems/0/alerts', (b) => ({ ...b, paging_info: { total_entries: 'many' } }), /paging_info\.total_entries is not a finite number/],
    ['/api/v1/dd-systems/0/mtree-replications', (b) => ({ ...b, contexts: [{ state: 'NORMAL' }] }), /contexts\[0\]\.id is missing/],
    ['/rest/v1.0/dd-systems/0/alerts', () => null, /alerts: page 0 response body is not a JSON object/],
    ['/rest/v1.0/dd-systems/0/services', () => null, /services: response body is empty/],
  ];
  for (const [p, fn, message] of cases) {
    server.rewrite.clear();
    server.rewrite.set(p, fn);
    const client = createDatadomainClient(target(), options);
    const e = await rejects(poll(client), 'VENDOR_PARSE', 'api_error', message);
    assert.equal(e.endpoint, p);
    await client.close();
  }
});

test('against the whole simulator over HTTPS with a pinned certificate: poll, expiry, faults', async () => {
  const sim = await buildSimulator({ systems: 4, seed: 11 });
  try {
    await sim.listen();
    const spec = sim.specs.find((x) => x.vendor === 'datadomain');
    assert.ok(spec, 'four systems include a Data Domain');
    sim.setFaults(spec.id, noFaults);
    const state = sim.stateOf(spec.id);
    const client = createDatadomainClient(
      target({
        baseUrl: sim.baseUrlOf(spec.id),
        credentials: { username: state.credentials.username, password: state.credentials.password },
        tls: { mode: 'pinned', fingerprintSha256: sim.fingerprintSha256 ?? '' },
      }),
      options,
    );
    const s = await poll(client);
    assert.deepEqual([s.identity.name, s.identity.serial, s.identity.model, s.identity.topology], [state.name, state.serial, state.model, state.topology]);
    assert.equal(s.components.filter((c) => c.kind === 'drive').length, state.components.filter((c) => c.kind === 'drive').length);
    assert.equal(s.replication.length, state.replication.length);
    sim.expireSessions(spec.id);
    assert.equal((await poll(client)).reachability.status, 'ok', 'one re-login after the sessions expired');
    const faults: [Partial<typeof noFaults>, string][] = [
      [{ malformedBody: true }, 'VENDOR_PARSE'],
      [{ htmlError: true }, 'VENDOR_HTTP'],
      [{ errorRate: 1 }, 'VENDOR_HTTP'],
    ];
    for (const [fault, code] of faults) {
      sim.setFaults(spec.id, { ...noFaults, ...fault });
      await rejects(poll(client), code, 'api_error', /GET \/rest\/v1\.0\/system/);
    }
    sim.setFaults(spec.id, noFaults);
    await client.close();
  } finally {
    await sim.close();
  }
});
