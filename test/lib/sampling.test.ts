import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seededRandom, shouldSample } from '../../src/lib/sampling.js';

/** Asserts `hits` lies within 5 standard deviations of a Binomial(n, p) mean. */
function assertBinomial(hits: number, n: number, p: number): void {
  const mean = n * p;
  const sigma = Math.sqrt(n * p * (1 - p));
  assert.ok(Math.abs(hits - mean) <= 5 * sigma, `${hits} of ${n} is outside ${mean} ± ${(5 * sigma).toFixed(1)}`);
}

describe('seededRandom', () => {
  test('is reproducible per seed and differs between seeds', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const seqA = Array.from({ length: 5 }, a);
    assert.deepEqual(seqA, Array.from({ length: 5 }, b));
    assert.notDeepEqual(seqA, Array.from({ length: 5 }, c));
  });

  test('yields numbers in [0, 1) spread evenly over ten bins', () => {
    const random = seededRandom(7);
    const bins = new Array<number>(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = random();
      assert.ok(x >= 0 && x < 1, `out of range: ${x}`);
      const bin = Math.floor(x * 10);
      bins[bin] = (bins[bin] ?? 0) + 1;
    }
    for (const count of bins) assertBinomial(count, n, 0.1);
  });
});

describe('shouldSample', () => {
  test('samples about `rate` of calls, with a seeded PRNG and with Math.random', () => {
    for (const random of [seededRandom(2026), Math.random]) {
      for (const rate of [0.1, 0.5, 0.02]) {
        const n = 20_000;
        let hits = 0;
        for (let i = 0; i < n; i++) if (shouldSample(rate, random)) hits++;
        assertBinomial(hits, n, rate);
      }
    }
  });

  test('rate 0 never samples and rate 1 always does, whatever random returns', () => {
    const extremes = [0, 1e-12, 0.5, 0.999999999];
    for (const x of extremes) {
      assert.equal(shouldSample(0, () => x), false);
      assert.equal(shouldSample(-1, () => x), false);
      assert.equal(shouldSample(1, () => x), true);
      assert.equal(shouldSample(2, () => x), true);
    }
    assert.equal(shouldSample(Number.NaN, () => 0), false);
  });

  test('compares random() < rate, so the boundary value is not sampled', () => {
    assert.equal(shouldSample(0.1, () => 0.1), false);
    assert.equal(shouldSample(0.1, () => 0.0999), true);
  });
});
