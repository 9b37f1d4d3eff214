import { isBsonNumber } from './bson-number.js';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import { getPath, isPlainObject, type Doc } from '../storage/document-paths.js';
import { formatValue } from '../storage/unique-index.js';

/** Update operators mongod accepts (mingo implements all but $setOnInsert, which we map to $set). */
export const UPDATE_OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$rename', '$min', '$max', '$currentDate',
  '$push', '$addToSet', '$pull', '$pullAll', '$pop', '$bit', '$setOnInsert',
]);

/** Which of the three update forms `u` is, validated as mongod validates it. */
export function updateKind(u: unknown): 'operators' | 'replacement' | 'pipeline' {
  if (Array.isArray(u)) return 'pipeline';
  if (!isPlainObject(u)) throw new MongoError(ErrorCode.FailedToParse, 'Update argument must be either an object or an array');
  const keys = Object.keys(u);
  if (keys.length === 0 || !(keys[0] as string).startsWith('$')) {
    const bad = keys.find((k) => k.startsWith('$'));
    if (bad) {
      throw new MongoError(ErrorCode.DollarPrefixedFieldName, `The dollar ($) prefixed field '${bad}' in '${bad}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`);
    }
    return 'replacement';
  }
  validateOperators(u);
  return 'operators';
}

function validateOperators(u: Doc): void {
  const paths: string[] = [];
  for (const [op, arg] of Object.entries(u)) {
    if (!UPDATE_OPERATORS.has(op)) {
      throw new MongoError(ErrorCode.FailedToParse, `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
    if (!isPlainObject(arg)) {
      throw new MongoError(ErrorCode.FailedToParse, `Modifiers operate on fields but we found type ${typeName(arg)} instead. For example: {$mod: {<field>: ...}} not {${op}: ${formatValue(arg)}}`);
    }
    for (const [path, value] of Object.entries(arg)) {
      if (path === '') throw new MongoError(56, "An empty update path is not valid.");
      if ((op === '$inc' || op === '$mul') && !isNumeric(value)) {
        const verb = op === '$inc' ? 'increment' : 'multiply';
        throw new MongoError(ErrorCode.TypeMismatch, `Cannot ${verb} with non-numeric argument: {${path}: ${formatValue(value)}}`);
      }
      paths.push(path);
      if (op === '$rename' && typeof value === 'string') paths.push(value);
    }
  }
  checkConflicts(paths);
}

function checkConflicts(paths: string[]): void {
  // Positional parts ($, $[], $[id]) are dropped; a field named `$label` is a field.
  const normalized = paths.map((p) => p.split('.').filter((part) => part !== '$' && !part.startsWith('$[')).join('.'));
  for (let i = 0; i < normalized.length; i++) {
    for (let j = i + 1; j < normalized.length; j++) {
      const a = normalized[i] as string;
      const b = normalized[j] as string;
      if (a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`)) {
        const [longer, shorter] = a.length >= b.length ? [paths[i], b] : [paths[j], a];
        throw new MongoError(ErrorCode.ConflictingUpdateOperators, `Updating the path '${longer}' would create a conflict at '${shorter}'`);
      }
    }
  }
}

/** Operators that create their path when it is missing. */
const CREATING_OPERATORS = ['$set', '$inc', '$mul', '$min', '$max', '$currentDate', '$push', '$addToSet'];

/**
 * Checks the targets of an update against the document as mongod does before changing
 * anything: numbers for $inc/$mul, arrays for the array operators, and no field created
 * inside a scalar. mingo would skip or coerce these silently.
 */
export function checkUpdateTargets(doc: Doc, u: Doc): void {
  checkNumericTargets(doc, u);
  checkArrayTargets(doc, u);
  for (const op of CREATING_OPERATORS) {
    const arg = u[op];
    if (isPlainObject(arg)) for (const path of Object.keys(arg)) checkPathViable(doc, path);
  }
}

function checkArrayTargets(doc: Doc, u: Doc): void {
  for (const op of ['$push', '$addToSet', '$pull', '$pullAll', '$pop']) {
    const arg = u[op];
    if (!isPlainObject(arg)) continue;
    for (const path of Object.keys(arg)) {
      if (path.includes('$')) continue;
      const current = getPath(doc, path);
      if (current === undefined || Array.isArray(current)) continue;
      const field = path.split('.').pop() as string;
      if (op === '$push') {
        throw new MongoError(ErrorCode.BadValue, `The field '${path}' must be an array but is of type ${typeName(current)} in document {_id: ${formatValue(doc._id)}}`);
      }
      if (op === '$addToSet') {
        throw new MongoError(ErrorCode.BadValue, `Cannot apply $addToSet to non-array field. Field named '${field}' has non-array type ${typeName(current)}`);
      }
      if (op === '$pop') throw new MongoError(ErrorCode.TypeMismatch, `Path '${path}' contains an element of non-array type '${typeName(current)}'`);
      throw new MongoError(ErrorCode.BadValue, 'Cannot apply $pull to a non-array value');
    }
  }
}

/** Code 28 (PathNotViable) when a prefix of `path` holds a scalar: no field can be created inside it. */
function checkPathViable(doc: Doc, path: string): void {
  const parts = path.split('.');
  let current: unknown = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    if (part.startsWith('$')) return;
    if (Array.isArray(current)) return; // array paths (a.0.b, positional) are mingo's to resolve
    if (!isPlainObject(current)) return;
    const next = current[part];
    if (next === undefined) return;
    const child = parts[i + 1] as string;
    // A field name (not an index or a positional) into an array: mongod cannot create it in every element.
    if (Array.isArray(next) && !/^\d+$/.test(child) && !child.startsWith('$')) {
      throw new MongoError(ErrorCode.PathNotViable, `Cannot create field '${child}' in element {${part}: ${formatValue(next)}}`);
    }
    if (!isPlainObject(next) && !Array.isArray(next)) {
      throw new MongoError(ErrorCode.PathNotViable, `Cannot create field '${parts[i + 1] ?? ''}' in element {${part}: ${formatValue(next)}}`);
    }
    current = next;
  }
}

/** Throws TypeMismatch when $inc/$mul target a present non-numeric field (mingo would skip it silently). */
function checkNumericTargets(doc: Doc, u: Doc): void {
  for (const op of ['$inc', '$mul']) {
    const arg = u[op];
    if (!isPlainObject(arg)) continue;
    for (const path of Object.keys(arg)) {
      if (path.includes('$')) continue;
      const current = getPath(doc, path);
      if (current === undefined || isNumeric(current)) continue;
      const field = path.split('.').pop() as string;
      throw new MongoError(ErrorCode.TypeMismatch, `Cannot apply ${op} to a value of non-numeric type. {_id: ${formatValue(doc._id)}} has the field '${field}' of non-numeric type ${typeName(current)}`);
    }
  }
}

function isNumeric(v: unknown): boolean {
  return isBsonNumber(v);
}

/** The BSON type name mongod prints for a value. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  if (isPlainObject(v)) return 'object';
  const bsonType = (v as { _bsontype?: string })._bsontype;
  return bsonType === 'ObjectId' ? 'objectId' : (bsonType ?? 'object').toLowerCase();
}
