// Validates the Data Domain simulator's responses against the DD 8.3 Swagger 2.0 schemas, so the
// simulator cannot drift from the real API while the client tests stay green.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import Fastify from 'fastify';
import { registerDatadomainRoutes } from '../../src/simulator/datadomain.js';
import type { SimSystemState } from '../../src/simulator/types.js';
import { simContextFor } from '../helpers/sim-context.js';

const fixture = path.resolve(import.meta.dirname, '../fixtures/datadomain/sim-state.json');
const repoRoot = path.resolve(import.meta.dirname, '../..');
const specPath = path.resolve(repoRoot, '../shared/vendor-specs/datadomain-rest-8.3.json');
const skip = existsSync(specPath) ? false : `vendor spec not found at ${specPath}: ../shared is absent in this clone`;

// ajv-formats ships CJS with a default export property; tsx/ESM interop may hand either shape.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

interface Spec {
  definitions: Record<string, unknown>;
  paths: Record<string, Record<string, { responses?: Record<string, { schema?: { $ref?: string }; headers?: Record<string, unknown> }> }>>;
}

/** Swagger 2 keeps schemas under `definitions`; wrap them in one JSON Schema with a base id. */
function loadSpec() {
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as Spec;
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  const rewritten = JSON.parse(JSON.stringify(spec.definitions).replaceAll('"#/definitions/', '"dd#/definitions/'));
  ajv.addSchema({ $id: 'dd', definitions: rewritten });
  const response = (method: string, p: string, status: string) => {
    const r = spec.paths[p]?.[method]?.responses?.[status];
    assert.ok(r?.schema?.$ref, `spec declares no ${status} schema for ${method.toUpperCase()} ${p}`);
    return r;
  };
  const validate = (method: string, p: string, status: string, body: unknown) => {
    const ref = String(response(method, p, status).schema?.$ref).replace('#/definitions/', 'dd#/definitions/');
    const fn = ajv.getSchema(ref);
    assert.ok(fn, `schema ${ref} not found`);
    assert.ok(fn(body), `${method.toUpperCase()} ${p} → ${status}: ${ajv.errorsText(fn.errors)}\n${JSON.stringify(body).slice(0, 600)}`);
  };
  return { validate, response };
}

const context = (state: SimSystemState) => simContextFor(state);

test('datadomain simulator responses match the PowerProtect DD 8.3 REST schemas', { skip }, async () => {
  const { validate, response } = loadSpec();
  const state = JSON.parse(readFileSync(fixture, 'utf8')) as SimSystemState;
  const app = Fastify();
  await app.register(async (scoped) => registerDatadomainRoutes(scoped, context(state)), { prefix: '/dd' });
  try {
    const bad = await app.inject({ method: 'POST', url: '/dd/rest/v1.0/auth', payload: { username: 'sfd-monitor', password: 'nope' } });
    assert.equal(bad.statusCode, 401);
    validate('post', '/rest/v1.0/auth', 'default', bad.json());

    const login = await app.inject({ method: 'POST', url: '/dd/rest/v1.0/auth', payload: { username: 'sfd-monitor', password: 's3cret!' } });
    assert.equal(login.statusCode, 201);
    assert.ok(response('post', '/rest/v1.0/auth', '201').headers?.['X-DD-AUTH-TOKEN'], 'spec declares the token header');
    const token = String(login.headers['x-dd-auth-token'] ?? '');
    assert.ok(token.length > 0, 'login answers with X-DD-AUTH-TOKEN');
    validate('post', '/rest/v1.0/auth', '201', login.json());
    const headers = { 'x-dd-auth-token': token };

    const unauth = await app.inject({ method: 'GET', url: '/dd/rest/v1.0/system' });
    assert.equal(unauth.statusCode, 401);
    validate('get', '/rest/v1.0/system', 'default', unauth.json());

    const gets: [specPath: string, url: string][] = [
      ['/rest/v1.0/system', '/rest/v1.0/system'],
      ['/api/v1/dd-systems/{SYSTEM-ID}/ha', '/api/v1/dd-systems/0/ha'],
      ['/rest/v1.0/dd-systems/{SYSTEM-ID}/alerts', '/rest/v1.0/dd-systems/0/alerts?is_active=true&page=1&size=2'],
      ['/rest/v1.0/dd-systems/{SYSTEM-ID}/alerts', '/rest/v1.0/dd-systems/0/alerts'],
      ['/api/v1/dd-systems/{SYSTEM-ID}/storage/disks', '/api/v1/dd-systems/0/storage/disks?page=0&size=100'],
      ['/rest/v2.0/dd-systems/{SYSTEM-ID}/networks/nics', '/rest/v2.0/dd-systems/0/networks/nics'],
      ['/rest/v2.0/dd-systems/{SYSTEM-ID}/networks/nics/{ID}', '/rest/v2.0/dd-systems/0/networks/nics/ethMa'],
      ['/rest/v1.0/dd-systems/{SYSTEM-ID}/services', '/rest/v1.0/dd-systems/0/services'],
      ['/api/v1/dd-systems/{SYSTEM-ID}/mtree-replications', '/api/v1/dd-systems/0/mtree-replications'],
    ];
    for (const [specPathName, url] of gets) {
      const res = await app.inject({ method: 'GET', url: `/dd${url}`, headers });
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      validate('get', specPathName, '200', res.json());
    }

    // A single-node system has no HA facet: 404 with a serviceStatus body.
    const local = Fastify();
    await local.register(async (scoped) => registerDatadomainRoutes(scoped, context({ ...state, topology: 'local' })));
    const loginLocal = await local.inject({ method: 'POST', url: '/rest/v1.0/auth', payload: { username: 'sfd-monitor', password: 's3cret!' } });
    const noHa = await local.inject({ method: 'GET', url: '/api/v1/dd-systems/0/ha', headers: { 'x-dd-auth-token': String(loginLocal.headers['x-dd-auth-token']) } });
    assert.equal(noHa.statusCode, 404);
    validate('get', '/api/v1/dd-systems/{SYSTEM-ID}/ha', 'default', noHa.json());
    await local.close();

    const wrongSystem = await app.inject({ method: 'GET', url: '/dd/rest/v1.0/dd-systems/7/services', headers });
    assert.equal(wrongSystem.statusCode, 404);
    validate('get', '/rest/v1.0/dd-systems/{SYSTEM-ID}/services', 'default', wrongSystem.json());

    const logout = await app.inject({ method: 'DELETE', url: '/dd/rest/v1.0/auth', headers });
    assert.equal(logout.statusCode, 200);
    validate('delete', '/rest/v1.0/auth', '200', logout.json());
    const after = await app.inject({ method: 'GET', url: '/dd/rest/v1.0/system', headers });
    assert.equal(after.statusCode, 401, 'the token is dead after logout');
  } finally {
    await app.close();
  }
});
