import { canonicalKey } from '../canonical-key.js';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import { cloneDocument, isPlainObject, type Doc } from './document-paths.js';
import { ID_INDEX_SPEC, isTextKey, keyPatternKey, sameIndexOptions } from './index-spec.js';
import { isPlannable, SecondaryIndex } from './secondary-index.js';
import { formatValue, UniqueIndex } from './unique-index.js';
import { checkGeoIndexKeys, isGeoKey } from '../geo/geo-index-keys.js';

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
  // Geo indexes with the top-level fields they read: every write checks their keys.
  private geo: Array<{ spec: Doc; fields: string[] }> = [];
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
    const geo = isGeoKey(spec.key);
    for (const [idKey, doc, seq] of docs) {
      if (geo) checkGeoIndexKeys(spec, doc);
      unique?.check(doc, idKey);
      unique?.add(doc, idKey);
      ordered?.add(doc, idKey, seq);
    }
    if (unique) this.uniques.push(unique);
    if (ordered) this.ordered.push(ordered);
    if (geo) this.geo.push({ spec, fields: Object.keys(spec.key as Doc).map((f) => f.split('.')[0] as string) });
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
    this.geo = this.geo.filter((g) => g.spec.name !== name);
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

  /** Throws E11000 if doc (stored under idKey) would collide in a unique index; `old`, its stored version, spares indexes whose fields it kept. */
  check(doc: Doc, idKey: string, old?: Doc): void {
    for (const u of this.uniques) if (!(old && u.readsOnly && keptFields(old, doc, u.readsOnly))) u.check(doc, idKey);
    for (const { spec, fields } of this.geo) if (!(old && keptFields(old, doc, fields))) checkGeoIndexKeys(spec, doc);
  }

  /**
   * Moves index entries from the old version of a document to the new one (either may be
   * absent). An update that left every field an index reads as it was leaves that index alone:
   * most writes change a status or a date, not the keys of every index on the collection.
   */
  apply(oldDoc: Doc | undefined, newDoc: Doc | undefined, idKey: string, seq: number): void {
    for (const u of this.uniques) {
      if (oldDoc && newDoc && u.readsOnly && keptFields(oldDoc, newDoc, u.readsOnly)) continue;
      if (oldDoc) u.remove(oldDoc, idKey);
      if (newDoc) u.add(newDoc, idKey);
    }
    for (const o of this.ordered) {
      if (oldDoc && newDoc && keptFields(oldDoc, newDoc, o.topFields)) continue;
      if (oldDoc) o.remove(oldDoc, idKey, seq);
      if (newDoc) o.add(newDoc, idKey, seq);
    }
    for (const c of this.companions.values()) c.apply(oldDoc, newDoc, idKey);
  }
}

/** The same value at each of these top-level fields in both versions of a document. */
function keptFields(before: Doc, after: Doc, fields: readonly string[]): boolean {
  return fields.every((f) => sameValue(before[f], after[f]));
}

/** Structural equality, strict about types and key order (what an index key depends on). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    const other = Object.keys(b);
    return keys.length === other.length && keys.every((k, i) => k === other[i] && sameValue(a[k], b[k]));
  }
  // BSON value classes (ObjectId, Decimal128, Long, Binary…): equal when they index alike.
  return typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && a.constructor === b.constructor && canonicalKey(a) === canonicalKey(b);
}
