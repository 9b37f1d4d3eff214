import { canonicalKey } from '../canonical-key.js';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import type { ChangeRecord, ChangeSink } from './change-record.js';
import { CollectionStore } from './collection-store.js';
import { cloneDocument, type Doc } from './document-paths.js';
import { normalizeIndexSpec } from './index-spec.js';

const BAD_DB_CHARS = /[/\\. "$*<>:|?\0]/;

/** Throws InvalidNamespace unless db is a name mongod accepts. */
export function validateDbName(db: string): void {
  if (db === '' || db.length >= 64 || BAD_DB_CHARS.test(db)) {
    throw new MongoError(ErrorCode.InvalidNamespace, `Invalid database name: '${db}'`);
  }
}

/** Throws InvalidNamespace unless coll is a collection name mongod accepts for user writes. */
export function validateCollectionName(db: string, coll: string): void {
  validateDbName(db);
  const bad = coll === '' || coll.includes('$') || coll.includes('\0') || coll.startsWith('.') || coll.startsWith('system.') || db.length + coll.length + 1 > 255;
  if (bad) throw new MongoError(ErrorCode.InvalidNamespace, `Invalid collection name: ${coll}`);
}

/** Databases → collections → documents, all in memory; every durable change goes to the sink. */
export class Catalog {
  private readonly dbs = new Map<string, Map<string, CollectionStore>>();
  private replaying = false;

  constructor(private readonly sink: ChangeSink) {}

  private readonly emit: ChangeSink = (records) => {
    if (!this.replaying) this.sink(records);
  };

  databaseNames(): string[] {
    return [...this.dbs.keys()];
  }

  collectionsOf(db: string): CollectionStore[] {
    return [...(this.dbs.get(db)?.values() ?? [])];
  }

  collection(db: string, name: string): CollectionStore | undefined {
    return this.dbs.get(db)?.get(name);
  }

  /** The collection, created implicitly (as an insert or createIndexes does) when missing. */
  ensureCollection(db: string, name: string): CollectionStore {
    return this.collection(db, name) ?? this.createCollection(db, name, {});
  }

  /** Creates a collection; NamespaceExists if it already exists. */
  createCollection(db: string, name: string, options: Doc): CollectionStore {
    validateCollectionName(db, name);
    if (this.collection(db, name)) throw new MongoError(ErrorCode.NamespaceExists, `Collection ${db}.${name} already exists.`);
    this.emit([{ op: 'createCollection', db, coll: name, options: cloneDocument(options) }]);
    let colls = this.dbs.get(db);
    if (!colls) {
      colls = new Map();
      this.dbs.set(db, colls);
    }
    const store = new CollectionStore(db, name, options, this.emit);
    colls.set(name, store);
    return store;
  }

  /** Drops a collection; returns it, or undefined when it did not exist. */
  dropCollection(db: string, name: string): CollectionStore | undefined {
    const colls = this.dbs.get(db);
    const store = colls?.get(name);
    if (!colls || !store) return undefined;
    this.emit([{ op: 'dropCollection', db, coll: name }]);
    colls.delete(name);
    if (colls.size === 0) this.dbs.delete(db);
    return store;
  }

  /** Drops a whole database; returns false when it did not exist. */
  dropDatabase(db: string): boolean {
    if (!this.dbs.has(db)) return false;
    this.emit([{ op: 'dropDatabase', db }]);
    this.dbs.delete(db);
    return true;
  }

  /** The whole state as records (collections, their indexes, their documents), for a journal snapshot. */
  *dump(): Generator<ChangeRecord> {
    for (const [db, colls] of this.dbs) {
      for (const [coll, store] of colls) {
        yield { op: 'createCollection', db, coll, options: store.options };
        for (const spec of store.indexes.list()) if (spec.name !== '_id_') yield { op: 'createIndex', db, coll, spec };
        for (const doc of store.all()) yield { op: 'put', db, coll, doc };
      }
    }
  }

  /** Applies journal records at start-up without journaling them again. */
  replay(records: Iterable<ChangeRecord>): void {
    this.replaying = true;
    try {
      for (const record of records) this.replayOne(record);
    } finally {
      this.replaying = false;
    }
  }

  private replayOne(r: ChangeRecord): void {
    switch (r.op) {
      case 'put':
        this.ensureCollection(r.db, r.coll).restore(r.doc);
        return;
      case 'delete': {
        this.collection(r.db, r.coll)?.remove(canonicalKey(r.id));
        return;
      }
      case 'createCollection':
        if (!this.collection(r.db, r.coll)) this.createCollection(r.db, r.coll, r.options ?? {});
        return;
      case 'dropCollection':
        this.dropCollection(r.db, r.coll);
        return;
      case 'dropDatabase':
        this.dropDatabase(r.db);
        return;
      case 'createIndex':
        this.ensureCollection(r.db, r.coll).createIndex(normalizeIndexSpec(r.spec));
        return;
      case 'dropIndex':
        this.collection(r.db, r.coll)?.indexes.remove(r.name);
        return;
      case 'setCollectionOptions':
        this.collection(r.db, r.coll)?.setOptions(r.options);
        return;
    }
  }
}
