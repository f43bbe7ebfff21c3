import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type CapacityFigures, MAX_PLAUSIBLE_BYTES, percentUsed, validateCapacity } from '../../src/domain/capacity.js';

const T = 1000;

describe('validateCapacity rejects absurd numbers with a message', () => {
  const bad: [string, CapacityFigures, RegExp][] = [
    ['negative total', { totalBytes: -1, usedBytes: 0 }, /total capacity is negative/],
    ['NaN used', { totalBytes: T, usedBytes: Number.NaN }, /used capacity is not a number/],
    ['infinite total', { totalBytes: Number.POSITIVE_INFINITY, usedBytes: 0 }, /total capacity is infinite/],
    ['negative free', { totalBytes: T, usedBytes: 0, freeBytes: -5 }, /free capacity is negative/],
    ['NaN effective', { totalBytes: T, usedBytes: 0, effectiveBytes: Number.NaN }, /effective capacity is not a number/],
    ['infinite ratio', { totalBytes: T, usedBytes: 0, dataReductionRatio: Number.POSITIVE_INFINITY }, /ratio is not a finite number/],
    ['negative ratio', { totalBytes: T, usedBytes: 0, dataReductionRatio: -2 }, /ratio is negative/],
    ['zettabytes', { totalBytes: MAX_PLAUSIBLE_BYTES * 2, usedBytes: 0 }, /implausibly large/],
    ['used beyond tolerance', { totalBytes: T, usedBytes: 1011 }, /used capacity \(1011 B\) exceeds total \(1000 B\)/],
    ['free beyond tolerance', { totalBytes: T, usedBytes: 0, freeBytes: 1011 }, /free capacity .* exceeds total/],
    ['used on zero total', { totalBytes: 0, usedBytes: 1 }, /exceeds total/],
    ['missing total (wrong JSON shape)', { usedBytes: 1 } as unknown as CapacityFigures, /total capacity is not a number/],
    ['string used (wrong JSON shape)', { totalBytes: T, usedBytes: '5' } as unknown as CapacityFigures, /used capacity is not a number/],
  ];
  for (const [name, figures, message] of bad) {
    test(name, () => {
      const result = validateCapacity(figures);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.message, message);
    });
  }

  test('a custom tolerance applies', () => {
    assert.equal(validateCapacity({ totalBytes: T, usedBytes: 1050 }, { tolerance: 0.1 }).ok, true);
    assert.equal(validateCapacity({ totalBytes: T, usedBytes: 1001 }, { tolerance: 0 }).ok, false);
    assert.equal(validateCapacity({ totalBytes: T, usedBytes: 1005 }, { tolerance: Number.NaN }).ok, true, 'NaN → default');
  });
});

describe('validateCapacity accepts sane numbers', () => {
  type Expected = { free: number; effective: number | null; ratio: number | null };
  const none = { effective: null, ratio: null };
  const good: [string, CapacityFigures, Expected][] = [
    ['free derived from total − used', { totalBytes: T, usedBytes: 400 }, { free: 600, ...none }],
    ['free as reported', { totalBytes: T, usedBytes: 400, freeBytes: 550 }, { free: 550, ...none }],
    ['overshoot within tolerance clamps free at 0', { totalBytes: T, usedBytes: 1010 }, { free: 0, ...none }],
    ['empty system', { totalBytes: 0, usedBytes: 0 }, { free: 0, ...none }],
    [
      'effective and ratio kept',
      { totalBytes: T, usedBytes: 1, effectiveBytes: 3200, dataReductionRatio: 3.2 },
      { free: 999, effective: 3200, ratio: 3.2 },
    ],
    [
      'nulls are absent values',
      { totalBytes: T, usedBytes: 1, freeBytes: null, effectiveBytes: null, dataReductionRatio: null },
      { free: 999, ...none },
    ],
  ];
  for (const [name, figures, expected] of good) {
    test(name, () => {
      const result = validateCapacity(figures);
      assert.ok(result.ok, result.ok ? '' : result.message);
      assert.deepEqual(result.capacity, {
        totalBytes: figures.totalBytes,
        usedBytes: figures.usedBytes,
        freeBytes: expected.free,
        effectiveBytes: expected.effective,
        dataReductionRatio: expected.ratio,
      });
    });
  }
});

describe('percentUsed', () => {
  const cases: [number, number, number | null][] = [
    [T, 0, 0],
    [T, 250, 25],
    [T, T, 100],
    [T, 1010, 100],
    [0, 0, null],
    [-T, 0, null],
    [Number.NaN, 1, null],
    [T, Number.NaN, null],
    [T, -1, null],
    [Number.POSITIVE_INFINITY, 1, null],
  ];
  for (const [totalBytes, usedBytes, expected] of cases) {
    test(`${usedBytes} of ${totalBytes} → ${expected}`, () => assert.equal(percentUsed({ totalBytes, usedBytes }), expected));
  }
});
