import { foldText, type FoldOptions } from './fold-text.js';
import { parseTextSearch } from './parse-text-search.js';
import { compileTextIndex, collectTextValues, type CompiledTextIndex, type TextValue } from './text-fields.js';
import { requireTextLanguage, type TextLanguage } from './text-language.js';
import { addTextValueScores, type DocumentTerms } from './text-score.js';
import { tokenizeText } from './tokenize-text.js';

export { textIndexDefinition, type TextIndexDefinition } from './text-index-definition.js';
export { textDocumentLanguageError } from './text-fields.js';
import type { TextIndexDefinition } from './text-index-definition.js';

export interface TextQuery {
  $search: string;
  $language?: string;
  $caseSensitive?: boolean;
  $diacriticSensitive?: boolean;
}

/** A $text query turned into terms, as FTSQueryImpl does once per query. */
interface CompiledQuery {
  /** Folded, stop-word-free terms: what the index is searched with and scores come from. */
  boundsTerms: string[];
  /** Terms the matcher checks; only differ from boundsTerms when case/diacritic sensitive. */
  positiveTerms: Set<string>;
  negatedTerms: Set<string>;
  positivePhrases: string[];
  negatedPhrases: string[];
  fold: FoldOptions;
  sensitive: boolean;
}

const QUERY_CACHE_LIMIT = 256;
const queryCache = new Map<string, CompiledQuery>();

function compileQuery(query: TextQuery, defaultLanguage: TextLanguage): CompiledQuery {
  if (typeof query.$search !== 'string') throw new Error('$search must be a string');
  const language = query.$language === undefined ? defaultLanguage : requireTextLanguage(query.$language);
  const fold: FoldOptions = { caseSensitive: query.$caseSensitive === true, diacriticSensitive: query.$diacriticSensitive === true };
  const cacheKey = `${language.name}\u0000${String(fold.caseSensitive)}${String(fold.diacriticSensitive)}\u0000${query.$search}`;
  const cached = queryCache.get(cacheKey);
  if (cached) return cached;

  const parsed = parseTextSearch(query.$search);
  const sensitive = fold.caseSensitive === true || fold.diacriticSensitive === true;
  const matcherOptions = { filterStopWords: true, ...fold };
  const boundsTerms = [...new Set(tokenizeText(parsed.positiveText, language, { filterStopWords: true }))];
  const compiled: CompiledQuery = {
    boundsTerms,
    positiveTerms: sensitive ? new Set(tokenizeText(parsed.positiveText, language, matcherOptions)) : new Set(boundsTerms),
    negatedTerms: new Set(tokenizeText(parsed.negatedText, language, matcherOptions)),
    positivePhrases: parsed.positivePhrases.map((p) => foldText(p, fold)),
    negatedPhrases: parsed.negatedPhrases.map((p) => foldText(p, fold)),
    fold,
    sensitive,
  };
  if (queryCache.size >= QUERY_CACHE_LIMIT) queryCache.clear();
  queryCache.set(cacheKey, compiled);
  return compiled;
}

interface DocumentAnalysis {
  terms: DocumentTerms;
  /** Case- and diacritic-folded values for phrase matching, computed on first need. */
  folded?: string[];
}

/**
 * Analyses are memoised per document object (in the compiled index), so repeated queries
 * over the same stored documents skip tokenising. This relies on stored documents being
 * replaced, not mutated in place, on update; call forgetTextAnalysis after a mutation.
 */
function analyseDocument(doc: Record<string, unknown>, index: CompiledTextIndex): DocumentAnalysis {
  let analysis = index.analyses.get(doc) as DocumentAnalysis | undefined;
  if (!analysis) {
    analysis = { terms: new Map() };
    for (const value of collectTextValues(doc, index)) addTextValueScores(value, analysis.terms);
    index.analyses.set(doc, analysis);
  }
  return analysis;
}

