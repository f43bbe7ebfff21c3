import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStale, STALE_AFTER_INTERVALS } from '../../src/domain/staleness.js';

const minute = 60_000;
const now = 1_705_316_400_000;

interface Case {
  name: string;
  lastOkAt: number | null;
  intervalMs: number;
  createdAt?: number;
  stale: boolean;
}

const cases: Case[] = [
  { name: 'just polled', lastOkAt: now, intervalMs: minute, stale: false },
  { name: 'one interval old', lastOkAt: now - minute, intervalMs: minute, stale: false },
  { name: 'exactly three intervals old is still fresh', lastOkAt: now - 3 * minute, intervalMs: minute, stale: false },
  { name: 'just over three intervals old', lastOkAt: now - 3 * minute - 1, intervalMs: minute, stale: true },
  { name: 'a day old', lastOkAt: now - 24 * 60 * minute, intervalMs: minute, stale: true },
  { name: 'longer interval gives more grace', lastOkAt: now - 10 * minute, intervalMs: 5 * minute, stale: false },
  { name: 'future timestamp (clock skew) counts as fresh', lastOkAt: now + minute, intervalMs: minute, stale: false },
  { name: 'never polled, no creation time', lastOkAt: null, intervalMs: minute, stale: true },
  { name: 'never polled, added a minute ago', lastOkAt: null, intervalMs: minute, createdAt: now - minute, stale: false },
  { name: 'never polled, added three intervals ago', lastOkAt: null, intervalMs: minute, createdAt: now - 3 * minute, stale: false },
  { name: 'never polled, added long ago', lastOkAt: null, intervalMs: minute, createdAt: now - 4 * minute, stale: true },
  { name: 'a good poll wins over the creation time', lastOkAt: now - 10 * minute, intervalMs: minute, createdAt: now, stale: true },
  { name: 'zero interval leaves no grace', lastOkAt: now - 1, intervalMs: 0, stale: true },
  { name: 'negative interval leaves no grace', lastOkAt: now - 1, intervalMs: -minute, stale: true },
  { name: 'NaN interval leaves no grace', lastOkAt: now - 1, intervalMs: Number.NaN, stale: true },
  { name: 'zero interval, polled this instant', lastOkAt: now, intervalMs: 0, stale: false },
  { name: 'NaN last-ok time is stale', lastOkAt: Number.NaN, intervalMs: minute, stale: true },
];

test('three intervals of grace', () => assert.equal(STALE_AFTER_INTERVALS, 3));

for (const c of cases) {
  test(`isStale: ${c.name}`, () => assert.equal(isStale(c.lastOkAt, now, c.intervalMs, c.createdAt), c.stale));
}

test('isStale: NaN now is stale', () => assert.equal(isStale(now, Number.NaN, minute), true));
