import { findTextLanguage } from './text-language.js';

/** What scoreDocument needs to know about a text index. */
export interface TextIndexDefinition {
  /** field path -> weight; '$**' for wildcard */
  weights: Record<string, number>;
  defaultLanguage: string;
  languageOverride: string;
}

export const WILDCARD = '$**';
// MongoDB: weights must be > 0 and < MAX_WEIGHT / 10000.
const MAX_WORD_WEIGHT = 100_000;
const SUPPORTED_VERSIONS = new Set([2, 3]);

function fail(message: string): never {
  throw new Error(`invalid text index spec: ${message}`);
}

function textFieldsOf(key: Record<string, unknown>): string[] {
  const fields: string[] = [];
  let state: 'before' | 'text' | 'after' = 'before';
  for (const [name, value] of Object.entries(key)) {
    if (name === '_ftsx') {
      if (value !== 1) fail('expecting _ftsx:1');
      continue;
    }
    const isText = value === 'text';
    if (name === '_fts') {
      if (!isText) fail('expecting _fts:"text"');
    } else if (isText) {
      fields.push(name);
    } else if (value !== 1 && value !== -1) {
      fail(`expected value 1 or -1 for non-text key '${name}' in compound index, got ${JSON.stringify(value)}`);
    }
    if (isText && state === 'after') fail("'text' fields in index must all be adjacent");
    if (isText) state = 'text';
    else if (state === 'text') state = 'after';
  }
  if (state === 'before') fail('the key has no field of type "text"');
  return fields;
}

function optionWeights(weights: unknown): Record<string, unknown> {
  if (weights === undefined) return {};
  if (weights === WILDCARD) return { [WILDCARD]: 1 };
  if (typeof weights !== 'object' || weights === null || Array.isArray(weights)) {
    fail("text index option 'weights' must be an object");
  }
  return weights as Record<string, unknown>;
}

function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  // BSON numeric wrappers (Int32, Double, Long, Decimal128) all stringify to their value.
  if (typeof value === 'object' && value !== null && '_bsontype' in value) {
    const n = Number(String(value));
    return Number.isNaN(n) ? null : n;
  }
  return null;
}

function stringOption(options: Record<string, unknown>, name: string, fallback: string): string {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'string') fail(`${name} must be a string`);
  return value;
}

/** Builds the definition from createIndexes key + options ({title:'text'}, weights, default_language, language_override); throws on invalid specs. */
export function textIndexDefinition(key: Record<string, unknown>, options: Record<string, unknown>): TextIndexDefinition {
  const weights: Record<string, number> = {};
  const raw: Record<string, unknown> = {};
  for (const field of textFieldsOf(key)) raw[field] = 1;
  Object.assign(raw, optionWeights(options.weights));
  for (const [field, value] of Object.entries(raw)) {
    const n = numberOf(value);
    if (n === null) fail(`weight for text index field '${field}' needs numeric type`);
    // MongoDB stores weights with numberInt(): 2.7 becomes 2, 0.5 becomes 0 (and is refused).
    const weight = Math.trunc(n);
    if (!(weight > 0 && weight < MAX_WORD_WEIGHT)) {
      fail(`weight for field '${field}' must be an integer in [1, ${MAX_WORD_WEIGHT - 1}], got ${String(n)}`);
    }
    weights[field] = weight;
  }
  if (Object.keys(weights).length === 0) fail('no text fields');

  const defaultLanguage = stringOption(options, 'default_language', 'english');
  if (!findTextLanguage(defaultLanguage)) {
    fail(`default_language '${defaultLanguage}' is not supported (use 'none' for languages MongoDB has no stemmer for)`);
  }
  const languageOverride = stringOption(options, 'language_override', 'language');
  if (languageOverride === '' || languageOverride.startsWith('$') || languageOverride.includes('.')) {
    fail(`language_override '${languageOverride}' must be a non-empty field name without '$' prefix or '.'`);
  }
  const version = options.textIndexVersion;
  if (version !== undefined && !SUPPORTED_VERSIONS.has(numberOf(version) ?? NaN)) {
    fail(`textIndexVersion ${String(version)} is not supported; supported: 2, 3`);
  }
  return { weights, defaultLanguage, languageOverride };
}
