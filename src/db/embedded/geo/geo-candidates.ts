import { isPlainObject } from '../storage/document-paths.js';

/**
 * The values a geo index on `path` reads from a document: arrays of embedded documents
 * along the path fan out, but an array at the end is one value (mongod does not expand it).
 */
export function geoIndexValues(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collect(doc, path.split('.'), 0, out);
  return out;
}

function collect(current: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (current !== undefined) out.push(current);
    return;
  }
  const part = parts[i] as string;
  if (Array.isArray(current)) {
    if (/^\d+$/.test(part)) {
      collect(current[Number(part)], parts, i + 1, out);
      return;
    }
    for (const el of current) if (isPlainObject(el)) collect(el, parts, i, out);
    return;
  }
  if (isPlainObject(current) && Object.prototype.hasOwnProperty.call(current, part)) collect(current[part], parts, i + 1, out);
}
