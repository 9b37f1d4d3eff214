import type { CommandContext } from '../command-context.js';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import { validateCollectionName } from '../storage/catalog.js';
import { canonicalKey } from '../canonical-key.js';
import { isPlainObject, type Doc } from '../storage/document-paths.js';
import { prepareInsert } from './crud.command.js';

/** Where a final `$out` writes: `{$out: 'coll'}` or `{$out: {db, coll}}`. */
export interface OutTarget { db: string; coll: string }

/**
 * The `$out` target when the pipeline ends with one; `$out` anywhere else fails with 40601
 * as on mongod. `$merge` stays refused.
 */
export function outTarget(pipeline: Doc[], db: string): OutTarget | undefined {
  const at = pipeline.findIndex((stage) => '$out' in stage);
  if (at < 0) return undefined;
  if (at !== pipeline.length - 1) throw new MongoError(40601, '$out can only be the final stage in the pipeline');
  const spec = pipeline[at]?.$out;
  const target = typeof spec === 'string' ? { db, coll: spec } : isPlainObject(spec) && typeof spec.coll === 'string' ? { db: typeof spec.db === 'string' ? spec.db : db, coll: spec.coll } : undefined;
  if (!target) throw new MongoError(16990, "$out only supports a string or object argument, not " + typeof spec);
  validateCollectionName(target.db, target.coll);
  return target;
}

/**
 * Replaces the target's documents with the pipeline's results, keeping its options and
 * indexes, as mongod's $out does. A failed write (a duplicate key) restores what was there.
 */
export function writeOut(ctx: CommandContext, target: OutTarget, results: Doc[]): void {
  const prepared = results.map(prepareInsert);
  const seen = new Set<string>();
  for (const doc of prepared) {
    const key = canonicalKey(doc._id);
    if (seen.has(key)) throw new MongoError(ErrorCode.DuplicateKey, `E11000 duplicate key error collection: ${target.db}.${target.coll} index: _id_ dup key: { _id: ${String(doc._id)} }`, { keyPattern: { _id: 1 }, keyValue: { _id: doc._id } });
    seen.add(key);
  }
  const store = ctx.catalog.ensureCollection(target.db, target.coll);
  const before = store.all();
  for (const doc of before) store.remove(canonicalKey(doc._id));
  try {
    for (const doc of prepared) store.insert(doc);
  } catch (error) {
    for (const doc of store.all()) store.remove(canonicalKey(doc._id));
    for (const doc of before) store.insert(doc);
    throw error;
  }
}
