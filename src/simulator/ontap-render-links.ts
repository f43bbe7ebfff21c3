import type { OntapClusterPeer, OntapEmsEvent, OntapMetrocluster, OntapSnapmirrorRelationship } from '../vendors/ontap/wire.js';
import { bad, isMetro, localNodes, uuidOf } from './ontap-render.js';
import type { SimSeverity, SimSystemState } from './types.js';

/** ONTAP records for the links (peers, SnapMirror, MetroCluster) and the EMS log, from the shared state. */

export const partnerCluster = (s: SimSystemState) => (isMetro(s) ? `${s.name}-b` : `${s.name}-dr`);

export function renderPeers(s: SimSystemState): OntapClusterPeer[] {
  if (s.replication.length === 0 && !isMetro(s)) return [];
  const name = partnerCluster(s);
  return [{ uuid: uuidOf(`${s.id}/peer`), name, status: { state: 'available', update_time: new Date(s.now).toISOString() }, remote: { name, ip_addresses: ['10.30.0.11', '10.30.0.12'] } }];
}

const isoDuration = (seconds: number) => {
  const t = Math.max(0, Math.round(seconds));
  return `PT${Math.floor(t / 3600)}H${Math.floor((t % 3600) / 60)}M${t % 60}S`;
};

const mirrorState = { ok: 'snapmirrored', lagging: 'snapmirrored', broken: 'broken_off', paused: 'paused' } as const;

/** This cluster is the destination; the source volumes live on the peer cluster. */
export function renderSnapmirror(s: SimSystemState): OntapSnapmirrorRelationship[] {
  const peer = partnerCluster(s);
  return s.replication.map((r) => {
    const [svm = 'svm1', vol = r.name] = r.name.split(':');
    const healthy = r.state === 'ok' || r.state === 'paused';
    return {
      uuid: r.id,
      state: mirrorState[r.state],
      healthy,
      ...(healthy ? {} : { unhealthy_reason: [{ message: r.state === 'broken' ? 'Transfer failed.' : 'Scheduled update did not complete.', code: '6619546' }] }),
      lag_time: isoDuration(r.lagSeconds),
      source: { path: `${svm}_src:${vol}`, svm: { name: `${svm}_src` }, cluster: { name: peer } },
      destination: { path: `${svm}:${vol}`, svm: { name: svm } },
    };
  });
}

export function renderMetrocluster(s: SimSystemState): OntapMetrocluster {
  if (!isMetro(s)) return { local: { configuration_state: 'not_configured', mode: 'normal', cluster: { name: s.name } } };
  const remoteDown = s.components.some((c) => (c.kind === 'site' && c.id === 'site-b' && bad(c)) || (c.kind === 'node' && c.parent === 'site-b' && c.state === 'failed'));
  return {
    configuration_type: 'ip_fabric',
    local: { configuration_state: 'configured', mode: remoteDown ? 'switchover' : 'normal', cluster: { name: s.name } },
    remote: { configuration_state: 'configured', mode: remoteDown ? 'waiting_for_switchback' : 'normal', cluster: { name: partnerCluster(s) } },
  };
}

const emsSeverity: Record<SimSeverity, string> = { critical: 'emergency', major: 'alert', warning: 'error', info: 'notice' };

/** Each alert is an hm.alert.raised event, and an hm.alert.cleared event once cleared; plus routine noise. */
export function renderEvents(s: SimSystemState): OntapEmsEvent[] {
  const nodes = localNodes(s);
  const fallback = nodes[0]?.id ?? s.name;
  const nodeOf = (component: string | null) => {
    const c = s.components.find((x) => x.id === component);
    return c?.kind === 'node' ? c.id : (c?.parent && nodes.some((n) => n.id === c.parent) ? c.parent : fallback);
  };
  const events: OntapEmsEvent[] = [];
  for (const a of s.alerts) {
    const node = nodeOf(a.component);
    // Health-monitor alerts name the resource they concern; an alert about no single part (two broken
    // replications at once) still needs its own, or one clear would close both.
    const parameters = [{ name: 'alert_id', value: a.code }, { name: 'alerting_resource', value: a.component ?? `${s.name}/${a.id}` }];
    const index = Number(a.id) * 2 || events.length + 1;
    events.push({ index, time: new Date(a.raisedAt).toISOString(), message: { name: 'hm.alert.raised', severity: emsSeverity[a.severity] }, log_message: a.title, node: { name: node }, parameters });
    // The model may overlap two incidents on one part; ONTAP has one alert per resource, which stays
    // raised until the last of them ends, so a clear is only logged when no twin is still open then.
    const cleared = a.clearedAt;
    const twinOpen = cleared !== null && s.alerts.some((b) => b !== a && b.code === a.code && b.component !== null && b.component === a.component && b.raisedAt <= cleared && (b.clearedAt === null || b.clearedAt > cleared));
    if (cleared !== null && cleared <= s.now && !twinOpen) {
      events.push({ index: index + 1, time: new Date(cleared).toISOString(), message: { name: 'hm.alert.cleared', severity: 'notice' }, log_message: `Cleared: ${a.title}`, node: { name: node }, parameters });
    }
  }
  events.push({ index: 1, time: new Date(s.now - 3600_000).toISOString(), message: { name: 'kern.uptime.filer', severity: 'informational' }, log_message: 'up for a while', node: { name: fallback }, parameters: [] });
  return events;
}
