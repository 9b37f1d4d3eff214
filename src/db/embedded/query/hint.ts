import { canonicalKey } from '../canonical-key.js';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import type { CollectionStore } from '../storage/collection-store.js';
import { isPlainObject, type Doc } from '../storage/document-paths.js';

/** What a `hint` resolves to: no hint, natural order, or the key pattern of the index to walk. */
export type HintChoice = { kind: 'none' } | { kind: 'natural'; direction: 1 | -1 } | { kind: 'index'; key: Doc };

/**
 * Resolves a command's `hint` (index name, key pattern or `{$natural: ±1}`) as mongod's
 * planner does: a hint naming no visible index fails with 2 BadValue instead of being
 * ignored, so a typo in a hint never goes unnoticed.
 */
export function resolveHint(store: CollectionStore | undefined, hint: unknown): HintChoice {
  if (hint === undefined || hint === null || (isPlainObject(hint) && Object.keys(hint).length === 0)) return { kind: 'none' };
  if (isPlainObject(hint) && '$natural' in hint) return { kind: 'natural', direction: hint.$natural === -1 ? -1 : 1 };
  if (typeof hint !== 'string' && !isPlainObject(hint)) {
    throw new MongoError(ErrorCode.FailedToParse, 'hint must be a string or an object');
  }
  // Without a collection there is nothing to plan, and mongod answers an empty result.
  if (!store) return { kind: 'none' };
  const wanted = typeof hint === 'string' ? undefined : canonicalKey(hint);
  const spec = store.indexes.list().find((s) => s.hidden !== true && (typeof hint === 'string' ? s.name === hint : canonicalKey(s.key) === wanted));
  if (!spec || !isPlainObject(spec.key)) {
    throw new MongoError(ErrorCode.BadValue, 'error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index');
  }
  return { kind: 'index', key: spec.key };
}

/** The sort a hinted read without its own sort gets: the hinted index's order (as walking that index gives). */
export function hintOrder(choice: HintChoice): Doc | undefined {
  if (choice.kind === 'natural') return { $natural: choice.direction };
  if (choice.kind === 'index' && Object.values(choice.key).every((v) => v === 1 || v === -1)) return choice.key;
  return undefined;
}
