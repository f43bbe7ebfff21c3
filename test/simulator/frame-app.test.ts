import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { connect } from 'node:tls';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { Agent, request } from 'undici';
import { buildSimulator, type Simulator } from '../../src/simulator/app.js';
import { mountVendors, serverConstraints, type MountedSystem } from '../../src/simulator/mount.js';
import { createSessionStore } from '../../src/simulator/sessions.js';
import { noFaults, type RegisterVendorRoutes, type SimSystemState, type SimVendor } from '../../src/simulator/types.js';

describe('simulator over HTTPS with its self-signed certificate', () => {
  let sim: Simulator;
  let origin: string;
  before(async () => {
    sim = await buildSimulator({ systems: 4, seed: 1 });
    origin = await sim.listen();
  });
  after(() => sim.close());

  test('serves HTTPS; the certificate is trusted as a CA, or not verified at all', async () => {
    assert.match(origin, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(sim.baseUrlOf('dd-01'), `${origin}/dd-01`);
    const asCa = new Agent({ connect: { ca: sim.certificatePem ?? '' } });
    const insecure = new Agent({ connect: { rejectUnauthorized: false } });
    try {
      for (const dispatcher of [asCa, insecure]) {
        const res = await request(`${sim.baseUrlOf('pure-fa-01')}/api/api_version`, { dispatcher });
        assert.equal(res.statusCode, 200);
        await res.body.dump();
      }
    } finally {
      await asCa.close();
      await insecure.close();
    }
  });

  test('clients that trust only the system CAs refuse it', async () => {
    await assert.rejects(request(`${origin}/`), (err: Error & { code?: string }) => /CERT|SELF_SIGNED/.test(err.code ?? err.message));
  });

  test('the certificate covers localhost and 127.0.0.1, and its fingerprint is what a pinning client sees', async () => {
    const cert = new X509Certificate(sim.certificatePem ?? '');
    assert.match(cert.subjectAltName ?? '', /DNS:localhost/);
    assert.match(cert.subjectAltName ?? '', /IP Address:127\.0\.0\.1/);
    assert.ok(new Date(cert.validTo).getTime() > Date.now() + 300 * 86_400_000);
    const { port } = new URL(origin);
    const seen = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: Number(port), rejectUnauthorized: false }, () => {
        resolve(socket.getPeerX509Certificate()?.fingerprint256 ?? '');
        socket.end();
      });
      socket.on('error', reject);
    });
    assert.equal(seen, sim.fingerprintSha256);
    assert.match(seen, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });
});

describe('simulator frame', () => {
  test('lists its systems at /, answers 404 for unknown ones, and never lets one vendor answer for another', async () => {
    const sim = await buildSimulator({ systems: 4, seed: 1, tls: 'none' });
    try {
      const index = await sim.app.inject({ url: '/' });
      assert.deepEqual(
        index.json().systems.map((s: { id: string; vendor: string }) => `${s.vendor}:${s.id}`),
        ['pure:pure-fa-01', 'ontap:ontap-c01', 'storagegrid:sg-grid-01', 'datadomain:dd-01'],
      );
      assert.equal((await sim.app.inject({ url: '/pure-fa-01/api/api_version' })).statusCode, 200);
      assert.equal((await sim.app.inject({ url: '/pure-fa-99/api/api_version' })).statusCode, 404);
      assert.equal((await sim.app.inject({ url: '/dd-01/api/api_version' })).statusCode, 404, 'a Pure path under a Data Domain');
    } finally {
      await sim.close();
    }
  });

  test('each system is served by its vendor module with its own state and its own sessions', async () => {
    const sim = await buildSimulator({ systems: 8, seed: 1, tls: 'none' });
    try {
      await sim.listen();
      const tokens: string[] = [];
      for (const id of ['dd-01', 'dd-02']) {
        const { username, password } = sim.stateOf(id).credentials;
        const login = await fetch(`${sim.baseUrlOf(id)}/rest/v1.0/auth`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password }),
        });
        assert.equal(login.status, 201);
        const token = login.headers.get('x-dd-auth-token') ?? '';
        tokens.push(token);
        const system = await fetch(`${sim.baseUrlOf(id)}/rest/v1.0/system`, { headers: { 'x-dd-auth-token': token } });
        assert.equal(system.status, 200);
        assert.match(await system.text(), new RegExp(sim.stateOf(id).serial));
      }
      const crossed = await fetch(`${sim.baseUrlOf('dd-02')}/rest/v1.0/system`, { headers: { 'x-dd-auth-token': tokens[0] ?? '' } });
      assert.equal(crossed.status, 401, 'a token of dd-01 means nothing to dd-02');
      sim.expireSessions('dd-02');
      const expired = await fetch(`${sim.baseUrlOf('dd-02')}/rest/v1.0/system`, { headers: { 'x-dd-auth-token': tokens[1] ?? '' } });
      assert.equal(expired.status, 401);
    } finally {
      await sim.close();
    }
  });

  test('scenarios place their faults; explicit faults override them; unknown names are refused', async () => {
    const sim = await buildSimulator({ systems: 8, seed: 1, tls: 'none', scenario: 'degraded', faults: { 'ontap-c01': { errorRate: 0.25 } } });
    try {
      assert.equal(sim.faultsOf('pure-fa-01').hang, true);
      assert.equal(sim.faultsOf('ontap-c01').errorRate, 0.25);
      assert.equal(sim.faultsOf('sg-grid-01').malformedBody, true);
      assert.equal(sim.faultsOf('dd-01').htmlError, true);
      assert.equal(sim.faultsOf('pure-fa-02').tokenExpiry, true);
      assert.ok(sim.faultsOf('ontap-c02').latencyMs > 0);
      assert.deepEqual(sim.faultsOf('sg-grid-02'), noFaults);
    } finally {
      await sim.close();
    }
    await assert.rejects(buildSimulator({ systems: 1, seed: 1, tls: 'none', scenario: 'apocalypse' }), /unknown scenario "apocalypse"/);
    await assert.rejects(buildSimulator({ systems: 1, seed: 1, tls: 'none', faults: { 'dd-07': { hang: true } } }), /no simulated system "dd-07"/);
  });

  test('simulated time runs at the given speed and can jump forward', async () => {
    const startAt = Date.UTC(2025, 0, 1);
    const sim = await buildSimulator({ systems: 4, seed: 1, tls: 'none', speed: 3600, startAt });
    try {
      const before = sim.stateOf('dd-01').now;
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.ok(sim.stateOf('dd-01').now - before >= 60_000, 'one real ms is a simulated hour... at least a minute passed');
      sim.clock.advance(30 * 86_400_000);
      assert.ok(sim.systems.every((s) => s.now >= startAt + 30 * 86_400_000));
    } finally {
      await sim.close();
    }
  });

  test('1000 systems build and become ready in well under a second, with no timers and modest memory', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const timersBefore = timers();
    const heapBefore = process.memoryUsage().heapUsed;
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const sim = await buildSimulator({ systems: 1000, seed: 1, tls: 'none' });
    await sim.app.ready();
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    try {
      // CPU time, not wall time: the test machine may be busy with other suites.
      assert.ok(cpuMs < 800, `took ${cpuMs} ms of CPU (${performance.now() - wall} ms wall)`);
      assert.ok(process.memoryUsage().heapUsed - heapBefore < 80e6, `heap grew ${(process.memoryUsage().heapUsed - heapBefore) / 1e6} MB`);
      assert.equal(timers(), timersBefore, 'no per-system timers');
      assert.equal(sim.specs.length, 1000);
      assert.equal((await sim.app.inject({ url: '/dd-250/no-such-path' })).statusCode, 404);
    } finally {
      await sim.close();
    }
  });
});

