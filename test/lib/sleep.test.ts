import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sleep } from '../../src/lib/sleep.js';

test('sleep waits at least the given time', async () => {
  const started = performance.now();
  await sleep(30);
  assert.ok(performance.now() - started >= 25);
});

test('sleep resolves early when its signal aborts, and at once when already aborted', async () => {
  const controller = new AbortController();
  const started = performance.now();
  setTimeout(() => controller.abort(), 10);
  await sleep(60_000, controller.signal);
  assert.ok(performance.now() - started < 30_000);
  await sleep(60_000, controller.signal);
});
