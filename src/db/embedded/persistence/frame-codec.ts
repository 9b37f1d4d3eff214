import { crc32 } from 'node:zlib';

/**
 * Frame layout: [u32 LE payload length][u32 LE CRC-32 of payload][payload]. The CRC makes
 * a torn or garbled write detectable; the length lets reading resume at the next frame.
 */
export const FRAME_HEADER_BYTES = 8;
// A BSON document is at least 5 bytes; above 64 MiB a length is garbage, not a record.
const MIN_PAYLOAD = 5;
export const MAX_PAYLOAD = 64 * 1024 * 1024;

/** Appends the frames for payloads into one buffer, so one write(2) carries them all. */
export function encodeFrames(payloads: readonly Buffer[]): Buffer {
  let total = 0;
  for (const p of payloads) total += FRAME_HEADER_BYTES + p.length;
  const out = Buffer.allocUnsafe(total);
  let offset = 0;
  for (const p of payloads) {
    out.writeUInt32LE(p.length, offset);
    out.writeUInt32LE(crc32(p), offset + 4);
    p.copy(out, offset + FRAME_HEADER_BYTES);
    offset += FRAME_HEADER_BYTES + p.length;
  }
  return out;
}

export interface Frame {
  offset: number;
  payload: Buffer;
}

export interface FrameScan {
  frames: Frame[];
  /** Offset just past the last good frame. */
  validEnd: number;
  /** Why reading stopped before the end of the buffer, or null when it did not. */
  badFrame: { offset: number; reason: string; tornTail: boolean } | null;
}

function isAllZero(buf: Buffer, from: number): boolean {
  for (let i = from; i < buf.length; i++) if (buf[i] !== 0) return false;
  return true;
}

/**
 * Reads every good frame from the start of buf. A bad frame counts as a torn tail (a crash
 * mid-write) when it runs past the end of the file or only zeros follow it, which is what
 * an interrupted append or a power cut leaves; anything else is corruption in the middle.
 */
export function scanFrames(buf: Buffer): FrameScan {
  const frames: Frame[] = [];
  let offset = 0;
  while (offset < buf.length) {
    let reason: string | null = null;
    let end = buf.length + 1;
    if (buf.length - offset < FRAME_HEADER_BYTES) {
      reason = 'incomplete frame header';
    } else {
      const length = buf.readUInt32LE(offset);
      end = offset + FRAME_HEADER_BYTES + length;
      if (length < MIN_PAYLOAD || length > MAX_PAYLOAD) reason = `implausible frame length ${length}`;
      else if (end > buf.length) reason = 'frame runs past the end of the file';
      else {
        const payload = buf.subarray(offset + FRAME_HEADER_BYTES, end);
        if (crc32(payload) !== buf.readUInt32LE(offset + 4)) reason = 'checksum mismatch';
        else frames.push({ offset, payload });
      }
    }
    if (reason !== null) {
      const tornTail = end >= buf.length || isAllZero(buf, offset);
      return { frames, validEnd: offset, badFrame: { offset, reason, tornTail } };
    }
    offset = end;
  }
  return { frames, validEnd: offset, badFrame: null };
}
