/**
 * Splits text into pieces no longer than `limit` characters, preferring paragraph breaks,
 * then line breaks, then spaces; a single over-long word is cut. Pieces keep their order
 * and, joined, contain all the original words.
 */
export function splitMessage(text: string, limit: number): string[] {
  if (limit < 1) throw new RangeError('limit must be at least 1');
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    const cut = lastBreak(window, '\n\n') ?? lastBreak(window, '\n') ?? lastBreak(window, ' ') ?? limit;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

function lastBreak(window: string, separator: string): number | undefined {
  const at = window.lastIndexOf(separator);
  // A break in the first fifth would leave a tiny piece; better to cut at a smaller separator.
  return at > window.length / 5 ? at : undefined;
}
