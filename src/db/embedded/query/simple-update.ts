import { cloneDocument, getPath, isPlainObject, setPath, type Doc } from '../storage/document-paths.js';

/**
 * The update operators most writes use ($set, $unset, $inc, $push of one value) on plain
 * field paths, applied directly. mingo builds a fresh operator context for every call, which
 * costs more than the change itself when a service records thousands of small updates a
 * second; anything beyond this shape (array indexes, positional `$`, $push modifiers, other
 * operators, overlapping paths) still goes to mingo, so behaviour stays one implementation's.
 */
const SIMPLE_OPERATORS = new Set(['$set', '$unset', '$inc', '$push']);

/** Applies `modifier` to `doc` in place and returns true, or returns false (doc untouched) when mingo must. */
export function applySimpleUpdate(doc: Doc, modifier: Doc): boolean {
  const changes: [op: string, path: string, value: unknown][] = [];
  for (const [op, arg] of Object.entries(modifier)) {
    if (!SIMPLE_OPERATORS.has(op) || !isPlainObject(arg)) return false;
    for (const [path, value] of Object.entries(arg)) changes.push([op, path, value]);
  }
  const paths = changes.map(([, path]) => path);
  if (!paths.every((path) => plainPath(path) && walkable(doc, path)) || overlapping(paths)) return false;
  for (const [op, path, value] of changes) {
    const current = getPath(doc, path);
    if (op === '$inc' && (typeof value !== 'number' || (current !== undefined && typeof current !== 'number'))) return false;
    if (op === '$push' && ((current !== undefined && !Array.isArray(current)) || (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))))) return false;
  }
  for (const [op, path, value] of changes) {
    if (op === '$set') setPath(doc, path, cloneDocument(value));
    else if (op === '$unset') unsetPath(doc, path);
    else if (op === '$inc') setPath(doc, path, ((getPath(doc, path) as number | undefined) ?? 0) + (value as number));
    else {
      const list = getPath(doc, path) as unknown[] | undefined;
      if (list) list.push(cloneDocument(value));
      else setPath(doc, path, [cloneDocument(value)]);
    }
  }
  return true;
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
    current = (current as Doc)[part];
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

function unsetPath(doc: Doc, path: string): void {
  const parts = path.split('.');
  const parent = parts.length === 1 ? doc : getPath(doc, parts.slice(0, -1).join('.'));
  if (isPlainObject(parent)) delete parent[parts[parts.length - 1] as string];
}
