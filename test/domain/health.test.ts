import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deriveHealth, type HealthOptions } from '../../src/domain/health.js';
import {
  type Alert,
  type Capacity,
  type Component,
  type Health,
  REACHABILITIES,
  type ReplicationLink,
  type SystemSnapshot,
} from '../../src/domain/snapshot.js';
import { capacityAt, makeAlert, makeCapacity, makeComponent, makeLink, makeSnapshot } from './make-snapshot.js';

const acked = (...ids: string[]): HealthOptions => ({ acknowledgedAlertIds: new Set(ids) });
const thresholds = (warn: number, crit: number): HealthOptions => ({ capacityWarningPercent: warn, capacityCriticalPercent: crit });
const withParts = (...parts: Component[]) => makeSnapshot({ components: parts });
const withAlerts = (...alerts: Alert[]) => makeSnapshot({ alerts });
const withLinks = (...links: ReplicationLink[]) => makeSnapshot({ replication: links });
const withCapacity = (capacity: Capacity | null) => makeSnapshot({ capacity });
const failedPsu = makeComponent({ kind: 'psu', name: 'CT0.PSU1', state: 'failed', rawState: 'failed' });
const notReady = makeComponent({ kind: 'controller', name: 'CT1', state: 'degraded', rawState: 'not ready' });
const brokenOff = makeLink({ state: 'broken', rawState: 'broken_off' });
const downPeer = makeLink({ kind: 'cluster_peer', name: 'cl-dr-01', partner: null, state: 'degraded' });
const TiB = 1024 ** 4;

// [name, snapshot, options, expected health, fragments each reason must contain, in order]
type Row = [string, SystemSnapshot, HealthOptions, Health, string[]];

