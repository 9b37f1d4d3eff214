/**
 * SPDX identifiers of the licences open-source products in the catalogue actually use
 * (https://spdx.org/licenses/). A short list on purpose: a typo ("Apache 2") should be
 * refused, and a rare licence can be added here in one line.
 */
const SPDX_IDS = [
  '0BSD', 'AGPL-3.0-only', 'AGPL-3.0-or-later', 'Apache-2.0', 'Artistic-2.0', 'BSD-2-Clause', 'BSD-3-Clause',
  'BSL-1.0', 'CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0', 'CDDL-1.0', 'ECL-2.0', 'EPL-1.0', 'EPL-2.0', 'EUPL-1.2',
  'GPL-2.0-only', 'GPL-2.0-or-later', 'GPL-3.0-only', 'GPL-3.0-or-later', 'ISC', 'LGPL-2.1-only',
  'LGPL-2.1-or-later', 'LGPL-3.0-only', 'LGPL-3.0-or-later', 'MIT', 'MIT-0', 'MPL-2.0', 'MS-PL', 'OFL-1.1',
  'OSL-3.0', 'PostgreSQL', 'Python-2.0', 'Unlicense', 'UPL-1.0', 'WTFPL', 'Zlib',
] as const;

const BY_LOWER = new Map(SPDX_IDS.map((id) => [id.toLowerCase(), id]));

/**
 * The canonical spelling of an SPDX licence expression made of known ids joined by
 * AND / OR ("apache-2.0 or mit" → "Apache-2.0 OR MIT"), or null when it is not one.
 */
export function canonicalSpdx(expression: string): string | null {
  const words = expression.trim().split(/\s+/);
  if (words.length === 0 || words.length % 2 === 0 || words.length > 7) return null;
  const out: string[] = [];
  for (const [i, word] of words.entries()) {
    if (i % 2 === 1) {
      const op = word.toUpperCase();
      if (op !== 'AND' && op !== 'OR') return null;
      out.push(op);
    } else {
      const id = BY_LOWER.get(word.toLowerCase());
      if (!id) return null;
      out.push(id);
    }
  }
  return out.join(' ');
}
