import { ObjectId } from 'bson';
import { canonicalKey } from '../canonical-key.js';
import type { CommandContext, CommandTable } from '../command-context.js';
import { ErrorCode, MongoError, toMongoError } from '../mongo-errors.js';
import { matchStored } from '../query/query-runner.js';
import { checkDocumentValidation } from '../query/document-validation.js';
import { resolveHint } from '../query/hint.js';
import { applyUpdate, buildUpsertDocument, checkDocumentSize, validateUpdate } from '../query/update-engine.js';
import { updateKind } from '../query/update-validation.js';
import type { CollectionStore } from '../storage/collection-store.js';
import { idFirst, isPlainObject, type Doc } from '../storage/document-paths.js';
import { boolArg, collectionArg, docsArg } from './command-args.js';

/** Runs each statement; collects writeErrors, stopping at the first one when ordered (the default). */
function runStatements<T>(cmd: Doc, items: T[], run: (item: T, index: number) => void): Doc[] {
  const ordered = cmd.ordered !== false;
  const writeErrors: Doc[] = [];
  for (let i = 0; i < items.length; i++) {
    try {
      run(items[i] as T, i);
    } catch (error) {
      writeErrors.push(toMongoError(error).toWriteError(i));
      if (ordered) break;
    }
  }
  return writeErrors;
}

/** Gives a new document its _id (first, as mongod stores it) and checks it may be stored. */
export function prepareInsert(doc: Doc): Doc {
  const id = doc._id;
  if (Array.isArray(id)) throw new MongoError(ErrorCode.InvalidIdField, "The '_id' value cannot be of type array");
  if (id instanceof RegExp) throw new MongoError(ErrorCode.InvalidIdField, "The '_id' value cannot be of type regex");
  const prepared = id === undefined ? { _id: new ObjectId(), ...doc } : idFirst(doc);
  checkDocumentSize(prepared, 'insert');
  return prepared;
}

function insert(cmd: Doc, ctx: CommandContext): Doc {
  const coll = collectionArg(cmd, 'insert', ctx.db);
  const docs = docsArg(cmd, 'insert', 'documents');
  const store = ctx.catalog.ensureCollection(ctx.db, coll);
  let n = 0;
  const bypass = boolArg(cmd, 'bypassDocumentValidation');
  const writeErrors = runStatements(cmd, docs, (doc) => {
    const prepared = prepareInsert(doc);
    checkDocumentValidation(store.options, prepared, undefined, bypass);
    store.insert(prepared);
    n += 1;
  });
  return writeErrors.length > 0 ? { n, writeErrors } : { n };
}

interface UpdateTally { n: number; nModified: number; upserted: Doc[] }

function updateOne(stmt: Doc, index: number, store: () => CollectionStore | undefined, ctx: CommandContext, tally: UpdateTally, coll: string, bypass: boolean): void {
  const filter = stmt.q;
  if (!isPlainObject(filter)) throw new MongoError(ErrorCode.TypeMismatch, "BSON field 'update.updates.q' is the wrong type, expected type 'object'");
  validateUpdate(stmt.u);
  const multi = boolArg(stmt, 'multi');
  if (multi && updateKind(stmt.u) === 'replacement') {
    throw new MongoError(ErrorCode.FailedToParse, 'multi update is not supported for replacement-style update');
  }
  const arrayFilters = Array.isArray(stmt.arrayFilters) ? (stmt.arrayFilters as Doc[]) : undefined;
  resolveHint(store(), stmt.hint);
  const op = { u: stmt.u, filter, arrayFilters };
  const matched = matchStored(store(), filter, ctx.text);
  if (matched.length === 0) {
    if (!boolArg(stmt, 'upsert')) return;
    const doc = buildUpsertDocument(op);
    const created = ctx.catalog.ensureCollection(ctx.db, coll);
    checkDocumentValidation(created.options, doc, undefined, bypass);
    created.insert(doc);
    tally.n += 1;
    tally.upserted.push({ index, _id: doc._id });
    return;
  }
  const target = store() as CollectionStore;
  for (const doc of multi ? matched : matched.slice(0, 1)) {
    const next = applyUpdate(doc, op);
    tally.n += 1;
    if (canonicalKey(next) === canonicalKey(doc)) continue;
    checkDocumentValidation(target.options, next, doc, bypass);
    target.replace(next);
    tally.nModified += 1;
  }
}

function update(cmd: Doc, ctx: CommandContext): Doc {
  const coll = collectionArg(cmd, 'update', ctx.db);
  const statements = docsArg(cmd, 'update', 'updates');
  const tally: UpdateTally = { n: 0, nModified: 0, upserted: [] };
  const store = () => ctx.catalog.collection(ctx.db, coll);
  const bypass = boolArg(cmd, 'bypassDocumentValidation');
  const writeErrors = runStatements(cmd, statements, (stmt, i) => updateOne(stmt, i, store, ctx, tally, coll, bypass));
  return {
    n: tally.n,
    nModified: tally.nModified,
    ...(tally.upserted.length > 0 ? { upserted: tally.upserted } : {}),
    ...(writeErrors.length > 0 ? { writeErrors } : {}),
  };
}

function remove(cmd: Doc, ctx: CommandContext): Doc {
  const coll = collectionArg(cmd, 'delete', ctx.db);
  const statements = docsArg(cmd, 'delete', 'deletes');
  let n = 0;
  const writeErrors = runStatements(cmd, statements, (stmt) => {
    const filter = stmt.q;
    if (!isPlainObject(filter)) throw new MongoError(ErrorCode.TypeMismatch, "BSON field 'delete.deletes.q' is the wrong type, expected type 'object'");
    const limit = stmt.limit ?? 0;
    if (limit !== 0 && limit !== 1) throw new MongoError(ErrorCode.FailedToParse, `The limit field in delete objects must be 0 or 1. Got ${String(limit)}`);
    const store = ctx.catalog.collection(ctx.db, coll);
    resolveHint(store, stmt.hint);
    const matched = matchStored(store, filter, ctx.text);
    for (const doc of limit === 1 ? matched.slice(0, 1) : matched) {
      if (store?.remove(canonicalKey(doc._id))) n += 1;
    }
  });
  return writeErrors.length > 0 ? { n, writeErrors } : { n };
}

/** insert, update and delete, with mongod's reply shapes and writeErrors. */
export const crudCommands: CommandTable = { insert, update, delete: remove };
