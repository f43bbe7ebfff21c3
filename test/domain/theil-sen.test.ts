import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitTheilSen } from '../../src/domain/theil-sen.js';

interface Case {
  name: string;
  xs: number[];
  ys: number[];
  maxPairs?: number;
  fit: { slope: number; intercept: number; pairs: number } | null;
}

const cases: Case[] = [
  { name: 'a straight line', xs: [0, 1, 2, 3], ys: [1, 3, 5, 7], fit: { slope: 2, intercept: 1, pairs: 6 } },
  { name: 'order does not matter', xs: [3, 0, 2, 1], ys: [7, 1, 5, 3], fit: { slope: 2, intercept: 1, pairs: 6 } },
  // Six pairs lie on the line (slope 1), only four touch the outlier: the median stays on the line.
  { name: 'one wild point out of five is ignored', xs: [0, 1, 2, 3, 4], ys: [0, 1, 2, 100, 4], fit: { slope: 1, intercept: 0, pairs: 10 } },
  { name: 'slopes 1, 2, 3: the middle one', xs: [0, 1, 2], ys: [0, 1, 4], fit: { slope: 2, intercept: 0, pairs: 3 } },
  { name: 'equal x pairs are skipped; the two slopes left are averaged', xs: [0, 0, 1], ys: [0, 2, 3], fit: { slope: 2, intercept: 1, pairs: 2 } },
  { name: 'no spread in x', xs: [5, 5, 5], ys: [1, 2, 3], fit: null },
  { name: 'no points', xs: [], ys: [], fit: null },
  {
    name: 'sampled pairs on a straight line are exact',
    xs: Array.from({ length: 500 }, (_, i) => i),
    ys: Array.from({ length: 500 }, (_, i) => 3 * i - 7),
    maxPairs: 1000,
    fit: { slope: 3, intercept: -7, pairs: 1000 },
  },
];

for (const c of cases) {
  test(`fitTheilSen: ${c.name}`, () => assert.deepEqual(fitTheilSen(c.xs, c.ys, c.maxPairs), c.fit));
}

test('fitTheilSen: sampling gives up when no pair has a slope', () => {
  assert.equal(fitTheilSen(Array(300).fill(1), Array(300).fill(2), 10), null);
});
