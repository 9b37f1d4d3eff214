import { cloneDocument, isPlainObject, setPath, type Doc } from '../storage/document-paths.js';

/*
 * An upsert that inserts is validated as an insert, so `$set: {$price: 5}` or
 * `{$set: {$each: {count: 1}}}` store fields named `$price` and `$each` (MongoDB 5.0+;
 * mongoose sends these for schema paths that start with `$`). mingo refuses any `$` in an
 * update path, so those sets are taken out and applied here. Updates of an existing
 * document keep mingo's refusal.
 */

/** True for a path part naming a field that starts with `$` (not `$`, `$[]` or `$[id]`). */
function isDollarField(part: string): boolean {
  return part.startsWith('$') && part !== '$' && !part.startsWith('$[');
}

/** Removes the `$set` entries whose path names a `$` field and returns them (upsert inserts only). */
export function takeDollarFieldSets(modifier: Doc): Array<[string, unknown]> {
  const set = modifier.$set;
  if (!isPlainObject(set)) return [];
  const taken = Object.entries(set).filter(([path]) => path.split('.').some(isDollarField));
  if (taken.length === 0) return taken;
  const rest = Object.fromEntries(Object.entries(set).filter(([path]) => !path.split('.').some(isDollarField)));
  if (Object.keys(rest).length > 0) modifier.$set = rest;
  else delete modifier.$set;
  return taken;
}

/** Sets the taken fields on the document being inserted. */
export function applyDollarFieldSets(doc: Doc, sets: ReadonlyArray<[string, unknown]>): void {
  for (const [path, value] of sets) setPath(doc, path, cloneDocument(value));
}
