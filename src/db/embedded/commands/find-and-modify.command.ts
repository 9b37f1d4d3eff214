import { canonicalKey } from '../canonical-key.js';
import type { CommandContext, CommandTable } from '../command-context.js';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import { checkDocumentValidation } from '../query/document-validation.js';
import { resolveHint } from '../query/hint.js';
import { matchStored, projectOne, sortDocuments } from '../query/query-runner.js';
import { applyUpdate, buildUpsertDocument, validateUpdate } from '../query/update-engine.js';
import type { CollectionStore } from '../storage/collection-store.js';
import type { Doc } from '../storage/document-paths.js';
import { boolArg, collectionArg, docArg } from './command-args.js';

interface Request { coll: string; query: Doc; fields: Doc | undefined; update: unknown; returnNew: boolean; upsert: boolean; arrayFilters: Doc[] | undefined }

function parse(cmd: Doc, name: string, ctx: CommandContext): Request {
  const remove = boolArg(cmd, 'remove');
  const req: Request = {
    coll: collectionArg(cmd, name, ctx.db),
    query: docArg(cmd, name, 'query') ?? {},
    fields: docArg(cmd, name, 'fields'),
    update: remove ? undefined : cmd.update,
    returnNew: boolArg(cmd, 'new'),
    upsert: boolArg(cmd, 'upsert'),
    arrayFilters: Array.isArray(cmd.arrayFilters) ? (cmd.arrayFilters as Doc[]) : undefined,
  };
  if (remove && cmd.update !== undefined) throw new MongoError(ErrorCode.FailedToParse, 'Cannot specify both an update and remove=true');
  if (!remove && cmd.update === undefined) throw new MongoError(ErrorCode.FailedToParse, 'Either an update or remove=true must be specified');
  if (remove && req.upsert) throw new MongoError(ErrorCode.FailedToParse, 'Cannot specify both upsert=true and remove=true ');
  if (remove && req.returnNew) {
    throw new MongoError(ErrorCode.FailedToParse, "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document");
  }
  if (!remove) validateUpdate(req.update);
  return req;
}

function findTarget(store: CollectionStore | undefined, query: Doc, sort: Doc | undefined, ctx: CommandContext): Doc | undefined {
  let matched = matchStored(store, query, ctx.text);
  if (sort && Object.keys(sort).length > 0 && matched.length > 1) matched = sortDocuments(matched, sort);
  const first = matched[0];
  return first && store ? store.getById(first._id) : undefined;
}

function findAndModify(cmd: Doc, ctx: CommandContext, name: string): Doc {
  const req = parse(cmd, name, ctx);
  const store = ctx.catalog.collection(ctx.db, req.coll);
  resolveHint(store, cmd.hint);
  const target = findTarget(store, req.query, docArg(cmd, name, 'sort'), ctx);
  const show = (doc: Doc | undefined): Doc | null => (doc ? projectOne(doc, req.fields, req.query) : null);
  if (req.update === undefined) {
    if (target && store) store.remove(canonicalKey(target._id));
    return { lastErrorObject: { n: target ? 1 : 0 }, value: show(target) };
  }
  const op = { u: req.update, filter: req.query, arrayFilters: req.arrayFilters };
  if (target && store) {
    const next = applyUpdate(target, op);
    if (canonicalKey(next) !== canonicalKey(target)) {
      checkDocumentValidation(store.options, next, target, boolArg(cmd, 'bypassDocumentValidation'));
      store.replace(next);
    }
    return { lastErrorObject: { n: 1, updatedExisting: true }, value: show(req.returnNew ? next : target) };
  }
  if (!req.upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null };
  const doc = buildUpsertDocument(op);
  const created = ctx.catalog.ensureCollection(ctx.db, req.coll);
  checkDocumentValidation(created.options, doc, undefined, boolArg(cmd, 'bypassDocumentValidation'));
  created.insert(doc);
  return { lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id }, value: req.returnNew ? show(doc) : null };
}

/** findAndModify (and its lower-case alias), as the driver's findOneAndUpdate/Replace/Delete use it. */
export const findAndModifyCommands: CommandTable = {
  findAndModify: (cmd, ctx) => findAndModify(cmd, ctx, 'findAndModify'),
  findandmodify: (cmd, ctx) => findAndModify(cmd, ctx, 'findandmodify'),
};
