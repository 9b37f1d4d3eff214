import os from 'node:os';
import type { CommandContext, CommandTable } from '../command-context.js';
import type { Doc } from '../storage/document-paths.js';
import { MAX_BSON_OBJECT_SIZE, MAX_MESSAGE_SIZE } from '../wire-protocol.js';

/** MongoDB 7.0: inside the 7.x driver's supported range (wire 9..29). */
export const MAX_WIRE_VERSION = 21;
export const SERVER_VERSION = '7.0.0';
const STARTED_AT = Date.now();

/**
 * The handshake of a standalone mongod. No setName (so the driver sees a standalone and
 * never sends txnNumber for retryable writes) and no topologyVersion (so it polls hello
 * instead of using the streaming exhaust protocol). logicalSessionTimeoutMinutes is
 * present, as on a real standalone, so implicit sessions work.
 */
function hello(cmd: Doc, ctx: CommandContext, legacy: boolean): Doc {
  return {
    ...(cmd.helloOk === true ? { helloOk: true } : {}),
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
  };
}

function buildInfo(): Doc {
  return {
    version: SERVER_VERSION,
    gitVersion: 'embedded',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    storageEngines: ['inMemory'],
    javascriptEngine: 'none',
    modules: ['embedded'],
    openssl: { running: 'disabled' },
  };
}

function serverStatus(_cmd: Doc, ctx: CommandContext): Doc {
  return {
    host: os.hostname(),
    version: SERVER_VERSION,
    process: 'mongod',
    pid: process.pid,
    uptime: Math.floor((Date.now() - STARTED_AT) / 1000),
    uptimeMillis: Date.now() - STARTED_AT,
    localTime: new Date(),
    connections: { current: 1, available: 1000 },
    metrics: { cursor: { open: { total: ctx.cursors.size } } },
    storageEngine: { name: 'inMemory', persistent: false },
  };
}

/** Handshake and diagnostics commands. */
export const handshakeCommands: CommandTable = {
  hello: (cmd, ctx) => hello(cmd, ctx, false),
  isMaster: (cmd, ctx) => hello(cmd, ctx, true),
  ismaster: (cmd, ctx) => hello(cmd, ctx, true),
  ping: () => ({}),
  buildInfo,
  buildinfo: buildInfo,
  hostInfo: () => ({
    system: { currentTime: new Date(), hostname: os.hostname(), cpuAddrSize: 64, numCores: os.cpus().length, memSizeMB: Math.round(os.totalmem() / 1048576) },
    os: { type: os.type(), name: os.platform(), version: os.release() },
    extra: {},
  }),
  serverStatus,
  getParameter: (cmd) => (cmd.featureCompatibilityVersion ? { featureCompatibilityVersion: { version: '7.0' } } : {}),
  getCmdLineOpts: () => ({ argv: ['mongod'], parsed: {} }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] } }),
  whatsmyuri: (_cmd, ctx) => ({ you: ctx.remoteAddress }),
  getLog: (cmd) => (cmd.getLog === '*' ? { names: ['global', 'startupWarnings'] } : { totalLinesWritten: 0, log: [] }),
  endSessions: () => ({}),
  refreshSessions: () => ({}),
  logout: () => ({}),
};
