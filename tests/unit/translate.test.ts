import { describe, expect, it } from 'vitest';
import { messages } from '../../src/i18n/messages.js';
import { localeFromAcceptLanguage, preferredLocale, translate } from '../../src/i18n/translate.js';

describe('message catalogue', () => {
  it('has a Vietnamese and an English text for every message', () => {
    for (const [key, texts] of Object.entries(messages)) {
      expect(texts.vi.trim(), `${key} vi`).not.toBe('');
      expect(texts.en.trim(), `${key} en`).not.toBe('');
      expect(texts.vi, `${key} must be translated`).not.toBe(texts.en);
    }
  });

  it('fills placeholders in the chosen language', () => {
    expect(translate('vi', 'route.not_found', { method: 'GET', path: '/x' })).toBe(
      'Không tìm thấy đường dẫn GET /x.',
    );
    expect(translate('en', 'route.not_found', { method: 'GET', path: '/x' })).toBe('There is no route GET /x.');
  });

  it('picks the language a browser prefers, by quality', () => {
    expect(localeFromAcceptLanguage('vi-VN,vi;q=0.9,en;q=0.8')).toBe('vi');
    expect(localeFromAcceptLanguage('fr-FR,en;q=0.5,vi;q=0.7')).toBe('vi');
    expect(localeFromAcceptLanguage('en-GB')).toBe('en');
  });

  it('falls back when neither language is acceptable or the header is absent', () => {
    expect(localeFromAcceptLanguage('fr, de;q=0.8')).toBe('en');
    expect(localeFromAcceptLanguage(undefined, 'vi')).toBe('vi');
    expect(localeFromAcceptLanguage('vi;q=0')).toBe('en');
  });

  it('reads "*" and other languages as no preference, leaving the choice to the caller', () => {
    expect(preferredLocale('*')).toBeUndefined();
    expect(preferredLocale('fr-FR, *;q=0.5')).toBeUndefined();
    expect(preferredLocale(undefined)).toBeUndefined();
    expect(preferredLocale('*, vi;q=0.4')).toBe('vi');
  });
});
