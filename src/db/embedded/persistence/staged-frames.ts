import { crc32 } from 'node:zlib';
import { FRAME_HEADER_BYTES } from './frame-codec.js';

const INITIAL_BYTES = 64 * 1024;
// After a large command, give the memory back instead of keeping a huge buffer around.
const KEEP_AT_MOST_BYTES = 4 * 1024 * 1024;

/**
 * Frames waiting for the next group commit, laid out in one growing buffer exactly as they
 * go to disk, so a commit is a single write(2) of a view and no per-record buffer is kept.
 */
export class StagedFrames {
  private buf = Buffer.allocUnsafe(INITIAL_BYTES);
  private used = 0;

  get byteLength(): number {
    return this.used;
  }

  /** Appends one frame per payload (same layout as encodeFrames). */
  push(payloads: readonly Uint8Array[]): void {
    let total = 0;
    for (const p of payloads) total += FRAME_HEADER_BYTES + p.length;
    this.reserve(total);
    for (const p of payloads) {
      this.buf.writeUInt32LE(p.length, this.used);
      this.buf.writeUInt32LE(crc32(p), this.used + 4);
      this.buf.set(p, this.used + FRAME_HEADER_BYTES);
      this.used += FRAME_HEADER_BYTES + p.length;
    }
  }

  /** The staged bytes as a view (valid until the next push); the buffer starts empty again. */
  take(): Buffer {
    const view = this.buf.subarray(0, this.used);
    this.used = 0;
    if (this.buf.length > KEEP_AT_MOST_BYTES) this.buf = Buffer.allocUnsafe(INITIAL_BYTES);
    return view;
  }

  private reserve(extra: number): void {
    if (this.used + extra <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.used + extra));
    this.buf.copy(grown, 0, 0, this.used);
    this.buf = grown;
  }
}
