import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatAge, formatBytes, formatDays, formatPercent, formatTime } from '../../../src/web/presenters/format.js';
import { capacityLevel } from '../../../src/web/presenters/labels.js';
import { thinPoints } from '../../../src/web/presenters/capacity-series.js';

const TiB = 1024 ** 4;
const now = Date.UTC(2026, 10, 1, 12);

describe('format', () => {
  test('bytes use binary units with IEC names', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(1023), '1023 B');
    assert.equal(formatBytes(1024), '1.00 KiB');
    assert.equal(formatBytes(1.5 * TiB), '1.50 TiB');
    assert.equal(formatBytes(42.25 * TiB), '42.3 TiB');
    assert.equal(formatBytes(512 * TiB), '512 TiB');
    assert.equal(formatBytes(3 * 1024 * TiB), '3.00 PiB');
    assert.equal(formatBytes(-2 * TiB), '-2.00 TiB');
    assert.equal(formatBytes(null), '—');
    assert.equal(formatBytes(Number.NaN), '—');
  });

  test('ages read like an operator speaks', () => {
    assert.equal(formatAge(now - 3_000, now), 'just now');
    assert.equal(formatAge(now - 45_000, now), '45 s ago');
    assert.equal(formatAge(now - 3 * 60_000, now), '3 min ago');
    assert.equal(formatAge(now - 12 * 60_000 - 59_000, now), '12 min ago');
    assert.equal(formatAge(now - 5 * 3_600_000, now), '5 h ago');
    assert.equal(formatAge(now - 3 * 86_400_000, now), '3 d ago');
    assert.equal(formatAge(now + 2 * 60_000, now), 'in 2 min');
    assert.equal(formatAge(null, now), 'never');
  });

  test('percent, time and forecast days', () => {
    assert.equal(formatPercent(42.4), '42 %');
    assert.equal(formatPercent(4.25), '4.3 %');
    assert.equal(formatPercent(null), '—');
    assert.equal(formatTime(now), '2026-11-01 12:00 UTC');
    assert.equal(formatDays(0), 'now');
    assert.equal(formatDays(0.4), 'within a day');
    assert.equal(formatDays(1), 'in 1 day');
    assert.equal(formatDays(41.6), 'in 42 days');
    assert.equal(formatDays(null), '—');
  });

  test('capacity level follows the configured thresholds, inclusive', () => {
    const t = { capacityWarnPercent: 75, capacityCritPercent: 90 };
    assert.equal(capacityLevel(74.99, t), 'ok');
    assert.equal(capacityLevel(75, t), 'warning');
    assert.equal(capacityLevel(89.99, t), 'warning');
    assert.equal(capacityLevel(90, t), 'critical');
    assert.equal(capacityLevel(null, t), 'unknown');
    assert.equal(capacityLevel(60, { capacityWarnPercent: 50, capacityCritPercent: 60 }), 'critical');
  });

  test('thinning keeps the order, the last point and at most the maximum', () => {
    const points = Array.from({ length: 10_000 }, (_, i) => ({ at: i * 60_000 }));
    const thinned = thinPoints(points, 500);
    assert.ok(thinned.length <= 500 && thinned.length > 400, String(thinned.length));
    assert.deepEqual(thinned.at(-1), points.at(-1));
    assert.ok(thinned.every((p, i) => i === 0 || p.at > (thinned[i - 1] as { at: number }).at));
    assert.equal(thinPoints(points.slice(0, 10), 500).length, 10);
  });
});
