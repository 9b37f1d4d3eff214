import type { CommandContext, CommandTable } from '../command-context.js';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import type { Doc } from '../storage/document-paths.js';

// Command fields that are not parameter names.
const GENERIC_FIELDS = new Set(['setParameter', 'getParameter', '$db', 'lsid', '$clusterTime', 'comment', '$readPreference', 'apiVersion', 'apiStrict', 'apiDeprecationErrors']);

function adminOnly(name: string, ctx: CommandContext): void {
  if (ctx.db !== 'admin') throw new MongoError(ErrorCode.Unauthorized, `${name} may only be run against the admin database.`);
}

function parameterNames(cmd: Doc): string[] {
  return Object.keys(cmd).filter((k) => !GENERIC_FIELDS.has(k));
}

/** The runtime parameters this server has: the TTL monitor's pace and the feature compatibility version. */
function readParameter(name: string, ctx: CommandContext): unknown {
  if (name === 'ttlMonitorSleepSecs') return ctx.ttlMonitor?.sleepSeconds ?? 60;
  if (name === 'featureCompatibilityVersion') return { version: '7.0' };
  return undefined;
}

/** setParameter as on a standalone mongod: ttlMonitorSleepSecs is settable; other names are refused. */
function setParameter(cmd: Doc, ctx: CommandContext): Doc {
  adminOnly('setParameter', ctx);
  const names = parameterNames(cmd);
  if (names.length === 0) throw new MongoError(ErrorCode.InvalidOptions, 'no option found to set, use help:true to see options ');
  const reply: Doc = {};
  for (const name of names) {
    if (name !== 'ttlMonitorSleepSecs') {
      const known = readParameter(name, ctx) !== undefined;
      if (known) throw new MongoError(ErrorCode.IllegalOperation, `not allowed to change [${name}] at runtime`);
      throw new MongoError(ErrorCode.InvalidOptions, `attempted to set unrecognized parameter [${name}], use help:true to see options `);
    }
    const value = cmd[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new MongoError(ErrorCode.BadValue, `Invalid value for ttlMonitorSleepSecs: ${String(value)}`);
    }
    if (reply.was === undefined) reply.was = readParameter(name, ctx);
    ctx.ttlMonitor?.setSleepSeconds(value);
  }
  return reply;
}

/** getParameter for the parameters above; `'*'` lists them all. */
function getParameter(cmd: Doc, ctx: CommandContext): Doc {
  adminOnly('getParameter', ctx);
  const all = cmd.getParameter === '*';
  const names = all ? ['featureCompatibilityVersion', 'ttlMonitorSleepSecs'] : parameterNames(cmd);
  const reply: Doc = {};
  for (const name of names) {
    const value = readParameter(name, ctx);
    if (value !== undefined) reply[name] = value;
  }
  if (!all && Object.keys(reply).length === 0) throw new MongoError(ErrorCode.InvalidOptions, 'no option found to get');
  return reply;
}

/** setParameter and getParameter (admin database only). */
export const parameterCommands: CommandTable = { setParameter, getParameter };
