import { Binary, Double, Int32, Long } from 'bson';
import { ensureArray, resolve } from 'mingo/util';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import type { Doc } from '../storage/document-paths.js';

/*
 * MongoDB's $bitsAllSet, $bitsAnySet, $bitsAllClear and $bitsAnyClear. mingo's apply JS
 * `&` to numbers only: BinData (a UUID, for one) never matched, and a mask given as BinData
 * or a Long was misread. Here a value is a set of bit positions: an integral number as a
 * 64-bit two's complement (negative numbers have every high bit set), BinData bit n in
 * byte n >> 3 (least significant bit first). Other values never match.
 */

/** The state of bit `position` of a value, or null when the value cannot be bit-tested. */
type BitReader = (position: number) => boolean;

function bitsOf(value: unknown): BitReader | null {
  if (value instanceof Binary) {
    const bytes = value.buffer.subarray(0, value.length());
    return (p) => p >> 3 < bytes.length && ((bytes[p >> 3] as number) & (1 << (p & 7))) !== 0;
  }
  const n = integerOf(value);
  if (n === null) return null;
  const word = BigInt.asUintN(64, n);
  return (p) => (p >= 64 ? n < 0n : ((word >> BigInt(p)) & 1n) === 1n);
}

function integerOf(value: unknown): bigint | null {
  if (value instanceof Long) return value.toBigInt();
  const n = typeof value === 'number' ? value : value instanceof Int32 || value instanceof Double ? value.value : null;
  if (n === null || !Number.isInteger(n) || Math.abs(n) >= 2 ** 63) return null;
  return BigInt(n);
}

/** The bit positions a mask names: a list of positions, a non-negative number, or BinData. */
function maskPositions(op: string, mask: unknown): number[] {
  if (Array.isArray(mask)) {
    if (!mask.every((p) => typeof p === 'number' && Number.isInteger(p) && p >= 0)) {
      throw new MongoError(ErrorCode.BadValue, `bit positions must be >= 0 but got: ${op}: ${JSON.stringify(mask)}`);
    }
    return mask as number[];
  }
  const reader = bitsOf(mask);
  if (!reader || (integerOf(mask) ?? 0n) < 0n) {
    throw new MongoError(ErrorCode.BadValue, `${op} takes an Array, a number, or a BinData but received: ${op}: ${String(mask)}`);
  }
  const width = mask instanceof Binary ? mask.length() * 8 : 64;
  const positions: number[] = [];
  for (let p = 0; p < width; p++) if (reader(p)) positions.push(p);
  return positions;
}

function bitwise(op: string, test: (bits: boolean[]) => boolean) {
  return (selector: string, mask: unknown): ((doc: Doc) => boolean) => {
    const positions = maskPositions(op, mask);
    return (doc) =>
      ensureArray(resolve(doc, selector, { unwrapArray: true })).some((value) => {
        const reader = bitsOf(value);
        return reader !== null && test(positions.map(reader));
      });
  };
}

/** The replacements, to register in mingo's query operator table. */
export const BITWISE_OPERATORS = {
  $bitsAllSet: bitwise('$bitsAllSet', (bits) => bits.every(Boolean)),
  $bitsAnySet: bitwise('$bitsAnySet', (bits) => bits.some(Boolean)),
  $bitsAllClear: bitwise('$bitsAllClear', (bits) => bits.every((b) => !b)),
  $bitsAnyClear: bitwise('$bitsAnyClear', (bits) => bits.some((b) => !b)),
};
