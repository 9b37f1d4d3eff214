import type { CommandContext } from '../command-context.js';
import { parseCollation, withCollation, type CollationSpec } from '../query/collation.js';
import { isPlainObject, type Doc } from '../storage/document-paths.js';

// Commands whose matching, sorting and grouping follow a collation.
const COLLATED = new Set(['find', 'count', 'distinct', 'aggregate', 'findAndModify', 'findandmodify', 'update', 'delete']);

/** The collation a command asks for: its own, or (update, delete) its first statement's. */
function requested(name: string, cmd: Doc): unknown {
  if (name !== 'update' && name !== 'delete') return cmd.collation;
  const statements = cmd[name === 'update' ? 'updates' : 'deletes'];
  const first: unknown = Array.isArray(statements) ? statements[0] : undefined;
  return isPlainObject(first) ? first.collation : undefined;
}

/**
 * Runs a command under its collation: the one it names (`{locale: 'simple'}` = binary), else
 * the collection's default collation, as mongod does. Explain runs its inner command's.
 */
export function runWithCollation(name: string, cmd: Doc, ctx: CommandContext, run: () => Doc): Doc {
  const inner = name === 'explain' && isPlainObject(cmd.explain) ? cmd.explain : undefined;
  const target = inner ?? cmd;
  const targetName = inner ? (Object.keys(inner)[0] ?? '') : name;
  if (!COLLATED.has(targetName)) return run();
  const explicit = requested(targetName, target);
  const coll = target[targetName];
  const store = typeof coll === 'string' ? ctx.catalog.collection(ctx.db, coll) : undefined;
  const spec = explicit !== undefined ? parseCollation(explicit) : (store?.options.collation as CollationSpec | undefined);
  return withCollation(spec, run);
}
