import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildApp } from '../../src/web/app.js';
import { withMigratedDatabase } from '../helpers/databases.js';

describe('web skeleton', () => {
  test('serves the stylesheet, scripts and the chart library locally, with a CSP that forbids inline script', async () => {
    await withMigratedDatabase('sqlite', async (handle) => {
      const app = await buildApp({ handle });
      try {
        for (const url of ['/static/css/app.css', '/static/js/theme.js', '/static/vendor/uplot/uPlot.iife.min.js', '/static/vendor/uplot/uPlot.min.css']) {
          const res = await app.inject(url);
          assert.equal(res.statusCode, 200, url);
          assert.ok(res.body.length > 100, url);
        }
        assert.equal((await app.inject('/static/vendor/uplot/uPlot.cjs.js')).statusCode, 404);
        const res = await app.inject('/static/css/app.css');
        const csp = String(res.headers['content-security-policy']);
        assert.match(csp, /script-src 'self'(;|$)/);
        assert.doesNotMatch(csp, /unsafe-inline/);
      } finally {
        await app.close();
      }
    });
  });

  test('errors answer HTML to browsers and JSON to API callers, escaping what the caller sent', async () => {
    await withMigratedDatabase('sqlite', async (handle) => {
      const app = await buildApp({ handle });
      try {
        const page = await app.inject({ url: '/nowhere/<script>', headers: { accept: 'text/html' } });
        assert.equal(page.statusCode, 404);
        assert.match(String(page.headers['content-type']), /text\/html/);
        assert.ok(!page.body.includes('<script>'));
        assert.match(page.body, /No route for GET \/nowhere\//);
        const api = await app.inject({ url: '/api/v1/nowhere', headers: { accept: 'application/json' } });
        assert.equal(api.statusCode, 404);
        assert.equal(api.json().error, 'not_found');
      } finally {
        await app.close();
      }
    });
  });
});
