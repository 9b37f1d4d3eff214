import { ErrorCode, MongoError } from '../mongo-errors.js';
import { isPlainObject, setOwn, type Doc } from '../storage/document-paths.js';

/*
 * What mongod decides about a find projection before applying it, which mingo does not:
 * - whether it is an inclusion or an exclusion, from the first field that is either (at any
 *   depth, `{'a.b': 1}` or `{a: {b: 1}}`); a later field of the other kind is refused with
 *   31254 (an exclusion in an inclusion) or 31253 (an inclusion in an exclusion). A
 *   top-level `_id` may be either in both.
 * - `$slice` (and `$elemMatch`, `$meta`) are neither: `{arr: {$slice: 2}, secret: 0}` is an
 *   exclusion that also cuts `arr`, and `{arr: {$slice: 2}}` alone returns every field.
 */

type Kind = 'inclusion' | 'exclusion';

/** `{path: {$slice: n | [skip, limit]}}` entries of a projection. */
export interface SliceSpec { path: string[]; skip: number; limit: number | undefined }

/** The kind of projection mongod makes of `projection`, refusing a mix as mongod does; null when neither. */
export function projectionKind(projection: Doc): Kind | null {
  let kind: Kind | null = null;
  const visit = (spec: Doc, prefix: string): void => {
    for (const [field, value] of Object.entries(spec)) {
      const path = prefix ? `${prefix}.${field}` : field;
      if (path === '_id') continue;
      const own = kindOf(value);
      if (own === 'nested') {
        visit(value as Doc, path);
        continue;
      }
      if (own === null) continue;
      if (kind === null) kind = own;
      else if (own !== kind) throw mixed(own, path);
    }
  };
  visit(projection, '');
  return kind;
}

function kindOf(value: unknown): Kind | 'nested' | null {
  if (isPlainObject(value)) {
    const first = Object.keys(value)[0];
    if (first === undefined) return 'inclusion';
    if (first === '$slice' || first === '$elemMatch' || first === '$meta') return null;
    // Another operator is a computed field (an inclusion); plain keys are a nested projection.
    return first.startsWith('$') ? 'inclusion' : 'nested';
  }
  if (typeof value === 'boolean') return value ? 'inclusion' : 'exclusion';
  if (typeof value === 'number') return value === 0 ? 'exclusion' : 'inclusion';
  return 'inclusion';
}

function mixed(kind: Kind, path: string): MongoError {
  return kind === 'exclusion'
    ? new MongoError(31254, `Cannot do exclusion on field ${path} in inclusion projection`)
    : new MongoError(31253, `Cannot do inclusion on field ${path} in exclusion projection`);
}

/** Takes the top-level `$slice` entries out of a projection. */
export function splitSlices(projection: Doc): { rest: Doc; slices: SliceSpec[] } {
  const rest: Doc = {};
  const slices: SliceSpec[] = [];
  for (const [field, value] of Object.entries(projection)) {
    if (isPlainObject(value) && Object.keys(value).length === 1 && '$slice' in value) slices.push(parseSlice(field, value.$slice));
    else setOwn(rest, field, value);
  }
  return { rest, slices };
}

function parseSlice(field: string, arg: unknown): SliceSpec {
  const path = field.split('.');
  if (typeof arg === 'number') return arg >= 0 ? { path, skip: 0, limit: Math.trunc(arg) } : { path, skip: Math.trunc(arg), limit: undefined };
  if (Array.isArray(arg) && arg.length === 2 && arg.every((n) => typeof n === 'number')) {
    const [skip, limit] = arg as [number, number];
    if (limit <= 0) throw new MongoError(ErrorCode.BadValue, `$slice limit must be positive`);
    return { path, skip: Math.trunc(skip), limit: Math.trunc(limit) };
  }
  throw new MongoError(ErrorCode.BadValue, `$slice only supports numbers and [skip, limit] arrays`);
}

/**
 * The projection to apply before the slices: an inclusion must also include the sliced
 * fields (so must `{_id: 1}` alone, an inclusion of _id); otherwise the rest as it is.
 */
export function withSlicedFields(rest: Doc, slices: readonly SliceSpec[], kind: Kind | null): Doc {
  const onlyIdIncluded = kind === null && (rest._id === 1 || rest._id === true);
  if (kind !== 'inclusion' && !onlyIdIncluded) return rest;
  const out: Doc = { ...rest };
  for (const slice of slices) setOwn(out, slice.path.join('.'), 1);
  return out;
}

/** Cuts the arrays the slices name, in place; through arrays of documents on the path, in each. */
export function applySlices(doc: Doc, slices: readonly SliceSpec[]): Doc {
  for (const slice of slices) sliceAt(doc, slice, 0);
  return doc;
}

function sliceAt(holder: unknown, slice: SliceSpec, i: number): void {
  if (Array.isArray(holder)) {
    for (const element of holder) sliceAt(element, slice, i);
    return;
  }
  if (!isPlainObject(holder)) return;
  const field = slice.path[i] as string;
  if (!Object.prototype.hasOwnProperty.call(holder, field)) return;
  const value = holder[field];
  if (i < slice.path.length - 1) {
    sliceAt(value, slice, i + 1);
    return;
  }
  if (!Array.isArray(value)) return;
  const start = slice.skip < 0 ? Math.max(0, value.length + slice.skip) : Math.min(slice.skip, value.length);
  const end = slice.limit === undefined ? value.length : start + slice.limit;
  setOwn(holder, field, value.slice(start, end));
}
