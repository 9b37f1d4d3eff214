import { calculateObjectSize } from 'bson';
import { canonicalKey } from '../canonical-key.js';
import type { CommandContext, CommandTable } from '../command-context.js';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import { compileQuery } from '../query/mingo-options.js';
import { validateCollectionName, validateDbName } from '../storage/catalog.js';
import type { CollectionStore } from '../storage/collection-store.js';
import { cloneDocument, type Doc } from '../storage/document-paths.js';
import { ID_INDEX_SPEC } from '../storage/index-spec.js';
import { collectionType, normalizeCollectionOptions } from '../storage/collection-kind.js';
import { boolArg, collectionArg, cursorReply, docArg, numberArg } from './command-args.js';

// Generic command fields that are not collection options.
const NON_OPTION_FIELDS = new Set(['create', '$db', 'lsid', '$clusterTime', 'writeConcern', 'readConcern', 'comment', '$readPreference', 'apiVersion', 'apiStrict', 'apiDeprecationErrors']);

function dataSize(store: CollectionStore): number {
  return store.all().reduce((sum, d) => sum + calculateObjectSize(d), 0);
}

function listDatabases(cmd: Doc, ctx: CommandContext): Doc {
  if (ctx.db !== 'admin') throw new MongoError(ErrorCode.Unauthorized, 'listDatabases may only be run against the admin database.');
  let dbs = ctx.catalog.databaseNames().map((name) => {
    const size = ctx.catalog.collectionsOf(name).reduce((sum, s) => sum + dataSize(s), 0);
    return { name, sizeOnDisk: size, empty: size === 0 };
  });
  const filter = docArg(cmd, 'listDatabases', 'filter');
  if (filter) dbs = dbs.filter((d) => compileQuery(filter).test(d));
  if (boolArg(cmd, 'nameOnly')) return { databases: dbs.map(({ name }) => ({ name })) };
  const totalSize = dbs.reduce((sum, d) => sum + d.sizeOnDisk, 0);
  return { databases: dbs, totalSize, totalSizeMb: Math.floor(totalSize / 1048576) };
}

function collectionInfo(store: CollectionStore): Doc {
  if (collectionType(store.options) === 'timeseries') {
    return { name: store.name, type: 'timeseries', options: cloneDocument(store.options), info: { readOnly: false } };
  }
  return {
    name: store.name,
    type: 'collection',
    options: cloneDocument(store.options),
    info: { readOnly: false, uuid: store.uuid },
    idIndex: cloneDocument(ID_INDEX_SPEC),
  };
}

function listCollections(cmd: Doc, ctx: CommandContext): Doc {
  validateDbName(ctx.db);
  let infos = ctx.catalog.collectionsOf(ctx.db).map(collectionInfo);
  const filter = docArg(cmd, 'listCollections', 'filter');
  if (filter) {
    const query = compileQuery(filter);
    infos = infos.filter((i) => query.test(i));
  }
  if (boolArg(cmd, 'nameOnly')) infos = infos.map((i) => ({ name: i.name, type: i.type }));
  const cursorOpt = docArg(cmd, 'listCollections', 'cursor') ?? {};
  const batch = ctx.cursors.open(`${ctx.db}.$cmd.listCollections`, infos, { batchSize: numberArg(cursorOpt, 'listCollections', 'batchSize') });
  return cursorReply(batch, true);
}

function create(cmd: Doc, ctx: CommandContext): Doc {
  const coll = collectionArg(cmd, 'create', ctx.db);
  if (cmd.viewOn !== undefined) throw new MongoError(ErrorCode.NotImplemented, 'views are not supported by the embedded MongoDB server');
  const options = normalizeCollectionOptions(Object.fromEntries(Object.entries(cmd).filter(([k]) => !NON_OPTION_FIELDS.has(k))));
  const existing = ctx.catalog.collection(ctx.db, coll);
  // Since 7.0, creating an existing collection with identical options is a successful no-op.
  if (existing && canonicalKey(existing.options) === canonicalKey(options)) return {};
  ctx.catalog.createCollection(ctx.db, coll, options);
  return {};
}

function drop(cmd: Doc, ctx: CommandContext): Doc {
  const coll = collectionArg(cmd, 'drop', ctx.db);
  // Since MongoDB 7.0 dropping a missing collection succeeds.
  const store = ctx.catalog.dropCollection(ctx.db, coll);
  return store ? { nIndexesWas: store.indexes.count, ns: store.ns } : {};
}

function dropDatabase(_cmd: Doc, ctx: CommandContext): Doc {
  validateDbName(ctx.db);
  ctx.catalog.dropDatabase(ctx.db);
  return { dropped: ctx.db };
}

function splitNs(ns: unknown): [string, string] {
  const text = typeof ns === 'string' ? ns : '';
  const dot = text.indexOf('.');
  if (dot <= 0) throw new MongoError(ErrorCode.InvalidNamespace, `Invalid namespace specified '${text}'`);
  return [text.slice(0, dot), text.slice(dot + 1)];
}

function renameCollection(cmd: Doc, ctx: CommandContext): Doc {
  if (ctx.db !== 'admin') throw new MongoError(ErrorCode.Unauthorized, 'renameCollection may only be run against the admin database.');
  const [fromDb, fromColl] = splitNs(cmd.renameCollection);
  const [toDb, toColl] = splitNs(cmd.to);
  validateCollectionName(toDb, toColl);
  const source = ctx.catalog.collection(fromDb, fromColl);
  if (!source) throw new MongoError(ErrorCode.NamespaceNotFound, 'Source collection does not exist');
  if (ctx.catalog.collection(toDb, toColl)) {
    if (!boolArg(cmd, 'dropTarget')) throw new MongoError(ErrorCode.NamespaceExists, 'target namespace exists');
    ctx.catalog.dropCollection(toDb, toColl);
  }
  const target = ctx.catalog.createCollection(toDb, toColl, source.options);
  for (const spec of source.indexes.list()) if (spec.name !== '_id_') target.createIndex(spec);
  for (const doc of source.all()) target.insert(doc);
  ctx.catalog.dropCollection(fromDb, fromColl);
  return {};
}

function dbStats(_cmd: Doc, ctx: CommandContext): Doc {
  const stores = ctx.catalog.collectionsOf(ctx.db);
  const objects = stores.reduce((n, s) => n + s.size, 0);
  const size = stores.reduce((n, s) => n + dataSize(s), 0);
  return {
    db: ctx.db,
    collections: stores.length,
    views: 0,
    objects,
    avgObjSize: objects === 0 ? 0 : size / objects,
    dataSize: size,
    storageSize: size,
    indexes: stores.reduce((n, s) => n + s.indexes.count, 0),
    indexSize: 0,
    totalSize: size,
    scaleFactor: 1,
  };
}

/** Catalog commands: databases and collections. */
export const adminCommands: CommandTable = { listDatabases, listCollections, create, drop, dropDatabase, renameCollection, dbStats };
