import { calculateObjectSize, ObjectId } from 'bson';
import { update as mingoUpdate } from 'mingo/updater';
import type { Modifier } from 'mingo/updater';
import { canonicalKey } from '../canonical-key.js';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import { cloneDocument, idFirst, isPlainObject, setPath, type Doc } from '../storage/document-paths.js';
import { formatValue } from '../storage/unique-index.js';
import { MAX_BSON_OBJECT_SIZE } from '../wire-protocol.js';
import { MINGO_OPTIONS, runPipeline } from './mingo-options.js';
import { applySimpleUpdate } from './simple-update.js';
import { applyDollarFieldSets, takeDollarFieldSets } from './dollar-fields.js';
import { positionalGroups, resolvePositional } from './positional-groups.js';
import { applyLogicalPulls, takeLogicalPulls } from './pull-condition.js';
import { extractText } from './text-engine.js';
import { checkUpdateTargets, updateKind } from './update-validation.js';

/** One update statement's modification and options. */
export interface UpdateOp { u: unknown; filter: Doc; arrayFilters?: Doc[] | undefined }

const PIPELINE_UPDATE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

/** Validates u up front, so a bad update fails even when nothing matches. */
export function validateUpdate(u: unknown): void {
  const kind = updateKind(u);
  if (kind === 'pipeline') {
    for (const stage of u as unknown[]) {
      const name = isPlainObject(stage) ? Object.keys(stage)[0] : undefined;
      if (!name || !PIPELINE_UPDATE_STAGES.has(name)) {
        throw new MongoError(ErrorCode.InvalidOptions, `${name ?? 'stage'} is not allowed to be used within an update`);
      }
    }
  }
}

/** The new version of doc after the update (doc itself is untouched). Enforces _id immutability and size. */
export function applyUpdate(doc: Doc, op: UpdateOp, inserting = false): Doc {
  const next = transform(doc, op, inserting);
  if (canonicalKey(next._id) !== canonicalKey(doc._id)) {
    if (doc._id === undefined) return finish(next);
    throw immutableId();
  }
  return finish(next);
}

function transform(doc: Doc, op: UpdateOp, inserting: boolean): Doc {
  const kind = updateKind(op.u);
  if (kind === 'replacement') return replace(doc, op.u as Doc);
  if (kind === 'pipeline') {
    const [out] = runPipeline([cloneDocument(doc)], op.u as Doc[], () => []);
    if (!out) throw new MongoError(ErrorCode.BadValue, 'pipeline update produced no document');
    return out;
  }
  const modifier = operatorsFor(op.u as Doc, inserting);
  checkUpdateTargets(doc, modifier);
  const next = cloneDocument(doc);
  takeIdFromSet(next, modifier);
  const logicalPulls = takeLogicalPulls(modifier);
  if (logicalPulls) applyLogicalPulls(next, logicalPulls);
  if (inserting) applyDollarFieldSets(next, takeDollarFieldSets(modifier));
  if (Object.keys(modifier).length === 0) return next;
  if (applySimpleUpdate(next, modifier)) return next;
  try {
    // mingo re-tests the condition before updating; it is only needed to resolve a positional `$`.
    const condition = inserting || !usesPositional(modifier) ? {} : extractText(op.filter).rest;
    const groups = positionalGroups(modifier);
    // Each group after the first sees the document the earlier ones changed, where the
    // condition may no longer match: mongod resolves `$` once, against the matched document.
    const resolved = groups.length > 1 && usesPositional(modifier) ? groups.map((g) => resolvePositional(next, g, condition)) : groups;
    for (const group of resolved) {
      const groupCondition = usesPositional(group) ? condition : {};
      mingoUpdate(next, group as Modifier<Doc>, op.arrayFilters ?? [], groupCondition, { cloneMode: 'deep', queryOptions: MINGO_OPTIONS });
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.includes("immutable field '_id'")) throw immutableId();
    throw new MongoError(ErrorCode.BadValue, message);
  }
  return next;
}

