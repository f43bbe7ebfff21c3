import { sleep } from '../lib/sleep.js';

/** Time as the scheduler sees it; tests pass a fake one and move it by hand. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or early (never rejecting) once `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now(), sleep };

export interface CycleRun {
  /** When the next system becomes due (or its lease expires); null when nothing is scheduled. */
  nextDueAt: number | null;
}

export interface SchedulerOptions {
  /** Claims what is due at `now`, polls it and reports when to look again. */
  runCycle(now: number, signal: AbortSignal): Promise<CycleRun>;
  clock?: Clock;
  random?: () => number;
  /**
   * The first cycle starts after a random share of this, so replicas (or a restarted fleet of
   * them) do not all hit the database and the arrays in the same second.
   */
  startJitterMs: number;
  /** Longest wait between two looks at the schedule: new systems and expired peer leases are found within it. */
  maxIdleMs: number;
  /** Shortest pause between cycles, so a failing database or a schedule in the past is not hammered. */
  minGapMs?: number;
  onError?: (err: unknown) => void;
}

export interface Scheduler {
  start(): void;
  /** Stops looking for due systems and resolves once the cycle in flight (if any) has ended. */
  stop(): Promise<void>;
  readonly cycles: number;
}

/**
 * One loop, one cycle at a time: a cycle that overruns simply delays the next look, so cycles can
 * never overlap (no timer per system, no setInterval). Each system's own due time lives in
 * poll_leases.next_due_at; the loop sleeps until the earliest one.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const minGapMs = options.minGapMs ?? 100;
  const stopping = new AbortController();
  let loop: Promise<void> | null = null;
  let cycles = 0;

  function waitFor(nextDueAt: number | null): number {
    if (nextDueAt === null) return options.maxIdleMs;
    return Math.min(options.maxIdleMs, Math.max(minGapMs, nextDueAt - clock.now()));
  }

  async function run(): Promise<void> {
    await clock.sleep(Math.floor(random() * Math.max(0, options.startJitterMs)), stopping.signal);
    while (!stopping.signal.aborted) {
      let next: number | null = null;
      try {
        cycles++;
        next = (await options.runCycle(clock.now(), stopping.signal)).nextDueAt;
      } catch (err) {
        // A cycle fails as a whole only when the database is away; try again after the idle wait.
        options.onError?.(err);
        next = null;
      }
      if (stopping.signal.aborted) break;
      await clock.sleep(waitFor(next), stopping.signal);
    }
  }

  return {
    start() {
      if (loop || stopping.signal.aborted) return;
      loop = run();
    },
    async stop() {
      stopping.abort();
      await loop;
    },
    get cycles() {
      return cycles;
    },
  };
}
