import type { CommandContext, CommandTable } from '../command-context.js';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import { normalizeIndexSpec } from '../storage/index-spec.js';
import { indexCollation } from '../storage/collection-kind.js';
import type { CollectionStore } from '../storage/collection-store.js';
import { isPlainObject, type Doc } from '../storage/document-paths.js';
import { formatValue } from '../storage/unique-index.js';
import { collectionArg, cursorReply, docsArg, numberArg, docArg } from './command-args.js';

function createIndexes(cmd: Doc, ctx: CommandContext): Doc {
  const coll = collectionArg(cmd, 'createIndexes', ctx.db);
  const defaults = ctx.catalog.collection(ctx.db, coll)?.options ?? {};
  const specs = docsArg(cmd, 'createIndexes', 'indexes').map((input) => indexCollation(normalizeIndexSpec(input), defaults));
  if (specs.length === 0) throw new MongoError(ErrorCode.BadValue, 'Must specify at least one index to create');
  const existed = ctx.catalog.collection(ctx.db, coll) !== undefined;
  const store = ctx.catalog.ensureCollection(ctx.db, coll);
  const before = store.indexes.count;
  // Validate all first so a conflict in the second spec does not leave the first half-created.
  for (const spec of specs) store.indexes.classify(spec);
  let created = 0;
  for (const spec of specs) if (store.createIndex(spec)) created += 1;
  return {
    numIndexesBefore: before,
    numIndexesAfter: store.indexes.count,
    ...(created === 0 ? { note: 'all indexes already exist' } : {}),
    createdCollectionAutomatically: !existed,
  };
}

function listIndexes(cmd: Doc, ctx: CommandContext): Doc {
  const coll = collectionArg(cmd, 'listIndexes', ctx.db);
  const store = ctx.catalog.collection(ctx.db, coll);
  if (!store) throw new MongoError(ErrorCode.NamespaceNotFound, `ns does not exist: ${ctx.db}.${coll}`);
  const cursorOpt = docArg(cmd, 'listIndexes', 'cursor') ?? {};
  const batch = ctx.cursors.open(`${ctx.db}.${coll}`, store.indexes.list(), { batchSize: numberArg(cursorOpt, 'listIndexes', 'batchSize') });
  return cursorReply(batch, true);
}

function dropIndexes(cmd: Doc, ctx: CommandContext): Doc {
  const coll = collectionArg(cmd, 'dropIndexes', ctx.db);
  const store = ctx.catalog.collection(ctx.db, coll);
  if (!store) throw new MongoError(ErrorCode.NamespaceNotFound, `ns not found ${ctx.db}.${coll}`);
  const nIndexesWas = store.indexes.count;
  const target = cmd.index;
  let names: string[];
  if (target === '*') names = store.indexes.secondaryNames();
  else if (typeof target === 'string') names = [target];
  else if (Array.isArray(target)) names = target.map(String);
  else if (isPlainObject(target)) {
    const spec = store.indexes.findByKey(target);
    if (!spec) throw new MongoError(ErrorCode.IndexNotFound, `can't find index with key: ${formatValue(target)}`);
    names = [String(spec.name)];
  } else {
    throw new MongoError(ErrorCode.TypeMismatch, "BSON field 'dropIndexes.index' is the wrong type, expected type 'string, array or object'");
  }
  const known = new Set(store.indexes.list().map((s) => String(s.name)));
  const missing = names.find((n) => !known.has(n));
  if (missing !== undefined) throw new MongoError(ErrorCode.IndexNotFound, `index not found with name [${missing}]`);
  for (const name of names) store.dropIndex(name);
  return { nIndexesWas };
}

// Collection options collMod may change; the rest of collMod is about one index.
const VALIDATION_OPTIONS = ['validator', 'validationLevel', 'validationAction'];

/** collMod's index form: change a TTL index's expireAfterSeconds, found by name or key pattern. */
function collMod(cmd: Doc, ctx: CommandContext): Doc {
  const coll = collectionArg(cmd, 'collMod', ctx.db);
  const store = ctx.catalog.collection(ctx.db, coll);
  if (!store) throw new MongoError(ErrorCode.NamespaceNotFound, `ns does not exist: ${ctx.db}.${coll}`);
  const validation = Object.fromEntries(VALIDATION_OPTIONS.filter((k) => cmd[k] !== undefined).map((k) => [k, cmd[k]]));
  if (Object.keys(validation).length > 0) store.setOptions(validation);
  const index = docArg(cmd, 'collMod', 'index');
  if (!index) return {};
  const spec = typeof index.name === 'string' ? store.indexes.list().find((s) => s.name === index.name) : store.indexes.findByKey(index.keyPattern);
  if (!spec) throw new MongoError(ErrorCode.IndexNotFound, `cannot find index ${formatValue(index.name ?? index.keyPattern)} for ns ${ctx.db}.${coll}`);
  if (index.hidden !== undefined) return hideIndex(store, spec, index.hidden);
  const seconds = index.expireAfterSeconds;
  if (seconds === undefined) return {};
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
    throw new MongoError(ErrorCode.InvalidOptions, 'expireAfterSeconds must be a non-negative integer');
  }
  if (typeof spec.expireAfterSeconds !== 'number') throw new MongoError(ErrorCode.InvalidOptions, 'no expireAfterSeconds field to update');
  const { before } = store.modifyIndex(String(spec.name), { expireAfterSeconds: seconds });
  return { expireAfterSeconds_old: before.expireAfterSeconds, expireAfterSeconds_new: seconds };
}

/** collMod `index: {hidden}`: a hidden index is kept up to date but never planned or hinted. */
function hideIndex(store: CollectionStore, spec: Doc, hidden: unknown): Doc {
  if (typeof hidden !== 'boolean') throw new MongoError(ErrorCode.TypeMismatch, "BSON field 'hidden' is the wrong type, expected type 'bool'");
  if (spec.name === '_id_') throw new MongoError(ErrorCode.BadValue, 'can\'t hide _id index');
  const before = spec.hidden === true;
  // mongod drops the field when an index is unhidden, so listIndexes shows no `hidden: false`.
  if (before !== hidden) store.modifyIndex(String(spec.name), { hidden: hidden ? true : undefined });
  return { hidden_old: before, hidden_new: hidden };
}

/** createIndexes, listIndexes, dropIndexes (and its old name deleteIndexes), collMod for TTL. */
export const indexCommands: CommandTable = { createIndexes, listIndexes, dropIndexes, deleteIndexes: dropIndexes, collMod };
