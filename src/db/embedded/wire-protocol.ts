import { Long, serialize, type Document } from 'bson';
import { decodeKeepingDoubles } from './bson-decode.js';

/** Opcodes of the MongoDB wire protocol that the embedded server understands. */
export const OpCode = { REPLY: 1, QUERY: 2004, COMPRESSED: 2012, MSG: 2013 } as const;

/** mongod's limits, announced in hello and enforced on input. */
export const MAX_MESSAGE_SIZE = 48_000_000;
export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
const HEADER_SIZE = 16;

const FLAG_CHECKSUM_PRESENT = 1;
const FLAG_MORE_TO_COME = 2;

// promoteValues keeps driver-facing types natural (numbers, Dates, RegExps); ObjectId,
// Decimal128 and Binary stay BSON classes. Longs always stay Longs (as the journal keeps
// them): a promoted Long would be sent back as an int32 or a double, changing its type.
// Integral doubles stay Doubles for the same reason (bson-decode.ts).
const DESERIALIZE_OPTIONS = { promoteValues: true, promoteLongs: false, promoteBuffers: false, bsonRegExp: false } as const;

/** A malformed message: the connection that sent it is closed. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

export interface MessageHeader { length: number; requestId: number; responseTo: number; opCode: number }

/** A decoded request: an OP_MSG command, or a legacy OP_QUERY (handshake only). */
export type Request =
  | { kind: 'msg'; header: MessageHeader; command: Document; moreToCome: boolean }
  | { kind: 'query'; header: MessageHeader; collection: string; command: Document };

/** The declared length of the message starting at buf (needs 4 bytes); throws on nonsense lengths. */
export function readMessageLength(buf: Buffer): number {
  const length = buf.readInt32LE(0);
  if (length < HEADER_SIZE || length > MAX_MESSAGE_SIZE) throw new ProtocolError(`invalid message length ${length}`);
  return length;
}

/** Decodes one complete message (exactly `length` bytes). */
export function decodeMessage(msg: Buffer): Request {
  const header: MessageHeader = {
    length: msg.readInt32LE(0),
    requestId: msg.readInt32LE(4),
    responseTo: msg.readInt32LE(8),
    opCode: msg.readInt32LE(12),
  };
  if (header.opCode === OpCode.MSG) return decodeOpMsg(header, msg);
  if (header.opCode === OpCode.QUERY) return decodeOpQuery(header, msg);
  throw new ProtocolError(`unsupported opCode ${header.opCode}`);
}

function decodeOpMsg(header: MessageHeader, msg: Buffer): Request {
  const flags = msg.readUInt32LE(HEADER_SIZE);
  // Bits 0-15 are required: a flag we do not know means we cannot read the message safely.
  if ((flags & 0xffff & ~(FLAG_CHECKSUM_PRESENT | FLAG_MORE_TO_COME)) !== 0) {
    throw new ProtocolError(`unknown required OP_MSG flags ${flags}`);
  }
  const end = flags & FLAG_CHECKSUM_PRESENT ? msg.length - 4 : msg.length;
  let offset = HEADER_SIZE + 4;
  let command: Document | undefined;
  const sequences: Array<[string, Document[]]> = [];
  while (offset < end) {
    const kind = msg.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      const size = bsonSizeAt(msg, offset, end);
      if (command) throw new ProtocolError('OP_MSG with two body sections');
      command = promoteCommandLongs(decodeKeepingDoubles(msg.subarray(offset, offset + size), DESERIALIZE_OPTIONS));
      offset += size;
    } else if (kind === 1) {
      const [identifier, docs, next] = decodeSequence(msg, offset, end);
      sequences.push([identifier, docs]);
      offset = next;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!command) throw new ProtocolError('OP_MSG without a body section');
  for (const [identifier, docs] of sequences) command[identifier] = docs;
  return { kind: 'msg', header, command, moreToCome: (flags & FLAG_MORE_TO_COME) !== 0 };
}

/**
 * Command arguments (limit, batchSize, maxTimeMS, the cursor id of getMore...) as numbers,
 * as the handlers read them; the data inside (documents, filters, updates) keeps its Longs.
 */
