import type { Query } from 'mingo/query';
import { ObjectId } from 'bson';
import { canonicalKey } from '../canonical-key.js';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import { collatorFor, parseCollation } from '../query/collation.js';
import { compileQuery } from '../query/mingo-options.js';
import { indexValues, isPlainObject, type Doc } from './document-paths.js';

/** One key a document contributes to an index: the canonical string plus the values, for error messages. */
interface IndexKey { key: string; values: unknown[] }

/**
 * Enforces one unique index (single field or compound, sparse, partial) with a Map from the
 * canonical key to the owning document's _id key, so checks and equality lookups never scan.
 */
export class UniqueIndex {
  private readonly owners = new Map<string, string>();
  private readonly fields: string[];
  private readonly partial: Query | null;

  /** The top-level fields this index's keys come from; null for a partial index (its filter reads others too). */
  readonly readsOnly: readonly string[] | null;

  // With a collation, strings equal under it must collide: each maps to the first equal one seen.
  private readonly collator: Intl.Collator | null;
  private readonly representatives: string[] = [];

  constructor(readonly spec: Doc, private readonly ns: string) {
    this.fields = Object.keys(spec.key as Doc);
    const collation = isPlainObject(spec.collation) && spec.collation.locale !== 'simple' ? parseCollation(spec.collation) : undefined;
    this.collator = collation ? collatorFor(collation) : null;
    const pfe = spec.partialFilterExpression;
    this.partial = isPlainObject(pfe) ? compileQuery(pfe) : null;
    this.readsOnly = this.partial ? null : [...new Set(this.fields.map((f) => f.split('.')[0] as string))];
  }

  get name(): string {
    return String(this.spec.name);
  }

  /** The single field this index covers, or null for compound indexes. */
  get singleField(): string | null {
    return this.fields.length === 1 && !this.spec.sparse && !this.partial ? (this.fields[0] ?? null) : null;
  }

  /** The keys doc contributes, or [] when the index skips it (sparse and missing, or outside the partial filter). */
  keysOf(doc: Doc): IndexKey[] {
    if (this.partial && !this.partial.test(doc)) return [];
    const perField = this.fields.map((f) => indexValues(doc, f));
    if (this.spec.sparse && perField.every((vals) => vals.length === 0)) return [];
    // The usual case (no arrays on the indexed paths) has exactly one key: skip the combinations.
    if (perField.every((vals) => vals.length <= 1)) {
      const values = perField.map((vals) => (vals.length === 0 ? null : vals[0]));
      return [{ key: values.map((v) => canonicalKey(this.collated(v))).join('|'), values }];
    }
    // A missing field indexes as null, so two documents lacking it collide (as in mongod).
    let combos: unknown[][] = [[]];
    for (const vals of perField) {
      const options = vals.length === 0 ? [null] : vals;
      combos = combos.flatMap((prefix) => options.map((v) => [...prefix, v]));
    }
    const seen = new Set<string>();
    const keys: IndexKey[] = [];
    for (const values of combos) {
      const key = values.map((v) => canonicalKey(this.collated(v))).join('|');
      if (!seen.has(key)) keys.push({ key, values });
      seen.add(key);
    }
    return keys;
  }

  /** A string's stand-in under the index collation (itself when no equal string was seen before). */
  private collated(value: unknown): unknown {
    if (!this.collator || typeof value !== 'string') return value;
    const collator = this.collator;
    const found = this.representatives.find((r) => collator.compare(r, value) === 0);
    if (found !== undefined) return found;
    this.representatives.push(value);
    return value;
  }

  /** Throws E11000 when doc would take a key owned by another document. */
  check(doc: Doc, idKey: string): void {
    for (const { key, values } of this.keysOf(doc)) {
      const owner = this.owners.get(key);
      if (owner !== undefined && owner !== idKey) throw this.duplicateError(values);
    }
  }

  add(doc: Doc, idKey: string): void {
    for (const { key } of this.keysOf(doc)) this.owners.set(key, idKey);
  }

  remove(doc: Doc, idKey: string): void {
    for (const { key } of this.keysOf(doc)) if (this.owners.get(key) === idKey) this.owners.delete(key);
  }

  /** The _id key of the document holding `value` in a single-field index. */
  lookup(value: unknown): string | undefined {
    return this.owners.get(canonicalKey(value));
  }

  clear(): void {
    this.owners.clear();
  }

  /** Builds the mongod-shaped E11000 error for the given key values. */
  duplicateError(values: unknown[]): MongoError {
    const keyValue: Doc = {};
    this.fields.forEach((f, i) => {
      keyValue[f] = values[i] === undefined ? null : values[i];
    });
    const shown = this.fields.map((f, i) => `${f}: ${formatValue(values[i])}`).join(', ');
    return new MongoError(
      ErrorCode.DuplicateKey,
      `E11000 duplicate key error collection: ${this.ns} index: ${this.name} dup key: { ${shown} }`,
      { keyPattern: this.spec.key, keyValue },
    );
  }
}

/** Formats a value the way mongod prints it in error messages. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return value === null ? 'null' : 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof ObjectId) return `ObjectId('${value.toHexString()}')`;
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (Array.isArray(value)) return `[ ${value.map(formatValue).join(', ')} ]`;
  if (isPlainObject(value)) {
    const inner = Object.entries(value).map(([k, v]) => `${k}: ${formatValue(v)}`).join(', ');
    return inner ? `{ ${inner} }` : '{}';
  }
  return String(value);
}
