import { deserialize, Long, serialize } from 'bson';
import { describe, expect, it } from 'vitest';
import {
  decodeMessage, encodeOpMsg, encodeOpMsgRequest, encodeOpReply, OpCode, ProtocolError, readMessageLength,
} from '../../../src/db/embedded/wire-protocol.js';

function opMsgWithSequence(flags: number, checksum: boolean): Buffer {
  const body = serialize({ insert: 'c', $db: 'test' });
  const docs = [serialize({ a: 1 }), serialize({ a: 2 })];
  const ident = Buffer.from('documents\0');
  const seqSize = Buffer.alloc(4);
  seqSize.writeInt32LE(4 + ident.length + docs[0]!.length + docs[1]!.length);
  const parts = [Buffer.from([0, 0, 0, 0]), Buffer.from([0]), body, Buffer.from([1]), seqSize, ident, ...docs];
  if (checksum) parts.push(Buffer.alloc(4));
  (parts[0] as Buffer).writeUInt32LE(flags);
  const payload = Buffer.concat(parts);
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + payload.length, 0);
  header.writeInt32LE(7, 4);
  header.writeInt32LE(OpCode.MSG, 12);
  return Buffer.concat([header, payload]);
}

describe('wire protocol codec', () => {
  it('reads an OP_MSG body and merges kind-1 document sequences into the command', () => {
    const request = decodeMessage(opMsgWithSequence(0, false));
    expect(request.kind).toBe('msg');
    expect(request.command).toEqual({ insert: 'c', $db: 'test', documents: [{ a: 1 }, { a: 2 }] });
  });

  it('ignores the trailing CRC32 when checksumPresent is set and reports moreToCome', () => {
    const request = decodeMessage(opMsgWithSequence(1 | 2, true));
    expect(request.kind === 'msg' && request.moreToCome).toBe(true);
    expect(request.command.documents).toHaveLength(2);
  });

  it('round-trips an encoded request, keeping Long values', () => {
    const request = decodeMessage(encodeOpMsgRequest({ getMore: Long.fromString('9007199254740993'), $db: 'x' }, 3));
    expect(String(request.command.getMore)).toBe('9007199254740993');
    expect(request.header.requestId).toBe(3);
  });

  it('answers with an OP_MSG whose responseTo is the request id', () => {
    const reply = encodeOpMsg({ ok: 1 }, 10, 42);
    expect(reply.readInt32LE(0)).toBe(reply.length);
    expect(reply.readInt32LE(8)).toBe(42);
    expect(deserialize(reply.subarray(21))).toEqual({ ok: 1 });
  });

  it('answers a legacy OP_QUERY with an OP_REPLY carrying one document', () => {
    const reply = encodeOpReply({ ismaster: true }, 1, 5);
    expect(reply.readInt32LE(12)).toBe(OpCode.REPLY);
    expect(reply.readInt32LE(32)).toBe(1);
    expect(deserialize(reply.subarray(36))).toEqual({ ismaster: true });
  });

  it('refuses message lengths outside 16 bytes .. 48 MB', () => {
    const bad = Buffer.alloc(4);
    bad.writeInt32LE(60_000_000);
    expect(() => readMessageLength(bad)).toThrow(ProtocolError);
    bad.writeInt32LE(3);
    expect(() => readMessageLength(bad)).toThrow(ProtocolError);
  });

  it('refuses unknown opcodes and truncated documents', () => {
    const msg = encodeOpMsgRequest({ ping: 1, $db: 'a' }, 1);
    const weird = Buffer.from(msg);
    weird.writeInt32LE(2010, 12);
    expect(() => decodeMessage(weird)).toThrow(ProtocolError);
    const truncated = Buffer.from(msg);
    truncated.writeInt32LE(1000, 21);
    expect(() => decodeMessage(truncated)).toThrow(ProtocolError);
  });
});
