import type { Kysely } from 'kysely';
import { describeDbError } from '../db/errors.js';
import type { Database } from '../db/schema.js';
import type { Health, Reachability, SystemSnapshot } from '../domain/snapshot.js';
import type { LogCategory, LogEntry, LogWriter } from '../system-log/types.js';
import { type PollLogEntry, type SystemTarget, type VendorClient, VendorError } from '../vendors/client.js';
import { type PersistOptions, type PersistResult, persistPoll } from './persist-poll.js';

/** A system as the poller sees it: its database id and how to reach it (credentials decrypted). */
export interface PollTarget {
  id: number;
  target: SystemTarget;
}

export interface PollSystemDeps {
  db: Kysely<Database>;
  writer: Pick<LogWriter, 'write'>;
  /** The one deadline of the whole poll (login, every request, paging). */
  timeoutMs: number;
  /** How long after the deadline a client that ignores its signal is abandoned (default 1000 ms). */
  abandonAfterMs?: number;
  now?: () => number;
  persist?: PersistOptions;
}

export interface PollSystemResult {
  systemId: number;
  name: string;
  reachability: Reachability;
  /** Null only when the result could not be stored. */
  health: Health | null;
  message: string;
  /** Wall time of the vendor poll (not of storing it). */
  durationMs: number;
  persisted: boolean;
  persist: PersistResult | null;
}

const categoryOf: Record<Exclude<Reachability, 'ok'>, LogCategory> = {
  unreachable: 'connection',
  timeout: 'connection',
  tls_error: 'connection',
  auth_failed: 'authentication',
  api_error: 'api_call',
};

/** The snapshot of a poll that did not reach the system: reachability only, nothing to trust. */
function failedSnapshot(target: SystemTarget, at: number, status: Exclude<Reachability, 'ok'>, message: string): SystemSnapshot {
  return {
    polledAt: at,
    reachability: { status, message },
    identity: { vendor: target.vendor, name: target.name, model: null, serial: null, osVersion: null, apiVersion: null, topology: null },
    capacity: null,
    components: [],
    alerts: [],
    replication: [],
  };
}

// Clients promise to honour the signal, but one that does not must still not hold the cycle.
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const abandoned = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new VendorError('VENDOR_TIMEOUT', `no answer within the ${ms} ms poll deadline`)), ms);
  });
  return Promise.race([work, abandoned]).finally(() => clearTimeout(timer));
}

/**
 * Polls one system under its own deadline, stores what it learned and writes the system's diary.
 * Never throws: every failure ends in a result with a reachability and a plain message, so one
 * broken system cannot disturb the others in a cycle.
 */
export async function pollSystem(deps: PollSystemDeps, system: PollTarget, client: VendorClient): Promise<PollSystemResult> {
  const now = deps.now ?? Date.now;
  const { id: systemId, target } = system;
  const write = (entry: LogEntry) => {
    try {
      deps.writer.write(entry);
    } catch {
      // The writer promises not to throw; a diary problem must not fail the poll anyway.
    }
  };
  const at = now();
  const started = performance.now();
  let snapshot: SystemSnapshot;
  let failure: VendorError | null = null;
  try {
    const signal = AbortSignal.timeout(deps.timeoutMs);
    const log = (entry: PollLogEntry) => write({ systemId, ...entry });
    snapshot = await withDeadline(client.poll({ signal, log }), deps.timeoutMs + (deps.abandonAfterMs ?? 1000));
  } catch (err) {
    failure = err instanceof VendorError ? err : new VendorError('VENDOR_PARSE', `unexpected client failure: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    snapshot = failedSnapshot(target, at, failure.reachability === 'ok' ? 'api_error' : failure.reachability, failure.message);
  }
  const durationMs = Math.round(performance.now() - started);
  const reachability = snapshot.reachability.status;

  let persisted: PersistResult | null = null;
  try {
    persisted = await persistPoll(deps.db, { systemId, at, durationMs, snapshot }, deps.persist);
  } catch (err) {
    write({ systemId, level: 'error', category: 'system', message: `poll result not stored: ${describeDbError(err)}` });
  }

  const health = persisted?.verdict.health ?? null;
  if (reachability === 'ok') {
    const a = persisted?.alerts;
    const alertNote = a ? `, ${a.opened + a.stillOpen} open alert(s) (${a.opened} new, ${a.resolved} resolved)` : '';
    const reason = persisted?.verdict.reasons[0];
    write({
      systemId,
      level: health === 'critical' ? 'warn' : 'info',
      category: 'data_query',
      message: `poll ok in ${durationMs} ms: health ${health ?? 'not stored'}${alertNote}${reason ? `; ${reason}` : ''}`,
      details: { durationMs, health, changed: persisted?.changed ?? null },
    });
  } else {
    write({
      systemId,
      level: 'error',
      category: categoryOf[reachability],
      message: `poll failed after ${durationMs} ms (${reachability}): ${snapshot.reachability.message}`,
      httpStatus: failure?.status ?? null,
      endpoint: failure?.endpoint ?? null,
      details: { durationMs, code: failure?.code ?? null, retryAfterSeconds: failure?.retryAfterSeconds ?? null },
    });
  }
  return {
    systemId,
    name: target.name,
    reachability,
    health,
    message: reachability === 'ok' ? (persisted?.verdict.reasons[0] ?? 'ok') : snapshot.reachability.message,
    durationMs,
    persisted: persisted !== null,
    persist: persisted,
  };
}
