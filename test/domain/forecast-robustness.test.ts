import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type CapacityPoint, forecastCapacity } from '../../src/domain/forecast.js';
import { DAY, gaussian, linear, now, series, seeded, shuffled, TB } from './forecast-series.js';

const TOTAL = 1000 * TB;

function withinShare(actual: number | null, expected: number, share: number, what: string): void {
  assert.ok(actual !== null, `${what}: null, expected about ${expected}`);
  assert.ok(Math.abs(actual - expected) <= share * Math.abs(expected), `${what}: ${actual} is not within ${share * 100} % of ${expected}`);
}

describe('Data Domain garbage-collection sawtooth around a linear trend', () => {
  // Used climbs faster than the trend between cleanings, then drops when GC reclaims space.
  const shapes: { name: string; periodDays: number; amplitude: number; stepDays: number }[] = [
    { name: 'weekly GC, 40 TB teeth, hourly polls', periodDays: 7, amplitude: 40 * TB, stepDays: 1 / 24 },
    { name: 'weekly GC, 80 TB teeth, 6-hourly polls', periodDays: 7, amplitude: 80 * TB, stepDays: 1 / 4 },
    { name: 'GC every 3 days, hourly polls', periodDays: 3, amplitude: 30 * TB, stepDays: 1 / 24 },
    { name: 'weekly GC, daily polls', periodDays: 7, amplitude: 40 * TB, stepDays: 1 },
  ];
  for (const s of shapes) {
    test(s.name, () => {
      const tooth = (d: number) => s.amplitude * ((((d % s.periodDays) + s.periodDays) % s.periodDays) / s.periodDays - 0.5);
      const points = series(-90, 0, s.stepDays, (d) => 500 * TB + 2 * TB * d + tooth(d), () => TOTAL);
      const f = forecastCapacity(points, now);
      withinShare(f.growthBytesPerDay, 2 * TB, 0.1, 'growth');
      withinShare(f.daysUntil[90], 200, 0.1, 'days until 90 %');
      withinShare(f.daysUntil[100], 250, 0.1, 'days until 100 %');
    });
  }
});

describe('input order and duplicates', () => {
  const points = linear(-30, 0, 1, 500 * TB, 2 * TB, TOTAL);

  test('unsorted readings give the same forecast as sorted ones', () => {
    const random = seeded(7);
    const expected = forecastCapacity(points, now);
    for (let i = 0; i < 5; i++) assert.deepEqual(forecastCapacity(shuffled(points, random), now), expected);
  });

  test('the input array is left as it was', () => {
    const input = shuffled(points, seeded(3));
    const copy = structuredClone(input);
    forecastCapacity(input, now);
    assert.deepEqual(input, copy);
  });

  test('exact duplicates change nothing', () => {
    assert.deepEqual(forecastCapacity([...points, ...points, ...points.slice(5, 9)], now), forecastCapacity(points, now));
  });

  test('readings sharing a timestamp are averaged, not counted twice', () => {
    // Each day read twice, 10 TB apart: the average lies on the line.
    const doubled = points.flatMap((p) => [
      { ...p, usedBytes: p.usedBytes - 5 * TB },
      { ...p, usedBytes: p.usedBytes + 5 * TB },
    ]);
    const f = forecastCapacity(doubled, now);
    assert.equal(f.growthBytesPerDay, 2 * TB);
    assert.equal(f.daysUntil[90], 200);
  });

  test('two timestamps read many times are still two readings', () => {
    const two = [...linear(-10, 0, 10, 500 * TB, 2 * TB, TOTAL), ...linear(-10, 0, 10, 500 * TB, 2 * TB, TOTAL)];
    const f = forecastCapacity(two, now);
    assert.equal(f.growthBytesPerDay, null);
    assert.match(f.reason ?? '', /only 2 readings/);
  });
});

describe('random noise and outliers (seeded property test)', () => {
  for (let seed = 1; seed <= 40; seed++) {
    test(`fleet #${seed}: the forecast stays within bounds`, () => {
      const random = seeded(seed);
      const perDay = (0.5 + random() * 4.5) * TB;
      const level = (200 + random() * 500) * TB;
      const noise = random() * 4 * TB;
      const points: CapacityPoint[] = [];
      // Irregular polls with gaps: timestamps matter, not positions.
      for (let day = -90; day <= 0; day += 0.05 + random() * 1.5) {
        const bad = random() < 0.1; // one poll in ten reads garbage (0, or double)
        const truth = level + perDay * day + noise * gaussian(random);
        points.push({ at: Math.round(now + day * DAY), usedBytes: bad ? (random() < 0.5 ? 0 : truth * 2) : truth, totalBytes: TOTAL });
      }
      const f = forecastCapacity(shuffled(points, random), now);
      withinShare(f.growthBytesPerDay, perDay, 0.1, 'growth');
      withinShare(f.daysUntil[100], (TOTAL - level) / perDay, 0.1, 'days until 100 %');
      const d = f.daysUntil;
      assert.ok((d[80] ?? 0) <= (d[90] ?? 0) && (d[90] ?? 0) <= (d[100] ?? 0), 'thresholds in order');
    });
  }
});

describe('many readings', () => {
  // Five years of 15-minute polls: far more pairs than are ever compared.
  const random = seeded(99);
  const points = series(-5 * 365, 0, 1 / 96, (d) => 500 * TB + 0.2 * TB * d + 2 * TB * gaussian(random), () => 2 * TOTAL);

  test('stay fast, accurate and deterministic', () => {
    const started = performance.now();
    const first = forecastCapacity(points, now);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 2000, `took ${elapsed.toFixed(0)} ms for ${points.length} readings`);
    withinShare(first.growthBytesPerDay, 0.2 * TB, 0.02, 'growth');
    assert.deepEqual(forecastCapacity(points, now), first, 'same readings, same forecast');
  });
});
