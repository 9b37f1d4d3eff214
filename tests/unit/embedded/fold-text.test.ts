import { describe, expect, it } from 'vitest';
import { foldText, stripDiacritics } from '../../../src/db/embedded/text/fold-text.js';
import { splitWords } from '../../../src/db/embedded/text/tokenize-text.js';
import { findTextLanguage, type TextLanguage } from '../../../src/db/embedded/text/text-language.js';

const language = (name: string): TextLanguage => findTextLanguage(name) as TextLanguage;

describe('foldText', () => {
  it('removes Vietnamese tone and vowel marks and lower-cases', () => {
    expect(foldText('Hải Phòng')).toBe('hai phong');
    expect(foldText('CÔNG NGHỆ thông tin')).toBe('cong nghe thong tin');
    expect(foldText('Trường Đại học')).toBe('truong đai hoc');
  });

  it('keeps đ/Đ as a separate letter, like MongoDB', () => {
    expect(foldText('Đà Nẵng')).toBe('đa nang');
    expect(stripDiacritics('đ')).toBe('đ');
  });

  it('folds decomposed input the same as precomposed', () => {
    expect(foldText('Hải'.normalize('NFD'))).toBe('hai');
  });

  it('respects case and diacritic sensitivity', () => {
    expect(foldText('Hải', { caseSensitive: true })).toBe('Hai');
    expect(foldText('Hải', { diacriticSensitive: true })).toBe('hải');
    expect(foldText('Hải', { caseSensitive: true, diacriticSensitive: true })).toBe('Hải');
  });
});

describe('splitWords', () => {
  it('splits on whitespace and punctuation but not on underscore', () => {
    expect(splitWords('node.js, C++ & snake_case—ok?', language('none'))).toEqual(['node', 'js', 'C', 'snake_case', 'ok']);
  });

  it("keeps the ASCII apostrophe inside English words only", () => {
    expect(splitWords("don't stop", language('english'))).toEqual(["don't", 'stop']);
    expect(splitWords("don't stop", language('none'))).toEqual(['don', 't', 'stop']);
  });

  it('handles characters outside the BMP', () => {
    expect(splitWords('a😀b c', language('none'))).toEqual(['a😀b', 'c']);
  });
});
