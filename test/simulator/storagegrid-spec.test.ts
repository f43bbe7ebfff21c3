// Validates the StorageGRID simulator's responses against the vendor's own Swagger 2.0 schemas,
// so the simulator cannot drift from the real API while the client tests stay green.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import Fastify from 'fastify';
import { parse } from 'yaml';
import { registerStoragegridRoutes } from '../../src/simulator/storagegrid.js';
import type { SimSystemState } from '../../src/simulator/types.js';
import { simContextFor } from '../helpers/sim-context.js';

const fixture = path.resolve(import.meta.dirname, '../fixtures/storagegrid/sim-state.json');
const repoRoot = path.resolve(import.meta.dirname, '../..');
const specPath = path.resolve(repoRoot, '../shared/vendor-specs/storagegrid-grid-api-v4.yml');
const skip = existsSync(specPath) ? false : `vendor spec not found at ${specPath}: ../shared is absent in this clone`;

// ajv-formats ships CJS with a default export property; tsx/ESM interop may hand either shape.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

/** Swagger 2 keeps schemas under `definitions`; wrap them in one JSON Schema with a base id. */
function loadValidator() {
  const spec = parse(readFileSync(specPath, 'utf8')) as { definitions: Record<string, unknown>; paths: Record<string, any> };
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  const rewritten = JSON.parse(JSON.stringify(spec.definitions).replaceAll('"#/definitions/', '"sg#/definitions/'));
  ajv.addSchema({ $id: 'sg', definitions: rewritten });
  /** The schema the spec declares for `method path` answering `status`. */
  const validate = (method: string, specPath: string, status: string, body: unknown) => {
    const response = spec.paths[specPath]?.[method]?.responses?.[status];
    assert.ok(response?.schema?.$ref, `spec declares no ${status} schema for ${method.toUpperCase()} ${specPath}`);
    const ref = String(response.schema.$ref).replace('#/definitions/', 'sg#/definitions/');
    const fn = ajv.getSchema(ref);
    assert.ok(fn, `schema ${ref} not found`);
    const ok = fn(body);
    assert.ok(ok, `${method.toUpperCase()} ${specPath} → ${status}: ${ajv.errorsText(fn.errors)}\n${JSON.stringify(body).slice(0, 500)}`);
  };
  return validate;
}

test('storagegrid simulator responses match the Grid Management API v4 schemas', { skip }, async () => {
  const validate = loadValidator();
  const state = JSON.parse(readFileSync(fixture, 'utf8')) as SimSystemState;
  const ctx = simContextFor(() => state);
  const app = Fastify();
  await app.register(async (scoped) => registerStoragegridRoutes(scoped, ctx), { prefix: '/sg' });
  try {
    const bad = await app.inject({ method: 'POST', url: '/sg/api/v4/authorize', payload: { username: 'root', password: 'nope' } });
    assert.equal(bad.statusCode, 401);
    validate('post', '/authorize', '401', bad.json());

    const login = await app.inject({ method: 'POST', url: '/sg/api/v4/authorize', payload: { username: 'root', password: 'secret', cookie: false, csrfToken: false } });
    assert.equal(login.statusCode, 200);
    assert.match(String(login.headers['cache-control']), /max-age=\d+/);
    validate('post', '/authorize', '200', login.json());
    const headers = { authorization: `Bearer ${login.json().data}` };

    const unauth = await app.inject({ method: 'GET', url: '/sg/api/v4/grid/node-health' });
    assert.equal(unauth.statusCode, 401);
    validate('get', '/grid/node-health', 'default', unauth.json());

    const gets: [string, string][] = [
      ['/grid/health', ''],
      ['/grid/health/topology', '?depth=node'],
      ['/grid/health/topology', '?depth=site'],
      ['/grid/config/product-version', ''],
      ['/grid/alerts', '?include=active'],
      ['/grid/node-health', ''],
      ['/grid/metric-query', '?query=storagegrid_storage_utilization_total_space_bytes&timeout=10s'],
      ['/grid/metric-query', '?query=storagegrid_storage_utilization_data_bytes'],
      ['/grid/metric-query', '?query=storagegrid_storage_utilization_usable_space_bytes%7Bjob%3D%22ldr%22%7D'],
    ];
    for (const [p, q] of gets) {
      const res = await app.inject({ method: 'GET', url: `/sg/api/v4${p}${q}`, headers });
      assert.equal(res.statusCode, 200, `${p}${q}`);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      validate('get', p, '200', res.json());
    }
    // Sanity: the schemas really bite (a renamed field fails validation).
    const nodes = (await app.inject({ method: 'GET', url: '/sg/api/v4/grid/node-health', headers })).json();
    nodes.data[0].state = 'on fire';
    assert.throws(() => validate('get', '/grid/node-health', '200', nodes));

    const logout = await app.inject({ method: 'DELETE', url: '/sg/api/v4/authorize', headers });
    assert.equal(logout.statusCode, 204);
  } finally {
    await app.close();
  }
});
