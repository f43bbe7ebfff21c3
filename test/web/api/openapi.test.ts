import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withMigratedDatabase } from '../../helpers/databases.js';
import { buildTestApp } from './support.js';

/** Every /api/v1 route; a new route must be added here and then appears in the document by itself. */
const API_ROUTES = [
  'GET /api/v1/systems',
  'POST /api/v1/systems',
  'GET /api/v1/systems/{id}',
  'PATCH /api/v1/systems/{id}',
  'DELETE /api/v1/systems/{id}',
  'GET /api/v1/systems/{id}/capacity',
  'POST /api/v1/systems/{id}/poll',
  'GET /api/v1/alerts',
  'POST /api/v1/alerts/{id}/ack',
  'GET /api/v1/logs',
  'POST /api/v1/poll',
];

interface Operation {
  tags?: string[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

describe('OpenAPI document and Swagger UI', () => {
  test('the document is OpenAPI 3 with bearer security and lists every /api/v1 route with schemas', async () => {
    await withMigratedDatabase('sqlite', async (handle) => {
      const app = await buildTestApp(handle);
      try {
        const res = await app.inject('/api/docs/json');
        assert.equal(res.statusCode, 200);
        const doc = res.json();
        assert.match(doc.openapi, /^3\.\d+\.\d+$/);
        assert.equal(typeof doc.info?.title, 'string');
        assert.equal(typeof doc.info?.version, 'string');
        assert.deepEqual(doc.components.securitySchemes.bearerAuth, { type: 'http', scheme: 'bearer', description: 'An API token from `sfd token create`.' });
        assert.deepEqual(doc.security, [{ bearerAuth: [] }]);

        const listed = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
        assert.deepEqual(listed.sort(), [...API_ROUTES].sort());
        const tagNames = new Set((doc.tags as { name: string }[]).map((t) => t.name));
        for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
          for (const [method, op] of Object.entries(ops)) {
            const where = `${method} ${path}`;
            assert.ok(op.tags?.length && op.tags.every((t) => tagNames.has(t)), `${where}: tagged`);
            assert.ok(Object.keys(op.responses).some((c) => /^2\d\d$/.test(c)), `${where}: a success response`);
            assert.ok(op.responses['401'], `${where}: documents 401`);
            for (const name of path.match(/\{(\w+)\}/g) ?? []) {
              assert.ok(op.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === name), `${where}: declares ${name}`);
            }
            // Credentials go in, never out.
            assert.doesNotMatch(JSON.stringify(op.responses), /credential/i, where);
            assert.ok(app.hasRoute({ method: method.toUpperCase() as 'GET', url: path.replace(/\{(\w+)\}/g, ':$1') }), `${where}: served`);
          }
        }
        for (const op of [doc.paths['/api/v1/systems'].post, doc.paths['/api/v1/systems/{id}'].patch]) {
          assert.equal(op.requestBody.content['application/json'].schema.additionalProperties, false);
        }
        const schemas = doc.components.schemas as Record<string, unknown>;
        for (const ref of refsIn(doc)) {
          const name = ref.replace('#/components/schemas/', '');
          assert.ok(ref.startsWith('#/components/schemas/') && schemas[name], `unresolved $ref ${ref}`);
        }
        assert.deepEqual(Object.keys(schemas).sort(), ['Alert', 'ApiError', 'SystemDetail', 'SystemSummary']);
      } finally {
        await app.close();
      }
    });
  });

  test('Swagger UI is served from the package, calls no CDN, and keeps a CSP without unsafe-inline', async () => {
    await withMigratedDatabase('sqlite', async (handle) => {
      const app = await buildTestApp(handle);
      try {
        const page = await app.inject('/api/docs/');
        assert.equal(page.statusCode, 200);
        assert.match(String(page.headers['content-type']), /text\/html/);
        const scripts = [...page.body.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1] ?? '');
        const styles = [...page.body.matchAll(/<link rel="stylesheet" type="text\/css" href="([^"]+)"/g)].map((m) => m[1] ?? '');
        assert.ok(scripts.length >= 3 && styles.length >= 1);
        assert.doesNotMatch(page.body, /https?:\/\//, 'the page loads nothing from another origin');
        assert.doesNotMatch(page.body, /<script>|<script [^>]*>[^<\s]/, 'no inline script');
        for (const asset of [...scripts, ...styles]) {
          const res = await app.inject(`/api/docs/${asset.replace(/^\.\//, '')}`);
          assert.equal(res.statusCode, 200, asset);
          assert.doesNotMatch(res.body, /unpkg\.com|jsdelivr|cdnjs|googleapis|fonts\.gstatic/, `${asset} names no CDN`);
          if (asset.endsWith('swagger-initializer.js')) assert.doesNotMatch(res.body, /https?:\/\/(?!stackoverflow)/);
        }
        const csp = String(page.headers['content-security-policy']);
        assert.match(csp, /script-src 'self'(;|$)/);
        assert.match(csp, /style-src 'self' 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
        // The one allowance stays on /api/docs.
        const other = String((await app.inject('/api/v1/systems')).headers['content-security-policy']);
        assert.match(other, /style-src 'self'(;|$)/);
      } finally {
        await app.close();
      }
    });
  });
});
