// Network-level failures: refused, DNS, reset, hang, slow body, deadlines, and closing the client.
import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type ClientOptions, VendorError, type VendorErrorCode } from '../../src/vendors/client.js';
import { createVendorHttp } from '../../src/vendors/http.js';

const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
process.on('unhandledRejection', onUnhandled);

const fast: ClientOptions = { requestTimeoutMs: 400, maxResponseBytes: 1024 * 1024 };

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function failure(promise: Promise<unknown>, code: VendorErrorCode, pattern: RegExp): Promise<VendorError> {
  const err = await promise.then(
    () => assert.fail('expected a failure'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof VendorError, String(err));
  assert.equal(err.code, code, err.message);
  assert.match(err.message, pattern);
  return err;
}

describe('network failures', () => {
  let port = 0;
  let hits = 0;
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    hits++;
    if (req.url === '/hang') return; // never answers
    if (req.url === '/drip') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      const t = setInterval(() => res.write('1,'), 50);
      res.on('close', () => clearInterval(t));
      return;
    }
    if (req.url === '/destroy') return req.socket.destroy();
    if (req.url === '/reset') return req.socket.resetAndDestroy();
    if (req.url === '/cut') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"items":[1,2,3,4,');
      return setTimeout(() => req.socket.destroy(), 20);
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  before(async () => {
    port = await listen(server);
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
    process.off('unhandledRejection', onUnhandled);
  });

  const client = (options = fast) => createVendorHttp({ baseUrl: `http://127.0.0.1:${port}`, tls: { mode: 'system' } }, options);
  const get = (path: string, signal = AbortSignal.timeout(5000), options = fast) => {
    const c = client(options);
    return c.request({ method: 'GET', path, signal }).finally(() => c.close());
  };

  test('connection refused on a closed port', async () => {
    const closed = net.createServer();
    const closedPort = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const c = createVendorHttp({ baseUrl: `http://127.0.0.1:${closedPort}`, tls: { mode: 'system' } }, fast);
    const err = await failure(c.request({ method: 'GET', path: '/api', signal: AbortSignal.timeout(2000) }), 'VENDOR_UNREACHABLE', /connection refused by 127\.0\.0\.1:\d+/);
    assert.equal(err.reachability, 'unreachable');
    await c.close();
  });

  test('DNS failure', async () => {
    const c = createVendorHttp({ baseUrl: 'https://nonexistent.invalid', tls: { mode: 'system' } }, { ...fast, requestTimeoutMs: 5000 });
    await failure(c.request({ method: 'GET', path: '/api', signal: AbortSignal.timeout(6000) }), 'VENDOR_UNREACHABLE', /DNS lookup .*"nonexistent\.invalid"/);
    await c.close();
  });

  test('the server closes or resets the connection without answering', async () => {
    await failure(get('/destroy'), 'VENDOR_UNREACHABLE', /closed the connection without answering|connection reset/);
    await failure(get('/reset'), 'VENDOR_UNREACHABLE', /connection reset by 127\.0\.0\.1|closed the connection/);
  });

  test('a hang ends as a timeout within requestTimeoutMs', async () => {
    const started = Date.now();
    const err = await failure(get('/hang'), 'VENDOR_TIMEOUT', /^GET \/hang: no answer within 400 ms/);
    assert.equal(err.reachability, 'timeout');
    assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
  });

  test('a slow-dripping body ends as a timeout', async () => {
    const started = Date.now();
    await failure(get('/drip'), 'VENDOR_TIMEOUT', /response body did not finish within 400 ms \(\d+ bytes received\)/);
    assert.ok(Date.now() - started < 1500);
  });

  test("the poll's deadline (req.signal) cuts a request short", async () => {
    const started = Date.now();
    const slow = { ...fast, requestTimeoutMs: 5000 };
    await failure(get('/hang', AbortSignal.timeout(250), slow), 'VENDOR_TIMEOUT', /cancelled: the poll's deadline passed/);
    await failure(get('/drip', AbortSignal.timeout(250), slow), 'VENDOR_TIMEOUT', /deadline/);
    assert.ok(Date.now() - started < 1500);
  });

  test('an already-aborted signal fails at once without connecting', async () => {
    const before = hits;
    await failure(get('/ok', AbortSignal.abort()), 'VENDOR_TIMEOUT', /deadline/);
    assert.equal(hits, before);
  });

  test('a body cut off mid-way is a parse failure, not "unreachable"', async () => {
    await failure(get('/cut'), 'VENDOR_PARSE', /cut off after 18 bytes/);
  });

  test('close() is idempotent, cancels a request in flight, and a later request reconnects', async () => {
    const c = client({ ...fast, requestTimeoutMs: 5000 });
    const inFlight = c.request({ method: 'GET', path: '/hang', signal: AbortSignal.timeout(5000) });
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await c.close();
    await c.close();
    await failure(inFlight, 'VENDOR_UNREACHABLE', /client was closed/);
    assert.ok(Date.now() - started < 500);
    const again = await c.request({ method: 'GET', path: '/ok', signal: AbortSignal.timeout(2000) });
    assert.deepEqual(again.body, { ok: true });
    await c.close();
  });

  test('a bad base URL fails as a VendorError at the first request', async () => {
    const c = createVendorHttp({ baseUrl: 'not a url', tls: { mode: 'system' } }, fast);
    await failure(c.request({ method: 'GET', path: '/x', signal: AbortSignal.timeout(1000) }), 'VENDOR_UNREACHABLE', /not a valid URL/);
    const ftp = createVendorHttp({ baseUrl: 'ftp://10.0.0.5', tls: { mode: 'system' } }, fast);
    await failure(ftp.request({ method: 'GET', path: '/x', signal: AbortSignal.timeout(1000) }), 'VENDOR_UNREACHABLE', /must start with https:\/\//);
  });

  test('no failure above surfaced as an unhandled rejection', async () => {
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(unhandled, []);
  });
});
