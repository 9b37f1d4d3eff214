import { isPlainObject, type Doc } from '../storage/document-paths.js';
import { bsonTypeNumber } from './bson-type.js';

const TYPE_NUMBERS: Record<string, number[]> = {
  double: [1], string: [2], object: [3], array: [4], binData: [5], undefined: [6], objectId: [7], bool: [8], date: [9], null: [10],
  regex: [11], javascript: [13], int: [16], timestamp: [17], long: [18], decimal: [19], minKey: [-1], maxKey: [127], number: [1, 16, 18, 19],
};
// JSON Schema's `type` names, in BSON terms ("integer" is not supported by mongod either).
const JSON_TYPES: Record<string, number[]> = { object: [3], array: [4], number: [1, 16, 18, 19], boolean: [8], string: [2], null: [10] };

function typeAllowed(value: unknown, spec: unknown, names: Record<string, number[]>): boolean {
  const type = bsonTypeNumber(value);
  return (Array.isArray(spec) ? spec : [spec]).some((name) => typeof name === 'string' && (names[name] ?? []).includes(type));
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  const n = Number((value as { toString?: () => string } | null)?.toString?.());
  return [1, 16, 18, 19].includes(bsonTypeNumber(value)) && Number.isFinite(n) ? n : undefined;
}

/**
 * Tests a value against MongoDB's `$jsonSchema` dialect (draft 4 keywords plus `bsonType`):
 * the keywords validators use — types, required, properties, additionalProperties, enum,
 * numeric and length bounds, pattern, items, and the anyOf/allOf/oneOf/not combinators.
 */
export function matchesJsonSchema(schema: Doc, value: unknown): boolean {
  if (schema.bsonType !== undefined && !typeAllowed(value, schema.bsonType, TYPE_NUMBERS)) return false;
  if (schema.type !== undefined && !typeAllowed(value, schema.type, JSON_TYPES)) return false;
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) return false;
  if (!combinatorsHold(schema, value)) return false;
  const n = asNumber(value);
  if (n !== undefined && !numberHolds(schema, n)) return false;
  if (typeof value === 'string' && !stringHolds(schema, value)) return false;
  if (Array.isArray(value) && !arrayHolds(schema, value)) return false;
  if (isPlainObject(value) && !objectHolds(schema, value)) return false;
  return true;
}

function combinatorsHold(schema: Doc, value: unknown): boolean {
  const subs = (key: string): Doc[] => (Array.isArray(schema[key]) ? (schema[key] as unknown[]).filter(isPlainObject) : []);
  if (schema.allOf !== undefined && !subs('allOf').every((s) => matchesJsonSchema(s, value))) return false;
  if (schema.anyOf !== undefined && !subs('anyOf').some((s) => matchesJsonSchema(s, value))) return false;
  if (schema.oneOf !== undefined && subs('oneOf').filter((s) => matchesJsonSchema(s, value)).length !== 1) return false;
  if (isPlainObject(schema.not) && matchesJsonSchema(schema.not, value)) return false;
  return true;
}

function numberHolds(schema: Doc, n: number): boolean {
  if (typeof schema.minimum === 'number' && (schema.exclusiveMinimum === true ? n <= schema.minimum : n < schema.minimum)) return false;
  if (typeof schema.maximum === 'number' && (schema.exclusiveMaximum === true ? n >= schema.maximum : n > schema.maximum)) return false;
  if (typeof schema.multipleOf === 'number' && n % schema.multipleOf !== 0) return false;
  return true;
}

function stringHolds(schema: Doc, s: string): boolean {
  const length = [...s].length;
  if (typeof schema.minLength === 'number' && length < schema.minLength) return false;
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) return false;
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(s)) return false;
  return true;
}

function arrayHolds(schema: Doc, list: unknown[]): boolean {
  if (typeof schema.minItems === 'number' && list.length < schema.minItems) return false;
  if (typeof schema.maxItems === 'number' && list.length > schema.maxItems) return false;
  if (isPlainObject(schema.items) && !list.every((v) => matchesJsonSchema(schema.items as Doc, v))) return false;
  if (Array.isArray(schema.items)) {
    const tuple = schema.items as unknown[];
    if (!tuple.every((s, i) => i >= list.length || !isPlainObject(s) || matchesJsonSchema(s, list[i]))) return false;
    if (schema.additionalItems === false && list.length > tuple.length) return false;
  }
  if (schema.uniqueItems === true && new Set(list.map((v) => JSON.stringify(v))).size !== list.length) return false;
  return true;
}

function objectHolds(schema: Doc, obj: Doc): boolean {
  const keys = Object.keys(obj);
  if (Array.isArray(schema.required) && !schema.required.every((k) => typeof k === 'string' && Object.prototype.hasOwnProperty.call(obj, k))) return false;
  if (typeof schema.minProperties === 'number' && keys.length < schema.minProperties) return false;
  if (typeof schema.maxProperties === 'number' && keys.length > schema.maxProperties) return false;
  const properties = isPlainObject(schema.properties) ? schema.properties : {};
  for (const key of keys) {
    const sub = Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : undefined;
    if (isPlainObject(sub)) {
      if (!matchesJsonSchema(sub, obj[key])) return false;
    } else if (schema.additionalProperties === false) {
      return false;
    } else if (isPlainObject(schema.additionalProperties) && !matchesJsonSchema(schema.additionalProperties, obj[key])) {
      return false;
    }
  }
  return true;
}
