import { z } from 'zod';

/**
 * Text people write (names, titles, bodies) with the characters nobody can see taken out:
 * C0/C1 control characters other than line breaks and tabs, bidirectional overrides,
 * embeddings, isolates and marks (which can make "exe.txt" read as "txt.exe"), zero-width
 * spaces, word joiners, byte-order marks, soft hyphens and the Hangul fillers used for
 * "blank" names. Zero-width joiners stay where they join two visible characters, because
 * emoji sequences (👨‍👩‍👧) and some scripts need them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// eslint-disable-next-line no-misleading-character-class -- the Hangul fillers are listed one by one on purpose
const INVISIBLE = /[\u00AD\u034F\u115F\u1160\u180E\u200B\u2060-\u2064\u206A-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]/g;
const STRAY_JOINER = /(?<![\p{L}\p{M}\p{N}\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])[\u200C\u200D]|[\u200C\u200D](?![\p{L}\p{M}\p{N}\p{Extended_Pictographic}])/gu;

/** The message key (vi/en catalogue) of a text that has nothing visible left in it. */
export const NOT_VISIBLE_KEY = 'text.not_visible';

/** Removes invisible and control characters; single-line text also turns line breaks and tabs into spaces. */
export function cleanPersonText(raw: string, options: { multiline?: boolean } = {}): string {
  let text = raw.replace(/\r\n?/g, '\n').replace(/[\u2028\u2029]/g, '\n');
  text = text.replace(CONTROLS, '').replace(BIDI, '').replace(INVISIBLE, '');
  // Twice: removing one stray joiner can leave its neighbour stray.
  text = text.replace(STRAY_JOINER, '').replace(STRAY_JOINER, '');
  return options.multiline ? text : text.replace(/[\n\t]+/g, ' ');
}

/** True when the text shows something once invisible characters and spaces are ignored. */
export function hasVisibleText(raw: string): boolean {
  return /\S/u.test(cleanPersonText(raw).replace(/[\u200C\u200D]/g, ''));
}

/**
 * The zod schema for every field a person writes: cleaned as above, trimmed, then held to
 * `min`/`max`. Text made only of invisible characters is refused as `text.not_visible`
 * (empty text keeps zod's usual "too short"). Use `multiline` for bodies and descriptions.
 */
export function personText(options: { min?: number; max: number; multiline?: boolean }) {
  const { min = 1, max, multiline = false } = options;
  return z
    .string()
    .refine((raw) => raw.trim().length === 0 || hasVisibleText(raw), { message: NOT_VISIBLE_KEY, abort: true })
    .overwrite((raw) => cleanPersonText(raw, { multiline }))
    .trim()
    .min(min)
    .max(max);
}
