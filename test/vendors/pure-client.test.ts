// The FlashArray client against the simulator's FlashArray routes, over real HTTP on loopback.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerPureRoutes } from '../../src/simulator/pure.js';
import type { SimSystemState, VendorSimContext } from '../../src/simulator/types.js';
import { defaultClientOptions, type PollLogEntry, type SystemTarget, type VendorClient, VendorError } from '../../src/vendors/client.js';
import { createPureClient, createPureClientWith } from '../../src/vendors/pure/client.js';
import { type FetchPage, readAllPages } from '../../src/vendors/pure/paging.js';
import type { HttpResponse } from '../../src/vendors/http.js';

const fixture = path.resolve(import.meta.dirname, '../fixtures/pure/sim-state.json');
const baseState = JSON.parse(readFileSync(fixture, 'utf8')) as SimSystemState;

let app: FastifyInstance;
let baseUrl = '';
let state: SimSystemState;
/** Every request the fake array saw: "METHOD /path?query". */
let seen: string[] = [];
const tokens = new Set<string>();
let sessionsBroken = false;
/** Lets a test corrupt one answer: return a new body for a URL, or undefined to keep it. */
let rewrite: ((url: string) => string | undefined) | null = null;
/** Lets a test answer one path with a bare status instead of the simulator. */
let forceStatus: { suffix: string; status: number } | null = null;
const clients: VendorClient[] = [];

const ctx: VendorSimContext = {
  state: () => state,
  sessions: {
    issue: () => {
      const t = `session-${seen.length}-${tokens.size}`;
      tokens.add(t);
      return t;
    },
    isValid: (t) => !sessionsBroken && t !== undefined && tokens.has(t),
    revoke: (t) => void (t !== undefined && tokens.delete(t)),
  },
};

before(async () => {
  app = Fastify();
  app.addHook('onRequest', async (req, reply) => {
    seen.push(`${req.method} ${decodeURIComponent(req.url.replace('/fa-sim-01', ''))}`);
    if (forceStatus && req.url.split('?')[0]?.endsWith(forceStatus.suffix)) {
      await reply.code(forceStatus.status).send({ errors: [{ message: 'forced by the test' }] });
    }
  });
  app.addHook('onSend', async (req, _reply, payload) => rewrite?.(req.url) ?? payload);
  await app.register(async (scoped) => registerPureRoutes(scoped, ctx), { prefix: '/fa-sim-01' });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `${address}/fa-sim-01`;
});

after(async () => {
  await app.close();
});

