import { describe, expect, it } from 'vitest';
import { scoreDocument, textDocumentLanguageError, textIndexDefinition, type TextQuery } from '../../../src/db/embedded/text/text-search.js';

const viIndex = textIndexDefinition({ title: 'text', body: 'text' }, { default_language: 'none' });
const enIndex = textIndexDefinition({ title: 'text', body: 'text' }, {});

function matching(docs: Record<string, unknown>[], index = viIndex, query: TextQuery | string = 'x'): unknown[] {
  const q = typeof query === 'string' ? { $search: query } : query;
  return docs
    .map((doc) => ({ doc, score: scoreDocument(doc, index, q) }))
    .filter((r) => r.score !== null)
    .sort((a, b) => (b.score as number) - (a.score as number))
    .map((r) => r.doc._id);
}

const forum = [
  { _id: 1, title: 'Hội thảo công nghệ Hải Phòng', body: 'Chuyên gia phần mềm gặp doanh nghiệp' },
  { _id: 2, title: 'Đà Nẵng IT fair', body: 'Triển lãm công nghệ thông tin' },
  { _id: 3, title: 'Tuyển dụng', body: 'Công ty phần mềm ở Hà Nội cần chuyên gia AI' },
];

describe('text search: Vietnamese with default_language none', () => {
  it('matches without diacritics and ignores case', () => {
    expect(matching(forum, viIndex, 'hai phong')).toEqual([1]);
    expect(matching(forum, viIndex, 'CONG NGHE')).toEqual(expect.arrayContaining([1, 2]));
  });

  it('does not fold đ into d, like MongoDB', () => {
    expect(matching(forum, viIndex, 'da')).toEqual([]);
    expect(matching(forum, viIndex, '"da nang"')).toEqual([]);
    expect(matching(forum, viIndex, 'đa')).toEqual([2]);
    expect(matching(forum, viIndex, '"ĐA NANG"')).toEqual([2]);
  });

  it('requires every quoted phrase, as a folded substring', () => {
    expect(matching(forum, viIndex, '"phan mem" "chuyen gia AI"')).toEqual([3]);
    expect(matching(forum, viIndex, 'phan "mem gap"')).toEqual([1]);
  });

  it('excludes negated words and phrases', () => {
    expect(matching(forum, viIndex, 'phan mem -ha')).toEqual([1]);
    expect(matching(forum, viIndex, 'cong nghe -"hai phong"')).toEqual([2, 3]);
  });

  it('matches nothing when the search has only negations', () => {
    expect(matching(forum, viIndex, '-hai')).toEqual([]);
  });

  it('respects $diacriticSensitive and $caseSensitive', () => {
    expect(matching(forum, viIndex, { $search: 'hai phong', $diacriticSensitive: true })).toEqual([]);
    expect(matching(forum, viIndex, { $search: 'Hải Phòng', $diacriticSensitive: true })).toEqual([1]);
    expect(matching(forum, viIndex, { $search: 'hội', $caseSensitive: true })).toEqual([]);
    expect(matching(forum, viIndex, { $search: 'Hội', $caseSensitive: true })).toEqual([1]);
    expect(matching(forum, viIndex, { $search: '"hai PHONG"', $caseSensitive: true })).toEqual([]);
  });
});

describe('text search: English', () => {
  const docs = [
    { _id: 'a', title: 'Running a seminar', body: 'The experts run it' },
    { _id: 'b', title: 'Cloud data', body: 'and the of' },
  ];

  it('stems: "running" finds "run"', () => {
    expect(matching([{ _id: 1, title: 'run' }], enIndex, 'running')).toEqual([1]);
    expect(matching(docs, enIndex, 'runs')).toEqual(['a']);
  });

  it('drops stop words from documents and queries', () => {
    expect(matching(docs, enIndex, 'the')).toEqual([]);
    expect(matching(docs, enIndex, 'the cloud')).toEqual(['b']);
  });

  it('does not stem or drop stop words with $language none', () => {
    expect(matching(docs, enIndex, { $search: 'running', $language: 'none' })).toEqual([]);
    expect(() => scoreDocument(docs[0] as Record<string, unknown>, enIndex, { $search: 'x', $language: 'klingon' })).toThrow(/unsupported/);
  });
});

