/**
 * Rendered HTML kept for one data version: a small LRU of promises, so concurrent requests for the
 * same key share one render, and everything is dropped when the version moves on. Entries also
 * expire after ttlMs because rendered text may carry wall-clock words ("3 min ago").
 */
export interface RenderCache<T> {
  get(version: number, key: string, render: () => Promise<T>): Promise<T>;
  readonly size: number;
}

export interface RenderCacheOptions {
  maxEntries: number;
  ttlMs: number;
  now?: () => number;
}

export function createRenderCache<T>(options: RenderCacheOptions): RenderCache<T> {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: Promise<T>; at: number }>();
  let cachedVersion: number | null = null;
  return {
    get size() {
      return entries.size;
    },
    get(version, key, render) {
      if (version !== cachedVersion) {
        entries.clear();
        cachedVersion = version;
      }
      const at = now();
      const hit = entries.get(key);
      entries.delete(key);
      if (hit && at - hit.at < options.ttlMs) {
        entries.set(key, hit); // most recently used goes last
        return hit.value;
      }
      const entry = { value: Promise.resolve().then(render), at };
      entries.set(key, entry);
      // A failed render is not remembered: the next request tries again.
      entry.value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      if (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
      return entry.value;
    },
  };
}
