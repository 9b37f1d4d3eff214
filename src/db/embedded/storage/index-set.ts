import { ErrorCode, MongoError } from '../mongo-errors.js';
import { cloneDocument, isPlainObject, type Doc } from './document-paths.js';
import { ID_INDEX_SPEC, isTextKey, keyPatternKey, sameIndexOptions } from './index-spec.js';
import { isPlannable, SecondaryIndex } from './secondary-index.js';
import { formatValue, UniqueIndex } from './unique-index.js';

/**
 * A structure kept in step with the documents on behalf of one index and built by a layer
 * above storage (the text index's postings need the text engine, which storage does not know).
 */
export interface IndexCompanion {
  apply(oldDoc: Doc | undefined, newDoc: Doc | undefined, idKey: string): void;
}

/** The indexes of one collection: the specs as listIndexes shows them, plus unique enforcement. */
export class IndexSet {
  private specs: Doc[] = [cloneDocument(ID_INDEX_SPEC)];
  private uniques: UniqueIndex[] = [];
  private ordered: SecondaryIndex[] = [];
  private readonly companions = new Map<string, IndexCompanion>();

  constructor(private readonly ns: string) {}

  /** Specs in creation order, `_id_` first. */
  list(): Doc[] {
    return this.specs.map((s) => cloneDocument(s));
  }

  get count(): number {
    return this.specs.length;
  }

  /** The collection's text index spec, if it has one. */
  textIndex(): Doc | undefined {
    return this.specs.find((s) => isPlainObject(s.key) && isTextKey(s.key));
  }

  /** Specs with expireAfterSeconds (TTL). */
  ttlIndexes(): Doc[] {
    return this.specs.filter((s) => typeof s.expireAfterSeconds === 'number' && s.name !== '_id_');
  }

  uniqueIndexes(): readonly UniqueIndex[] {
    return this.uniques;
  }

  /** The ordered indexes the query planner may use (plain keys, not sparse, partial or hidden). */
  plannable(): readonly SecondaryIndex[] {
    return this.ordered;
  }

  /** A unique index usable for an equality lookup on `field` (not sparse, not partial, no collation). */
  uniqueOn(field: string): UniqueIndex | undefined {
    return this.uniques.find((u) => u.singleField === field && u.spec.collation === undefined);
  }

  /** Decides whether spec is new ('create'), already present ('exists'); throws on conflicts as mongod does. */
  classify(spec: Doc): 'create' | 'exists' {
    const byName = this.specs.find((s) => s.name === spec.name);
    const keyK = keyPatternKey(spec.key);
    if (byName) {
      if (keyPatternKey(byName.key) === keyK && sameIndexOptions(byName, spec)) return 'exists';
      throw new MongoError(ErrorCode.IndexKeySpecsConflict, `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${formatValue(spec)}, existing index: ${formatValue(byName)}`);
    }
    const byKey = this.specs.find((s) => keyPatternKey(s.key) === keyK);
    if (byKey) {
      if (sameIndexOptions(byKey, spec)) throw new MongoError(ErrorCode.IndexOptionsConflict, `Index already exists with a different name: ${String(byKey.name)}`);
      throw new MongoError(ErrorCode.IndexOptionsConflict, `An equivalent index already exists with the same name but different options. Requested index: ${formatValue(spec)}, existing index: ${formatValue(byKey)}`);
    }
    if (isTextKey(spec.key as Doc) && this.textIndex()) {
      throw new MongoError(ErrorCode.IndexOptionsConflict, `An equivalent index already exists with a different name and options. Requested index: ${formatValue(spec)}, existing index: ${formatValue(this.textIndex())}`);
    }
    return 'create';
  }

  /**
   * Adds an index, building unique enforcement (E11000 if existing documents collide) and,
   * for plannable key patterns, the ordered entries; docs yield [idKey, doc, natural-order seq].
   */
  add(spec: Doc, docs: Iterable<[string, Doc, number]>): void {
    const unique = spec.unique === true && spec.name !== '_id_' ? new UniqueIndex(spec, this.ns) : null;
    const ordered = spec.name !== '_id_' && isPlannable(spec) ? new SecondaryIndex(spec) : null;
    for (const [idKey, doc, seq] of docs) {
      unique?.check(doc, idKey);
      unique?.add(doc, idKey);
      ordered?.add(doc, idKey, seq);
    }
    if (unique) this.uniques.push(unique);
    if (ordered) this.ordered.push(ordered);
    this.specs.push(spec);
  }

  /** The companion attached to the index named `name`, if any. */
  companion(name: string): IndexCompanion | undefined {
    return this.companions.get(name);
  }

  /** Attaches a companion to an existing index; from now on every write updates it. Dropping the index drops it. */
  attachCompanion(name: string, companion: IndexCompanion): void {
    if (!this.specs.some((s) => s.name === name)) throw new Error(`no index named ${name}`);
    this.companions.set(name, companion);
  }

  /** Removes the index named `name`; returns false when there is none. */
  remove(name: string): boolean {
    this.companions.delete(name);
    const before = this.specs.length;
    this.specs = this.specs.filter((s) => s.name !== name);
    this.uniques = this.uniques.filter((u) => u.name !== name);
    this.ordered = this.ordered.filter((o) => o.name !== name);
    return this.specs.length !== before;
  }

  /** Finds an index by its key pattern. */
  findByKey(key: unknown): Doc | undefined {
    const k = keyPatternKey(key);
    return this.specs.find((s) => keyPatternKey(s.key) === k);
  }

  /** Names of every index except `_id_`. */
  secondaryNames(): string[] {
    return this.specs.filter((s) => s.name !== '_id_').map((s) => String(s.name));
  }

  /** Throws E11000 if doc (stored under idKey) would collide in a unique index. */
  check(doc: Doc, idKey: string): void {
    for (const u of this.uniques) u.check(doc, idKey);
  }

  /** Moves index entries from the old version of a document to the new one (either may be absent). */
  apply(oldDoc: Doc | undefined, newDoc: Doc | undefined, idKey: string, seq: number): void {
    for (const u of this.uniques) {
      if (oldDoc) u.remove(oldDoc, idKey);
      if (newDoc) u.add(newDoc, idKey);
    }
    for (const o of this.ordered) {
      if (oldDoc) o.remove(oldDoc, idKey, seq);
      if (newDoc) o.add(newDoc, idKey, seq);
    }
    for (const c of this.companions.values()) c.apply(oldDoc, newDoc, idKey);
  }
}
