import { Double } from 'bson';
import type { CommandContext, CommandTable } from './command-context.js';
import { adminCommands } from './commands/admin.command.js';
import { aggregateCommands } from './commands/aggregate.command.js';
import { runWithCollation } from './commands/collation-scope.js';
import { crudCommands } from './commands/crud.command.js';
import { explainCommands } from './commands/explain.command.js';
import { parameterCommands } from './commands/parameters.command.js';
import { findAndModifyCommands } from './commands/find-and-modify.command.js';
import { findCommands } from './commands/find.command.js';
import { handshakeCommands } from './commands/handshake.command.js';
import { indexCommands } from './commands/indexes.command.js';
import { ErrorCode, MongoError, toMongoError } from './mongo-errors.js';
import type { Doc } from './storage/document-paths.js';

/** Commands that change data: the server checks for journal compaction after these. */
export const WRITE_COMMANDS = new Set([
  'insert', 'update', 'delete', 'findAndModify', 'findandmodify', 'create', 'drop', 'dropDatabase',
  'createIndexes', 'dropIndexes', 'deleteIndexes', 'renameCollection', 'collMod',
]);

const COMMANDS: CommandTable = {
  ...handshakeCommands,
  ...adminCommands,
  ...crudCommands,
  ...findCommands,
  ...aggregateCommands,
  ...indexCommands,
  ...findAndModifyCommands,
  ...explainCommands,
  ...parameterCommands,
};

const TRANSACTION_COMMANDS = new Set(['commitTransaction', 'abortTransaction']);

/** A standalone mongod refuses anything carrying transaction state; so do we. */
function refuseTransactions(name: string, cmd: Doc): void {
  if (cmd.txnNumber !== undefined || cmd.autocommit !== undefined || cmd.startTransaction !== undefined || TRANSACTION_COMMANDS.has(name)) {
    throw new MongoError(ErrorCode.IllegalOperation, 'Transaction numbers are only allowed on a replica set member or mongos');
  }
}

/** Optional hook for genuine bugs (InternalError); the server passes its logger here. */
export type BugReporter = (error: unknown, command: string) => void;

/** Runs one command and always returns a reply document (`ok: 1.0` or mongod's error shape). */
export function runCommand(cmd: Doc, ctx: CommandContext, reportBug?: BugReporter): Doc {
  const name = Object.keys(cmd)[0] ?? '';
  try {
    refuseTransactions(name, cmd);
    const handler = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!handler) throw new MongoError(ErrorCode.CommandNotFound, `no such command: '${name}'`);
    return { ...runWithCollation(name, cmd, ctx, () => handler(cmd, ctx)), ok: new Double(1) };
  } catch (error) {
    const mongoError = toMongoError(error);
    if (mongoError.code === ErrorCode.InternalError) reportBug?.(error, name);
    return { ...mongoError.toReply(), ok: new Double(0) };
  }
}
