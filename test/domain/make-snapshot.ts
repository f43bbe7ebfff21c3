// Builds domain objects for tests: a healthy, reachable system unless a test says otherwise.
import type { Alert, Capacity, Component, ReplicationLink, SystemSnapshot } from '../../src/domain/snapshot.js';

const TiB = 1024 ** 4;

export function makeCapacity(over: Partial<Capacity> = {}): Capacity {
  return { totalBytes: 100 * TiB, usedBytes: 50 * TiB, freeBytes: 50 * TiB, effectiveBytes: null, dataReductionRatio: null, ...over };
}

/** Capacity with `percent` of 100 TiB used. */
export function capacityAt(percent: number): Capacity {
  const used = (percent / 100) * 100 * TiB;
  return makeCapacity({ usedBytes: used, freeBytes: 100 * TiB - used });
}

export function makeComponent(over: Partial<Component> = {}): Component {
  return { kind: 'psu', name: 'CT0.PSU0', state: 'ok', rawState: 'ok', detail: null, ...over };
}

export function makeAlert(over: Partial<Alert> = {}): Alert {
  return {
    id: 'a1',
    severity: 'critical',
    rawSeverity: 'critical',
    title: 'Controller temperature high',
    detail: null,
    component: 'CT0',
    raisedAt: 1_705_316_400_000,
    ...over,
  };
}

export function makeLink(over: Partial<ReplicationLink> = {}): ReplicationLink {
  return { kind: 'snapmirror', name: 'svm1:vol1', partner: 'svm1_dr:vol1', state: 'ok', rawState: 'snapmirrored', lagSeconds: 120, ...over };
}

export function makeSnapshot(over: Partial<SystemSnapshot> = {}): SystemSnapshot {
  return {
    polledAt: 1_705_316_400_000,
    reachability: { status: 'ok', message: '' },
    identity: {
      vendor: 'pure',
      name: 'fa-prod-01',
      model: 'FA-X70R4',
      serial: 'PSN123',
      osVersion: '6.5.10',
      apiVersion: '2.26',
      topology: 'ha',
    },
    capacity: makeCapacity(),
    components: [makeComponent()],
    alerts: [],
    replication: [],
    ...over,
  };
}
