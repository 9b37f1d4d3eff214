import { randomUUID } from 'node:crypto';
import { Binary } from 'bson';
import { canonicalKey } from '../canonical-key.js';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import type { ChangeSink } from './change-record.js';
import { cloneDocument, type Doc } from './document-paths.js';
import { IndexSet } from './index-set.js';
import { formatValue } from './unique-index.js';

/**
 * One collection in memory: documents keyed by the canonical key of their _id (a Map keeps
 * insertion order, which is mongod's natural order closely enough), plus its indexes.
 * Stored documents are never mutated in place: writes replace them, so a reference taken
 * for a cursor or a snapshot stays a consistent version. Each write is journaled (emit)
 * after its checks and before it changes memory, so a failed append changes nothing.
 */
export class CollectionStore {
  readonly indexes: IndexSet;
  readonly uuid = new Binary(Buffer.from(randomUUID().replace(/-/g, ''), 'hex'), Binary.SUBTYPE_UUID);
  private readonly docs = new Map<string, Doc>();
  // Natural-order number of each document: sorts and index walks break ties with it, so an
  // index-backed query returns ties in the same order as a scan.
  private readonly seqs = new Map<string, number>();
  private nextSeq = 0;

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Doc,
    private readonly emit: ChangeSink,
  ) {
    this.indexes = new IndexSet(`${db}.${name}`);
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get size(): number {
    return this.docs.size;
  }

  /** All documents in natural order (shared references: never mutate them). */
  all(): Doc[] {
    return [...this.docs.values()];
  }

  /** All documents in natural order without copying the list (scans that may stop early). */
  values(): IterableIterator<Doc> {
    return this.docs.values();
  }

  entries(): IterableIterator<[string, Doc]> {
    return this.docs.entries();
  }

  /** The document whose _id equals id (by MongoDB equality), without scanning. */
  getById(id: unknown): Doc | undefined {
    return this.docs.get(canonicalKey(id));
  }

  getByKey(idKey: string): Doc | undefined {
    return this.docs.get(idKey);
  }

  /** The natural-order number of a stored document (larger = inserted later). */
  seqOf(idKey: string): number {
    return this.seqs.get(idKey) ?? Number.MAX_SAFE_INTEGER;
  }

  /** The seq of an existing document, or a fresh one (a Map keeps a replaced key in place). */
  private claimSeq(idKey: string): number {
    let seq = this.seqs.get(idKey);
    if (seq === undefined) {
      seq = this.nextSeq++;
      this.seqs.set(idKey, seq);
    }
    return seq;
  }

  /** Inserts a prepared document (with _id); throws E11000 on any unique collision. */
  insert(doc: Doc): void {
    const idKey = canonicalKey(doc._id);
    if (this.docs.has(idKey)) throw this.duplicateIdError(doc._id);
    this.indexes.check(doc, idKey);
    this.emit([{ op: 'put', db: this.db, coll: this.name, doc }]);
    this.docs.set(idKey, doc);
    this.indexes.apply(undefined, doc, idKey, this.claimSeq(idKey));
  }

  /** Replaces the stored version of a document (same _id); throws E11000 on unique collisions. */
  replace(newDoc: Doc): void {
    const idKey = canonicalKey(newDoc._id);
    const old = this.docs.get(idKey);
    this.indexes.check(newDoc, idKey, old);
    this.emit([{ op: 'put', db: this.db, coll: this.name, doc: newDoc }]);
    this.docs.set(idKey, newDoc);
    this.indexes.apply(old, newDoc, idKey, this.claimSeq(idKey));
  }

  /** Removes the document with this _id key; returns it, or undefined when absent. */
  remove(idKey: string): Doc | undefined {
    const old = this.docs.get(idKey);
    if (!old) return undefined;
    this.emit([{ op: 'delete', db: this.db, coll: this.name, id: old._id }]);
    this.docs.delete(idKey);
    this.indexes.apply(old, undefined, idKey, this.seqOf(idKey));
    this.seqs.delete(idKey);
    return old;
  }

  /** Puts a document while replaying the journal: no unique checks, no re-journaling. */
  restore(doc: Doc): void {
    const idKey = canonicalKey(doc._id);
    const old = this.docs.get(idKey);
    this.docs.set(idKey, doc);
    this.indexes.apply(old, doc, idKey, this.claimSeq(idKey));
  }

  /** Creates an index from a normalised spec; returns false when an identical one exists. */
  createIndex(spec: Doc): boolean {
    if (this.indexes.classify(spec) === 'exists') return false;
    this.indexes.add(spec, this.withSeqs());
    try {
      this.emit([{ op: 'createIndex', db: this.db, coll: this.name, spec: cloneDocument(spec) }]);
    } catch (error) {
      this.indexes.remove(String(spec.name));
      throw error;
    }
    return true;
  }

  /** Drops a secondary index by name. */
  dropIndex(name: string): void {
    if (name === '_id_') throw new MongoError(ErrorCode.InvalidOptions, 'cannot drop _id index');
    if (!this.indexes.list().some((s) => s.name === name)) throw new MongoError(ErrorCode.IndexNotFound, `index not found with name [${name}]`);
    this.emit([{ op: 'dropIndex', db: this.db, coll: this.name, name }]);
    this.indexes.remove(name);
  }

  /** Changes collection options (collMod of validator, validationLevel, validationAction), journaled. */
  setOptions(changes: Doc): void {
    this.emit([{ op: 'setCollectionOptions', db: this.db, coll: this.name, options: cloneDocument(changes) }]);
    Object.assign(this.options, cloneDocument(changes));
  }

  /** Changes options of an index (collMod): journaled as one drop-and-create, so a crash leaves the old or the new spec. */
  modifyIndex(name: string, changes: Doc): { before: Doc; after: Doc } {
    const before = this.indexes.list().find((s) => s.name === name);
    if (!before) throw new MongoError(ErrorCode.IndexNotFound, `cannot find index ${name} for ns ${this.ns}`);
    const after = { ...cloneDocument(before), ...cloneDocument(changes) };
    for (const [key, value] of Object.entries(changes)) if (value === undefined) delete after[key];
    this.emit([
      { op: 'dropIndex', db: this.db, coll: this.name, name },
      { op: 'createIndex', db: this.db, coll: this.name, spec: cloneDocument(after) },
    ]);
    this.indexes.remove(name);
    this.indexes.add(after, this.withSeqs());
    return { before, after };
  }

  private *withSeqs(): Generator<[string, Doc, number]> {
    for (const [idKey, doc] of this.docs) yield [idKey, doc, this.seqOf(idKey)];
  }

  private duplicateIdError(id: unknown): MongoError {
    return new MongoError(
      ErrorCode.DuplicateKey,
      `E11000 duplicate key error collection: ${this.ns} index: _id_ dup key: { _id: ${formatValue(id)} }`,
      { keyPattern: { _id: 1 }, keyValue: { _id: id } },
    );
  }
}
