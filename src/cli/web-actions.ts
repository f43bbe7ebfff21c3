import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/connect.js';
import { getSystem } from '../db/repositories/systems.js';
import { createSecretBox, type SecretBox } from '../lib/secret-box.js';
import { createPollCycle } from '../poller/poll-cycle.js';
import type { PollTarget } from '../poller/poll-system.js';
import { serializeCredentials, toSystemTarget } from '../poller/targets.js';
import type { LogWriter } from '../system-log/types.js';
import type { WebActions } from '../web/actions.js';
import type { FleetSnapshot } from '../web/fleet-snapshot.js';
import { loadPollTargets, pollCycleOptions } from './poller-setup.js';
import { testConnection } from './test-connection.js';

export interface WebActionsWiring {
  config: Config;
  handle: DatabaseHandle;
  /** The poller's box when there is one; otherwise one is made from SECRET_KEY if set. */
  box: SecretBox | null;
  writer: LogWriter;
  fleet: FleetSnapshot;
  log: Logger;
}

function httpError(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { statusCode });
}

/**
 * What the web asks of the poller and the vendors (it may not import them): "poll now", "test
 * connection" and sealing credentials. Without a SECRET_KEY nothing can be sealed or opened, so
 * only testing with typed-in credentials remains.
 */
export function createWebActions(w: WebActionsWiring): WebActions {
  const box = w.box ?? (w.config.secretKey ? createSecretBox(w.config.secretKey) : null);
  const actions: WebActions = {
    testConnection: (input) => testConnection({ db: w.handle.db, box }, input),
    sealCredentials: box ? (c) => box.seal(serializeCredentials({ username: c.username, password: c.password, apiToken: c.apiToken })) : null,
  };
  if (box) actions.pollNow = createPollNow(w, box);
  return actions;
}

function createPollNow(w: WebActionsWiring, box: SecretBox): NonNullable<WebActions['pollNow']> {
  // A second click while a poll of the same system (or of all) runs joins it instead of doubling it.
  const inFlight = new Map<number | 'all', Promise<void>>();

  async function targetsOf(systemId: number | null): Promise<PollTarget[]> {
    if (systemId === null) {
      const { targets, problems } = await loadPollTargets(w.handle.db, box);
      for (const p of problems) w.log.warn({ system: p.name, error: p.message }, 'poll now: system skipped, its credentials cannot be opened');
      return targets;
    }
    const system = await getSystem(w.handle.db, systemId);
    if (!system) throw httpError(404, `There is no system with id ${systemId}.`);
    if (!system.enabled) throw httpError(409, `${system.name} is disabled; enable it to poll it.`);
    try {
      return [{ id: system.id, target: toSystemTarget(system, box) }];
    } catch (err) {
      throw httpError(409, `The credentials of ${system.name} cannot be opened: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  // Outside the leases, like `sfd poll --once`: a manual poll may overlap the scheduled one, which is harmless.
  async function poll(systemId: number | null): Promise<void> {
    const targets = await targetsOf(systemId);
    const cycle = createPollCycle(pollCycleOptions(w.config, w.handle.db, w.writer));
    try {
      await cycle.run(targets);
    } finally {
      await cycle.close();
    }
    await w.fleet.refresh();
  }

  return (systemId) => {
    const key = systemId ?? 'all';
    const running = inFlight.get(key);
    if (running) return running;
    const started = poll(systemId).finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  };
}
