import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildSimulator, type Simulator } from '../../src/simulator/app.js';
import { createSessionStore } from '../../src/simulator/sessions.js';
import { noFaults, type SimFaults } from '../../src/simulator/types.js';

// A FlashArray's api_version needs no login: a real answer the faults can be applied to.
const PATH = '/api/api_version';

describe('simulator faults over HTTP', () => {
  let sim: Simulator;
  const url = (id = 'pure-fa-01') => `${sim.baseUrlOf(id)}${PATH}`;
  before(async () => {
    sim = await buildSimulator({ systems: 12, seed: 1, tls: 'none', faults: { 'pure-fa-02': { errorRate: 1 } } });
    await sim.listen();
  });
  after(() => sim.close());
  const reset = (id = 'pure-fa-01') => sim.setFaults(id, noFaults);

  test('no faults: the vendor answers', async () => {
    const res = await fetch(url());
    assert.equal(res.status, 200);
    assert.ok(await res.json());
  });

  test('faults given at build time apply from the start', async () => {
    assert.equal((await fetch(url('pure-fa-02'))).status, 503);
  });

  test('latency: base plus jitter, measurable by the client', async () => {
    sim.setFaults('pure-fa-01', { latencyMs: 150 });
    let started = performance.now();
    assert.equal((await fetch(url())).status, 200);
    assert.ok(performance.now() - started >= 145, 'at least the base latency');
    sim.setFaults('pure-fa-01', { latencyMs: 20, latencyJitterMs: 100 });
    const times: number[] = [];
    for (let i = 0; i < 8; i++) {
      started = performance.now();
      await (await fetch(url())).arrayBuffer();
      times.push(performance.now() - started);
    }
    assert.ok(Math.min(...times) >= 19, `${times}`);
    assert.ok(Math.max(...times) - Math.min(...times) > 10, `jitter varies the latency: ${times}`);
    reset();
  });

  test('errorRate 1 answers every request with a 503 JSON body; 0.5 about half; 429 carries Retry-After', async () => {
    sim.setFaults('pure-fa-01', { errorRate: 1 });
    const res = await fetch(url());
    assert.equal(res.status, 503);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    assert.equal(((await res.json()) as { error: string }).error, 'Service Unavailable');
    sim.setFaults('pure-fa-01', { errorRate: 0.5 });
    const statuses = await Promise.all(Array.from({ length: 40 }, async () => (await fetch(url())).status));
    assert.ok(statuses.includes(200) && statuses.includes(503), `${statuses}`);
    sim.setFaults('pure-fa-01', { errorRate: 1, errorStatus: 429 });
    const limited = await fetch(url());
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '1');
    reset();
    assert.equal((await fetch(url())).status, 200, 'faults can be lifted at run time');
  });

  test('malformedBody: a JSON content type with truncated JSON', async () => {
    sim.setFaults('pure-fa-01', { malformedBody: true });
    const res = await fetch(url());
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    const text = await res.text();
    assert.ok(text.length > 0);
    assert.throws(() => JSON.parse(text), SyntaxError);
    reset();
  });

  test('htmlError: a 500 with an HTML page', async () => {
    sim.setFaults('pure-fa-01', { htmlError: true });
    const res = await fetch(url());
    assert.equal(res.status, 500);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await res.text(), /^<!DOCTYPE html>/);
    reset();
  });

  test('faults apply to every path of the system, even ones no vendor route knows', async () => {
    sim.setFaults('pure-fa-01', { htmlError: true });
    assert.equal((await fetch(`${sim.baseUrlOf('pure-fa-01')}/no/such/path`)).status, 500);
    assert.equal((await fetch(`${sim.baseUrlOf('pure-fa-03')}${PATH}`)).status, 200, 'other systems are unaffected');
    reset();
  });

  test('resetConnection: the client sees the connection drop', async () => {
    sim.setFaults('pure-fa-01', { resetConnection: true });
    await assert.rejects(fetch(url()), TypeError);
    reset();
  });

  test('slowBodyMs: headers at once, the body over time', async () => {
    sim.setFaults('pure-fa-01', { slowBodyMs: 300 });
    const started = performance.now();
    const res = await fetch(url());
    const headersAfter = performance.now() - started;
    await res.json();
    assert.ok(headersAfter < 250, `headers after ${headersAfter} ms`);
    assert.ok(performance.now() - started >= 250);
    reset();
  });

  test('setFaults refuses unknown systems and nonsense values', () => {
    assert.throws(() => sim.setFaults('nope', { hang: true }), /no simulated system "nope"/);
    assert.throws(() => sim.setFaults('pure-fa-01', { errorRate: 2 }), /errorRate/);
    assert.deepEqual(sim.faultsOf('pure-fa-01'), noFaults, 'a refused change changes nothing');
  });

  test('hang: the client times out with its AbortSignal and the server still closes promptly', async () => {
    const hung = await buildSimulator({ systems: 1, seed: 1, tls: 'none', faults: { 'pure-fa-01': { hang: true } } });
    await hung.listen();
    const started = performance.now();
    await assert.rejects(fetch(`${hung.baseUrlOf('pure-fa-01')}${PATH}`, { signal: AbortSignal.timeout(200) }), { name: 'TimeoutError' });
    assert.ok(performance.now() - started < 1000);
    // One more hung request left open while the server closes.
    const pending = fetch(`${hung.baseUrlOf('pure-fa-01')}${PATH}`).then(
      () => 'answered',
      () => 'dropped',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = performance.now();
    await hung.close();
    assert.ok(performance.now() - closing < 1000, `close took ${performance.now() - closing} ms`);
    assert.equal(await pending, 'dropped');
  });
});

describe('simulator sessions', () => {
  const faults = (f: Partial<SimFaults>) => () => ({ ...noFaults, ...f });

  test('issued tokens are valid until revoked; unknown ones never are', () => {
    const store = createSessionStore(faults({}));
    const token = store.issue();
    assert.notEqual(token, store.issue(), 'tokens are random');
    assert.equal(store.isValid(token), true);
    assert.equal(store.isValid('made-up'), false);
    assert.equal(store.isValid(undefined), false);
    store.revoke(token);
    assert.equal(store.isValid(token), false);
  });

  test('tokenExpiry: a session idle longer than tokenIdleMs is revoked, a busy one lives on', () => {
    let now = 0;
    const store = createSessionStore(faults({ tokenExpiry: true, tokenIdleMs: 1000 }), () => now);
    const token = store.issue();
    for (now = 500; now <= 5000; now += 500) assert.equal(store.isValid(token), true, `used every 500 ms, at ${now}`);
    now += 1001;
    assert.equal(store.isValid(token), false);
    const fresh = store.issue();
    assert.equal(store.isValid(fresh), true, 'logging in again works');
  });

  test('without tokenExpiry an idle session stays valid; revokeAll ends every session', () => {
    let now = 0;
    const store = createSessionStore(faults({}), () => now);
    const tokens = [store.issue(), store.issue()];
    now = 10 * 3_600_000;
    assert.ok(tokens.every((t) => store.isValid(t)));
    store.revokeAll();
    assert.ok(tokens.every((t) => !store.isValid(t)));
  });

  test('sessions are capped like an array’s: the oldest goes first', () => {
    const store = createSessionStore(faults({}));
    const first = store.issue();
    for (let i = 0; i < 100; i++) store.issue();
    assert.equal(store.size, 64);
    assert.equal(store.isValid(first), false);
  });
});
