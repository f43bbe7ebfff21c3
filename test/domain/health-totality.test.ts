// deriveHealth must be total: for every combination of the domain's enums it returns a valid
// health and never throws. The loops run over the exported const arrays, so a value added to a
// union is covered here without editing this file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isOneOf } from '../../src/domain/enums.js';
import { deriveHealth } from '../../src/domain/health.js';
import {
  ALERT_SEVERITIES,
  COMPONENT_KINDS,
  COMPONENT_STATES,
  type Capacity,
  HEALTHS,
  REACHABILITIES,
  REPLICATION_KINDS,
  REPLICATION_STATES,
  TOPOLOGIES,
  VENDORS,
} from '../../src/domain/snapshot.js';
import { capacityAt, makeAlert, makeCapacity, makeComponent, makeLink, makeSnapshot } from './make-snapshot.js';

const capacities: (Capacity | null)[] = [
  null,
  capacityAt(50),
  capacityAt(95),
  capacityAt(99),
  makeCapacity({ totalBytes: 0, usedBytes: 0, freeBytes: 0 }),
  makeCapacity({ usedBytes: Number.NaN }),
  makeCapacity({ totalBytes: Number.POSITIVE_INFINITY }),
  makeCapacity({ usedBytes: -1 }),
];

test('every enum combination yields a valid health without throwing', () => {
  let combinations = 0;
  for (const reach of REACHABILITIES)
    for (const state of COMPONENT_STATES)
      for (const severity of ALERT_SEVERITIES)
        for (const acknowledged of [false, true])
          for (const link of REPLICATION_STATES)
            for (const capacity of capacities) {
              const snapshot = makeSnapshot({
                reachability: { status: reach, message: 'm' },
                components: [makeComponent({ state })],
                alerts: [makeAlert({ severity })],
                replication: [makeLink({ state: link })],
                capacity,
              });
              const verdict = deriveHealth(snapshot, { acknowledgedAlertIds: new Set(acknowledged ? ['a1'] : []) });
              combinations++;
              assert.ok(isOneOf(HEALTHS, verdict.health), `invalid health ${verdict.health}`);
              // Only a failed poll may be unknown, and a failed poll always is.
              assert.equal(verdict.health === 'unknown', reach !== 'ok');
              assert.equal(verdict.health === 'ok', verdict.reasons.length === 0);
              if (reach === 'ok' && state === 'failed') assert.equal(verdict.health, 'critical', 'failed hardware hidden');
            }
  const sizes = [REACHABILITIES, COMPONENT_STATES, ALERT_SEVERITIES, [false, true], REPLICATION_STATES, capacities].map((a) => a.length);
  assert.equal(combinations, sizes.reduce((a, b) => a * b, 1));
});

test('every vendor, topology and kind is accepted', () => {
  for (const vendor of VENDORS)
    for (const topology of TOPOLOGIES)
      for (const kind of COMPONENT_KINDS)
        for (const linkKind of REPLICATION_KINDS) {
          const snapshot = makeSnapshot({
            identity: { ...makeSnapshot().identity, vendor, topology },
            components: [makeComponent({ kind, state: 'failed' })],
            replication: [makeLink({ kind: linkKind })],
          });
          assert.equal(deriveHealth(snapshot).health, 'critical');
        }
});

test('values smuggled past the types do not throw', () => {
  const smuggle = <T>(value: string) => value as unknown as T;
  const snapshot = makeSnapshot({
    reachability: { status: 'ok', message: '' },
    components: [makeComponent({ state: smuggle('exploded') })],
    alerts: [makeAlert({ severity: smuggle('apocalyptic') })],
    replication: [makeLink({ state: smuggle('sideways') })],
  });
  const verdict = deriveHealth(snapshot);
  assert.equal(verdict.health, 'warning');
  assert.equal(verdict.reasons.length, 3);
  const odd = deriveHealth(makeSnapshot({ reachability: { status: smuggle('gone'), message: 'x' } }));
  assert.deepEqual(odd, { health: 'unknown', reasons: ['poll failed: x'] });
});