const rows: Row[] = [
  ['healthy system', makeSnapshot(), {}, 'ok', []],
  ['no data at all', makeSnapshot({ capacity: null, components: [] }), {}, 'ok', []],

  // Components: never touched by acknowledgements
  ['failed PSU', withParts(failedPsu), {}, 'critical', ['psu CT0.PSU1 is failed']],
  ['degraded controller', withParts(notReady), {}, 'warning', ['controller CT1 is degraded (vendor state "not ready")']],
  ['offline node', withParts(makeComponent({ kind: 'node', state: 'offline' })), {}, 'warning', ['is offline']],
  ['component in unknown state', withParts(makeComponent({ state: 'unknown' })), {}, 'warning', ['is unknown']],
  ['empty bay is normal', withParts(makeComponent({ kind: 'drive', state: 'absent' })), {}, 'ok', []],

  // Open alerts: critical → critical, major and warning → warning, info → nothing
  ['open critical alert', withAlerts(makeAlert()), {}, 'critical', ['critical alert a1: Controller temperature high']],
  ['open major alert warns', withAlerts(makeAlert({ severity: 'major' })), {}, 'warning', ['major alert a1']],
  ['open warning alert', withAlerts(makeAlert({ severity: 'warning' })), {}, 'warning', ['warning alert a1']],
  ['info alert adds nothing', withAlerts(makeAlert({ severity: 'info' })), {}, 'ok', []],

  // Acknowledgements lower an alert by one step
  ['acknowledged critical alert still warns', withAlerts(makeAlert()), acked('a1'), 'warning', ['critical alert a1, acknowledged']],
  ['acknowledged major alert adds nothing', withAlerts(makeAlert({ severity: 'major' })), acked('a1'), 'ok', []],
  ['acknowledged warning alert adds nothing', withAlerts(makeAlert({ severity: 'warning' })), acked('a1'), 'ok', []],
  ['acknowledging another alert changes nothing', withAlerts(makeAlert()), acked('a2'), 'critical', ['critical alert a1:']],
  [
    'acknowledged critical alert + failed PSU stays critical',
    makeSnapshot({ components: [failedPsu], alerts: [makeAlert({ id: 'psu', component: 'CT0.PSU1' })] }),
    acked('psu'),
    'critical',
    ['psu CT0.PSU1 is failed', 'critical alert psu, acknowledged'],
  ],
  [
    'acknowledging every alert never hides a degraded controller',
    makeSnapshot({ components: [notReady], alerts: [makeAlert({ severity: 'warning' })] }),
    acked('a1'),
    'warning',
    ['controller CT1 is degraded'],
  ],

  // Capacity at the default thresholds, 90 % and 97 %
  ['capacity 89.9 %', withCapacity(capacityAt(89.9)), {}, 'ok', []],
  ['capacity 90 %', withCapacity(capacityAt(90)), {}, 'warning', ['capacity 90.0 % used (warning at 90 %)']],
  ['capacity 96.9 %', withCapacity(capacityAt(96.9)), {}, 'warning', ['96.9 %']],
  ['capacity 97 %', withCapacity(capacityAt(97)), {}, 'critical', ['capacity 97.0 % used (critical at 97 %)']],
  ['capacity full', withCapacity(capacityAt(100)), {}, 'critical', ['100.0 %']],
  ['custom warning threshold', withCapacity(capacityAt(82)), thresholds(80, 85), 'warning', ['warning at 80 %']],
  ['custom critical threshold', withCapacity(capacityAt(86)), thresholds(80, 85), 'critical', ['critical at 85 %']],
  ['non-finite thresholds fall back', withCapacity(capacityAt(91)), thresholds(Number.NaN, Number.NaN), 'warning', ['warning at 90 %']],
  ['zero total is not judged', withCapacity(makeCapacity({ totalBytes: 0, usedBytes: 0, freeBytes: 0 })), {}, 'ok', []],
  ['NaN capacity warns', withCapacity(makeCapacity({ usedBytes: Number.NaN })), {}, 'warning', ['invalid: used capacity is not a number']],
  ['used above total warns', withCapacity(makeCapacity({ usedBytes: 200 * TiB })), {}, 'warning', ['exceeds total']],

  // Replication: anything but ok warns, never more
  ['healthy replication', withLinks(makeLink()), {}, 'ok', []],
  ['broken replication', withLinks(brokenOff), {}, 'warning', ['snapmirror svm1:vol1 to svm1_dr:vol1 is broken (vendor state "broken_off")']],
  ['degraded peer', withLinks(downPeer), {}, 'warning', ['cluster_peer cl-dr-01 is degraded']],
  ['paused replication', withLinks(makeLink({ state: 'paused' })), {}, 'warning', ['is paused']],
  ['replication state unknown', withLinks(makeLink({ state: 'unknown' })), {}, 'warning', ['is unknown']],
  ['many broken links stay warning', withLinks(makeLink({ state: 'broken' }), makeLink({ state: 'broken' })), {}, 'warning', ['broken', 'broken']],

  // Worst finding wins; reasons worst first, otherwise in rule order
  [
    'worst finding wins',
    makeSnapshot({
      components: [makeComponent({ state: 'degraded' })],
      alerts: [makeAlert({ severity: 'warning' })],
      capacity: capacityAt(98),
      replication: [makeLink({ state: 'broken' })],
    }),
    {},
    'critical',
    ['capacity 98.0 %', 'is degraded', 'warning alert a1', 'is broken'],
  ],
];

describe('deriveHealth rules', () => {
  for (const [name, snapshot, options, health, fragments] of rows) {
    test(name, () => {
      const verdict = deriveHealth(snapshot, options);
      assert.equal(verdict.health, health);
      assert.equal(verdict.reasons.length, fragments.length, `reasons: ${JSON.stringify(verdict.reasons)}`);
      for (const [i, fragment] of fragments.entries()) {
        assert.ok(verdict.reasons[i]?.includes(fragment), `reason ${i} "${verdict.reasons[i]}" lacks "${fragment}"`);
      }
    });
  }
});

describe('deriveHealth when the poll did not reach the system', () => {
  // Data left over from an earlier poll: critical on every rule, and it must not show through.
  const stale = { components: [failedPsu], alerts: [makeAlert()], capacity: capacityAt(99), replication: [makeLink({ state: 'broken' })] };
  for (const status of REACHABILITIES.filter((r) => r !== 'ok')) {
    test(`${status} → unknown regardless of stale data`, () => {
      const verdict = deriveHealth(makeSnapshot({ ...stale, reachability: { status, message: 'connect ECONNREFUSED 10.0.0.5:443' } }));
      assert.equal(verdict.health, 'unknown');
      assert.equal(verdict.reasons.length, 1);
      assert.match(verdict.reasons[0] ?? '', /: connect ECONNREFUSED 10\.0\.0\.5:443$/);
    });
  }

  test('an empty message still gives a reason', () => {
    const verdict = deriveHealth(makeSnapshot({ reachability: { status: 'tls_error', message: '  ' } }));
    assert.deepEqual(verdict, { health: 'unknown', reasons: ['TLS error'] });
  });
});