beforeEach(() => {
  state = structuredClone(baseState);
  seen = [];
  tokens.clear();
  sessionsBroken = false;
  rewrite = null;
  forceStatus = null;
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function target(apiToken = baseState.credentials.apiToken): SystemTarget {
  return { name: 'fa-sim-01', vendor: 'pure', baseUrl, credentials: { apiToken }, tls: { mode: 'system' } };
}

function client(opts: { apiToken?: string; pageSize?: number } = {}): VendorClient {
  const c = createPureClientWith(target(opts.apiToken), { ...defaultClientOptions, requestTimeoutMs: 3000 }, { pageSize: opts.pageSize ?? 500, logoutTimeoutMs: 1000 });
  clients.push(c);
  return c;
}

const pollCtx = (log?: (e: PollLogEntry) => void) => ({ signal: AbortSignal.timeout(5000), log });
const count = (prefix: string) => seen.filter((s) => s.startsWith(prefix)).length;

async function rejectsWith(p: Promise<unknown>, code: string, reachability: string, mention: RegExp): Promise<VendorError> {
  let caught: unknown;
  await p.catch((e: unknown) => {
    caught = e;
  });
  assert.ok(caught instanceof VendorError, `expected a VendorError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.equal(caught.reachability, reachability);
  assert.match(caught.message, mention);
  return caught;
}

test('a full poll yields the expected snapshot', async () => {
  const logs: PollLogEntry[] = [];
  const s = await client().poll(pollCtx((e) => logs.push(e)));
  assert.equal(s.reachability.status, 'ok');
  assert.deepEqual(s.identity, { vendor: 'pure', name: 'fa-sim-01', model: 'FA-X50R4', serial: 'PCHFL4242B777', osVersion: '6.6.11', apiVersion: '2.26', topology: 'ha' });
  assert.equal(s.capacity?.totalBytes, baseState.capacity.totalBytes);
  assert.equal(s.capacity?.usedBytes, baseState.capacity.usedBytes);
  assert.equal(s.capacity?.dataReductionRatio, 3.5);
  const bad = s.components.filter((c) => c.state !== 'ok' && c.state !== 'absent').map((c) => `${c.kind}:${c.name}:${c.state}`);
  assert.deepEqual(bad.sort(), ['drive:CH0.BAY3:failed', 'fan:CT1.FAN0:failed', 'psu:CH0.PWR1:degraded']);
  assert.deepEqual(s.alerts.map((a) => [a.id, a.severity, a.component]), [
    ['101', 'critical', 'CH0.BAY3'],
    ['102', 'warning', 'CH0.PWR1'],
    ['103', 'info', null],
  ]);
  assert.deepEqual(s.replication.map((r) => [r.kind, r.name, r.state]), [['array_connection', 'fa-dr-07', 'ok']]);
  assert.ok(seen.includes("GET /api/2.26/alerts?filter=state='open'&limit=500"), seen.join('\n'));
  assert.ok(logs.some((l) => l.category === 'authentication' && /logged in/.test(l.message)));
  assert.ok(logs.some((l) => l.category === 'connection' && /2\.26/.test(l.message)));
  assert.equal(logs.filter((l) => l.category === 'data_query').length, 8);
});

test('active-cluster: stretched pod and sync connection from the simulator', async () => {
  state.topology = 'active-cluster';
  state.replication.push({ id: 'r2', name: 'pod-db', partner: 'fa-sim-02', state: 'lagging', lagSeconds: 30 });
  const s = await client().poll(pollCtx());
  assert.equal(s.identity.topology, 'active-cluster');
  assert.deepEqual(s.replication.map((r) => [r.kind, r.name, r.partner, r.state]), [
    ['array_connection', 'fa-dr-07', 'fa-dr-07', 'ok'],
    ['pod', 'pod-db', 'fa-sim-02', 'degraded'],
  ]);
});

test('the session is reused across polls: one login for two polls', async () => {
  const c = client();
  await c.poll(pollCtx());
  await c.poll(pollCtx());
  assert.equal(count('POST /api/2.26/login'), 1);
  assert.equal(count('GET /api/api_version'), 1);
});

test('token expiry: 401 → exactly one re-login, then the poll succeeds', async () => {
  const c = client();
  await c.poll(pollCtx());
  tokens.clear(); // the array forgot every session
  const logs: PollLogEntry[] = [];
  const s = await c.poll(pollCtx((e) => logs.push(e)));
  assert.equal(s.reachability.status, 'ok');
  assert.equal(count('POST /api/2.26/login'), 2);
  assert.ok(logs.some((l) => l.level === 'warn' && /expired/.test(l.message)));
});

test('a session rejected again after re-login → auth_failed, no loop', async () => {
  const c = client();
  sessionsBroken = true;
  await rejectsWith(c.poll(pollCtx()), 'VENDOR_AUTH', 'auth_failed', /rejected/);
  assert.equal(count('POST /api/2.26/login'), 2);
  assert.equal(count('GET /api/2.26/'), 2);
});

test('bad API token → auth_failed after one login attempt, nothing else asked', async () => {
  const c = client({ apiToken: 'wrong-token' });
  await rejectsWith(c.poll(pollCtx()), 'VENDOR_AUTH', 'auth_failed', /token was rejected \(HTTP 401\)/);
  assert.equal(count('POST /api/2.26/login'), 1);
  assert.equal(count('GET /api/2.26/'), 0);
  await rejectsWith(c.poll(pollCtx()), 'VENDOR_AUTH', 'auth_failed', /rejected/);
  assert.equal(count('POST /api/2.26/login'), 2); // one attempt per poll, never more
});

test('no API token configured → auth_failed without a login request', async () => {
  await rejectsWith(client({ apiToken: '' }).poll(pollCtx()), 'VENDOR_AUTH', 'auth_failed', /no API token/);
  assert.equal(count('POST'), 0);
});

test('paging: continuation_token followed to the last page on every list', async () => {
  const s = await client({ pageSize: 2 }).poll(pollCtx());
  assert.equal(s.components.filter((c) => c.kind === 'drive').length, 5);
  assert.equal(s.alerts.length, 3);
  const drivePages = seen.filter((x) => x.startsWith('GET /api/2.26/drives'));
  assert.equal(drivePages.length, 3, drivePages.join('\n'));
  assert.match(drivePages[2] ?? '', /continuation_token=/);
  // the filter stays on every alert page, so closed alerts never come back
  assert.ok(seen.filter((x) => x.startsWith('GET /api/2.26/alerts')).every((x) => x.includes("filter=state='open'")));
});

test('version negotiation: highest 2.x not above 2.26 is used', async () => {
  rewrite = (url) => (url.endsWith('/api/api_version') ? JSON.stringify({ version: ['1.19', '2.9', '2.10', '2.27', '3.1'] }) : undefined);
  const s = await client().poll(pollCtx());
  assert.equal(s.identity.apiVersion, '2.10');
  assert.equal(count('POST /api/2.10/login'), 1);
});

test('version negotiation: an array without REST 2.x → api_error naming what it offers', async () => {
  rewrite = (url) => (url.endsWith('/api/api_version') ? JSON.stringify({ version: ['1.17', '1.19'] }) : undefined);
  await rejectsWith(client().poll(pollCtx()), 'VENDOR_HTTP', 'api_error', /no REST version between 2\.0 and 2\.26.*1\.17, 1\.19/);
  assert.equal(count('POST'), 0);
});

test('close() logs out once and ends the session; a second close is harmless', async () => {
  const c = client();
  await c.poll(pollCtx());
  assert.equal(tokens.size, 1);
  await c.close();
  await c.close();
  assert.equal(count('POST /api/2.26/logout'), 1);
  assert.equal(tokens.size, 0);
});

test('close() before any poll sends nothing', async () => {
  await createPureClient(target(), defaultClientOptions).close();
  assert.equal(seen.length, 0);
});

const wrongShapes: [string, string, string, RegExp][] = [
  ['items not a list', '/controllers', JSON.stringify({ items: 'CT0' }), /controllers.*items/],
  ['field of the wrong type', '/drives', JSON.stringify({ items: [{ name: 'CH0.BAY0', status: 7 }] }), /drives.*items\[0\]\.status/],
  ['api_version without a list', '/api/api_version', JSON.stringify({ version: '2.26' }), /api_version.*version/],
];
for (const [name, suffix, body, mention] of wrongShapes) {
  test(`wrong-shape JSON → api_error VENDOR_PARSE: ${name}`, async () => {
    rewrite = (url) => (url.split('?')[0]?.endsWith(suffix) ? body : undefined);
    await rejectsWith(client().poll(pollCtx()), 'VENDOR_PARSE', 'api_error', mention);
  });
}

test('absurd capacity from the array → api_error VENDOR_PARSE', async () => {
  state.capacity.usedBytes = state.capacity.totalBytes * 3;
  await rejectsWith(client().poll(pollCtx()), 'VENDOR_PARSE', 'api_error', /arrays\/space.*exceeds total/);
});

test('403 on a list (the role may not read it) → auth_failed at once, no re-login', async () => {
  forceStatus = { suffix: '/api/2.26/hardware', status: 403 };
  await rejectsWith(client().poll(pollCtx()), 'VENDOR_AUTH', 'auth_failed', /403/);
  assert.equal(count('POST /api/2.26/login'), 1);
});

test('a 5xx on a list → api_error, and the session survives for the next poll', async () => {
  const c = client();
  forceStatus = { suffix: '/api/2.26/pods', status: 503 };
  await rejectsWith(c.poll(pollCtx()), 'VENDOR_HTTP', 'api_error', /503/);
  forceStatus = null;
  await c.poll(pollCtx());
  assert.equal(count('POST /api/2.26/login'), 1);
});

test('an array that lost our API version (404) is renegotiated on the next poll', async () => {
  const c = client();
  await c.poll(pollCtx());
  forceStatus = { suffix: '/api/2.26/arrays', status: 404 };
  await rejectsWith(c.poll(pollCtx()), 'VENDOR_HTTP', 'api_error', /404/);
  forceStatus = null;
  await c.poll(pollCtx());
  assert.equal(count('GET /api/api_version'), 2);
});

describe('paging edge cases (arrays in the field, not the simulator)', () => {
  const res = (body: unknown, headers: Record<string, string> = {}): HttpResponse => ({ status: 200, headers, body, endpoint: 'GET /x' });
  function scripted(pages: HttpResponse[]): { fetch: FetchPage; queries: Record<string, unknown>[] } {
    const queries: Record<string, unknown>[] = [];
    const fetch: FetchPage = async (q) => {
      queries.push(q);
      const next = pages.shift();
      if (!next) throw new Error('asked for a page that does not exist');
      return next;
    };
    return { fetch, queries };
  }
  test('token only in the x-next-token header is followed', async () => {
    const { fetch, queries } = scripted([res({ items: [1, 2] }, { 'x-next-token': 'abc' }), res({ items: [3] })]);
    assert.deepEqual((await readAllPages('drives', 2, {}, fetch)).items, [1, 2, 3]);
    assert.equal(queries[1]?.continuation_token, 'abc');
  });
  test('more_items_remaining without a token is walked by offset', async () => {
    const { fetch, queries } = scripted([res({ items: [1, 2], more_items_remaining: true }), res({ items: [3], more_items_remaining: false })]);
    assert.deepEqual((await readAllPages('hardware', 2, {}, fetch)).items, [1, 2, 3]);
    assert.equal(queries[1]?.offset, 2);
  });
  test('a repeating token is an error, not an endless loop', async () => {
    const { fetch } = scripted([res({ items: [1], continuation_token: 't' }), res({ items: [2], continuation_token: 't' })]);
    await assert.rejects(readAllPages('alerts', 1, {}, fetch), (e: unknown) => e instanceof VendorError && e.code === 'VENDOR_PARSE' && /repeats/.test(e.message));
  });
  test('more_items_remaining on an empty page is an error', async () => {
    const { fetch } = scripted([res({ items: [], more_items_remaining: true })]);
    await assert.rejects(readAllPages('pods', 1, {}, fetch), (e: unknown) => e instanceof VendorError && e.code === 'VENDOR_PARSE');
  });
  test('an empty last page that still carries a token ends the walk', async () => {
    const { fetch } = scripted([res({ items: [1], continuation_token: 'a' }), res({ items: [], continuation_token: 'b' })]);
    assert.deepEqual((await readAllPages('pods', 1, {}, fetch)).items, [1]);
  });
});
