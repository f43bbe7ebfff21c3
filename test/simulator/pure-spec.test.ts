// The simulator's FlashArray answers, validated against the response schemas of the FlashArray
// REST 2.26 OpenAPI document read from ../shared (never copied into the project).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Ajv, type ValidateFunction } from 'ajv';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerPureRoutes } from '../../src/simulator/pure.js';
import type { SimSystemState } from '../../src/simulator/types.js';
import { simContextFor } from '../helpers/sim-context.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const specPath = path.resolve(repoRoot, '../shared/vendor-specs/pure-flasharray-rest-2.26.json');
const skip = existsSync(specPath) ? false : `vendor spec not found at ${specPath}: ../shared is absent in this clone`;
const state = JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/pure/sim-state.json'), 'utf8')) as SimSystemState;

type Json = Record<string, unknown>;

/** OpenAPI 3 refs point into the document; rewrite them to the id under which the document is registered. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `pure-spec${v}` : rewriteRefs(v);
  return out;
}

let app: FastifyInstance;
let spec: Json;
let ajv: Ajv;
let token = '';

function responseSchema(p: string, method: 'get' | 'post'): Json {
  const op = ((spec.paths as Json)[p] as Json)[method] as Json;
  const ok = (op.responses as Json)['200'] as Json;
  return ((ok.content as Json)['application/json'] as Json).schema as Json;
}

function validatorFor(p: string, method: 'get' | 'post'): ValidateFunction {
  return ajv.compile(rewriteRefs(responseSchema(p, method)) as Json);
}

before(async () => {
  if (skip) return;
  spec = JSON.parse(readFileSync(specPath, 'utf8')) as Json;
  ajv = new Ajv({ strict: false, allErrors: true });
  // OpenAPI number formats; checked as ranges so a float where an int64 belongs still fails on type.
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addSchema({ $id: 'pure-spec', components: rewriteRefs(spec.components) });
  const ctx = simContextFor(() => state);
  app = Fastify();
  await app.register(async (scoped) => registerPureRoutes(scoped, ctx), { prefix: '/fa-sim-01' });
  // An ActiveCluster member too: stretched pods and sync connections must match the schemas as well.
  const stretched: SimSystemState = {
    ...state,
    topology: 'active-cluster',
    replication: [...state.replication, { id: 'r2', name: 'pod-db', partner: 'fa-sim-02', state: 'broken', lagSeconds: 120 }],
  };
  await app.register(async (scoped) => registerPureRoutes(scoped, { ...ctx, state: () => stretched }), { prefix: '/fa-sim-ac' });
  await app.ready();
});

after(async () => {
  await app?.close();
});

test('api_version matches the spec and offers 2.26', { skip }, async () => {
  const res = await app.inject({ method: 'GET', url: '/fa-sim-01/api/api_version' });
  assert.equal(res.statusCode, 200);
  const validate = validatorFor('/api/api_version', 'get');
  assert.ok(validate(res.json()), JSON.stringify(validate.errors));
  assert.ok((res.json() as { version: string[] }).version.includes('2.26'));
});

test('login answers the spec schema and the x-auth-token header', { skip }, async () => {
  const res = await app.inject({ method: 'POST', url: '/fa-sim-01/api/2.26/login', headers: { 'api-token': state.credentials.apiToken } });
  assert.equal(res.statusCode, 200);
  const validate = validatorFor('/api/2.26/login', 'post');
  assert.ok(validate(res.json()), JSON.stringify(validate.errors));
  token = String(res.headers['x-auth-token'] ?? '');
  assert.notEqual(token, '');
});

const lists = ['arrays', 'arrays/space', 'controllers', 'hardware', 'drives', 'alerts', 'array-connections', 'pods'];
for (const list of lists) {
  test(`GET ${list} validates against the 2.26 response schema (full list and a paged one)`, { skip }, async () => {
    const validate = validatorFor(`/api/2.26/${list}`, 'get');
    for (const [system, query] of [['fa-sim-01', ''], ['fa-sim-01', '?limit=1'], ['fa-sim-01', "?filter=state='open'"], ['fa-sim-ac', '']]) {
      const res = await app.inject({ method: 'GET', url: `/${system}/api/2.26/${list}${query}`, headers: { 'x-auth-token': token } });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { items: unknown[] };
      assert.ok(validate(body), `${system} ${list}${query}: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
      if (query === '') assert.ok(body.items.length > 0, `${list} is empty; the schema check would prove little`);
    }
  });
}

test('the session header is required; the documented Authorization bearer form is accepted too', { skip }, async () => {
  const none = await app.inject({ method: 'GET', url: '/fa-sim-01/api/2.26/arrays' });
  assert.equal(none.statusCode, 401);
  assert.ok(Array.isArray((none.json() as { errors?: unknown }).errors));
  const bearer = await app.inject({ method: 'GET', url: '/fa-sim-01/api/2.26/arrays', headers: { authorization: `Bearer ${token}` } });
  assert.equal(bearer.statusCode, 200);
});

test('logout answers 200 and ends the session', { skip }, async () => {
  const res = await app.inject({ method: 'POST', url: '/fa-sim-01/api/2.26/logout', headers: { 'x-auth-token': token } });
  assert.equal(res.statusCode, 200);
  const after = await app.inject({ method: 'GET', url: '/fa-sim-01/api/2.26/arrays', headers: { 'x-auth-token': token } });
  assert.equal(after.statusCode, 401);
});
