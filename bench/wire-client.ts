/**
 * A minimal OP_MSG client for measuring the server alone. The official driver spends a few
 * hundred microseconds of CPU per command in the client, so with it a benchmark measures the
 * driver, not the server; this client spends a few tens (one command in flight per socket).
 */
import net from 'node:net';
import { deserialize, type Document } from 'bson';
import { encodeOpMsgRequest } from '../src/db/embedded/wire-protocol.js';

const OP_MSG_BODY_OFFSET = 21; // header (16) + flagBits (4) + section kind (1)

/** One connection that sends a command and waits for its reply. */
class WireConnection {
  private pending: { resolve: (reply: Document) => void; reject: (error: Error) => void } | null = null;
  private chunks: Buffer[] = [];
  private requestId = 1;

  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', (error) => this.pending?.reject(error));
  }

  static async open(port: number, host: string): Promise<WireConnection> {
    const socket = net.connect(port, host);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new WireConnection(socket);
  }

  command(cmd: Document): Promise<Document> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(encodeOpMsgRequest(cmd, this.requestId++));
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    const all = this.chunks.length === 1 ? chunk : Buffer.concat(this.chunks);
    if (all.length < 4 || all.length < all.readInt32LE(0)) {
      this.chunks = [all];
      return;
    }
    const length = all.readInt32LE(0);
    this.chunks = [];
    const reply = deserialize(all.subarray(OP_MSG_BODY_OFFSET, length));
    const pending = this.pending;
    this.pending = null;
    if (reply.ok === 1) pending?.resolve(reply);
    else pending?.reject(new Error(`command failed: ${String(reply.errmsg)}`));
  }
}

/** A pool of wire connections, one per lane: `lanes` commands in flight at most. */
export class WireClient {
  private constructor(private readonly connections: WireConnection[]) {}

  static async connect(uri: string, lanes: number): Promise<WireClient> {
    const { hostname, port } = new URL(uri);
    const connections = await Promise.all(Array.from({ length: lanes }, () => WireConnection.open(Number(port), hostname)));
    return new WireClient(connections);
  }

  /** Runs `count` commands built by `build(i)` over every lane; returns commands per second. */
  async opsPerSecond(count: number, build: (i: number) => Document): Promise<number> {
    let next = 0;
    const started = process.hrtime.bigint();
    await Promise.all(this.connections.map(async (connection) => {
      while (next < count) await connection.command(build(next++));
    }));
    return count / (Number(process.hrtime.bigint() - started) / 1e9);
  }

  close(): void {
    for (const connection of this.connections) connection.close();
  }
}
