/**
 * Simulated time. It starts at real "now" (or a fixed instant for reproducible tests) and runs
 * `speed` times faster than the wall clock, so a demo can show a week of capacity growth in minutes.
 * Nothing ticks: the state of a system is computed from `now()` when a request asks for it.
 */
export interface SimClock {
  /** Simulated epoch ms. */
  now(): number;
  /** Simulated epoch ms at which the simulation started. */
  readonly startAt: number;
  readonly speed: number;
  /** Jump simulated time forward (tests, demos: "show me tomorrow"). */
  advance(ms: number): void;
}

export interface ClockOptions {
  startAt?: number;
  /** Simulated ms per real ms (default 1; 60 makes one real second a simulated minute). */
  speed?: number;
  /** The wall clock, injectable for tests. */
  realNow?: () => number;
}

export function createClock(options: ClockOptions = {}): SimClock {
  const realNow = options.realNow ?? Date.now;
  const speed = options.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`speed must be a positive number, not ${speed}`);
  const realStart = realNow();
  const startAt = options.startAt ?? realStart;
  let offset = 0;
  return {
    now: () => Math.floor(startAt + (realNow() - realStart) * speed + offset),
    startAt,
    speed,
    advance(ms) {
      if (!(ms >= 0)) throw new Error('simulated time only moves forward');
      offset += ms;
    },
  };
}