function promoteCommandLongs(command: Document): Document {
  for (const [key, value] of Object.entries(command)) {
    if (value instanceof Long && key !== 'getMore') command[key] = safeNumber(value);
  }
  const cursor: unknown = command.cursor;
  if (cursor && typeof cursor === 'object' && (cursor as Document).batchSize instanceof Long) {
    (cursor as Document).batchSize = safeNumber((cursor as Document).batchSize as Long);
  }
  return command;
}

function safeNumber(value: Long): number | Long {
  const n = value.toNumber();
  return Number.isSafeInteger(n) ? n : value;
}

function decodeSequence(msg: Buffer, start: number, end: number): [string, Document[], number] {
  const size = msg.readInt32LE(start);
  const seqEnd = start + size;
  if (size < 5 || seqEnd > end) throw new ProtocolError('bad document sequence size');
  const nul = msg.indexOf(0, start + 4);
  if (nul < 0 || nul >= seqEnd) throw new ProtocolError('bad document sequence identifier');
  const identifier = msg.toString('utf8', start + 4, nul);
  const docs: Document[] = [];
  let offset = nul + 1;
  while (offset < seqEnd) {
    const docSize = bsonSizeAt(msg, offset, seqEnd);
    docs.push(decodeKeepingDoubles(msg.subarray(offset, offset + docSize), DESERIALIZE_OPTIONS));
    offset += docSize;
  }
  return [identifier, docs, seqEnd];
}

function decodeOpQuery(header: MessageHeader, msg: Buffer): Request {
  let offset = HEADER_SIZE + 4;
  const nul = msg.indexOf(0, offset);
  if (nul < 0) throw new ProtocolError('OP_QUERY without collection name');
  const collection = msg.toString('utf8', offset, nul);
  offset = nul + 1 + 8; // numberToSkip, numberToReturn
  const size = bsonSizeAt(msg, offset, msg.length);
  let command = promoteCommandLongs(decodeKeepingDoubles(msg.subarray(offset, offset + size), DESERIALIZE_OPTIONS));
  // Old drivers wrap the command as {$query: {...}, $readPreference: ...}.
  if (command.$query && typeof command.$query === 'object') command = command.$query as Document;
  return { kind: 'query', header, collection, command };
}

function bsonSizeAt(msg: Buffer, offset: number, end: number): number {
  if (offset + 5 > end) throw new ProtocolError('truncated BSON document');
  const size = msg.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new ProtocolError('bad BSON document size');
  return size;
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const buf = Buffer.alloc(HEADER_SIZE);
  buf.writeInt32LE(length, 0);
  buf.writeInt32LE(requestId, 4);
  buf.writeInt32LE(responseTo, 8);
  buf.writeInt32LE(opCode, 12);
  return buf;
}

/** Encodes an OP_MSG reply with a single body section. */
export function encodeOpMsg(reply: Document, requestId: number, responseTo: number): Buffer {
  const body = serialize(reply, { checkKeys: false, ignoreUndefined: true });
  // One buffer for the whole message: replies are the hot path of every command.
  const out = Buffer.allocUnsafe(HEADER_SIZE + 5 + body.length);
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(requestId, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(OpCode.MSG, 12);
  out.writeUInt32LE(0, HEADER_SIZE); // flagBits
  out[HEADER_SIZE + 4] = 0; // section kind 0: body
  out.set(body, HEADER_SIZE + 5);
  return out;
}

/** Encodes a legacy OP_REPLY carrying one document (the answer to an OP_QUERY handshake). */
export function encodeOpReply(reply: Document, requestId: number, responseTo: number): Buffer {
  const body = serialize(reply, { checkKeys: false, ignoreUndefined: true });
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(0, 0); // responseFlags
  fields.writeBigInt64LE(0n, 4); // cursorID
  fields.writeInt32LE(0, 12); // startingFrom
  fields.writeInt32LE(1, 16); // numberReturned
  return Buffer.concat([header(HEADER_SIZE + 20 + body.length, requestId, responseTo, OpCode.REPLY), fields, body]);
}

/** Encodes an OP_MSG request (used by tests and tools that speak to the server directly). */
export function encodeOpMsgRequest(command: Document, requestId: number, flags = 0): Buffer {
  const body = serialize(command, { checkKeys: false, ignoreUndefined: true });
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32LE(flags, 0);
  return Buffer.concat([header(HEADER_SIZE + 5 + body.length, requestId, 0, OpCode.MSG), prefix, body]);
}
