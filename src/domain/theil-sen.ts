/**
 * Theil–Sen line fit: the slope is the median of the slopes between pairs of points, the intercept
 * the median of the residuals. Up to ~29 % of the points can be arbitrarily wrong before the slope
 * moves, which is what capacity data needs: garbage-collection drops, a deleted snapshot, one bad poll.
 */

export interface LineFit {
  /** Change of y per unit of x. */
  readonly slope: number;
  /** y at x = 0. */
  readonly intercept: number;
  /** How many pairwise slopes the median was taken over. */
  readonly pairs: number;
}

/**
 * All n·(n−1)/2 pairs up to this many (about 200 points); beyond it a fixed-seed sample of this many
 * pairs keeps the cost at O(n + pairs·log pairs). The sample's median differs from the full one by
 * well under 1 % of the spread of slopes, far less than the noise of any capacity series.
 */
export const DEFAULT_MAX_PAIRS = 20_000;

/** Fixed seed: the same history must give the same forecast on every page load and replica. */
const PAIR_SEED = 0x5eed_f17;

/** mulberry32: tiny, fast, good enough to spread pairs evenly; not for anything secret. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function median(values: Float64Array): number {
  values.sort();
  const mid = values.length >> 1;
  const upper = values[mid] ?? Number.NaN;
  return values.length % 2 === 1 ? upper : ((values[mid - 1] ?? Number.NaN) + upper) / 2;
}

function allPairSlopes(xs: readonly number[], ys: readonly number[], n: number): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = (xs[j] ?? 0) - (xs[i] ?? 0);
      if (dx !== 0) out.push(((ys[j] ?? 0) - (ys[i] ?? 0)) / dx);
    }
  }
  return Float64Array.from(out);
}

function sampledPairSlopes(xs: readonly number[], ys: readonly number[], n: number, count: number): Float64Array {
  const random = seededRandom(PAIR_SEED);
  const out = new Float64Array(count);
  let filled = 0;
  // Bounded attempts: with equal x everywhere no pair has a slope, and the loop must still end.
  for (let attempt = 0; attempt < count * 4 && filled < count; attempt++) {
    const i = Math.floor(random() * n);
    const j = Math.floor(random() * n);
    const dx = (xs[j] ?? 0) - (xs[i] ?? 0);
    if (dx !== 0) out[filled++] = ((ys[j] ?? 0) - (ys[i] ?? 0)) / dx;
  }
  return out.subarray(0, filled);
}

/**
 * Fits y ≈ intercept + slope·x. Null when no two points differ in x. Callers should centre x and y
 * near zero first: slopes are differences of large numbers otherwise, and lose digits.
 */
export function fitTheilSen(xs: readonly number[], ys: readonly number[], maxPairs = DEFAULT_MAX_PAIRS): LineFit | null {
  const n = Math.min(xs.length, ys.length);
  const cap = Number.isFinite(maxPairs) && maxPairs >= 1 ? Math.floor(maxPairs) : DEFAULT_MAX_PAIRS;
  const slopes = (n * (n - 1)) / 2 <= cap ? allPairSlopes(xs, ys, n) : sampledPairSlopes(xs, ys, n, cap);
  if (slopes.length === 0) return null;
  const slope = median(slopes);
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) residuals[i] = (ys[i] ?? 0) - slope * (xs[i] ?? 0);
  return { slope, intercept: median(residuals), pairs: slopes.length };
}
