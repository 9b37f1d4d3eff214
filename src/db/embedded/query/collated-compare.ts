import { isPlainObject } from '../storage/document-paths.js';
import { compareValues, typeRank } from './bson-order.js';

/** BSON order with strings (also inside arrays and documents) compared by the collator. */
export function compareCollated(a: unknown, b: unknown, collator: Intl.Collator): number {
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const diff = compareCollated(a[i], b[i], collator);
      if (diff !== 0) return diff;
    }
    return a.length - b.length;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
      const [x, y] = [ka[i] as string, kb[i] as string];
      const byType = typeRank(a[x]) - typeRank(b[y]);
      if (byType !== 0) return byType;
      if (x !== y) return x < y ? -1 : 1;
      const diff = compareCollated(a[x], b[y], collator);
      if (diff !== 0) return diff;
    }
    return ka.length - kb.length;
  }
  return compareValues(a, b);
}

/** Equality under the collation: same BSON type bracket and comparing equal; null matches missing. */
export function equalCollated(a: unknown, b: unknown, collator: Intl.Collator): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  return typeRank(a) === typeRank(b) && compareCollated(a, b, collator) === 0;
}
