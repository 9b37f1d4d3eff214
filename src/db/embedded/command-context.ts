import type { CursorRegistry } from './cursor-registry.js';
import type { TextEngine } from './query/text-engine.js';
import type { Catalog } from './storage/catalog.js';
import type { Doc } from './storage/document-paths.js';

/** What a command handler can see: the target database ($db) and the server's shared state. */
export interface CommandContext {
  db: string;
  catalog: Catalog;
  cursors: CursorRegistry;
  text?: TextEngine | undefined;
  connectionId: number;
  /** The TTL monitor's pace, which setParameter's ttlMonitorSleepSecs reads and changes. */
  ttlMonitor?: { readonly sleepSeconds: number; setSleepSeconds(seconds: number): void } | undefined;
  remoteAddress: string;
}

/** A command handler: the command document in, the reply fields out (the router adds `ok`). */
export type CommandHandler = (cmd: Doc, ctx: CommandContext) => Doc;

/** Command name → handler, as each commands/*.command.ts exports it. */
export type CommandTable = Record<string, CommandHandler>;
