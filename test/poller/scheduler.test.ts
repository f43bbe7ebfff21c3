import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Clock, type CycleRun, createScheduler } from '../../src/poller/scheduler.js';

/** A clock that only moves when the test says so; sleepers wake in time order. */
function fakeClock(start = 0) {
  let t = start;
  const sleepers: Array<{ at: number; wake: () => void }> = [];
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  const clock: Clock & { advance(ms: number): Promise<void> } = {
    now: () => t,
    sleep(ms, signal) {
      return new Promise<void>((resolve) => {
        if (signal.aborted) return resolve();
        const sleeper = { at: t + Math.max(0, ms), wake: resolve };
        sleepers.push(sleeper);
        const onAbort = () => {
          const i = sleepers.indexOf(sleeper);
          if (i >= 0) sleepers.splice(i, 1);
          resolve();
        };
        sleeper.wake = () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
    async advance(ms) {
      const end = t + ms;
      await settle();
      for (;;) {
        sleepers.sort((a, b) => a.at - b.at);
        const next = sleepers[0];
        if (!next || next.at > end) break;
        sleepers.shift();
        t = next.at;
        next.wake();
        await settle();
      }
      t = end;
      await settle();
    },
  };
  return clock;
}

const never = new AbortController().signal;

test('first cycle after the start jitter, then at each next due time', async () => {
  const clock = fakeClock(10_000);
  const starts: number[] = [];
  const scheduler = createScheduler({
    clock,
    random: () => 0.5,
    startJitterMs: 1000,
    maxIdleMs: 60_000,
    runCycle: async (now): Promise<CycleRun> => {
      starts.push(now - 10_000);
      return { nextDueAt: now + 1000 };
    },
  });
  scheduler.start();
  await clock.advance(499);
  assert.deepEqual(starts, []);
  await clock.advance(1);
  assert.deepEqual(starts, [500]);
  await clock.advance(2000);
  assert.deepEqual(starts, [500, 1500, 2500]);
  await scheduler.stop();
  await clock.advance(5000);
  assert.equal(starts.length, 3, 'nothing runs after stop');
});

test('cycles never overlap: an overrunning cycle delays the next one by the minimum gap only', async () => {
  const clock = fakeClock();
  const starts: number[] = [];
  let running = 0;
  let maxRunning = 0;
  const scheduler = createScheduler({
    clock,
    random: () => 0,
    startJitterMs: 1000,
    maxIdleMs: 60_000,
    minGapMs: 100,
    runCycle: async (now) => {
      starts.push(now);
      running++;
      maxRunning = Math.max(maxRunning, running);
      await clock.sleep(2500, never); // the cycle takes 2.5 intervals
      running--;
      return { nextDueAt: now + 1000 }; // already in the past when the cycle ends
    },
  });
  scheduler.start();
  await clock.advance(10_000);
  assert.deepEqual(starts, [0, 2600, 5200, 7800]);
  assert.equal(maxRunning, 1);
  const stopped = scheduler.stop();
  await clock.advance(2500);
  await stopped;
});

test('idles for maxIdleMs when nothing is scheduled or a cycle fails, and reports the error', async () => {
  const clock = fakeClock();
  const starts: number[] = [];
  const errors: unknown[] = [];
  const scheduler = createScheduler({
    clock,
    random: () => 0,
    startJitterMs: 0,
    maxIdleMs: 5000,
    onError: (e) => errors.push(e),
    runCycle: async (now) => {
      starts.push(now);
      if (starts.length === 2) throw new Error('database away');
      return { nextDueAt: starts.length === 3 ? now + 60_000 : null };
    },
  });
  scheduler.start();
  await clock.advance(20_000);
  // null → idle 5 s; error → idle 5 s; a due time beyond the idle cap → looks again after 5 s.
  assert.deepEqual(starts, [0, 5000, 10_000, 15_000, 20_000]);
  assert.equal(errors.length, 1);
  assert.equal(scheduler.cycles, 5);
  await scheduler.stop();
});

test('stop() waits for the cycle in flight, and the cycle sees the stop signal', async () => {
  const clock = fakeClock();
  let finished = false;
  let sawStop = false;
  const scheduler = createScheduler({
    clock,
    random: () => 0,
    startJitterMs: 0,
    maxIdleMs: 1000,
    runCycle: async (_now, signal) => {
      await clock.sleep(3000, never);
      sawStop = signal.aborted;
      finished = true;
      return { nextDueAt: null };
    },
  });
  scheduler.start();
  await clock.advance(1000);
  let stopped = false;
  const stopping = scheduler.stop().then(() => {
    stopped = true;
  });
  await clock.advance(1000);
  assert.equal(stopped, false, 'still waiting for the running cycle');
  await clock.advance(1000);
  await stopping;
  assert.equal(finished, true);
  assert.equal(sawStop, true);
  assert.equal(scheduler.cycles, 1);
});
