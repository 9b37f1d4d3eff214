import { describe, expect, it } from 'vitest';
import { cleanPersonText, hasVisibleText, personText } from '../../../src/domain/shared/person-text.js';

describe('person-written text', () => {
  it('drops NUL, C0/C1 controls, bidi overrides and zero-width spaces from a name', () => {
    expect(cleanPersonText('Lan\u0000 \u202EgnpJ.exe\u202C\u200B Nguyễn\u0085\u0007')).toBe('Lan gnpJ.exe Nguyễn');
  });

  it('keeps line breaks and tabs in bodies, and makes them spaces in single-line fields', () => {
    expect(cleanPersonText('a\r\nb\tc\u2028d', { multiline: true })).toBe('a\nb\tc\nd');
    expect(cleanPersonText('a\r\nb\tc')).toBe('a b c');
  });

  it('keeps emoji joined by ZWJ and drops joiners standing alone', () => {
    expect(cleanPersonText('👨‍👩‍👧 ok')).toBe('👨‍👩‍👧 ok');
    expect(cleanPersonText('\u200D\u200Chi\u200D ')).toBe('hi ');
  });

  it('tells text with nothing visible from text with something to read', () => {
    expect(hasVisibleText('\u200B\u202E\u2066\u3164\u200D\uFEFF ')).toBe(false);
    expect(hasVisibleText('\u200Bà')).toBe(true);
  });

  it('refuses invisible-only text with the catalogue key and cleans the rest', () => {
    const body = personText({ max: 50, multiline: true });
    const refused = body.safeParse('\u200B\u200E\u2060');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.message)).toEqual(['text.not_visible']);
    expect(body.parse(' \u202EXin chào\u0000 ')).toBe('Xin chào');
    expect(body.safeParse('   ').error?.issues[0]?.code).toBe('too_small');
  });
});
