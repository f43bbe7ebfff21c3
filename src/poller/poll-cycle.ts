import pLimit from 'p-limit';
import { REACHABILITIES, type Reachability } from '../domain/snapshot.js';
import { type ClientOptions, defaultClientOptions, type SystemTarget, type VendorClient } from '../vendors/client.js';
import { createVendorClient } from '../vendors/registry.js';
import { type PollSystemDeps, type PollSystemResult, type PollTarget, pollSystem } from './poll-system.js';

export type FailedReachability = Exclude<Reachability, 'ok'>;

/** What `sfd poll --once --json` prints. */
export interface CycleSummary {
  systems: number;
  ok: number;
  failed: Record<FailedReachability, number>;
  /** Polls whose result could not be stored (the database was away through every retry). */
  unsaved: number;
  durationMs: number;
  slowest: { name: string; ms: number } | null;
}

export interface CycleOutcome {
  summary: CycleSummary;
  results: PollSystemResult[];
}

export interface PollCycleOptions extends PollSystemDeps {
  concurrency: number;
  clientOptions?: ClientOptions;
  /** Injectable for tests; defaults to the vendor registry. */
  createClient?: (target: SystemTarget, options: ClientOptions) => VendorClient;
  /** How long close() waits for logouts (default 5000 ms). */
  closeTimeoutMs?: number;
}

export interface RunOptions {
  /** Awaited inside the system's concurrency slot right after its poll (e.g. to release its lease). */
  onResult?: (result: PollSystemResult) => Promise<void> | void;
  /** Once aborted, systems that have not started yet are skipped (and not in the results). */
  signal?: AbortSignal;
}

export interface PollCycle {
  run(systems: readonly PollTarget[], options?: RunOptions): Promise<CycleOutcome>;
  /** Logs out of the clients of systems no longer in `keep` (removed or disabled). */
  forget(keep: ReadonlySet<number>): Promise<void>;
  /** Logs out of every kept session; the cycle must not be running. */
  close(): Promise<void>;
}

export function emptyFailures(): Record<FailedReachability, number> {
  return Object.fromEntries(REACHABILITIES.filter((r) => r !== 'ok').map((r) => [r, 0])) as Record<FailedReachability, number>;
}

export function summarize(results: readonly PollSystemResult[], durationMs: number): CycleSummary {
  const failed = emptyFailures();
  let ok = 0;
  let unsaved = 0;
  let slowest: CycleSummary['slowest'] = null;
  for (const r of results) {
    if (r.reachability === 'ok') ok++;
    else failed[r.reachability]++;
    if (!r.persisted) unsaved++;
    if (slowest === null || r.durationMs > slowest.ms) slowest = { name: r.name, ms: r.durationMs };
  }
  return { systems: results.length, ok, failed, unsaved, durationMs, slowest };
}

async function closeQuietly(client: VendorClient, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  // close() promises not to throw; the catch and the bound cover a client that breaks the promise.
  await Promise.race([client.close().catch(() => {}), limit]).finally(() => clearTimeout(timer));
}

/**
 * One fan-out over the given systems: at most `concurrency` polls at once, each under its own
 * deadline. Clients are kept per system between cycles, so vendor sessions (Pure, StorageGRID,
 * Data Domain tokens) are reused instead of logging in every minute; a changed target (address,
 * credentials, TLS trust) gets a fresh client and the old one is logged out.
 */
export function createPollCycle(options: PollCycleOptions): PollCycle {
  const limit = pLimit(options.concurrency);
  const create = options.createClient ?? createVendorClient;
  const clientOptions = options.clientOptions ?? defaultClientOptions;
  const closeTimeoutMs = options.closeTimeoutMs ?? 5000;
  const clients = new Map<number, { key: string; client: VendorClient }>();
  const retired: Promise<void>[] = [];

  function clientFor(system: PollTarget): VendorClient {
    const key = JSON.stringify(system.target);
    const kept = clients.get(system.id);
    if (kept?.key === key) return kept.client;
    if (kept) retired.push(closeQuietly(kept.client, closeTimeoutMs));
    const client = create(system.target, clientOptions);
    clients.set(system.id, { key, client });
    return client;
  }

  // Logouts open connections too: a thousand at once would cost what a thousand polls at once
  // would (sockets, TLS buffers). A logout is one short request, so a wider bound than the polls'
  // keeps shutdown quick.
  async function closeAll(toClose: readonly VendorClient[]): Promise<void> {
    const closing = pLimit(options.concurrency * 4);
    await Promise.allSettled(toClose.map((client) => closing(() => closeQuietly(client, closeTimeoutMs))));
  }

  async function pollOne(system: PollTarget): Promise<PollSystemResult> {
    let client: VendorClient;
    try {
      client = clientFor(system);
    } catch (err) {
      // A client that cannot even be built (a bad base URL) is one broken system, not a broken cycle.
      const failing: VendorClient = { poll: () => Promise.reject(err), close: async () => {} };
      client = failing;
    }
    return pollSystem(options, system, client);
  }

  return {
    async run(systems, runOptions = {}) {
      const { onResult, signal } = runOptions;
      const started = performance.now();
      const task = async (system: PollTarget): Promise<PollSystemResult | null> => {
        if (signal?.aborted) return null;
        const result = await pollOne(system);
        try {
          await onResult?.(result);
        } catch {
          // The caller's bookkeeping failing must not turn a finished poll into a failed one.
        }
        return result;
      };
      const settled = await Promise.allSettled(systems.map((s) => limit(() => task(s))));
      // pollSystem never throws; a rejection here would be a bug, still reported per system.
      const results = settled.flatMap((s, i): PollSystemResult[] => {
        if (s.status === 'fulfilled') return s.value === null ? [] : [s.value];
        const system = systems[i] as PollTarget;
        const message = `poller bug: ${s.reason instanceof Error ? s.reason.message : String(s.reason)}`;
        return [{ systemId: system.id, name: system.target.name, reachability: 'api_error', health: null, message, durationMs: 0, persisted: false, persist: null }];
      });
      return { summary: summarize(results, Math.round(performance.now() - started)), results };
    },
    async forget(keep) {
      const gone = [...clients].filter(([id]) => !keep.has(id));
      for (const [id] of gone) clients.delete(id);
      await closeAll(gone.map(([, c]) => c.client));
    },
    async close() {
      const open = [...clients.values()];
      clients.clear();
      await Promise.allSettled([...retired.splice(0), closeAll(open.map((c) => c.client))]);
    },
  };
}
