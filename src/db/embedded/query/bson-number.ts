import { Decimal128, Double, Int32, Long } from 'bson';
import { isInt32Number } from '../bson-decode.js';

/**
 * MongoDB's four numeric types and its arithmetic on them ($inc, $mul): the result has the
 * wider of the two types (int < long < double < decimal); an int that overflows becomes a
 * long, a long that overflows becomes a double. Values are kept as the wire layer decodes
 * them: int32 and non-integral doubles as JS numbers, integral doubles as `Double`, longs as
 * `Long`, decimals as `Decimal128`.
 */
export type NumberKind = 'int' | 'long' | 'double' | 'decimal';

const WIDTH: Record<NumberKind, number> = { int: 0, long: 1, double: 2, decimal: 3 };
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** The numeric BSON type a value is stored as, or null for a non-number. */
export function numberKind(v: unknown): NumberKind | null {
  if (typeof v === 'number') return isInt32Number(v) ? 'int' : 'double';
  if (typeof v === 'bigint') return 'long';
  if (v === null || typeof v !== 'object') return null;
  if (v instanceof Double) return 'double';
  if (v instanceof Int32) return 'int';
  if (v instanceof Long) return 'long';
  if (v instanceof Decimal128) return 'decimal';
  return null;
}

/** True for any value MongoDB counts as a number. */
export function isBsonNumber(v: unknown): boolean {
  return numberKind(v) !== null;
}

/** `a + b` with MongoDB's result type. */
export function addNumbers(a: unknown, b: unknown): unknown {
  return combine(a, b, (x, y) => x + y, (x, y) => x + y, addDecimals);
}

/** `a * b` with MongoDB's result type. */
export function multiplyNumbers(a: unknown, b: unknown): unknown {
  return combine(a, b, (x, y) => x * y, (x, y) => x * y, multiplyDecimals);
}

/** The value zero of the kind of `v` ($mul on a missing field stores 0 of the factor's type). */
export function zeroLike(v: unknown): unknown {
  return multiplyNumbers(v, 0);
}

function combine(
  a: unknown,
  b: unknown,
  onDouble: (x: number, y: number) => number,
  onBigInt: (x: bigint, y: bigint) => bigint,
  onDecimal: (x: ScaledDecimal, y: ScaledDecimal) => ScaledDecimal,
): unknown {
  const ka = numberKind(a);
  const kb = numberKind(b);
  if (!ka || !kb) throw new TypeError('not a number');
  const kind = WIDTH[ka] >= WIDTH[kb] ? ka : kb;
  if (kind === 'decimal') return toDecimal128(onDecimal(parseDecimal(a), parseDecimal(b)));
  if (kind === 'double') return asDouble(onDouble(toNumber(a), toNumber(b)));
  // int and long: exact integer arithmetic, then the narrowest type MongoDB would give.
  const exact = onBigInt(toBigInt(a), toBigInt(b));
  if (kind === 'int' && exact >= -(2n ** 31n) && exact < 2n ** 31n) return Number(exact);
  if (exact >= LONG_MIN && exact <= LONG_MAX) return Long.fromBigInt(exact);
  return asDouble(Number(exact));
}

/** A double result: kept a `Double` when the encoder would otherwise write it as an int32. */
export function asDouble(n: number): number | Double {
  return isInt32Number(n) ? new Double(n) : n;
}

/** The value as a JS number (precision beyond 2^53 is lost). */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Long) return v.toNumber();
  if (v instanceof Decimal128) return Number(v.toString());
  return Number((v as Int32 | Double).valueOf());
}

/** The value as an exact integer (a double's fraction is refused by BigInt). */
export function toBigInt(v: unknown): bigint {
  if (v instanceof Long) return v.toBigInt();
  if (typeof v === 'bigint') return v;
  return BigInt(toNumber(v));
}

/** A decimal as coefficient × 10^exponent, exact. */
interface ScaledDecimal { coefficient: bigint; exponent: number }

function parseDecimal(v: unknown): ScaledDecimal {
  const text = v instanceof Decimal128 || v instanceof Long ? v.toString() : String(toNumber(v));
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) throw new RangeError(`cannot do exact arithmetic on ${text}`);
  const [, sign = '', whole = '', fraction = '', exp = '0'] = match;
  const coefficient = BigInt(`${sign}${whole}${fraction}` || '0');
  return { coefficient, exponent: Number(exp) - fraction.length };
}

function addDecimals(x: ScaledDecimal, y: ScaledDecimal): ScaledDecimal {
  const exponent = Math.min(x.exponent, y.exponent);
  const scale = (d: ScaledDecimal) => d.coefficient * 10n ** BigInt(d.exponent - exponent);
  return { coefficient: scale(x) + scale(y), exponent };
}

function multiplyDecimals(x: ScaledDecimal, y: ScaledDecimal): ScaledDecimal {
  return { coefficient: x.coefficient * y.coefficient, exponent: x.exponent + y.exponent };
}

function toDecimal128(d: ScaledDecimal): Decimal128 {
  return Decimal128.fromStringWithRounding(`${d.coefficient.toString()}E${d.exponent}`);
}
