import { ErrorCode, MongoError } from '../mongo-errors.js';
import { isPlainObject, type Doc } from '../storage/document-paths.js';
import { compareValues } from './bson-order.js';
import { activeCollator } from './collation.js';
import { compareCollated } from './collated-compare.js';
import { isTextScoreMeta, TEXT_SCORE_FIELD } from './text-engine.js';

/** One key of a find sort. */
export interface SortField { path: string; dir: 1 | -1 }

/** An empty array sorts below null and missing (MongoDB's rule); this stands for it in a sort key. */
const EMPTY_ARRAY = Symbol('empty array');

/** Parses a sort document; `{$meta: 'textScore'}` becomes the hidden score field, highest first. */
export function parseSort(sort: Doc): SortField[] {
  const fields: SortField[] = [];
  for (const [path, dir] of Object.entries(sort)) {
    if (isTextScoreMeta(dir)) fields.push({ path: TEXT_SCORE_FIELD, dir: -1 });
    else if (dir === 1 || dir === -1) fields.push({ path, dir });
    else throw new MongoError(15975, '$sort key ordering must be 1 (for ascending) or -1 (for descending)');
  }
  if (fields.length === 0) throw new MongoError(ErrorCode.BadValue, 'sort must not be empty');
  return fields;
}

/** Compares two sort-key components: the empty-array marker first, then BSON order. */
function compareKeyPart(a: unknown, b: unknown): number {
  if (a === EMPTY_ARRAY || b === EMPTY_ARRAY) return a === b ? 0 : a === EMPTY_ARRAY ? -1 : 1;
  const collator = activeCollator();
  return collator ? compareCollated(a, b, collator) : compareValues(a, b);
}

/**
 * The value a document sorts by on one path: arrays along the path fan out and the
 * smallest element decides ascending, the largest descending (MongoDB's multikey sort).
 */
export function sortValue(doc: Doc, field: SortField): unknown {
  if (!field.path.includes('.')) {
    // Fast path for the common top-level scalar.
    const direct = doc[field.path];
    if (!Array.isArray(direct)) return direct === undefined ? null : direct;
  }
  const values: unknown[] = [];
  collect(doc, field.path.split('.'), 0, values);
  let best = values[0];
  for (let i = 1; i < values.length; i++) {
    const diff = compareKeyPart(values[i], best);
    if (field.dir === 1 ? diff < 0 : diff > 0) best = values[i];
  }
  return best;
}

function collect(current: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (!Array.isArray(current)) out.push(current === undefined ? null : current);
    else if (current.length === 0) out.push(EMPTY_ARRAY);
    else out.push(...(current as unknown[]));
    return;
  }
  const part = parts[i] as string;
  if (Array.isArray(current)) {
    if (/^\d+$/.test(part) && Number(part) < current.length) return collect(current[Number(part)], parts, i + 1, out);
    if (current.length === 0) out.push(null);
    // Elements that are not documents have no such field: they sort as null.
    for (const el of current) {
      if (isPlainObject(el)) collect(el, parts, i, out);
      else out.push(null);
    }
    return;
  }
  if (isPlainObject(current)) collect(current[part], parts, i + 1, out);
  else out.push(null);
}

/** A document with its sort key computed once, and its natural position for ties. */
export interface Keyed { doc: Doc; key: unknown[]; order: number }

/** Compares keyed documents by the sort fields, ties in natural (`order`) order. */
export function compareKeyed(fields: SortField[]): (a: Keyed, b: Keyed) => number {
  return (a, b) => {
    for (let i = 0; i < fields.length; i++) {
      const diff = compareKeyPart(a.key[i], b.key[i]);
      if (diff !== 0) return (fields[i] as SortField).dir === 1 ? diff : -diff;
    }
    // Ties keep the input (natural) order, whatever the direction, as a stable sort would.
    return a.order - b.order;
  };
}

/**
 * The first `count` documents of `docs` in sort order (all of them when count is undefined).
 * Keys are computed once per document; a bounded heap avoids sorting everything for a top-k.
 */
export function sortTop(docs: Doc[], fields: SortField[], count?: number, textScores?: ReadonlyMap<Doc, number>): Doc[] {
  const cmp = compareKeyed(fields);
  // Text scores may be kept beside the documents, so only the chosen few are ever copied.
  const valueOf = (doc: Doc, f: SortField) => (textScores && f.path === TEXT_SCORE_FIELD ? (textScores.get(doc) ?? null) : sortValue(doc, f));
  const keyed = (doc: Doc, order: number): Keyed => ({ doc, order, key: fields.map((f) => valueOf(doc, f)) });
  if (count === undefined || count * 4 >= docs.length) {
    const all = docs.map(keyed).sort(cmp);
    return (count === undefined ? all : all.slice(0, count)).map((k) => k.doc);
  }
  if (count <= 0) return [];
  const heap = new MaxHeap<Keyed>(cmp);
  docs.forEach((doc, order) => {
    if (heap.size < count) heap.push(keyed(doc, order));
    else {
      const candidate = keyed(doc, order);
      if (cmp(candidate, heap.peek() as Keyed) < 0) heap.replaceTop(candidate);
    }
  });
  return heap.drain().sort(cmp).map((k) => k.doc);
}

/** A binary max-heap: keeps the k smallest items seen, largest on top. */
export class MaxHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly cmp: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.cmp(items[i] as T, items[parent] as T) <= 0) break;
      [items[i], items[parent]] = [items[parent] as T, items[i] as T];
      i = parent;
    }
  }

  replaceTop(item: T): void {
    const items = this.items;
    items[0] = item;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < items.length && this.cmp(items[l] as T, items[top] as T) > 0) top = l;
      if (r < items.length && this.cmp(items[r] as T, items[top] as T) > 0) top = r;
      if (top === i) return;
      [items[i], items[top]] = [items[top] as T, items[i] as T];
      i = top;
    }
  }

  drain(): T[] {
    return this.items.splice(0);
  }
}