/** $setOnInsert applies only when the update inserts; empty operator arguments are dropped. */
/**
 * mingo refuses any $set of _id; mongod allows setting it to its current value, and on an
 * upsert insert, to anything. Handle _id here and hand mingo the rest.
 */
function takeIdFromSet(doc: Doc, modifier: Doc): void {
  const set = modifier.$set;
  if (!isPlainObject(set) || !('_id' in set)) return;
  if (doc._id === undefined) doc._id = cloneDocument(set._id);
  else if (canonicalKey(set._id) !== canonicalKey(doc._id)) throw immutableId();
  const { _id: _ignored, ...rest } = set;
  if (Object.keys(rest).length > 0) modifier.$set = rest;
  else delete modifier.$set;
}

function usesPositional(modifier: Doc): boolean {
  return Object.values(modifier).some((arg) => isPlainObject(arg) && Object.keys(arg).some((path) => /(^|\.)\$(\.|$)/.test(path)));
}

function immutableId(): MongoError {
  return new MongoError(ErrorCode.ImmutableField, "Performing an update on the path '_id' would modify the immutable field '_id'");
}

function operatorsFor(u: Doc, inserting: boolean): Doc {
  const out: Doc = {};
  for (const [op, arg] of Object.entries(u)) {
    if (!isPlainObject(arg) || Object.keys(arg).length === 0) continue;
    if (op === '$setOnInsert') {
      if (inserting) out.$set = { ...(isPlainObject(out.$set) ? out.$set : {}), ...arg };
      continue;
    }
    out[op] = op === '$set' && isPlainObject(out.$set) ? { ...out.$set, ...arg } : arg;
  }
  return out;
}

function replace(doc: Doc, replacement: Doc): Doc {
  const next = cloneDocument(replacement);
  if ('_id' in next && doc._id !== undefined && canonicalKey(next._id) !== canonicalKey(doc._id)) {
    throw new MongoError(ErrorCode.ImmutableField, `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(next._id)}`);
  }
  return doc._id === undefined ? next : { _id: doc._id, ...withoutId(next) };
}

function withoutId(doc: Doc): Doc {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}

function finish(doc: Doc): Doc {
  const out = idFirst(doc);
  checkDocumentSize(out, 'update');
  return out;
}

/** Throws when a document would exceed 16 MiB, with mongod's code for the operation. */
export function checkDocumentSize(doc: Doc, operation: 'insert' | 'update'): void {
  const size = calculateObjectSize(doc, { ignoreUndefined: true });
  if (size <= MAX_BSON_OBJECT_SIZE) return;
  if (operation === 'insert') {
    throw new MongoError(ErrorCode.BadValue, `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_OBJECT_SIZE}`);
  }
  throw new MongoError(ErrorCode.Location17419, `Resulting document after update is larger than ${MAX_BSON_OBJECT_SIZE}`);
}

/** The document an upsert inserts: equality fields of the filter, then the update applied. */
export function buildUpsertDocument(op: UpdateOp): Doc {
  const seed: Doc = {};
  seedFromFilter(extractText(op.filter).rest, seed);
  const kind = updateKind(op.u);
  let doc: Doc;
  if (kind === 'replacement') {
    doc = cloneDocument(op.u as Doc);
    if (!('_id' in doc) && seed._id !== undefined) doc = { _id: seed._id, ...doc };
  } else {
    doc = transform(seed, op, true);
    if (seed._id !== undefined && canonicalKey(doc._id) !== canonicalKey(seed._id)) {
      throw immutableId();
    }
  }
  if (doc._id === undefined) doc = { _id: new ObjectId(), ...doc };
  return finish(doc);
}

function seedFromFilter(filter: Doc, seed: Doc): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const clause of value) if (isPlainObject(clause)) seedFromFilter(clause, seed);
      continue;
    }
    if (key.startsWith('$')) continue;
    if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
      if ('$eq' in value) setPath(seed, key, cloneDocument(value.$eq));
      continue;
    }
    if (value instanceof RegExp) continue;
    setPath(seed, key, cloneDocument(value));
  }
}
