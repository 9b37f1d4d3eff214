import type { Query, Schema } from 'mongoose';
import { outboxEntrySchema } from './notice.model.js';

/** The field that marks a document whose outbox still holds entries; indexed, so the repair sweep is a lookup. */
export const OUTBOX_PENDING = 'outboxPending';

type Update = Record<string, Record<string, unknown> | undefined>;

/** True when an update document adds outbox entries. */
function addsEntries(update: Update): boolean {
  const set = update.$set?.outbox;
  return update.$push?.outbox !== undefined || update.$addToSet?.outbox !== undefined || (Array.isArray(set) && set.length > 0);
}

/**
 * Gives a schema its `outbox` array and keeps `outboxPending` true whenever an entry is
 * written, in the same single-document write; Outbox.move clears it once the outbox is empty.
 * Writers need not know about the flag, so no new notice-producing write can forget it.
 */
export function outboxFlagPlugin(schema: Schema): void {
  schema.add({ outbox: { type: [outboxEntrySchema], default: [] }, [OUTBOX_PENDING]: { type: Boolean } });
  schema.index({ [OUTBOX_PENDING]: 1 });
  schema.pre('save', function flagNewEntries() {
    const outbox = this.get('outbox') as unknown[] | undefined;
    if (outbox && outbox.length > 0) this.set(OUTBOX_PENDING, true);
  });
  schema.pre(['updateOne', 'updateMany', 'findOneAndUpdate'], function flagPushedEntries(this: Query<unknown, unknown>) {
    const update = this.getUpdate() as Update | null;
    if (update && addsEntries(update)) this.setUpdate({ ...update, $set: { ...update.$set, [OUTBOX_PENDING]: true } });
  });
  schema.pre('insertMany', function flagInsertedEntries(docs: unknown) {
    for (const doc of Array.isArray(docs) ? (docs as Record<string, unknown>[]) : [docs as Record<string, unknown>]) {
      if (Array.isArray(doc.outbox) && doc.outbox.length > 0) doc[OUTBOX_PENDING] = true;
    }
  });
}
