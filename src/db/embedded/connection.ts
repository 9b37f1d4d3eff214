import type { Socket } from 'node:net';
import type { Document } from 'bson';
import { decodeMessage, encodeOpMsg, encodeOpReply, readMessageLength, type Request } from './wire-protocol.js';

/** What a connection needs from the server: run one command for one client. */
export interface CommandExecutor {
  execute(command: Document, db: string, client: ClientInfo): Document;
  /** Runs send once every write made so far is journalled: no reply goes out before that. */
  whenWritten(send: () => void): void;
}

export interface ClientInfo { connectionId: number; remoteAddress: string }

export interface ConnectionLogger { warn(o: object, msg?: string): void }

/**
 * One client socket: frames the byte stream into messages, runs each command in order and
 * writes the reply. A malformed message closes this connection and nothing else.
 */
export class Connection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private nextRequestId = 1;
  readonly client: ClientInfo;

  constructor(
    private readonly socket: Socket,
    connectionId: number,
    private readonly executor: CommandExecutor,
    private readonly logger: ConnectionLogger,
  ) {
    this.client = { connectionId, remoteAddress: `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}` };
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', (error) => this.logger.warn({ err: error, connectionId }, 'embedded mongo: client socket error'));
  }

  /** Closes the socket immediately (server stop). */
  destroy(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    try {
      let message = this.takeMessage();
      while (message) {
        this.handle(message);
        message = this.takeMessage();
      }
    } catch (error) {
      this.logger.warn({ err: error, connectionId: this.client.connectionId }, 'embedded mongo: malformed message, closing connection');
      this.socket.destroy();
    }
  }

  /** The next complete message, or null; concatenates chunks only once a whole message is there. */
  private takeMessage(): Buffer | null {
    if (this.buffered < 4) return null;
    if ((this.chunks[0] as Buffer).length < 4) this.chunks = [Buffer.concat(this.chunks)];
    const length = readMessageLength(this.chunks[0] as Buffer);
    if (this.buffered < length) return null;
    const all = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    const message = all.subarray(0, length);
    const rest = all.subarray(length);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return message;
  }

  private handle(raw: Buffer): void {
    const request: Request = decodeMessage(raw);
    if (request.kind === 'query') {
      const db = request.collection.endsWith('.$cmd') ? request.collection.slice(0, -5) : 'admin';
      const reply = this.executor.execute(request.command, db, this.client);
      const encoded = encodeOpReply(reply, this.nextRequestId++, request.header.requestId);
      this.executor.whenWritten(() => this.send(encoded));
      return;
    }
    const db = request.command.$db;
    const reply = typeof db === 'string'
      ? this.executor.execute(request.command, db, this.client)
      : { ok: 0, errmsg: 'OP_MSG requests require a $db argument', code: 40571, codeName: 'Location40571' };
    if (request.moreToCome) return;
    const encoded = this.encodeReply(reply, request.header.requestId);
    this.executor.whenWritten(() => this.send(encoded));
  }

  private send(reply: Buffer): void {
    if (!this.socket.destroyed) this.socket.write(reply);
  }

  /** A reply that cannot be encoded (too large for BSON) becomes an error reply, not a dropped connection. */
  private encodeReply(reply: Document, responseTo: number): Buffer {
    try {
      return encodeOpMsg(reply, this.nextRequestId++, responseTo);
    } catch (error) {
      const errmsg = `reply could not be encoded: ${error instanceof Error ? error.message : String(error)}`;
      return encodeOpMsg({ ok: 0, errmsg, code: 10334, codeName: 'BSONObjectTooLarge' }, this.nextRequestId++, responseTo);
    }
  }
}
