import { foldedTerm, splitWords } from './tokenize-text.js';
import type { TextValue } from './text-fields.js';

/**
 * What a document contributes to a text index: term -> the score MongoDB stores in its index
 * key. Stop words are kept with score 0 because the matcher still sees them when checking
 * negations; real scores are always > 0.
 */
export type DocumentTerms = Map<string, number>;

// Only ASCII letters are compared case-insensitively by StringData::equalCaseInsensitive.
const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * Adds one string's contribution, following MongoDB's FTSSpec::_scoreStringV2 (text index
 * v2/v3). For each distinct term of the string (stop words removed, numTokens counted
 * without them):
 *
 *   freq   = 1 + 1/2 + 1/4 + … (count terms)       = 2 - 2^(1 - count)   (damped repeats)
 *   coeff  = 0.5 * count / numTokens + 0.5          (share of the string's tokens)
 *   adjust = 1.1 when the whole raw string equals the term (ASCII case-insensitively), else 1
 *   score[term] += weight * freq * coeff * adjust
 *
 * Scores add up across fields and array elements; a query's score is the sum of
 * score[term] over its distinct positive terms that the document has.
 */
export function addTextValueScores(value: TextValue, into: DocumentTerms): void {
  const { language, text, weight } = value;
  const counts = new Map<string, number>();
  let numTokens = 0;
  // Lower-casing the whole string once gives the same words as per word, and is cheaper.
  for (const lower of splitWords(text.toLowerCase(), language)) {
    const { term, stopWord } = foldedTerm(lower, language);
    if (stopWord) {
      if (!into.has(term)) into.set(term, 0);
      continue;
    }
    counts.set(term, (counts.get(term) ?? 0) + 1);
    numTokens++;
  }
  for (const [term, count] of counts) {
    const freq = 2 - 2 ** (1 - count);
    const coeff = (0.5 * count) / numTokens + 0.5;
    const adjustment = text.length === term.length && asciiLower(text) === term ? 1.1 : 1;
    into.set(term, (into.get(term) ?? 0) + weight * freq * coeff * adjustment);
  }
}
