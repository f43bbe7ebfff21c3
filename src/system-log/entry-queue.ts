/**
 * The writer's FIFO. Items leave from a moving head index and the array is compacted only when
 * the dead prefix is large, so push and remove are O(1) amortised even at 100 000 entries. It
 * also counts items in and out, so drained() can wait for exactly what was queued before it.
 */
export class EntryQueue<T> {
  #items: T[] = [];
  #head = 0;
  #pushed = 0;
  #removed = 0;
  #waiters: { target: number; resolve: () => void }[] = [];

  get length(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    this.#items.push(item);
    this.#pushed++;
  }

  /** The oldest `n` items, left in the queue until remove() confirms them. */
  peek(n: number): T[] {
    return this.#items.slice(this.#head, this.#head + n);
  }

  /** Takes the oldest `n` items out (written or given up on). */
  remove(n: number): void {
    const count = Math.min(Math.max(0, n), this.length);
    if (count === 0) return;
    this.#head += count;
    this.#removed += count;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head >= 4096 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    const due = this.#waiters.filter((w) => w.target <= this.#removed);
    if (due.length === 0) return;
    this.#waiters = this.#waiters.filter((w) => w.target > this.#removed);
    for (const w of due) w.resolve();
  }

  /** Resolves once every item pushed before the call has been removed. */
  drained(): Promise<void> {
    if (this.length === 0) return Promise.resolve();
    const target = this.#pushed;
    return new Promise((resolve) => this.#waiters.push({ target, resolve }));
  }
}
