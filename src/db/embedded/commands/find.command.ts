import { canonicalKey } from '../canonical-key.js';
import type { CommandContext, CommandTable } from '../command-context.js';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import { countMatching } from '../query/count-plan.js';
import { hintOrder, resolveHint } from '../query/hint.js';
import { matchDocuments, runQuery, type QuerySpec } from '../query/query-runner.js';
import type { CollectionStore } from '../storage/collection-store.js';
import { cloneDocument, indexValues, isPlainObject, type Doc } from '../storage/document-paths.js';
import { activeCollator } from '../query/collation.js';
import { equalCollated } from '../query/collated-compare.js';
import { boolArg, collectionArg, cursorReply, docArg, numberArg } from './command-args.js';

function nonNegative(cmd: Doc, command: string, field: string): number | undefined {
  const value = numberArg(cmd, command, field);
  if (value !== undefined && value < 0) {
    throw new MongoError(51024, `BSON field '${field}' value must be >= 0, actual value '${value}'`);
  }
  return value;
}

/** The read a find command asks for (shared with explain, which runs the same read). */
export function findSpec(cmd: Doc, store: CollectionStore | undefined): QuerySpec {
  const rawLimit = numberArg(cmd, 'find', 'limit');
  // A negative limit (legacy drivers) means "at most |n| documents in one batch, then close".
  const limit = rawLimit === undefined || rawLimit === 0 ? undefined : Math.abs(rawLimit);
  const sort = docArg(cmd, 'find', 'sort');
  const hint = resolveHint(store, cmd.hint);
  return {
    filter: docArg(cmd, 'find', 'filter') ?? {},
    sort: sort && Object.keys(sort).length > 0 ? sort : hintOrder(hint),
    projection: docArg(cmd, 'find', 'projection'),
    skip: nonNegative(cmd, 'find', 'skip'),
    limit,
  };
}

function find(cmd: Doc, ctx: CommandContext): Doc {
  const coll = collectionArg(cmd, 'find', ctx.db);
  const rawLimit = numberArg(cmd, 'find', 'limit');
  const store = ctx.catalog.collection(ctx.db, coll);
  const docs = runQuery(store, findSpec(cmd, store), ctx.text);
  const batchSize = nonNegative(cmd, 'find', 'batchSize');
  const singleBatch = boolArg(cmd, 'singleBatch') || (rawLimit !== undefined && rawLimit < 0);
  const batch = ctx.cursors.open(`${ctx.db}.${coll}`, docs, {
    batchSize: singleBatch && batchSize === undefined ? docs.length : batchSize,
    singleBatch,
    noTimeout: boolArg(cmd, 'noCursorTimeout'),
  });
  return cursorReply(batch, true);
}

function getMore(cmd: Doc, ctx: CommandContext): Doc {
  const coll = cmd.collection;
  if (typeof coll !== 'string') throw new MongoError(ErrorCode.TypeMismatch, "BSON field 'getMore.collection' is missing but a required field");
  const batch = ctx.cursors.next(cmd.getMore, `${ctx.db}.${coll}`, nonNegative(cmd, 'getMore', 'batchSize'));
  return cursorReply(batch, false);
}

function killCursors(cmd: Doc, ctx: CommandContext): Doc {
  collectionArg(cmd, 'killCursors', ctx.db);
  const ids = Array.isArray(cmd.cursors) ? cmd.cursors : [];
  const { killed, notFound } = ctx.cursors.kill(ids);
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [] };
}

function count(cmd: Doc, ctx: CommandContext): Doc {
  const coll = collectionArg(cmd, 'count', ctx.db);
  const store = ctx.catalog.collection(ctx.db, coll);
  const query = docArg(cmd, 'count', 'query') ?? {};
  resolveHint(store, cmd.hint);
  const skip = nonNegative(cmd, 'count', 'skip') ?? 0;
  const limit = Math.abs(numberArg(cmd, 'count', 'limit') ?? 0);
  // An empty query counts without matching, like mongod's fast count; an indexed one from index keys.
  const total = cmd.collation === undefined ? countMatching(store, query, ctx.text) : matchDocuments(store, query, ctx.text).length;
  const n = Math.max(0, total - skip);
  return { n: limit > 0 ? Math.min(n, limit) : n };
}

function distinct(cmd: Doc, ctx: CommandContext): Doc {
  const coll = collectionArg(cmd, 'distinct', ctx.db);
  const key = cmd.key;
  if (typeof key !== 'string') throw new MongoError(ErrorCode.TypeMismatch, "BSON field 'distinct.key' is the wrong type, expected type 'string'");
  const matched = matchDocuments(ctx.catalog.collection(ctx.db, coll), docArg(cmd, 'distinct', 'query') ?? {}, ctx.text);
  const seen = new Map<string, unknown>();
  const collator = activeCollator();
  const collated: unknown[] = [];
  for (const doc of matched) {
    for (const value of indexValues(doc, key)) {
      if (value === undefined) continue;
      // Under a collation, values it holds equal are one value (the first one seen).
      if (collator && (typeof value === 'string' || isPlainObject(value) || Array.isArray(value))) {
        if (!collated.some((v) => equalCollated(v, value, collator))) collated.push(value);
        continue;
      }
      const k = canonicalKey(value);
      if (!seen.has(k)) seen.set(k, value);
    }
  }
  return { values: [...seen.values(), ...collated].map((v) => cloneDocument(v)) };
}

/** Reads: find, getMore, killCursors, count, distinct. */
export const findCommands: CommandTable = { find, getMore, killCursors, count, distinct };
