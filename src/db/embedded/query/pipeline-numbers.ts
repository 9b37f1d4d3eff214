import { Double } from 'bson';
import { isPlainObject, type Doc } from '../storage/document-paths.js';

/*
 * mingo's arithmetic (expressions and accumulators) counts only JS numbers, so an integral
 * double, kept as a `Double` to round-trip its type (bson-decode.ts), would be refused by
 * `$add` or skipped by `$sum`. A pipeline doing arithmetic gets its input with those
 * doubles as plain numbers; its results then carry them as ints when integral.
 */
const ARITHMETIC = new Set([
  '$add', '$subtract', '$multiply', '$divide', '$mod', '$abs', '$ceil', '$floor', '$round', '$trunc', '$sqrt', '$pow',
  '$exp', '$ln', '$log', '$log10', '$sum', '$avg', '$min', '$max', '$stdDevPop', '$stdDevSamp', '$toDouble', '$toInt',
  '$toLong', '$toDecimal', '$convert', '$range', '$bucket', '$bucketAuto', '$minN', '$maxN', '$median', '$percentile',
]);

/** The input documents for `pipeline`, with integral doubles as JS numbers when it does arithmetic. */
export function pipelineInput(docs: Doc[], pipeline: readonly unknown[]): Doc[] {
  return mentionsArithmetic(pipeline) ? docs.map((doc) => plainDoubles(doc) as Doc) : docs;
}

function mentionsArithmetic(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(mentionsArithmetic);
  if (!isPlainObject(value)) return false;
  return Object.entries(value).some(([key, v]) => ARITHMETIC.has(key) || mentionsArithmetic(v));
}

/** Replaces Double instances in place (the documents are the pipeline's own copies). */
function plainDoubles(value: unknown): unknown {
  if (value instanceof Double) return value.value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = plainDoubles(value[i]);
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      const next = plainDoubles(value[key]);
      if (next !== value[key]) Object.defineProperty(value, key, { value: next, enumerable: true, writable: true, configurable: true });
    }
  }
  return value;
}
