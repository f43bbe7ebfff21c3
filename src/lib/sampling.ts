/** A source of uniform numbers in [0, 1), like Math.random. */
export type RandomSource = () => number;

/**
 * True for a uniformly random `rate` share of calls. Rates at or below 0 never sample and at or
 * above 1 always do, without consulting `random`, so the edges are exact rather than "almost".
 */
export function shouldSample(rate: number, random: RandomSource = Math.random): boolean {
  if (!(rate > 0)) return false;
  if (rate >= 1) return true;
  return random() < rate;
}

/**
 * mulberry32: a tiny seeded PRNG with a full 2^32 period, good enough for sampling decisions and
 * reproducible tests. Not for anything secret.
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
