import type { Long } from 'bson';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import { validateCollectionName } from '../storage/catalog.js';
import { isPlainObject, type Doc } from '../storage/document-paths.js';
import { typeName } from '../query/update-validation.js';

/** The collection a command targets (`{find: 'users'}`), validated like mongod. */
export function collectionArg(cmd: Doc, command: string, db: string): string {
  const name = cmd[command];
  if (typeof name !== 'string') {
    throw new MongoError(ErrorCode.InvalidNamespace, `collection name has invalid type ${typeName(name)}`);
  }
  validateCollectionName(db, name);
  return name;
}

/** An optional sub-document argument; TypeMismatch when present with another type. */
export function docArg(cmd: Doc, command: string, field: string): Doc | undefined {
  const value = cmd[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw wrongType(command, field, value, 'object');
  return value;
}

/** An optional numeric argument (Longs arrive promoted to numbers). */
export function numberArg(cmd: Doc, command: string, field: string): number | undefined {
  const value = cmd[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw wrongType(command, field, value, 'long');
  return value;
}

/** An optional boolean argument; numbers count as booleans as mongod accepts them. */
export function boolArg(cmd: Doc, field: string): boolean {
  const value = cmd[field];
  return value === true || (typeof value === 'number' && value !== 0);
}

/** An array-of-documents argument (documents, updates, deletes, pipeline). */
export function docsArg(cmd: Doc, command: string, field: string): Doc[] {
  const value = cmd[field];
  if (!Array.isArray(value)) throw wrongType(command, field, value, 'array');
  for (const item of value) if (!isPlainObject(item)) throw wrongType(command, `${field}.item`, item, 'object');
  return value as Doc[];
}

function wrongType(command: string, field: string, value: unknown, expected: string): MongoError {
  return new MongoError(ErrorCode.TypeMismatch, `BSON field '${command}.${field}' is the wrong type '${typeName(value)}', expected type '${expected}'`);
}

/** The `cursor` sub-document of a reply. */
export function cursorReply(batch: { id: Long; ns: string; docs: Doc[] }, first: boolean): Doc {
  return { cursor: { [first ? 'firstBatch' : 'nextBatch']: batch.docs, id: batch.id, ns: batch.ns } };
}
