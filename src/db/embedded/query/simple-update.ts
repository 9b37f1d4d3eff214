import { cloneDocument, getPath, isPlainObject, setPath, type Doc } from '../storage/document-paths.js';
import { addNumbers, isBsonNumber, multiplyNumbers, zeroLike } from './bson-number.js';

/**
 * The update operators most writes use ($set, $unset, $inc, $push of one value) on plain
 * field paths, applied directly. mingo builds a fresh operator context for every call, which
 * costs more than the change itself when a service records thousands of small updates a
 * second; anything beyond this shape (array indexes, positional `$`, $push modifiers, other
 * operators, overlapping paths) still goes to mingo, so behaviour stays one implementation's.
 */
const SIMPLE_OPERATORS = new Set(['$set', '$unset', '$inc', '$mul', '$push', '$rename']);

/** Applies `modifier` to `doc` in place and returns true, or returns false (doc untouched) when mingo must. */
export function applySimpleUpdate(doc: Doc, modifier: Doc): boolean {
  const changes: [op: string, path: string, value: unknown][] = [];
  for (const [op, arg] of Object.entries(modifier)) {
    if (!SIMPLE_OPERATORS.has(op) || !isPlainObject(arg)) return false;
    for (const [path, value] of Object.entries(arg)) changes.push([op, path, value]);
  }
  // A $rename touches its target too (mingo refuses targets such as `__proto__.x`, which
  // mongod stores as data; setPath keeps them own data fields).
  const paths = changes.flatMap(([op, path, value]) => (op === '$rename' ? [path, String(value)] : [path]));
  if (changes.some(([op, , value]) => op === '$rename' && typeof value !== 'string')) return false;
  if (!paths.every((path) => plainPath(path) && walkable(doc, path)) || overlapping(paths)) return false;
  for (const [op, path, value] of changes) {
    const current = getPath(doc, path);
    // $inc and $mul give MongoDB's result types (bson-number.ts); mingo's work on JS numbers only.
    if ((op === '$inc' || op === '$mul') && (!isBsonNumber(value) || (current !== undefined && !isBsonNumber(current)))) return false;
    if (op === '$push' && ((current !== undefined && !Array.isArray(current)) || (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))))) return false;
  }
  for (const [op, path, value] of changes) {
    if (op === '$set') setPath(doc, path, cloneDocument(value));
    else if (op === '$unset') unsetPath(doc, path);
    else if (op === '$rename') renamePath(doc, path, value as string);
    else if (op === '$inc') setPath(doc, path, arithmetic(getPath(doc, path), value, addNumbers));
    else if (op === '$mul') setPath(doc, path, arithmetic(getPath(doc, path), value, multiplyNumbers));
    else {
      const list = getPath(doc, path) as unknown[] | undefined;
      if (list) list.push(cloneDocument(value));
      else setPath(doc, path, [cloneDocument(value)]);
    }
  }
  return true;
}

/** $inc stores the increment on a missing field, $mul a zero of the factor's type. */
function arithmetic(current: unknown, operand: unknown, combine: (a: unknown, b: unknown) => unknown): unknown {
  if (current !== undefined) return combine(current, operand);
  return combine === multiplyNumbers ? zeroLike(operand) : cloneDocument(operand);
}

/** Field names only: no array index, no positional or other `$` part, no empty part. */
function plainPath(path: string): boolean {
  return path.split('.').every((part) => part !== '' && !part.startsWith('$') && !/^\d+$/.test(part));
}

/** Every existing prefix of the path is an embedded document (not an array or a scalar). */
function walkable(doc: Doc, path: string): boolean {
  let current: unknown = doc;
  const parts = path.split('.');
  for (const part of parts.slice(0, -1)) {
    // Own fields only: `__proto__` or `constructor` name data, never the prototype's.
    current = Object.prototype.hasOwnProperty.call(current, part) ? (current as Doc)[part] : undefined;
    if (current === undefined) return true;
    if (!isPlainObject(current)) return false;
  }
  return true;
}

/** Two paths where one is the other or inside it: mongod refuses those, and mingo says how. */
function overlapping(paths: readonly string[]): boolean {
  const seen = new Set(paths);
  if (seen.size < paths.length) return true;
  return paths.some((path) => {
    const parts = path.split('.');
    return parts.slice(1).some((_, i) => seen.has(parts.slice(0, i + 1).join('.')));
  });
}

function renamePath(doc: Doc, from: string, to: string): void {
  const value = getPath(doc, from);
  if (value === undefined) return;
  unsetPath(doc, from);
  setPath(doc, to, value);
}

function unsetPath(doc: Doc, path: string): void {
  const parts = path.split('.');
  const parent = parts.length === 1 ? doc : getPath(doc, parts.slice(0, -1).join('.'));
  if (isPlainObject(parent)) delete parent[parts[parts.length - 1] as string];
}
