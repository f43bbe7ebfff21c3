import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isOneOf } from '../../src/domain/enums.js';
import { REACHABILITIES, TOPOLOGIES, VENDORS } from '../../src/domain/snapshot.js';

const cases: [readonly string[], unknown, boolean][] = [
  [VENDORS, 'pure', true],
  [VENDORS, 'netapp-ontap', false],
  [VENDORS, 'PURE', false],
  [TOPOLOGIES, 'active-cluster', true],
  [REACHABILITIES, 'auth_failed', true],
  [REACHABILITIES, undefined, false],
  [REACHABILITIES, 42, false],
  [REACHABILITIES, null, false],
];

for (const [allowed, value, expected] of cases) {
  test(`isOneOf(${JSON.stringify(allowed)}, ${JSON.stringify(value)}) = ${expected}`, () => {
    assert.equal(isOneOf(allowed, value), expected);
  });
}
