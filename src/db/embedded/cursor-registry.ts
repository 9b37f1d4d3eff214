import { randomInt } from 'node:crypto';
import { calculateObjectSize, Long } from 'bson';
import { ErrorCode, MongoError } from './mongo-errors.js';
import type { Doc } from './storage/document-paths.js';
import { MAX_BSON_OBJECT_SIZE } from './wire-protocol.js';

/** Default number of documents in a first batch, as mongod. */
export const DEFAULT_FIRST_BATCH = 101;

interface OpenCursor { ns: string; docs: Doc[]; position: number; lastUsed: number; noTimeout: boolean }

/** One batch handed to the client, and the cursor id to continue with (0 when exhausted). */
export interface Batch { id: Long; ns: string; docs: Doc[] }

export interface OpenOptions { batchSize?: number; singleBatch?: boolean; noTimeout?: boolean }

/**
 * Open cursors over fully computed results (the data is in memory anyway, so a cursor is a
 * position in an array). Ids are positive and below 2^53 so that a driver which promotes
 * Longs to numbers still sends back the exact id.
 */
export class CursorRegistry {
  private readonly cursors = new Map<string, OpenCursor>();

  constructor(private readonly timeoutMs: number) {}

  /** Takes the first batch of docs; registers a cursor for the rest unless singleBatch or exhausted. */
  open(ns: string, docs: Doc[], options: OpenOptions = {}): Batch {
    const limit = options.batchSize && options.batchSize > 0 ? options.batchSize : DEFAULT_FIRST_BATCH;
    const batch = takeBatch(docs, 0, options.batchSize === 0 ? 0 : limit);
    if (options.singleBatch || batch.length >= docs.length) return { id: Long.ZERO, ns, docs: batch };
    const id = this.newId();
    this.cursors.set(String(id), { ns, docs, position: batch.length, lastUsed: Date.now(), noTimeout: options.noTimeout === true });
    return { id: Long.fromNumber(id), ns, docs: batch };
  }

  /** The next batch of an open cursor (getMore); CursorNotFound when unknown or timed out. */
  next(rawId: unknown, ns: string, batchSize: number | undefined): Batch {
    const key = idKey(rawId);
    const cursor = this.cursors.get(key);
    if (!cursor) throw new MongoError(ErrorCode.CursorNotFound, `cursor id ${key} not found`);
    if (cursor.ns !== ns) {
      throw new MongoError(ErrorCode.Unauthorized, `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`);
    }
    const docs = takeBatch(cursor.docs, cursor.position, batchSize && batchSize > 0 ? batchSize : Number.POSITIVE_INFINITY);
    cursor.position += docs.length;
    cursor.lastUsed = Date.now();
    if (cursor.position >= cursor.docs.length) {
      this.cursors.delete(key);
      return { id: Long.ZERO, ns, docs };
    }
    return { id: Long.fromString(key), ns, docs };
  }

  /** Kills cursors by id; answers which were killed and which were unknown. */
  kill(ids: unknown[]): { killed: Long[]; notFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const raw of ids) {
      const key = idKey(raw);
      (this.cursors.delete(key) ? killed : notFound).push(Long.fromString(key));
    }
    return { killed, notFound };
  }

  /** Drops cursors idle for longer than the timeout. */
  sweep(now = Date.now()): void {
    for (const [key, cursor] of this.cursors) {
      if (!cursor.noTimeout && now - cursor.lastUsed > this.timeoutMs) this.cursors.delete(key);
    }
  }

  get size(): number {
    return this.cursors.size;
  }

  clear(): void {
    this.cursors.clear();
  }

  private newId(): number {
    let id: number;
    do id = randomInt(1, 2 ** 47) * 64 + randomInt(0, 64);
    while (this.cursors.has(String(id)));
    return id;
  }
}

function idKey(raw: unknown): string {
  if (raw instanceof Long) return raw.toString();
  if (typeof raw === 'number' || typeof raw === 'bigint') return String(raw);
  throw new MongoError(ErrorCode.TypeMismatch, "Field 'getMore' must be of type long in: cursor id");
}

/** Up to `count` docs from `start`, stopping before the batch would pass 16 MiB (at least one doc). */
function takeBatch(docs: Doc[], start: number, count: number): Doc[] {
  const out: Doc[] = [];
  let bytes = 0;
  const end = Math.min(docs.length, start + count);
  for (let i = start; i < end; i++) {
    const doc = docs[i] as Doc;
    // A lone document always goes out (a point read's whole batch): no need to measure it.
    if (out.length === 0 && i === end - 1) {
      out.push(doc);
      break;
    }
    const size = calculateObjectSize(doc, { ignoreUndefined: true });
    if (out.length > 0 && bytes + size > MAX_BSON_OBJECT_SIZE) break;
    bytes += size;
    out.push(doc);
  }
  return out;
}