/** Drops the memoised analysis of doc for index; needed only if a scored document is mutated in place. */
export function forgetTextAnalysis(doc: Record<string, unknown>, index: TextIndexDefinition): void {
  compileTextIndex(index).analyses.delete(doc);
}

function hasAnyTerm(values: TextValue[], terms: Set<string>, fold: FoldOptions): boolean {
  return values.some((v) => tokenizeText(v.text, v.language, fold).some((t) => terms.has(t)));
}

function phrasesMatch(doc: Record<string, unknown>, index: CompiledTextIndex, analysis: DocumentAnalysis, query: CompiledQuery): boolean {
  if (query.positivePhrases.length === 0 && query.negatedPhrases.length === 0) return true;
  let texts: string[];
  if (query.sensitive) {
    texts = collectTextValues(doc, index).map((v) => foldText(v.text, query.fold));
  } else {
    texts = analysis.folded ??= collectTextValues(doc, index).map((v) => foldText(v.text));
  }
  // Phrase matching is a substring test on each folded string, as in MongoDB.
  const found = (phrase: string): boolean => texts.some((t) => t.includes(phrase));
  return query.positivePhrases.every(found) && !query.negatedPhrases.some(found);
}

function hasNegatedTerm(doc: Record<string, unknown>, index: CompiledTextIndex, analysis: DocumentAnalysis, query: CompiledQuery): boolean {
  if (query.negatedTerms.size === 0) return false;
  if (query.sensitive) return hasAnyTerm(collectTextValues(doc, index), query.negatedTerms, query.fold);
  for (const term of query.negatedTerms) if (analysis.terms.has(term)) return true;
  return false;
}

/** The distinct scoring terms a document has under the index, with their scores: its postings in an inverted index. */
export function documentTermScores(doc: Record<string, unknown>, index: TextIndexDefinition): [string, number][] {
  const terms: [string, number][] = [];
  for (const [term, score] of analyseDocument(doc, compileTextIndex(index)).terms) if (score > 0) terms.push([term, score]);
  return terms;
}

/**
 * True when the query's score of a document is just the sum of its postings' scores for the
 * query's terms and any such sum > 0 matches: no phrases, no negations, not case- or
 * diacritic-sensitive. Otherwise scoreDocument must look at the document.
 */
export function scoredByTermsAlone(query: TextQuery, index: TextIndexDefinition): boolean {
  const compiled = compileQuery(query, compileTextIndex(index).defaultLanguage);
  return (
    !compiled.sensitive &&
    compiled.negatedTerms.size === 0 &&
    compiled.positivePhrases.length === 0 &&
    compiled.negatedPhrases.length === 0
  );
}

/** The terms a query looks up: a document can only match if it has at least one of them. */
export function searchTerms(query: TextQuery, index: TextIndexDefinition): string[] {
  return compileQuery(query, compileTextIndex(index).defaultLanguage).boundsTerms;
}

/** Returns the text score of doc for the query, or null when the doc does not match. */
export function scoreDocument(doc: Record<string, unknown>, index: TextIndexDefinition, query: TextQuery): number | null {
  const compiledIndex = compileTextIndex(index);
  const compiled = compileQuery(query, compiledIndex.defaultLanguage);
  // No positive term (only negations or stop words): MongoDB has nothing to look up.
  if (compiled.boundsTerms.length === 0) return null;

  const analysis = analyseDocument(doc, compiledIndex);
  let score = 0;
  for (const term of compiled.boundsTerms) score += analysis.terms.get(term) ?? 0;
  if (score === 0) return null;
  if (compiled.sensitive && !hasAnyTerm(collectTextValues(doc, compiledIndex), compiled.positiveTerms, compiled.fold)) {
    return null;
  }
  if (hasNegatedTerm(doc, compiledIndex, analysis, compiled)) return null;
  if (!phrasesMatch(doc, compiledIndex, analysis, compiled)) return null;
  return score;
}
