/**
 * Group commit for the journal. Writes stage their records as they run; once the event loop
 * has handled every request that arrived together, one commit writes them all (one write(2),
 * and one fsync with fsync 'always'), and only then do the replies waiting on it go out.
 * Every reply produced while a commit is pending waits, reads included: a read may have seen
 * a staged write, and nothing is shown to a client before it is in the journal.
 */
export class GroupCommit {
  private waiting: Array<() => void> = [];
  private pending: NodeJS.Immediate | null = null;
  private failed = false;

  constructor(
    private readonly commit: () => void,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /** Called after records were staged: makes sure a commit follows soon. */
  schedule(): void {
    if (this.pending || this.failed) return;
    this.pending = setImmediate(() => this.run());
  }

  /** Runs `send` once everything staged so far is written; at once when nothing is pending. */
  whenWritten(send: () => void): void {
    if (this.failed) return; // never acknowledge what may not be on disk
    if (this.pending) this.waiting.push(send);
    else send();
  }

  /** Drops the scheduled commit and its waiters (the journal is closing and writes the rest). */
  stop(): void {
    if (this.pending) clearImmediate(this.pending);
    this.pending = null;
    this.waiting = [];
  }

  private run(): void {
    this.pending = null;
    const waiting = this.waiting;
    this.waiting = [];
    try {
      this.commit();
    } catch (error) {
      this.failed = true;
      this.onFailure(error);
      return;
    }
    for (const send of waiting) send();
  }
}
