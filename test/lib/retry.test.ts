import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { retryWithBackoff } from '../../src/lib/retry.js';

class Busy extends Error {
  code = 'BUSY';
}

/** A sleep that records the delays and returns at once. */
function recordingSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

const isBusy = (err: unknown) => err instanceof Busy;

describe('retryWithBackoff', () => {
  test('waits base, 2×base, 4×base between attempts and returns the first success', async () => {
    const { delays, sleep } = recordingSleep();
    const retries: number[] = [];
    let calls = 0;
    const result = await retryWithBackoff(
      async () => {
        calls++;
        if (calls < 4) throw new Busy('locked');
        return 'ok';
      },
      { retries: 3, baseMs: 100, isRetryable: isBusy, sleep, onRetry: ({ attempt }) => retries.push(attempt) },
    );
    assert.equal(result, 'ok');
    assert.equal(calls, 4);
    assert.deepEqual(delays, [100, 200, 400]);
    assert.deepEqual(retries, [1, 2, 3]);
  });

  test('gives up after `retries` retries and throws the last error', async () => {
    const { delays, sleep } = recordingSleep();
    let calls = 0;
    await assert.rejects(
      retryWithBackoff(
        async () => {
          calls++;
          throw new Busy(`attempt ${calls}`);
        },
        { retries: 2, baseMs: 50, isRetryable: isBusy, sleep },
      ),
      /attempt 3/,
    );
    assert.equal(calls, 3);
    assert.deepEqual(delays, [50, 100]);
  });

  test('a non-retryable error fails at once', async () => {
    const { delays, sleep } = recordingSleep();
    let calls = 0;
    await assert.rejects(
      retryWithBackoff(
        async () => {
          calls++;
          throw new TypeError('bad value');
        },
        { retries: 5, baseMs: 10, isRetryable: isBusy, sleep },
      ),
      TypeError,
    );
    assert.equal(calls, 1);
    assert.deepEqual(delays, []);
  });

  test('retries: 0 tries exactly once', async () => {
    let calls = 0;
    await assert.rejects(
      retryWithBackoff(
        async () => {
          calls++;
          throw new Busy('x');
        },
        { retries: 0, baseMs: 10, isRetryable: isBusy },
      ),
    );
    assert.equal(calls, 1);
  });

  test('an aborted signal stops retrying during the wait', async () => {
    const controller = new AbortController();
    let calls = 0;
    const started = performance.now();
    const attempt = retryWithBackoff(
      async () => {
        calls++;
        throw new Busy(`attempt ${calls}`);
      },
      { retries: 10, baseMs: 10_000, isRetryable: isBusy, signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(attempt, /attempt 1/);
    assert.equal(calls, 1);
    // The real sleep of 10 s must have been cut short (generous bound: this is not a speed test).
    assert.ok(performance.now() - started < 5000);
  });
});
