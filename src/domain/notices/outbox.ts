import { randomUUID } from 'node:crypto';
import type { Connection, Model, Types } from 'mongoose';
import { OUTBOX_PENDING } from './outbox-flag.js';
import { noticeModel, type NoticeType, type OutboxEntry } from './notice.model.js';

/**
 * The transactional outbox without transactions: a state change and its notice are written
 * in ONE document update (the entry goes into the document's own `outbox` array), which
 * MongoDB applies atomically even on a standalone server. Draining then copies entries into
 * the notices collection (idempotent by id) and removes them from the document.
 */
export function outboxEntry(type: NoticeType, data: Record<string, unknown>, at: Date): OutboxEntry {
  return { _id: randomUUID(), type, data, at };
}

interface OutboxHolder {
  _id: Types.ObjectId;
  outbox?: OutboxEntry[];
}

/** A collection whose documents carry an outbox, and the subject kind its notices name. */
export interface OutboxSource {
  kind: string;
  model: Model<never>;
}

/** Moves pending outbox entries into the notices collection. */
export class Outbox {
  private readonly sources: OutboxSource[] = [];

  constructor(private readonly connection: Connection) {}

  /** Registers a collection whose documents carry an outbox. */
  addSource<T extends OutboxHolder>(kind: string, model: Model<T>): void {
    this.sources.push({ kind, model: model as unknown as Model<never> });
  }

  /** Drains one document's outbox; call it right after the write that filled it. */
  async drain(kind: string, id: Types.ObjectId): Promise<number> {
    const source = this.sources.find((s) => s.kind === kind);
    if (!source) throw new Error(`no outbox source named ${kind}`);
    const holder = (await source.model.findById(id, { outbox: 1 }).lean()) as OutboxHolder | null;
    return holder ? this.move(source, holder) : 0;
  }

  /**
   * Drains every document with a non-empty outbox: the repair sweep after a crash. Finds them
   * through the indexed `outboxPending` flag; `{thorough: true}` scans every document instead,
   * for data written before the flag existed (the relay does that once at start).
   */
  async drainAll(options: { thorough?: boolean } = {}): Promise<number> {
    const filter = options.thorough ? { 'outbox.0': { $exists: true } } : { [OUTBOX_PENDING]: true };
    let moved = 0;
    for (const source of this.sources) {
      const holders = (await source.model.find(filter as never, { outbox: 1 }).lean()) as OutboxHolder[];
      for (const holder of holders) moved += await this.move(source, holder);
    }
    return moved;
  }

  private async move(source: OutboxSource, holder: OutboxHolder): Promise<number> {
    const entries = holder.outbox ?? [];
    if (entries.length === 0) {
      await this.clearFlagIfEmpty(source, holder);
      return 0;
    }
    const notices = noticeModel(this.connection);
    await notices.bulkWrite(
      entries.map((entry) => ({
        updateOne: {
          filter: { _id: entry._id },
          update: {
            $setOnInsert: {
              type: entry.type,
              subject: { kind: source.kind, id: holder._id },
              data: entry.data,
              status: 'pending',
              createdAt: entry.at,
            },
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
    await source.model.updateOne(
      { _id: holder._id } as never,
      { $pull: { outbox: { _id: { $in: entries.map((e) => e._id) } } } } as never,
    );
    await this.clearFlagIfEmpty(source, holder);
    return entries.length;
  }

  /** Clears the flag only if no entry arrived meanwhile: the condition and the change are one write. */
  private async clearFlagIfEmpty(source: OutboxSource, holder: OutboxHolder): Promise<void> {
    await source.model.collection.updateOne({ _id: holder._id, outbox: { $size: 0 } }, { $unset: { [OUTBOX_PENDING]: '' } });
  }
}
