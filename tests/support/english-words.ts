/**
 * A heuristic for "this Vietnamese text still has English in it": words that are common in
 * English sentences and never Vietnamese words (so "to", "an", "do", "no", which are, are left
 * out). Quoted values ("other", “Asia/Tokyo”) and identifiers (endsAt, contest.opensAt,
 * Asia/Ho_Chi_Minh) are machine words, not prose, and are skipped.
 */
const ENGLISH = new Set(
  `must should expected received invalid input string number boolean object array undefined too small big large long short
   characters character after before exceed exceeds needs need required field fields value values option options keys key
   unrecognized unrecognised unknown match pattern format greater less than least most between wrong other say what when
   not the is are be of or and with items item letters digits contain contains such as like one least empty allowed only
   please try again date time zone code codes hexadecimal submission ranked once repeat channel change set place online
   link both text name lower case words joined dashes phone username differ`.split(/\s+/).filter(Boolean),
);

/** The English words left in `text` after quoted values and identifiers are removed. */
export function englishWordsIn(text: string): string[] {
  const prose = text
    .replace(/"[^"]*"|“[^”]*”|'[^']*'|`[^`]*`/g, ' ')
    .split(/\s+/)
    // Identifiers: camelCase, dotted paths, zone names, snake_case.
    .filter((token) => !/[a-z][A-Z]|[./_]\w/.test(token));
  return prose
    .flatMap((token) => token.toLowerCase().split(/[^\p{L}]+/u))
    .filter((word) => ENGLISH.has(word));
}
