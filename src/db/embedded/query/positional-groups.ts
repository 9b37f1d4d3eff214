import { isPlainObject, type Doc } from '../storage/document-paths.js';

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
