import { describe, expect, it } from 'vitest';
import { parseTextSearch } from '../../../src/db/embedded/text/parse-text-search.js';

describe('parseTextSearch', () => {
  it('collects words, phrases and negations', () => {
    expect(parseTextSearch('coffee "hot tea" -milk -"iced latte"')).toEqual({
      positiveText: 'coffee hot tea',
      negatedText: 'milk',
      positivePhrases: ['hot tea'],
      negatedPhrases: ['iced latte'],
    });
  });

  it('negates only a dash after whitespace', () => {
    expect(parseTextSearch('foo-bar').negatedText).toBe('');
    expect(parseTextSearch('-foo-bar baz')).toMatchObject({ negatedText: 'foo bar', positiveText: 'baz' });
    expect(parseTextSearch('- foo').negatedText).toBe('');
  });

  it('treats an unterminated quote as plain words', () => {
    expect(parseTextSearch('"open phrase')).toMatchObject({ positiveText: 'open phrase', positivePhrases: [] });
  });
});
