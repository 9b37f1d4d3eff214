/**
 * Parses a $text `$search` string the way MongoDB's FTSQueryImpl::parse does.
 *
 * - Words are OR'ed; words inside "quoted phrases" also count as words.
 * - A '-' right after whitespace (or at the start) negates the following word or phrase,
 *   up to the next whitespace: "-foo-bar" negates both, "foo-bar" negates nothing.
 * - A negated phrase contributes no words. An unterminated quote is not a phrase, but its
 *   words still count.
 * Only ' ', \n, \v, \f and \r separate tokens here (a tab does not), as in MongoDB.
 */
export interface ParsedTextSearch {
  /** Text whose words are the positive terms (tokenised later with the query language). */
  positiveText: string;
  /** Text whose words are the negated terms. */
  negatedText: string;
  positivePhrases: string[];
  negatedPhrases: string[];
}

type TokenType = 'text' | 'delimiter' | 'space';

function charType(c: string): TokenType {
  switch (c) {
    case '\n': case '\v': case '\f': case '\r': case ' ':
      return 'space';
    case '-': case '"':
      return 'delimiter';
    default:
      return 'text';
  }
}

interface QueryToken { type: 'text' | 'delimiter'; data: string; offset: number; previousWhiteSpace: boolean }

function* queryTokens(search: string): Generator<QueryToken> {
  let pos = 0;
  const skipSpace = (): boolean => {
    const start = pos;
    while (pos < search.length && charType(search.charAt(pos)) === 'space') pos++;
    return pos > start;
  };
  skipSpace();
  let previousWhiteSpace = true;
  while (pos < search.length) {
    const start = pos++;
    const type = charType(search.charAt(start)) as 'text' | 'delimiter';
    if (type === 'text') while (pos < search.length && charType(search.charAt(pos)) === 'text') pos++;
    const token = { type, data: search.slice(start, pos), offset: start, previousWhiteSpace };
    previousWhiteSpace = skipSpace();
    yield token;
  }
}

/** Splits a $search string into positive/negated words and phrases. */
export function parseTextSearch(search: string): ParsedTextSearch {
  const positive: string[] = [];
  const negated: string[] = [];
  const positivePhrases: string[] = [];
  const negatedPhrases: string[] = [];
  let inNegation = false;
  let inPhrase = false;
  let quoteOffset = 0;

  for (const t of queryTokens(search)) {
    if (t.type === 'text') {
      if (inPhrase && inNegation) continue; // words of a negated phrase are not terms
      if (inNegation && t.previousWhiteSpace) inNegation = false;
      (inNegation ? negated : positive).push(t.data);
    } else if (t.data === '-') {
      // Words inside a phrase cannot be negated; a phrase as a whole can.
      if (!inPhrase && t.previousWhiteSpace) inNegation = true;
    } else if (inPhrase) {
      const phrase = search.slice(quoteOffset + 1, t.offset);
      (inNegation ? negatedPhrases : positivePhrases).push(phrase);
      // inNegation stays: '-"a b"-"c d"' negates both phrases.
      inPhrase = false;
    } else {
      inPhrase = true;
      if (inNegation && t.previousWhiteSpace) inNegation = false;
      quoteOffset = t.offset;
    }
  }
  return { positiveText: positive.join(' '), negatedText: negated.join(' '), positivePhrases, negatedPhrases };
}
