/**
 * Folds text for search: lower case, no diacritics, and đ → d (MongoDB's own diacritic
 * folding keeps đ apart, so "da nang" would not find "Đà Nẵng" without this).
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}
