import { findTextLanguage, type TextLanguage } from './text-language.js';
import { WILDCARD, type TextIndexDefinition } from './text-index-definition.js';

/** One indexed string with the language and weight MongoDB would use for it. */
export interface TextValue {
  text: string;
  language: TextLanguage;
  weight: number;
}

/** The index definition prepared for walking documents (sorted weights, resolved language). */
export interface CompiledTextIndex {
  wildcard: boolean;
  /** Weighted paths in code point order, as in MongoDB's std::map (wildcard excluded). */
  paths: string[];
  weights: ReadonlyMap<string, number>;
  defaultLanguage: TextLanguage;
  languageOverride: string;
  /** Memoised per-document analyses for this index (see text-search.ts). */
  analyses: WeakMap<object, unknown>;
}

const compiled = new WeakMap<TextIndexDefinition, CompiledTextIndex>();

/** Prepares (and memoises per definition object) the index for document walks. */
export function compileTextIndex(index: TextIndexDefinition): CompiledTextIndex {
  let result = compiled.get(index);
  if (!result) {
    const entries = Object.entries(index.weights).filter(([path]) => path !== WILDCARD);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const defaultLanguage = findTextLanguage(index.defaultLanguage);
    if (!defaultLanguage) throw new Error(`default_language unsupported: ${index.defaultLanguage}`);
    result = {
      wildcard: WILDCARD in index.weights,
      paths: entries.map(([path]) => path),
      weights: new Map(entries),
      defaultLanguage,
      languageOverride: index.languageOverride,
      analyses: new WeakMap(),
    };
    compiled.set(index, result);
  }
  return result;
}

function isSubDocument(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function lowerBound(sorted: readonly string[], target: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A sub-document may name its own language in the override field. MongoDB refuses an
 * unsupported or non-string value at insert time (strict, see textDocumentLanguageError);
 * when scoring it falls back to the inherited language so a query never throws.
 */
function frameLanguage(obj: Record<string, unknown>, index: CompiledTextIndex, inherited: TextLanguage, strict: boolean): TextLanguage {
  const value = obj[index.languageOverride];
  if (value === undefined) return inherited;
  if (typeof value !== 'string') {
    if (strict) throw new Error('found language override field in document with non-string type');
    return inherited;
  }
  const language = findTextLanguage(value);
  if (!language && strict) throw new Error(`language override unsupported: ${value}`);
  return language ?? inherited;
}

/**
 * Walks the document like MongoDB's FTSElementIterator: only weighted paths (or every path
 * for '$**'), sub-documents and one level of arrays (any depth with '$**'), each string
 * yielded with its frame's language and weight.
 */
export function collectTextValues(doc: Record<string, unknown>, index: CompiledTextIndex, strict = false): TextValue[] {
  const out: TextValue[] = [];
  const walk = (obj: Record<string, unknown> | unknown[], parentPath: string, isArray: boolean, language: TextLanguage): void => {
    for (const [fieldName, value] of Object.entries(obj)) {
      if (index.wildcard && fieldName === index.languageOverride) continue;
      const dotted = parentPath === '' ? fieldName : isArray ? parentPath : `${parentPath}.${fieldName}`;
      const isObject = isSubDocument(value);
      const i = lowerBound(index.paths, isObject ? `${dotted}.` : dotted);
      const candidate = index.paths[i];
      if (!index.wildcard && (candidate === undefined || !(candidate === dotted || candidate.startsWith(`${dotted}.`)))) {
        continue;
      }
      const exact = candidate === dotted;
      // MongoDB quirk kept on purpose: with '$**' a field takes the weight of the next
      // weighted path in sort order even when it is not that path (fts_element_iterator.cpp).
      const weight = candidate === undefined ? 1 : (index.weights.get(candidate) ?? 1);
      if (typeof value === 'string') {
        if (exact || index.wildcard) out.push({ text: value, language, weight });
      } else if (isObject) {
        if (!exact || index.wildcard) walk(value, dotted, false, frameLanguage(value, index, language, strict));
      } else if (Array.isArray(value)) {
        if (!isArray || index.wildcard) walk(value, dotted, true, language);
      }
    }
  };
  walk(doc, '', false, frameLanguage(doc, index, index.defaultLanguage, strict));
  return out;
}

/** MongoDB's insert-time error for a bad language override in an indexed part of doc, or null when fine. */
export function textDocumentLanguageError(doc: Record<string, unknown>, index: TextIndexDefinition): string | null {
  try {
    collectTextValues(doc, compileTextIndex(index), true);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
