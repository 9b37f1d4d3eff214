/**
 * Keeps interaction acknowledgements ahead of the work they announce. Discord drops an
 * interaction not acknowledged within 3 s; in a burst, the database work of the first
 * interactions acknowledged would otherwise hold the event loop while the later ones'
 * acknowledgements wait to be sent and answered.
 */
export class AcknowledgeFirst {
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Acknowledged interactions in the order their acknowledgement came back. */
  private readonly line: { ready: boolean; start: () => void }[] = [];
  private working = 0;

  /**
   * `maxWorking`: interactions whose work runs at once; the rest wait their turn in order,
   * so a burst is answered first come, first served rather than all at the end together.
   */
  constructor(private readonly maxWorking = 8) {}

  /**
   * Awaits `acknowledgement` (a defer), then every other acknowledgement in flight at that
   * moment (only those: a steady stream cannot starve the work), then a turn to run `work`.
   */
  async answer<T>(acknowledgement: Promise<unknown>, work: () => Promise<T>): Promise<T> {
    this.inFlight.add(acknowledgement);
    try {
      await acknowledgement;
    } finally {
      this.inFlight.delete(acknowledgement);
    }
    // The work is started by next(), in line order, so turns are taken exactly in that order.
    let place!: { ready: boolean; start: () => void };
    const answered = new Promise<T>((resolve, reject) => {
      place = {
        ready: false,
        start: () => {
          work()
            .then(resolve, reject)
            .finally(() => {
              this.working -= 1;
              this.next();
            });
        },
      };
    });
    this.line.push(place);
    if (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    place.ready = true;
    this.next();
    return answered;
  }

  private next(): void {
    while (this.working < this.maxWorking && this.line[0]?.ready) {
      this.working += 1;
      this.line.shift()?.start();
    }
  }
}
