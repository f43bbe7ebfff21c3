// How many connections one system gets at once: the poller's memory and the array's load both
// grow with it, so the HTTP layer must hold requests beyond the limit instead of opening more.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type ClientOptions, DEFAULT_CONNECTIONS } from '../../src/vendors/client.js';
import { createVendorHttp } from '../../src/vendors/http.js';

describe('connections per system', () => {
  let port = 0;
  let open = 0;
  let mostOpen = 0;
  let served = 0;
  const sockets = new Set<Socket>();
  const server = http.createServer((_req, res) => {
    // Slow enough that every request of a burst is in flight together.
    setTimeout(() => {
      served++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    }, 80);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    open++;
    mostOpen = Math.max(mostOpen, open);
    s.on('close', () => {
      open--;
      sockets.delete(s);
    });
  });

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  async function burst(options: ClientOptions, requests: number): Promise<number> {
    mostOpen = 0;
    served = 0;
    const client = createVendorHttp({ baseUrl: `http://127.0.0.1:${port}`, tls: { mode: 'system' } }, options);
    try {
      const signal = AbortSignal.timeout(5000);
      const answers = await Promise.all(Array.from({ length: requests }, (_, i) => client.request({ method: 'GET', path: `/r${i}`, signal })));
      assert.ok(answers.every((a) => a.status === 200));
      assert.equal(served, requests, 'every request was answered, none dropped');
      return mostOpen;
    } finally {
      await client.close();
      // The server sees the close a moment later; the next burst must start from zero.
      while (open > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  test(`by default a burst of requests shares ${DEFAULT_CONNECTIONS} connections`, async () => {
    assert.equal(await burst({ requestTimeoutMs: 2000, maxResponseBytes: 1024 }, 6), DEFAULT_CONNECTIONS);
  });

  test('the limit is configurable: 1 serialises, 4 opens four', async () => {
    assert.equal(await burst({ requestTimeoutMs: 2000, maxResponseBytes: 1024, connections: 1 }, 5), 1);
    assert.equal(await burst({ requestTimeoutMs: 2000, maxResponseBytes: 1024, connections: 4 }, 8), 4);
  });
});
