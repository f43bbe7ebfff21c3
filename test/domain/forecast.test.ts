import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type CapacityPoint, forecastCapacity, type ForecastOptions } from '../../src/domain/forecast.js';
import { DAY, linear, now, PB, series, TB } from './forecast-series.js';

type Days = [number | null, number | null, number | null];

interface Case {
  name: string;
  points: CapacityPoint[];
  options?: ForecastOptions;
  at?: number;
  /** Days until 80, 90, 100 %. */
  days: Days;
  growth: number | null;
  since: number | null;
  reason?: RegExp;
  /** Relative tolerance on days and growth; exact arithmetic up to rounding by default. */
  within?: number;
}

const T1000 = 1000 * TB;
// 500 TB used of 1000 TB, +2 TB a day: 80 % in 150 days, 90 % in 200, 100 % in 250.
const steady = linear(-30, 0, 1, 500 * TB, 2 * TB, T1000);

const cases: Case[] = [
  { name: 'linear growth gives the exact days', points: steady, days: [150, 200, 250], growth: 2 * TB, since: now - 30 * DAY },
  {
    name: 'days count from now, not from the last reading',
    points: steady,
    at: now + 10 * DAY,
    days: [140, 190, 240],
    growth: 2 * TB,
    since: now - 30 * DAY,
  },
  {
    name: 'irregular polling: real timestamps, never the row index',
    points: [-60, -59, -20, -3, -2.5, 0].map((d) => ({ at: now + d * DAY, usedBytes: 500 * TB + 2 * TB * d, totalBytes: T1000 })),
    days: [150, 200, 250],
    growth: 2 * TB,
    since: now - 60 * DAY,
  },
  {
    name: 'an expansion restarts the trend at the new total',
    points: [
      ...linear(-60, -21, 1, 440 * TB, 10 * TB, 500 * TB), // steep growth on the old, smaller array
      ...linear(-20, 0, 1, 500 * TB, 2 * TB, T1000),
    ],
    days: [150, 200, 250],
    growth: 2 * TB,
    since: now - 20 * DAY,
  },
  {
    name: 'a shrink of total capacity restarts the trend too',
    points: [...linear(-60, -11, 1, 500 * TB, 1 * TB, 2000 * TB), ...linear(-10, 0, 1, 500 * TB, 2 * TB, T1000)],
    days: [150, 200, 250],
    growth: 2 * TB,
    since: now - 10 * DAY,
  },
  {
    name: 'jitter of total within 1 % is not an expansion',
    points: series(-30, 0, 1, (d) => 500 * TB + 2 * TB * d, (d) => T1000 * (d % 2 === 0 ? 1 : 0.992)),
    days: [150, 200, 250],
    growth: 2 * TB,
    since: now - 30 * DAY,
  },
  {
    name: 'an expansion leaving too few readings says so',
    points: [...linear(-30, -2, 1, 470 * TB, 1 * TB, 500 * TB), ...linear(-1, 0, 1, 500 * TB, 2 * TB, T1000)],
    days: [null, null, null],
    growth: null,
    since: now - DAY,
    reason: /only 2 readings since the last change of total capacity/,
  },
  {
    name: 'the window drops older growth',
    points: [...linear(-365, -91, 1, 910 * TB, 10 * TB, 2000 * TB), ...linear(-90, 0, 1, 1000 * TB, 1 * TB, 2000 * TB)],
    options: { windowDays: 90 },
    days: [600, 800, 1000],
    growth: 1 * TB,
    since: now - 90 * DAY,
  },
  {
    name: 'a window with no readings in it',
    points: linear(-200, -100, 1, 500 * TB, 2 * TB, T1000),
    options: { windowDays: 90 },
    days: [null, null, null],
    growth: null,
    since: null,
    reason: /no capacity readings inside the forecast window/,
  },
  {
    name: 'a nonsense window is no window',
    points: steady,
    options: { windowDays: -5 },
    days: [150, 200, 250],
    growth: 2 * TB,
    since: now - 30 * DAY,
  },
  {
    name: 'shrinking usage: not growing',
    points: linear(-30, 0, 1, 500 * TB, -1 * TB, T1000),
    days: [null, null, null],
    growth: -1 * TB,
    since: now - 30 * DAY,
    reason: /not growing/,
  },
  {
    name: 'flat usage: not growing',
    points: linear(-30, 0, 1, 500 * TB, 0, T1000),
    days: [null, null, null],
    growth: 0,
    since: now - 30 * DAY,
    reason: /not growing/,
  },
  {
    name: 'past a threshold is 0 days even when not growing',
    points: linear(-30, 0, 1, 950 * TB, 0, T1000),
    days: [0, 0, null],
    growth: 0,
    since: now - 30 * DAY,
    reason: /not growing/,
  },
  {
    name: 'past a threshold is 0 days even on one reading',
    points: linear(0, 0, 1, 850 * TB, 0, T1000),
    days: [0, null, null],
    growth: null,
    since: now,
    reason: /only 1 reading;/,
  },
  { name: 'completely full', points: linear(-30, 0, 1, T1000, 0, T1000), days: [0, 0, 0], growth: 0, since: now - 30 * DAY },
  {
    name: 'two readings are too few',
    points: linear(-10, 0, 10, 500 * TB, 2 * TB, T1000),
    days: [null, null, null],
    growth: null,
    since: now - 10 * DAY,
    reason: /only 2 readings; a forecast needs 3/,
  },
  {
    name: 'readings spanning less than a day are too few',
    points: linear(-0.9, 0, 0.1, 500 * TB, 2 * TB, T1000),
    days: [null, null, null],
    growth: null,
    since: now - 0.9 * DAY,
    reason: /span less than a day/,
  },
  { name: 'no readings', points: [], days: [null, null, null], growth: null, since: null, reason: /no usable capacity readings/ },
  {
    name: 'unusable readings are skipped',
    points: [
      ...steady,
      { at: now - 5.5 * DAY, usedBytes: Number.NaN, totalBytes: T1000 },
      { at: now - 4.5 * DAY, usedBytes: -1, totalBytes: T1000 },
      { at: now - 3.5 * DAY, usedBytes: 0, totalBytes: 0 },
      { at: Number.NaN, usedBytes: 0, totalBytes: T1000 },
    ],
    days: [150, 200, 250],
    growth: 2 * TB,
    since: now - 30 * DAY,
  },
  {
    name: 'petabytes: 30 PB of 50 PB, +10 GB a day, stays exact',
    points: linear(-365, 0, 1 / 24, 30 * PB + 123_456_789, 10e9, 50 * PB),
    days: [(10 * PB - 123_456_789) / 10e9, (15 * PB - 123_456_789) / 10e9, (20 * PB - 123_456_789) / 10e9],
    growth: 10e9,
    since: now - 365 * DAY,
    within: 1e-9,
  },
  {
    name: 'tens of exabytes (beyond 2^53) stay precise enough',
    points: linear(-90, 0, 1 / 4, 30_000 * PB, 1 * PB, 50_000 * PB),
    days: [10_000, 15_000, 20_000],
    growth: 1 * PB,
    since: now - 90 * DAY,
    within: 1e-6,
  },
];

function assertClose(actual: number | null, expected: number | null, within: number, what: string): void {
  if (expected === null || actual === null) {
    assert.equal(actual, expected, what);
    return;
  }
  const scale = Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= within * scale, `${what}: ${actual} is not ${expected} (±${within * 100} %)`);
}

describe('forecastCapacity', () => {
  for (const c of cases) {
    test(c.name, () => {
      const f = forecastCapacity(c.points, c.at ?? now, c.options);
      const within = c.within ?? 1e-9;
      assertClose(f.daysUntil[80], c.days[0], within, 'days until 80 %');
      assertClose(f.daysUntil[90], c.days[1], within, 'days until 90 %');
      assertClose(f.daysUntil[100], c.days[2], within, 'days until 100 %');
      assertClose(f.growthBytesPerDay, c.growth, within, 'growth per day');
      assert.equal(f.since, c.since, 'since');
      assert.equal(f.method, 'theil-sen');
      if (c.reason) assert.match(f.reason ?? '(no reason)', c.reason);
      else assert.equal(f.reason, undefined, 'no reason when every threshold has an answer');
    });
  }
});
