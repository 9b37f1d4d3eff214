/**
 * One durable change to the catalog. Structurally identical to the journal's
 * JournalRecord, so storage never depends on persistence: the server forwards these.
 */
export type ChangeRecord =
  | { op: 'put'; db: string; coll: string; doc: Record<string, unknown> }
  | { op: 'delete'; db: string; coll: string; id: unknown }
  | { op: 'createCollection'; db: string; coll: string; options?: Record<string, unknown> }
  | { op: 'dropCollection'; db: string; coll: string }
  | { op: 'dropDatabase'; db: string }
  | { op: 'createIndex'; db: string; coll: string; spec: Record<string, unknown> }
  | { op: 'dropIndex'; db: string; coll: string; name: string }
  | { op: 'setCollectionOptions'; db: string; coll: string; options: Record<string, unknown> };

/** Receives change records synchronously, before the write is acknowledged. */
export type ChangeSink = (records: ChangeRecord[]) => void;
