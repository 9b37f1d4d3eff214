import { canonicalKey } from '../canonical-key.js';
import { compareValues } from '../query/bson-order.js';
import { indexValues, isPlainObject, type Doc } from './document-paths.js';
import { SortedChunks } from './sorted-chunks.js';

/** One key of an index key pattern. */
export interface IndexField { path: string; dir: 1 | -1 }

/** One index entry: the key values (one per field), the document's natural-order number and _id key. */
export interface IndexEntry { values: unknown[]; seq: number; idKey: string }

/**
 * True for indexes the planner can use: plain ascending/descending keys over every document.
 * Sparse and partial indexes leave documents out, collation changes string equality, hidden
 * ones must not be used, and numeric path parts ("a.0") index differently from how they match.
 */
export function isPlannable(spec: Doc): boolean {
  const key = spec.key;
  if (!isPlainObject(key) || spec.sparse === true || spec.partialFilterExpression !== undefined) return false;
  if (spec.collation !== undefined || spec.hidden === true) return false;
  return Object.entries(key).every(([path, dir]) => (dir === 1 || dir === -1) && !path.split('.').some((p) => /^\d+$/.test(p) || p.startsWith('$')));
}

/**
 * An ordered secondary index: entries sorted by key (BSON order, per-field direction), ties
 * by natural order. A document has one entry per distinct key; arrays fan out into one entry
 * per element (multikey), and a missing field is indexed as null, as in mongod.
 */
export class SecondaryIndex {
  readonly fields: IndexField[];
  private readonly entries: SortedChunks<IndexEntry>;
  // Documents with an array somewhere along an indexed path; while > 0 the index is multikey.
  private multikeyDocs = 0;

  /** The top-level fields the keys come from. */
  readonly topFields: readonly string[];

  constructor(readonly spec: Doc) {
    this.fields = Object.entries(spec.key as Doc).map(([path, dir]) => ({ path, dir: dir === -1 ? -1 : 1 }));
    this.topFields = [...new Set(this.fields.map((f) => f.path.split('.')[0] as string))];
    this.entries = new SortedChunks((a, b) => this.compareKeys(a.values, b.values, this.fields.length) || a.seq - b.seq);
  }

  get name(): string {
    return String(this.spec.name);
  }

  /** Multikey indexes order documents by each element, so they cannot serve a sort. */
  get isMultikey(): boolean {
    return this.multikeyDocs > 0;
  }

  add(doc: Doc, idKey: string, seq: number): void {
    if (this.touchesArray(doc)) this.multikeyDocs += 1;
    for (const entry of this.entriesOf(doc, idKey, seq)) this.entries.insert(entry);
  }

  remove(doc: Doc, idKey: string, seq: number): void {
    if (this.touchesArray(doc)) this.multikeyDocs -= 1;
    for (const entry of this.entriesOf(doc, idKey, seq)) this.entries.delete(entry);
  }

  /** Entries whose leading key values equal `prefix`, in index order (or reversed). */
  range(prefix: readonly unknown[], reverse = false): Generator<IndexEntry> {
    const n = prefix.length;
    const start = this.entries.seek((e) => this.compareKeys(e.values, prefix, n) >= 0);
    const end = this.entries.seek((e) => this.compareKeys(e.values, prefix, n) > 0);
    return reverse ? this.entries.backward(end, start) : this.entries.forward(start, end);
  }

  /**
   * The number of entries in one contiguous stretch of the index, counted from chunk sizes.
   * `locate` tells, for an entry's key values, whether it lies before (< 0), inside (0) or
   * after (> 0) the stretch, and must be monotone in index order.
   */
  countWhere(locate: (values: readonly unknown[]) => number): number {
    const start = this.entries.seek((e) => locate(e.values) >= 0);
    const end = this.entries.seek((e) => locate(e.values) > 0);
    return this.entries.distance(start, end);
  }

  /** Compares key values [from, to), honouring each field's direction. */
  compareKeys(a: readonly unknown[], b: readonly unknown[], to: number, from = 0): number {
    for (let i = from; i < to; i++) {
      const diff = compareValues(a[i], b[i]);
      if (diff !== 0) return (this.fields[i] as IndexField).dir === 1 ? diff : -diff;
    }
    return 0;
  }

  private entriesOf(doc: Doc, idKey: string, seq: number): IndexEntry[] {
    let combos: unknown[][] = [[]];
    for (const { path } of this.fields) {
      const values = indexValues(doc, path);
      const options = values.length === 0 ? [null] : values.map((v) => (v === undefined ? null : v));
      combos = options.length === 1 ? combos.map((c) => [...c, options[0]]) : combos.flatMap((c) => options.map((v) => [...c, v]));
    }
    if (combos.length === 1) return [{ values: combos[0] as unknown[], seq, idKey }];
    const seen = new Set<string>();
    return combos.filter((values) => {
      const key = canonicalKey(values);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }).map((values) => ({ values, seq, idKey }));
  }

  private touchesArray(doc: Doc): boolean {
    return this.fields.some(({ path }) => pathTouchesArray(doc, path));
  }
}

/** True when an array lies anywhere along `path` in doc (the leaf included). */
function pathTouchesArray(doc: Doc, path: string): boolean {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(current)) return true;
    if (!isPlainObject(current)) return false;
    current = current[part];
  }
  return Array.isArray(current);
}
