import { serialize, type Document } from 'bson';
import { decodeKeepingDoubles } from '../bson-decode.js';

/** One durable change to the embedded server's state. */
export type JournalRecord =
  | { op: 'put'; db: string; coll: string; doc: Record<string, unknown> } // full document after the write
  | { op: 'delete'; db: string; coll: string; id: unknown } // _id of the removed doc
  | { op: 'createCollection'; db: string; coll: string; options?: Record<string, unknown> }
  | { op: 'dropCollection'; db: string; coll: string }
  | { op: 'dropDatabase'; db: string }
  | { op: 'createIndex'; db: string; coll: string; spec: Record<string, unknown> }
  | { op: 'dropIndex'; db: string; coll: string; name: string }
  | { op: 'setCollectionOptions'; db: string; coll: string; options: Record<string, unknown> }; // collMod of validator options

const OPS = new Set(['put', 'delete', 'createCollection', 'dropCollection', 'dropDatabase', 'createIndex', 'dropIndex', 'setCollectionOptions']);

/**
 * Decoding mirrors the wire layer (Int32/Double become JS numbers, RegExps stay RegExp,
 * Binary stays Binary) so a replayed document looks exactly like one that arrived over the
 * wire, except that Longs are never promoted: a Long that was stored comes back a Long, of
 * any size, and a double holding an integer stays a Double (bson-decode.ts). ObjectId, Date, Decimal128, Timestamp, MinKey/MaxKey etc. keep their classes.
 */
const DESERIALIZE_OPTIONS = { promoteValues: true, promoteLongs: false, promoteBuffers: false, bsonRegExp: false, useBigInt64: false } as const;

/** Thrown when the data directory holds something this code cannot read safely. */
export class JournalCorruptError extends Error {
  override readonly name = 'JournalCorruptError';
}

/** Encodes a record (or a file header) as BSON, keeping keys with '$' and '.' as they are. */
export function encodeDocument(doc: Document): Buffer {
  const bytes = serialize(doc, { checkKeys: false, ignoreUndefined: false });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength); // a view: no second copy
}

/** Decodes a BSON payload with the journal's type-preserving options. */
export function decodeDocument(payload: Uint8Array): Document {
  return decodeKeepingDoubles(payload, DESERIALIZE_OPTIONS);
}

/** Decodes and sanity-checks a record payload; `where` names the file and offset for errors. */
export function decodeRecord(payload: Uint8Array, where: string): JournalRecord {
  const doc = decodeDocument(payload);
  if (typeof doc.op !== 'string' || !OPS.has(doc.op) || (doc.op !== 'dropDatabase' && typeof doc.coll !== 'string') || typeof doc.db !== 'string') {
    throw new JournalCorruptError(`${where}: frame has a valid checksum but is not a journal record (op=${String(doc.op)}); was it written by a newer version?`);
  }
  return doc as JournalRecord;
}
