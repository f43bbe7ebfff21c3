import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  alertContribution,
  type Contribution,
  componentContribution,
  replicationContribution,
} from '../../src/domain/health-contributions.js';
import {
  ALERT_SEVERITIES,
  type AlertSeverity,
  COMPONENT_STATES,
  type ComponentState,
  REPLICATION_STATES,
  type ReplicationState,
} from '../../src/domain/snapshot.js';

// Full records: adding a value to a union fails to compile here until its expectation is written.
const componentExpected: Record<ComponentState, Contribution> = {
  ok: null,
  absent: null,
  degraded: 'warning',
  offline: 'warning',
  unknown: 'warning',
  failed: 'critical',
};

const alertExpected: Record<AlertSeverity, { open: Contribution; acknowledged: Contribution }> = {
  critical: { open: 'critical', acknowledged: 'warning' },
  major: { open: 'warning', acknowledged: null },
  warning: { open: 'warning', acknowledged: null },
  info: { open: null, acknowledged: null },
};

const replicationExpected: Record<ReplicationState, Contribution> = {
  ok: null,
  degraded: 'warning',
  broken: 'warning',
  paused: 'warning',
  unknown: 'warning',
};

test('component states map as documented', () => {
  for (const state of COMPONENT_STATES) assert.equal(componentContribution(state), componentExpected[state], state);
});

test('alert severities map as documented, open and acknowledged', () => {
  for (const severity of ALERT_SEVERITIES) {
    assert.equal(alertContribution(severity, false), alertExpected[severity].open, `${severity} open`);
    assert.equal(alertContribution(severity, true), alertExpected[severity].acknowledged, `${severity} acknowledged`);
  }
});

test('replication states map as documented', () => {
  for (const state of REPLICATION_STATES) assert.equal(replicationContribution(state), replicationExpected[state], state);
});
