import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  alertSeverityRank,
  compareHealth,
  compareSeverity,
  healthRank,
  worstHealth,
  worstSeverity,
} from '../../src/domain/severity.js';
import { ALERT_SEVERITIES, type AlertSeverity, HEALTHS, type Health } from '../../src/domain/snapshot.js';

describe('alert severity order', () => {
  test('ALERT_SEVERITIES is listed worst first and ranks are distinct', () => {
    const ranks = ALERT_SEVERITIES.map(alertSeverityRank);
    assert.deepEqual(ranks, [...ranks].sort((a, b) => b - a));
    assert.equal(new Set(ranks).size, ALERT_SEVERITIES.length);
  });

  const cases: [AlertSeverity[], AlertSeverity | null][] = [
    [[], null],
    [['info'], 'info'],
    [['info', 'warning'], 'warning'],
    [['warning', 'major', 'info'], 'major'],
    [['major', 'critical', 'warning'], 'critical'],
    [['critical', 'info'], 'critical'],
  ];
  for (const [input, expected] of cases) {
    test(`worstSeverity(${JSON.stringify(input)}) = ${expected}`, () => assert.equal(worstSeverity(input), expected));
  }

  test('compareSeverity sorts most severe first', () => {
    assert.deepEqual(['info', 'critical', 'warning', 'major'].sort(compareSeverity as (a: string, b: string) => number), [
      'critical',
      'major',
      'warning',
      'info',
    ]);
  });
});

describe('health order', () => {
  test('ok < warning < unknown < critical', () => {
    const ordered: Health[] = ['ok', 'warning', 'unknown', 'critical'];
    assert.deepEqual(ordered.map(healthRank), [0, 1, 2, 3]);
    assert.deepEqual([...HEALTHS].sort(compareHealth), [...ordered].reverse());
  });

  const cases: [Health[], Health][] = [
    [[], 'ok'],
    [['ok', 'ok'], 'ok'],
    [['ok', 'warning'], 'warning'],
    [['warning', 'unknown'], 'unknown'],
    [['unknown', 'critical', 'ok'], 'critical'],
    [['critical', 'warning'], 'critical'],
  ];
  for (const [input, expected] of cases) {
    test(`worstHealth(${JSON.stringify(input)}) = ${expected}`, () => assert.equal(worstHealth(input), expected));
  }

  test('accepts any iterable', () => {
    assert.equal(worstHealth(new Set<Health>(['ok', 'warning'])), 'warning');
    assert.equal(worstSeverity(new Set<AlertSeverity>(['info', 'major'])), 'major');
  });
});
