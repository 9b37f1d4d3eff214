/**
 * The one splitter for texts longer than a platform allows (bot replies and notices alike).
 * Pieces prefer paragraph breaks, then line breaks, then spaces; a word longer than the limit
 * is cut. A cut never falls inside a character the reader sees as one (an emoji's UTF-16
 * surrogate pair, a flag, a family emoji joined by ZWJ) and, for Telegram HTML, never inside
 * an entity (`&amp;`) or a tag; a tag open at a cut (`<b>`, `<code>`) is closed at the end of
 * the piece and opened again at the start of the next, so every piece parses on its own.
 */
export type TextMarkup = 'plain' | 'html' | 'markdown';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const TAG = /<(\/?)([a-z][a-z0-9-]*)[^<>]*>/gi;

/** Splits `text` into pieces of at most `limit` UTF-16 code units; joined, they hold every word. */
export function splitText(text: string, limit: number, markup: TextMarkup = 'plain'): string[] {
  if (limit < 1) throw new RangeError('limit must be at least 1');
  const pieces: string[] = [];
  let open: string[] = []; // opening tags in effect where `rest` starts (html only)
  let rest = text.trim();
  while (open.join('').length + rest.length > limit) {
    const reopen = open.join('');
    let budget = limit - reopen.length;
    for (;;) {
      if (budget < 1) throw new RangeError(`limit ${limit} leaves no room for the text after its open tags`);
      const cut = safeCut(rest, preferredCut(rest, budget), markup);
      const body = rest.slice(0, cut).trimEnd();
      const stillOpen = markup === 'html' ? openTagsAfter(open, body) : [];
      const piece = `${reopen}${body}${closingTags(stillOpen)}`;
      if (cut === 0) throw new RangeError(`limit ${limit} is too small for "${rest.slice(0, 16)}…"`);
      if (piece.length <= limit) {
        pieces.push(piece);
        open = stillOpen;
        rest = rest.slice(cut).trimStart();
        break;
      }
      budget -= piece.length - limit;
    }
  }
  if (rest.length > 0) pieces.push(`${open.join('')}${rest}`);
  return pieces;
}

/** Where a piece of at most `budget` units would end by the break rules, before safety. */
function preferredCut(rest: string, budget: number): number {
  if (rest.length <= budget) return rest.length;
  const window = rest.slice(0, budget + 1);
  return lastBreak(window, '\n\n') ?? lastBreak(window, '\n') ?? lastBreak(window, ' ') ?? budget;
}

function lastBreak(window: string, separator: string): number | undefined {
  const at = window.lastIndexOf(separator);
  // A break in the first fifth would leave a tiny piece; better to cut at a smaller separator.
  return at > window.length / 5 ? at : undefined;
}

/** Moves `cut` back to the nearest place that splits no grapheme, entity, tag or escape. */
function safeCut(rest: string, cut: number, markup: TextMarkup): number {
  let safe = graphemeBoundaryAtOrBefore(rest, cut);
  if (markup === 'html') {
    const lastLt = rest.lastIndexOf('<', safe - 1);
    if (lastLt >= 0 && rest.indexOf('>', lastLt) >= safe) safe = lastLt;
    const lastAmp = rest.lastIndexOf('&', safe - 1);
    if (lastAmp >= 0 && /^&(#\d+|#x[0-9a-f]+|[a-z]+);/i.test(rest.slice(lastAmp, lastAmp + 12)) && rest.indexOf(';', lastAmp) >= safe) safe = lastAmp;
  }
  // Markdown: "\*" cut after the backslash would turn the star into formatting.
  if (markup === 'markdown') while (safe > 0 && rest[safe - 1] === '\\') safe -= 1;
  return safe;
}

function graphemeBoundaryAtOrBefore(text: string, cut: number): number {
  if (cut >= text.length) return text.length;
  let boundary = 0;
  // Only the stretch around the cut matters; a grapheme is far shorter than 64 units.
  const from = Math.max(0, cut - 64);
  for (const { index } of graphemes.segment(text.slice(from, cut + 1))) {
    if (from + index > cut) break;
    boundary = from + index;
  }
  // The stretch may start mid-grapheme; its first boundary is then only trusted past it.
  return boundary === from && from > 0 ? graphemeBoundaryAtOrBefore(text, from - 1) : boundary;
}

/** The opening tags still in effect after `body`, given those in effect before it. */
function openTagsAfter(before: readonly string[], body: string): string[] {
  const open = [...before];
  for (const match of body.matchAll(TAG)) {
    const [tag, closing, name = ''] = match;
    if (closing) {
      const at = open.map(tagName).lastIndexOf(name.toLowerCase());
      if (at >= 0) open.splice(at, 1);
    } else {
      open.push(tag);
    }
  }
  return open;
}

function tagName(openingTag: string): string {
  return /^<([a-z][a-z0-9-]*)/i.exec(openingTag)?.[1]?.toLowerCase() ?? '';
}

function closingTags(open: readonly string[]): string {
  return [...open].reverse().map((tag) => `</${tagName(tag)}>`).join('');
}
