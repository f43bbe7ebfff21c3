// Spawns test/fixtures/poller-process.ts children that share one database, and collects the poll
// starts they report. Used by the lease tests on both engines.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { PollTarget } from '../../src/poller/poll-system.js';

const root = path.resolve(import.meta.dirname, '../..');

export interface PollStart {
  owner: string;
  systemId: number;
  at: number;
  /** The cycle's `now`: what the lease was claimed at and the next due time is counted from. */
  claimedAt: number;
  /** When the poll returned; absent if the poller died first. */
  end?: number;
}

export interface PollerSettings {
  databaseUrl: string;
  fleet: readonly PollTarget[];
  intervalMs: number;
  leaseMs: number;
  timeoutMs: number;
  concurrency: number;
  claimLimit: number;
}

export interface PollerProcesses {
  readonly starts: PollStart[];
  readonly children: Map<string, ChildProcess>;
  /** What the pollers wrote on stderr (cycle failures), for assertion messages. */
  stderr(): string;
  spawn(owner: string): void;
  /** SIGTERM to every live poller, resolving when all have exited. */
  terminate(): Promise<void>;
  /** SIGKILL to any poller still alive (for finally blocks). */
  kill(): void;
}

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

export function pollerProcesses(settings: PollerSettings): PollerProcesses {
  const starts: PollStart[] = [];
  const children = new Map<string, ChildProcess>();
  let errors = '';
  return {
    starts,
    children,
    stderr: () => errors,
    spawn(owner) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/poller-process.ts'], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          OWNER: owner,
          DATABASE_URL: settings.databaseUrl,
          FLEET: JSON.stringify(settings.fleet),
          INTERVAL_MS: String(settings.intervalMs),
          LEASE_MS: String(settings.leaseMs),
          TIMEOUT_MS: String(settings.timeoutMs),
          CONCURRENCY: String(settings.concurrency),
          CLAIM_LIMIT: String(settings.claimLimit),
        },
      });
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
        const event = JSON.parse(line) as PollStart | { owner: string; systemId: number; end: number };
        if (!('end' in event)) return void starts.push(event);
        const start = starts.findLast((s) => s.owner === event.owner && s.systemId === event.systemId);
        if (start) start.end = event.end;
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        errors += chunk.toString();
      });
      children.set(owner, child);
    },
    async terminate() {
      await Promise.all(
        [...children.values()].map((child) => {
          if (!alive(child)) return Promise.resolve();
          return new Promise((resolve) => {
            child.once('exit', resolve);
            child.kill('SIGTERM');
          });
        }),
      );
    },
    kill() {
      for (const child of children.values()) if (alive(child)) child.kill('SIGKILL');
    },
  };
}

/** Poll starts per system, each list in time order. */
export function startsBySystem(starts: readonly PollStart[]): Map<number, PollStart[]> {
  const bySystem = new Map<number, PollStart[]>();
  for (const s of starts) bySystem.set(s.systemId, [...(bySystem.get(s.systemId) ?? []), s]);
  for (const polls of bySystem.values()) polls.sort((a, b) => a.at - b.at);
  return bySystem;
}
