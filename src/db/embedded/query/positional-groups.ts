import { update as mingoUpdate, type Modifier } from 'mingo/updater';
import { cloneDocument, getPath, isPlainObject, type Doc } from '../storage/document-paths.js';
import { MINGO_OPTIONS } from './mingo-options.js';

/** The part of a path mingo keys its conflict check on: up to the first positional (`$`, `$[]`, `$[id]`). */
function selectorOf(path: string): string {
  const parts = path.split('.');
  const first = parts.findIndex((p) => p.startsWith('$'));
  return (first === -1 ? parts : parts.slice(0, first)).join('.');
}

function related(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/**
 * Splits an update into modifiers mingo accepts one after another. mingo refuses two paths
 * through one array (`a.$.x` with `a.$.y`) as a conflict; mongod applies both, and
 * update-validation has already refused the real conflicts. Usually one group comes back.
 */
export function positionalGroups(modifier: Doc): Doc[] {
  const groups: Array<{ modifier: Doc; selectors: string[] }> = [];
  for (const [op, arg] of Object.entries(modifier)) {
    if (!isPlainObject(arg)) continue;
    for (const [path, value] of Object.entries(arg)) {
      const selector = selectorOf(path);
      let group = groups.find((g) => !g.selectors.some((s) => related(s, selector)));
      if (!group) {
        group = { modifier: {}, selectors: [] };
        groups.push(group);
      }
      group.selectors.push(selector);
      const target = (group.modifier[op] ??= {}) as Doc;
      target[path] = value;
    }
  }
  return groups.map((g) => g.modifier);
}

const PROBE = '\u0000positional-probe';

/**
 * The modifier with each `array.$` replaced by the index the condition matches in doc, found
 * by letting mingo set a probe value at `array.$` on a copy. Paths whose `$` finds nothing are
 * left as they are, so mingo reports the miss as it always does.
 */
export function resolvePositional(doc: Doc, modifier: Doc, condition: Doc): Doc {
  const indexes = new Map<string, number>();
  const indexOf = (array: string): number => {
    let index = indexes.get(array);
    if (index === undefined) {
      const probe = cloneDocument(doc);
      try {
        mingoUpdate(probe, { $set: { [`${array}.$`]: PROBE } } as Modifier<Doc>, [], condition, { cloneMode: 'none', queryOptions: MINGO_OPTIONS });
      } catch {
        // no match: leave `$` to mingo
      }
      const values = getPath(probe, array);
      index = Array.isArray(values) ? values.indexOf(PROBE) : -1;
      indexes.set(array, index);
    }
    return index;
  };
  const out: Doc = {};
  for (const [op, arg] of Object.entries(modifier)) {
    if (!isPlainObject(arg)) {
      out[op] = arg;
      continue;
    }
    const paths: Doc = {};
    for (const [path, value] of Object.entries(arg)) {
      const match = /^(.+?)\.\$(\.|$)/.exec(path);
      const index = match?.[1] === undefined ? -1 : indexOf(match[1]);
      paths[index === -1 || !match ? path : `${match[1]}.${index}${path.slice(match[0].length - match[2]!.length)}`] = value;
    }
    out[op] = paths;
  }
  return out;
}
