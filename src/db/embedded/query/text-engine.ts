import { ErrorCode, MongoError } from '../mongo-errors.js';
import { isPlainObject, type Doc } from '../storage/document-paths.js';

/** Mirrors text/text-search.ts: which fields a text index covers and with what weight. */
export interface TextIndexDefinition { weights: Record<string, number>; defaultLanguage: string; languageOverride: string }
/** Mirrors text/text-search.ts: the argument of a $text query. */
export interface TextQuery { $search: string; $language?: string; $caseSensitive?: boolean; $diacriticSensitive?: boolean }

/** The text-search port: scoring lives in text/, injected so the query layer does not depend on it. */
export interface TextEngine {
  scoreDocument(doc: Doc, index: TextIndexDefinition, query: TextQuery): number | null;
  textIndexDefinition(key: Record<string, unknown>, options: Record<string, unknown>): TextIndexDefinition;
  /** The scoring terms of a document with their scores (what an inverted index files it under). */
  documentTermScores(doc: Doc, index: TextIndexDefinition): [string, number][];
  /** The terms a query looks up; a document without any of them cannot match. */
  searchTerms(query: TextQuery, index: TextIndexDefinition): string[];
  /** True when a document's score is the sum of its term scores for the query's terms, and matches when > 0. */
  scoredByTermsAlone(query: TextQuery, index: TextIndexDefinition): boolean;
}

/** Hidden field carrying the text score through mingo (sort, $project); stripped before replying. */
export const TEXT_SCORE_FIELD = '__embeddedTextScore__';

/** Splits a top-level $text (alone or inside a top-level $and) off a filter. */
export function extractText(filter: Doc): { rest: Doc; text: TextQuery | null } {
  // Most filters hold neither: no copy (callers only read `rest`).
  if (!Object.hasOwn(filter, '$text') && !Array.isArray(filter.$and)) return { rest: filter, text: null };
  const { $text, ...rest } = filter;
  let text = $text === undefined ? null : parseTextQuery($text);
  if (Array.isArray(rest.$and)) {
    const others = rest.$and.filter((clause: unknown) => {
      if (!isPlainObject(clause) || clause.$text === undefined) return true;
      if (text) throw new MongoError(ErrorCode.BadValue, 'Too many text expressions');
      text = parseTextQuery(clause.$text);
      const extra = Object.keys(clause).filter((k) => k !== '$text');
      return extra.length > 0;
    });
    rest.$and = others.map((c: unknown) => (isPlainObject(c) && c.$text !== undefined ? withoutText(c) : c));
    if ((rest.$and as unknown[]).length === 0) delete rest.$and;
  }
  return { rest, text };
}

function withoutText(clause: Doc): Doc {
  const { $text: _ignored, ...others } = clause;
  return others;
}

function parseTextQuery(value: unknown): TextQuery {
  if (!isPlainObject(value) || typeof value.$search !== 'string') {
    throw new MongoError(ErrorCode.FailedToParse, '$text requires a $search string');
  }
  const query: TextQuery = { $search: value.$search };
  if (typeof value.$language === 'string') query.$language = value.$language;
  if (typeof value.$caseSensitive === 'boolean') query.$caseSensitive = value.$caseSensitive;
  if (typeof value.$diacriticSensitive === 'boolean') query.$diacriticSensitive = value.$diacriticSensitive;
  return query;
}

/** Rebuilds the createIndexes-style key of a stored text index spec (weights name its fields). */
export function textKeyOf(spec: Doc): Record<string, unknown> {
  const weights = isPlainObject(spec.weights) ? spec.weights : {};
  return Object.fromEntries(Object.keys(weights).map((field) => [field, 'text']));
}

/** True for `{$meta: 'textScore'}`. */
export function isTextScoreMeta(value: unknown): boolean {
  return isPlainObject(value) && value.$meta === 'textScore' && Object.keys(value).length === 1;
}