describe('mountVendors: one registration per vendor, a context per request', () => {
  const fakeState = (id: string, vendor: SimVendor) => ({ id, name: id, vendor }) as SimSystemState;
  // A vendor module that answers with the system it believes it serves, and checks sessions.
  const fakeVendor: RegisterVendorRoutes = (app, ctx) => {
    app.get('/whoami', async () => ({ name: ctx.state().name, vendor: ctx.state().vendor }));
    app.post('/login', async (req) => ({ token: ctx.sessions.issue(), body: req.body }));
    app.get('/check', async (req) => ({ valid: ctx.sessions.isValid(req.headers['x-token'] as string | undefined) }));
  };
  let app: FastifyInstance;
  before(async () => {
    const systems = new Map<string, MountedSystem>(
      (
        [
          ['a-1', 'pure'],
          ['b-1', 'ontap'],
          ['a-2', 'pure'],
        ] as const
      ).map(([id, vendor]) => [id, { vendor, state: () => fakeState(id, vendor), sessions: createSessionStore(() => noFaults) }]),
    );
    app = Fastify({ routerOptions: { constraints: serverConstraints((id) => systems.get(id)) } });
    mountVendors(app, (id) => systems.get(id), { pure: fakeVendor, ontap: fakeVendor, storagegrid: fakeVendor, datadomain: fakeVendor });
    await app.ready();
  });
  after(() => app.close());

  test('each request sees its own system, concurrently too', async () => {
    const answers = await Promise.all(['a-1', 'b-1', 'a-2', 'a-1'].map((id) => app.inject({ url: `/${id}/whoami` })));
    assert.deepEqual(
      answers.map((a) => a.json()),
      [
        { name: 'a-1', vendor: 'pure' },
        { name: 'b-1', vendor: 'ontap' },
        { name: 'a-2', vendor: 'pure' },
        { name: 'a-1', vendor: 'pure' },
      ],
    );
  });

  test('the context survives body parsing, and sessions belong to one system', async () => {
    const login = await app.inject({ method: 'POST', url: '/a-1/login', payload: { user: 'x' } });
    const { token, body } = login.json();
    assert.deepEqual(body, { user: 'x' });
    assert.equal((await app.inject({ url: '/a-1/check', headers: { 'x-token': token } })).json().valid, true);
    assert.equal((await app.inject({ url: '/a-2/check', headers: { 'x-token': token } })).json().valid, false);
  });

  test('using the context outside a request is a clear error', async () => {
    let captured: Parameters<RegisterVendorRoutes>[1] | undefined;
    const probe = Fastify();
    mountVendors(probe, () => undefined, {
      pure: (_app, ctx) => {
        captured = ctx;
      },
      ontap: () => {},
      storagegrid: () => {},
      datadomain: () => {},
    });
    await probe.ready();
    assert.ok(captured);
    assert.throws(() => captured?.state(), /outside a request/);
    await probe.close();
  });
});