describe('text search: score', () => {
  it('follows MongoDB: weight * freq * (0.5 * count / tokens + 0.5), 1.1x for a whole-field match', () => {
    expect(scoreDocument({ title: 'run' }, enIndex, { $search: 'running' })).toBeCloseTo(1.1);
    // coffee: count 2 of 3 tokens, freq 1 + 1/2, coeff 0.5 * 2/3 + 0.5
    expect(scoreDocument({ title: 'coffee shop coffee' }, viIndex, { $search: 'coffee' })).toBeCloseTo(1.25);
    // Terms add up; fields add up.
    expect(scoreDocument({ title: 'coffee shop', body: 'coffee' }, viIndex, { $search: 'coffee shop' })).toBeCloseTo(0.75 + 0.75 + 1.1);
  });

  it('ranks by field weights', () => {
    const titleHeavy = textIndexDefinition({ title: 'text', body: 'text' }, { weights: { title: 10 } });
    const bodyHeavy = textIndexDefinition({ title: 'text', body: 'text' }, { weights: { body: 10 } });
    expect(scoreDocument({ title: 'rust', body: 'x' }, titleHeavy, { $search: 'rust' })).toBeCloseTo(11);
    const ranked = (index: typeof titleHeavy) => matching([{ _id: 1, title: 'rust', body: 'x' }, { _id: 2, title: 'x', body: 'rust' }], index, 'rust');
    expect(ranked(titleHeavy)).toEqual([1, 2]);
    expect(ranked(bodyHeavy)).toEqual([2, 1]);
  });
});

describe('text search: fields', () => {
  it('indexes each string of an array', () => {
    const index = textIndexDefinition({ tags: 'text' }, { default_language: 'none' });
    expect(scoreDocument({ tags: ['rust', 'go', 42] }, index, { $search: 'go' })).toBeCloseTo(1.1);
  });

  it("indexes every string with '$**', nested and in arrays, but not the language field", () => {
    const index = textIndexDefinition({ '$**': 'text' }, { default_language: 'none' });
    const doc = { a: { b: ['x', { c: 'deep value' }] }, n: 5, language: 'english' };
    expect(scoreDocument(doc, index, { $search: 'deep' })).not.toBeNull();
    expect(scoreDocument(doc, index, { $search: 'english' })).toBeNull();
  });

  it('follows dotted paths into sub-documents and arrays of them', () => {
    const index = textIndexDefinition({ 'comments.text': 'text' }, { default_language: 'none' });
    expect(scoreDocument({ comments: [{ text: 'hello' }, { text: 'world' }] }, index, { $search: 'world' })).not.toBeNull();
    expect(scoreDocument({ comments: { other: 'world' } }, index, { $search: 'world' })).toBeNull();
  });

  it('uses the per-document language named by language_override', () => {
    const index = textIndexDefinition({ body: 'text' }, { default_language: 'none', language_override: 'lang' });
    expect(scoreDocument({ body: 'running', lang: 'en' }, index, { $search: 'run', $language: 'english' })).not.toBeNull();
    expect(scoreDocument({ body: 'running' }, index, { $search: 'run', $language: 'english' })).toBeNull();
    expect(textDocumentLanguageError({ body: 'x', lang: 'vi' }, index)).toBe('language override unsupported: vi');
    expect(textDocumentLanguageError({ body: 'x', lang: 'en' }, index)).toBeNull();
  });
});

describe('textIndexDefinition', () => {
  it('builds weights and languages from key and options', () => {
    expect(textIndexDefinition({ title: 'text', body: 'text' }, { weights: { title: 3 }, default_language: 'none', language_override: 'lang' }))
      .toEqual({ weights: { title: 3, body: 1 }, defaultLanguage: 'none', languageOverride: 'lang' });
    expect(textIndexDefinition({ category: 1, '$**': 'text' }, {}).weights).toEqual({ '$**': 1 });
  });

  it('rejects invalid specs with clear messages', () => {
    expect(() => textIndexDefinition({ title: 'text' }, { default_language: 'vietnamese' })).toThrow(/default_language 'vietnamese'/);
    expect(() => textIndexDefinition({ title: 'text' }, { weights: { title: 0 } })).toThrow(/weight/);
    expect(() => textIndexDefinition({ title: 'text' }, { weights: { title: 'heavy' } })).toThrow(/numeric/);
    expect(() => textIndexDefinition({ a: 'text', b: 1, c: 'text' }, {})).toThrow(/adjacent/);
    expect(() => textIndexDefinition({ a: 1 }, {})).toThrow(/text/);
    expect(() => textIndexDefinition({ a: 'text' }, { language_override: '$lang' })).toThrow(/language_override/);
  });
});
