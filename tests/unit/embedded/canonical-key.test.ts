import { Decimal128, Double, Int32, Long, ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { canonicalKey } from '../../../src/db/embedded/canonical-key.js';

describe('canonicalKey', () => {
  it('gives 1, 1.0, Int32(1), Long(1) and Decimal128("1.0") the same key, as MongoDB equality does', () => {
    const keys = [1, new Double(1), new Int32(1), Long.fromNumber(1), Decimal128.fromString('1.0')].map(canonicalKey);
    expect(new Set(keys).size).toBe(1);
  });

  it('keeps a number and the string of that number apart', () => {
    expect(canonicalKey(1)).not.toBe(canonicalKey('1'));
  });

  it('matches two ObjectIds with the same hex and nothing else', () => {
    const id = new ObjectId();
    expect(canonicalKey(new ObjectId(id.toHexString()))).toBe(canonicalKey(id));
    expect(canonicalKey(id)).not.toBe(canonicalKey(id.toHexString()));
  });

  it('compares embedded documents by field order, like BSON', () => {
    expect(canonicalKey({ a: 1, b: 2 })).not.toBe(canonicalKey({ b: 2, a: 1 }));
    expect(canonicalKey({ a: 1, b: [1, 'x'] })).toBe(canonicalKey({ a: 1.0, b: [Long.fromNumber(1), 'x'] }));
  });

  it('treats null and a missing value as one key (missing fields index as null)', () => {
    expect(canonicalKey(null)).toBe(canonicalKey(undefined));
  });

  it('keeps dates by their instant', () => {
    expect(canonicalKey(new Date(5))).toBe(canonicalKey(new Date(5)));
    expect(canonicalKey(new Date(5))).not.toBe(canonicalKey(5));
  });
});
