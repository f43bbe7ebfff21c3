/**
 * Turns a raw capacity history into the stretch a growth trend can be read from: valid readings,
 * in time order, one per timestamp, inside the window, and only since the capacity last changed.
 */

export interface CapacityPoint {
  /** Epoch ms of the poll. */
  readonly at: number;
  readonly usedBytes: number;
  readonly totalBytes: number;
}

/** A change of total capacity beyond this share of the current total is an expansion (or shrink). */
export const DEFAULT_EXPANSION_TOLERANCE = 0.01;

export const DAY_MS = 86_400_000;

export interface TrendSpan {
  /** Every usable reading, sorted; the last one is the current state. */
  readonly all: readonly CapacityPoint[];
  /** The readings the trend is fitted on: inside the window and since the last capacity change. */
  readonly trend: readonly CapacityPoint[];
  /** True when the trend stretch was cut short by a change of total capacity. */
  readonly cutByChange: boolean;
}

function isUsable(p: CapacityPoint): boolean {
  return (
    Number.isFinite(p?.at) &&
    Number.isFinite(p?.usedBytes) &&
    Number.isFinite(p?.totalBytes) &&
    p.usedBytes >= 0 &&
    p.totalBytes > 0
  );
}

/**
 * Two polls with one timestamp (a retried write, two replicas) are one reading: the mean used,
 * and the later-listed total. Keeping both would count as more evidence than there is.
 */
function mergeSameTime(sorted: readonly CapacityPoint[]): CapacityPoint[] {
  const out: CapacityPoint[] = [];
  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i] as CapacityPoint;
    let j = i;
    let sum = 0;
    while (j < sorted.length && (sorted[j] as CapacityPoint).at === first.at) sum += (sorted[j++] as CapacityPoint).usedBytes;
    const last = sorted[j - 1] as CapacityPoint;
    out.push({ at: first.at, usedBytes: j - i === 1 ? first.usedBytes : sum / (j - i), totalBytes: last.totalBytes });
    i = j;
  }
  return out;
}

/**
 * Start of the run of readings whose total matches the current one. Comparing with the current
 * total (not neighbour with neighbour) also catches a total that crept up in small steps.
 */
function startOfCurrentTotal(points: readonly CapacityPoint[], tolerance: number): number {
  const current = (points[points.length - 1] as CapacityPoint).totalBytes;
  let i = points.length - 1;
  while (i > 0 && Math.abs((points[i - 1] as CapacityPoint).totalBytes - current) <= tolerance * current) i--;
  return i;
}

export interface TrendSpanOptions {
  /** Only readings from the last this many days count; absent or not positive: all readings. */
  readonly windowDays?: number;
  readonly expansionTolerance?: number;
}

export function selectTrendSpan(points: readonly CapacityPoint[], now: number, options: TrendSpanOptions = {}): TrendSpan {
  const all = mergeSameTime(points.filter(isUsable).sort((a, b) => a.at - b.at));
  if (all.length === 0) return { all, trend: [], cutByChange: false };
  const { windowDays, expansionTolerance: tol } = options;
  const tolerance = tol !== undefined && Number.isFinite(tol) && tol >= 0 ? tol : DEFAULT_EXPANSION_TOLERANCE;
  const windowed =
    windowDays !== undefined && Number.isFinite(windowDays) && windowDays > 0 && Number.isFinite(now)
      ? all.filter((p) => p.at >= now - windowDays * DAY_MS)
      : all;
  if (windowed.length === 0) return { all, trend: [], cutByChange: false };
  const start = startOfCurrentTotal(windowed, tolerance);
  return { all, trend: windowed.slice(start), cutByChange: start > 0 };
}
