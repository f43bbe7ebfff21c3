// What a response means: statuses, content types, JSON, size caps, URLs, logging and secrecy.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type PollLogEntry, VendorError, type VendorErrorCode } from '../../src/vendors/client.js';
import { createVendorHttp, type HttpRequest } from '../../src/vendors/http.js';

type Route = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;
const json = (res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));

const routes: Record<string, Route> = {
  '/api/echo': (req, res, body) => json(res, 200, { url: req.url, method: req.method, type: req.headers['content-type'] ?? null, body }, { 'X-Auth-Token': 'srv-token' }),
  '/api/500': (_q, res) => json(res, 500, { errors: [{ context: 'array', message: 'Internal error:\n controller CT0 unavailable' }] }),
  '/api/429': (_q, res) => json(res, 429, { error: { message: 'too many' } }, { 'retry-after': '7' }),
  '/api/429-date': (_q, res) => json(res, 429, {}, { 'retry-after': new Date(Date.now() + 30_000).toUTCString() }),
  '/api/401': (_q, res) => json(res, 401, { code: 401, message: { text: 'Invalid credentials', key: 'auth' }, status: 'error' }),
  '/api/403': (_q, res) => json(res, 403, { error: { message: 'not authorized for that command', code: '6' } }),
  '/api/404': (_q, res) => json(res, 404, { error: { message: 'entry does not exist' } }),
  '/api/302': (_q, res) => res.writeHead(302, { location: '/login?next=%2F&token=abc' }).end(),
  '/api/html': (_q, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html><body>Login</body></html>'),
  '/api/html-500': (_q, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>Bad gateway</body></html>'),
  '/api/text': (_q, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('OK'),
  '/api/untyped-html': (_q, res) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end('<html>hi</html>'),
  '/api/truncated': (_q, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[1,2'),
  '/api/malformed': (_q, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"a":1,}'),
  '/api/untyped': (_q, res) => res.writeHead(200).end('\uFEFF{"a":1}'),
  '/api/big-cl': (_q, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-length': '2048' }).end(`"${'x'.repeat(2046)}"`),
  '/api/big-chunked': (_q, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    for (let i = 0; i < 4; i++) res.write('x'.repeat(512));
    res.end();
  },
  '/api/204': (_q, res) => res.writeHead(204).end(),
  '/api/empty': (_q, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-length': '0' }).end(),
  '/api/echo-error': (req, res, body) =>
    json(res, 500, { error: { message: `login failed for ${req.headers.authorization} ${req.headers['api-token']} ${req.url} ${body}` } }),
  '/api/echo-401': (req, res, body) => json(res, 401, { errors: [{ message: `bad ${req.headers['x-auth-token']} ${body}` }] }),
  '/api/echo-garbage': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(`{"token":"${req.headers['x-auth-token']}",`),
};

describe('responses', () => {
  let base = '';
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const path = (req.url ?? '').replace(/^\/sim\/pure-01/, '').split('?')[0] ?? '';
      (routes[path] ?? ((_q, r) => json(r, 418, { path })))(req, res, body);
    });
  });
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise((resolve) => server.close(resolve).closeAllConnections()));

  const logs: PollLogEntry[] = [];
  const send = (path: string, extra: Partial<HttpRequest> = {}, baseUrl = base) => {
    const c = createVendorHttp({ baseUrl, tls: { mode: 'system' } }, { requestTimeoutMs: 2000, maxResponseBytes: 1024 }, (e) => logs.push(e));
    return c.request({ method: 'GET', path, signal: AbortSignal.timeout(3000), ...extra }).finally(() => c.close());
  };
  const fails = async (path: string, code: VendorErrorCode, pattern: RegExp, extra: Partial<HttpRequest> = {}) => {
    const err = await send(path, extra).then(
      () => assert.fail(`${path} should fail`),
      (e: unknown) => e,
    );
    assert.ok(err instanceof VendorError, String(err));
    assert.equal(err.code, code, err.message);
    assert.match(err.message, pattern);
    return err;
  };

  test('5xx is VENDOR_HTTP with the status and a clean snippet of the vendor message', async () => {
    const err = await fails('/api/500', 'VENDOR_HTTP', /^GET \/api\/500: HTTP 500 Internal Server Error: .*the array said: "Internal error: controller CT0 unavailable"$/);
    assert.equal(err.status, 500);
    assert.equal(err.reachability, 'api_error');
  });

  test('429 carries Retry-After in seconds or as an HTTP date', async () => {
    const err = await fails('/api/429', 'VENDOR_HTTP', /HTTP 429 Too Many Requests.*retry after 7 s/);
    assert.equal(err.retryAfterSeconds, 7);
    const dated = await fails('/api/429-date', 'VENDOR_HTTP', /retry after/);
    assert.ok(dated.retryAfterSeconds !== undefined && dated.retryAfterSeconds >= 28 && dated.retryAfterSeconds <= 31, String(dated.retryAfterSeconds));
  });

  test('401 and 403 are VENDOR_AUTH with their status, unless listed in okStatuses', async () => {
    const e401 = await fails('/api/401', 'VENDOR_AUTH', /HTTP 401 Unauthorized: the array rejected the credentials; the array said: "Invalid credentials"/);
    assert.equal(e401.status, 401);
    assert.equal(e401.reachability, 'auth_failed');
    assert.equal((await fails('/api/403', 'VENDOR_AUTH', /HTTP 403 Forbidden/)).status, 403);
    const listed = await send('/api/401', { okStatuses: [401] });
    assert.equal(listed.status, 401);
  });

  test('other statuses: 404 (or accepted via okStatuses, 2xx still ok), and redirects are not followed', async () => {
    await fails('/api/404', 'VENDOR_HTTP', /HTTP 404 Not Found: no such endpoint.*"entry does not exist"/);
    assert.deepEqual((await send('/api/404', { okStatuses: [404] })).body, { error: { message: 'entry does not exist' } });
    assert.equal((await send('/api/echo', { okStatuses: [404] })).status, 200);
    const err = await fails('/api/302', 'VENDOR_HTTP', /HTTP 302 Found: redirected to \/login; redirects are not followed/);
    assert.doesNotMatch(err.message, /token=abc/);
  });

  test('an HTML page is VENDOR_PARSE on success statuses and VENDOR_HTTP on error statuses', async () => {
    await fails('/api/html', 'VENDOR_PARSE', /answered with an HTML page \(status 200\) instead of JSON/);
    await fails('/api/untyped-html', 'VENDOR_PARSE', /HTML page/);
    await fails('/api/html-500', 'VENDOR_HTTP', /HTTP 502 Bad Gateway: .*\(it answered with an HTML error page\)/);
  });

  test('a non-JSON content type is VENDOR_PARSE', async () => {
    await fails('/api/text', 'VENDOR_PARSE', /answered with content type "text\/plain" \(status 200\) instead of JSON/);
  });

  test('truncated and malformed JSON are VENDOR_PARSE, told apart', async () => {
    await fails('/api/truncated', 'VENDOR_PARSE', /truncated JSON \(it ends after 13 bytes\)/);
    await fails('/api/malformed', 'VENDOR_PARSE', /malformed JSON/);
  });

  test('JSON without a content type (and with a BOM) is accepted', async () => {
    assert.deepEqual((await send('/api/untyped')).body, { a: 1 });
  });

  test('bodies over maxResponseBytes are refused, by Content-Length and while streaming', async () => {
    await fails('/api/big-cl', 'VENDOR_TOO_LARGE', /the response is 2\.0 KiB, over the 1\.0 KiB limit/);
    await fails('/api/big-chunked', 'VENDOR_TOO_LARGE', /larger than that \(stopped reading\)/);
  });

  test('204 and Content-Length 0 give a null body', async () => {
    assert.equal((await send('/api/204', { method: 'DELETE' })).body, null);
    assert.equal((await send('/api/empty')).body, null);
  });

  test('a base URL path prefix is kept, query strings are merged and encoded', async () => {
    const query = { filter: "state='open'", fields: 'name,uuid', state: 'online|offline', limit: 5, flag: true, skip: undefined, 'a b': 'c&d=e' };
    const res = await send('api/echo?existing=1', { query }, `${base}/sim/pure-01/`);
    const echoed = res.body as { url: string };
    assert.match(echoed.url, /^\/sim\/pure-01\/api\/echo\?existing=1&/);
    assert.match(echoed.url, /fields=name,uuid/);
    const params = new URLSearchParams(echoed.url.split('?')[1]);
    assert.deepEqual(Object.fromEntries(params), { existing: '1', filter: "state='open'", fields: 'name,uuid', state: 'online|offline', limit: '5', flag: 'true', 'a b': 'c&d=e' });
    assert.equal(res.endpoint, 'GET /api/echo');
  });

  test('json is sent as application/json; response headers are lower-cased', async () => {
    const res = await send('/api/echo', { method: 'POST', json: { name: 'x' } });
    assert.deepEqual(res.body, { url: '/api/echo', method: 'POST', type: 'application/json', body: '{"name":"x"}' });
    assert.equal(res.headers['x-auth-token'], 'srv-token');
    assert.equal(res.status, 200);
  });

  test('each request is logged as an api_call: debug on success, warn on failure, never with headers', async () => {
    logs.length = 0;
    await send('/api/echo?token=zzz', { headers: { authorization: 'Bearer abcdefgh' } });
    await send('/api/500').catch(() => {});
    assert.equal(logs.length, 2);
    const [ok, failed] = logs;
    assert.deepEqual({ ...ok, message: '', details: null }, { level: 'debug', category: 'api_call', message: '', httpStatus: 200, endpoint: 'GET /api/echo', details: null });
    assert.match(ok?.message ?? '', /^GET \/api\/echo → 200 \(\d+ bytes, \d+ ms\)$/);
    assert.equal(failed?.level, 'warn');
    assert.equal(failed?.httpStatus, 500);
    assert.equal(failed?.endpoint, 'GET /api/500');
    assert.equal(failed?.details?.code, 'VENDOR_HTTP');
    assert.doesNotMatch(JSON.stringify(logs), /headers|abcdefgh|zzz/i);
  });

  test('a throwing log sink does not fail the request', async () => {
    const c = createVendorHttp({ baseUrl: base, tls: { mode: 'system' } }, { requestTimeoutMs: 2000, maxResponseBytes: 1024 }, () => {
      throw new Error('diary full');
    });
    assert.equal((await c.request({ method: 'GET', path: '/api/echo', signal: AbortSignal.timeout(2000) })).status, 200);
    await c.close();
  });

  test('no credential appears in any error message, stack or log entry', async () => {
    logs.length = 0;
    const password = 'Sup3r-Secret!pw';
    const basic = Buffer.from(`admin:${password}`).toString('base64');
    const secrets = [password, basic, 'tok-1234-5678-abcd', 'q-secret-9999', 'sess-4242-xyz'];
    const headers = { authorization: `Basic ${basic}`, 'api-token': 'tok-1234-5678-abcd', 'x-auth-token': 'sess-4242-xyz' };
    const errors: VendorError[] = [];
    for (const path of ['/api/echo-error', '/api/echo-401', '/api/echo-garbage']) {
      const req = { headers, json: { username: 'admin', password }, query: { api_token: 'q-secret-9999' } };
      errors.push(await fails(path, path === '/api/echo-401' ? 'VENDOR_AUTH' : path === '/api/echo-error' ? 'VENDOR_HTTP' : 'VENDOR_PARSE', /./, req));
    }
    assert.match(errors[0]?.message ?? '', /login failed for \[redacted\]/);
    const seen = JSON.stringify(logs) + errors.map((e) => `${e.message}\n${e.stack}`).join('\n');
    for (const s of secrets) assert.ok(!seen.includes(s), `leaked ${s}: ${seen}`);
  });
});
