import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type FleetCapacityEntry,
  rankFillsFirst,
  sumCapacity,
  totalCapacityByTag,
  totalCapacityByVendor,
  UNTAGGED,
} from '../../src/domain/fleet-capacity.js';
import type { Vendor } from '../../src/domain/snapshot.js';

type Days = [number | null, number | null, number | null];

function entry(name: string, vendor: Vendor, tags: string[], used: number | null, total = 100, days?: Days): FleetCapacityEntry {
  return {
    name,
    vendor,
    tags,
    capacity: used === null ? null : { totalBytes: total, usedBytes: used },
    forecast: days ? { daysUntil: { 80: days[0], 90: days[1], 100: days[2] } } : null,
  };
}

const fleet: FleetCapacityEntry[] = [
  entry('pure-a', 'pure', ['prod', 'eu'], 60),
  entry('pure-b', 'pure', ['prod'], 30, 200),
  entry('dd-a', 'datadomain', [], 90),
  entry('dd-b', 'datadomain', ['  ', ''], 101), // overfull within tolerance
  entry('grid-a', 'storagegrid', ['eu', 'eu'], null), // unreachable, tag listed twice
];

describe('capacity totals', () => {
  test('the whole fleet', () => {
    assert.deepEqual(sumCapacity(fleet), {
      systems: 5,
      reporting: 4,
      totalBytes: 500,
      usedBytes: 281,
      freeBytes: 40 + 170 + 10 + 0,
      percentUsed: 56.2,
    });
  });

  test('nothing reporting has no percentage', () => {
    assert.deepEqual(sumCapacity([entry('x', 'ontap', [], null)]), {
      systems: 1,
      reporting: 0,
      totalBytes: 0,
      usedBytes: 0,
      freeBytes: 0,
      percentUsed: null,
    });
  });

  test('by vendor, in vendor order, only vendors present', () => {
    const rows = totalCapacityByVendor(fleet).map((r) => [r.vendor, r.totals.systems, r.totals.reporting, r.totals.usedBytes]);
    assert.deepEqual(rows, [
      ['pure', 2, 2, 90],
      ['storagegrid', 1, 0, 0],
      ['datadomain', 2, 2, 191],
    ]);
  });

  test('by tag: several tags count in each, untagged last, blank tags are no tags', () => {
    const rows = totalCapacityByTag(fleet).map((r) => [r.tag, r.totals.systems, r.totals.totalBytes, r.totals.usedBytes]);
    assert.deepEqual(rows, [
      ['eu', 2, 100, 60],
      ['prod', 2, 300, 90],
      [UNTAGGED, 2, 200, 191],
    ]);
  });

  test('an empty fleet has no groups', () => {
    assert.deepEqual(totalCapacityByVendor([]), []);
    assert.deepEqual(totalCapacityByTag([]), []);
  });
});

describe('rankFillsFirst', () => {
  interface Case {
    name: string;
    entries: FleetCapacityEntry[];
    threshold?: 90 | 100;
    order: string[];
  }
  const cases: Case[] = [
    {
      name: 'fewest days until 90 % first',
      entries: [entry('slow', 'pure', [], 10, 100, [300, 400, 500]), entry('fast', 'pure', [], 10, 100, [5, 10, 20])],
      order: ['fast', 'slow'],
    },
    {
      name: 'no forecast goes last, whatever its fill',
      entries: [entry('unknown', 'ontap', [], 85), entry('later', 'ontap', [], 10, 100, [900, 1000, 1100])],
      order: ['later', 'unknown'],
    },
    {
      name: 'already full: fullest first',
      entries: [entry('ninety-five', 'pure', [], 95, 100, [0, 0, 10]), entry('ninety-nine', 'pure', [], 99, 100, [0, 0, 2])],
      order: ['ninety-nine', 'ninety-five'],
    },
    {
      name: 'without forecasts: fullest first, no capacity last, then by name',
      entries: [
        entry('b-none', 'pure', [], null),
        entry('a-none', 'pure', [], null),
        entry('half', 'pure', [], 50),
        entry('most', 'pure', [], 80),
      ],
      order: ['most', 'half', 'a-none', 'b-none'],
    },
    {
      name: 'by days until 100 % when asked',
      threshold: 100,
      entries: [entry('a', 'pure', [], 10, 100, [1, 2, 300]), entry('b', 'pure', [], 10, 100, [50, 60, 70])],
      order: ['b', 'a'],
    },
    {
      name: 'a null at 100 % while 90 % has days ranks last at 100 %',
      threshold: 100,
      entries: [entry('a', 'pure', [], 85, 100, [0, null, null]), entry('b', 'pure', [], 10, 100, [50, 60, 70])],
      order: ['b', 'a'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const input = [...c.entries];
      assert.deepEqual(rankFillsFirst(input, c.threshold).map((e) => e.name), c.order);
      assert.deepEqual(input, c.entries, 'input left in its order');
    });
  }
});
