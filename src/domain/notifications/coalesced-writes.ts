/**
 * Collects writes asked for close together and performs them as one (a bulk write), so a
 * stream of single sends costs a round trip per batch rather than per send. Each caller's
 * promise settles with the write that carried its item.
 */
export class CoalescedWrites<T> {
  private waiting: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];

  /**
   * `windowMs`: how long the first item of a batch waits for others (0: only those asked
   * for in the same turn of the event loop). `maxItems` flushes a full batch at once.
   */
  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly windowMs: number,
    private readonly maxItems = 500,
  ) {}

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length === 1) {
        if (this.windowMs > 0) setTimeout(() => void this.flush(), this.windowMs);
        else setImmediate(() => void this.flush());
      } else if (this.waiting.length >= this.maxItems) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    // A full batch may have gone already; the timer of that batch then finds nothing.
    if (this.waiting.length === 0) return;
    const batch = this.waiting;
    this.waiting = [];
    try {
      await this.write(batch.map((w) => w.item));
      for (const w of batch) w.resolve();
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
}
