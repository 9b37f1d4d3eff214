/**
 * A rough model of how the Bot API parses formatted text: enough to reject what Telegram
 * rejects (unbalanced or unknown HTML tags, unescaped MarkdownV2 characters, unclosed
 * entities) and to measure the text length *after* parsing, which is what the 4096 limit
 * counts. It does not build entity arrays.
 */
export type Parsed = { ok: true; plain: string } | { ok: false; reason: string };

const HTML_TAGS = new Set([
  'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'code',
  'pre', 'blockquote', 'tg-emoji',
]);
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
const MARKDOWN_V2_RESERVED = '_*[]()~`>#+-=|{}.!';
const MARKDOWN_V2_MARKERS = ['```', '__', '||', '`', '*', '_', '~'] as const;
const ENTITY_NAMES: Record<string, string> = {
  '```': 'Pre', '__': 'Underline', '||': 'Spoiler', '`': 'Code', '*': 'Bold', '_': 'Italic',
  '~': 'Strikethrough', '[': 'TextUrl', '(': 'TextUrl',
};

/** Telegram reports positions in UTF-8 bytes. */
function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), 'utf8');
}

/** Strip and check HTML the way parse_mode=HTML does. */
export function parseHtml(src: string): Parsed {
  let plain = '';
  const open: string[] = [];
  for (let i = 0; i < src.length; ) {
    const ch = src[i] ?? '';
    if (ch === '<') {
      const end = src.indexOf('>', i);
      if (end < 0) return { ok: false, reason: `Unclosed start tag at byte offset ${byteOffset(src, i)}` };
      const raw = src.slice(i + 1, end).trim();
      const closing = raw.startsWith('/');
      const name = (closing ? raw.slice(1) : raw).trim().split(/[\s/]/)[0]?.toLowerCase() ?? '';
      if (!HTML_TAGS.has(name)) {
        const kind = closing ? 'end' : 'start';
        return { ok: false, reason: `Unsupported ${kind} tag "${name}" at byte offset ${byteOffset(src, i)}` };
      }
      if (closing) {
        const expected = open.pop();
        if (expected !== name) {
          return {
            ok: false,
            reason: `Unmatched end tag at byte offset ${byteOffset(src, i)}, expected "</${expected ?? ''}>", found "</${name}>"`,
          };
        }
      } else {
        open.push(name);
      }
      i = end + 1;
      continue;
    }
    if (ch === '&') {
      const match = /^&(#x[0-9a-f]+|#\d+|[a-z]+);/i.exec(src.slice(i));
      const decoded = match ? decodeEntity(match[1] ?? '') : undefined;
      if (match && decoded !== undefined) {
        plain += decoded;
        i += match[0].length;
        continue;
      }
    }
    plain += ch;
    i += 1;
  }
  const unclosed = open.at(-1);
  if (unclosed) return { ok: false, reason: `Can't find end tag corresponding to start tag "${unclosed}"` };
  return { ok: true, plain };
}

function decodeEntity(body: string): string | undefined {
  if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(parseInt(body.slice(2), 16));
  if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
  return NAMED_ENTITIES[body.toLowerCase()];
}

/** Strip and check MarkdownV2: every reserved character outside markup must be escaped. */
export function parseMarkdownV2(src: string): Parsed {
  let plain = '';
  const open: Array<{ marker: string; at: number }> = [];
  for (let i = 0; i < src.length; ) {
    const ch = src[i] ?? '';
    const top = open.at(-1)?.marker;
    if (ch === '\\') {
      plain += src[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (top === '```' || top === '`') {
      // Inside code only the closing fence (and backslash) is special.
      if (src.startsWith(top, i)) open.pop();
      else plain += ch;
      i += src.startsWith(top, i) ? top.length : 1;
      continue;
    }
    if (top === '(') {
      if (ch === ')') open.pop();
      i += 1;
      continue;
    }
    const marker = MARKDOWN_V2_MARKERS.find((m) => src.startsWith(m, i));
    if (marker) {
      if (top === marker) open.pop();
      else open.push({ marker, at: i });
      i += marker.length;
      continue;
    }
    if (ch === '[') {
      open.push({ marker: '[', at: i });
    } else if (ch === ']' && top === '[' && src[i + 1] === '(') {
      open.pop();
      open.push({ marker: '(', at: i + 1 });
      i += 1;
    } else if (ch === '>' && (i === 0 || src[i - 1] === '\n')) {
      // Block quotation marker at the start of a line.
    } else if (MARKDOWN_V2_RESERVED.includes(ch)) {
      return { ok: false, reason: `Character '${ch}' is reserved and must be escaped with the preceding '\\'` };
    } else {
      plain += ch;
    }
    i += 1;
  }
  const unclosed = open.at(-1);
  if (unclosed) {
    const name = ENTITY_NAMES[unclosed.marker] ?? 'the';
    return { ok: false, reason: `Can't find end of ${name} entity at byte offset ${byteOffset(src, unclosed.at)}` };
  }
  return { ok: true, plain };
}

/** Legacy Markdown: only *, _, ` and [..](..) are markup and nothing needs escaping. */
export function parseLegacyMarkdown(src: string): Parsed {
  let plain = '';
  let openAt = -1;
  let marker = '';
  for (let i = 0; i < src.length; i += 1) {
    const ch = src[i] ?? '';
    if (openAt < 0 && '*_`'.includes(ch)) {
      openAt = i;
      marker = ch;
    } else if (openAt >= 0 && ch === marker) {
      openAt = -1;
    } else {
      plain += ch;
    }
  }
  if (openAt >= 0) {
    return { ok: false, reason: `Can't find end of the entity starting at byte offset ${byteOffset(src, openAt)}` };
  }
  return { ok: true, plain };
}

/** Parse `text` per `parse_mode`; an unknown parse mode is itself an error in the Bot API. */
export function parseFormatted(text: string, parseMode: string | undefined): Parsed {
  switch (parseMode) {
    case undefined:
    case '':
      return { ok: true, plain: text };
    case 'HTML':
      return parseHtml(text);
    case 'MarkdownV2':
      return parseMarkdownV2(text);
    case 'Markdown':
      return parseLegacyMarkdown(text);
    default:
      return { ok: false, reason: `Unsupported parse_mode` };
  }
}

/**
 * Check an inline keyboard the way Telegram does: callback_data is 1–64 *bytes* (Vietnamese
 * diacritics take 2–3 bytes each, which is the trap this catches), URLs must look like URLs.
 * Returns the Bot API error description, or null when the markup is acceptable.
 */
export function checkReplyMarkup(markup: unknown): string | null {
  if (markup === undefined || markup === null) return null;
  if (typeof markup !== 'object') return "Bad Request: can't parse reply keyboard markup JSON object";
  const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (rows === undefined) return null;
  if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row))) {
    return 'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays';
  }
  for (const button of (rows as unknown[][]).flat()) {
    const b = (button ?? {}) as Record<string, unknown>;
    if (typeof b.text !== 'string' || b.text.length === 0) return 'Bad Request: BUTTON_TEXT_INVALID';
    if ('callback_data' in b) {
      const bytes = typeof b.callback_data === 'string' ? Buffer.byteLength(b.callback_data, 'utf8') : 0;
      if (bytes < 1 || bytes > 64) return 'Bad Request: BUTTON_DATA_INVALID';
    } else if ('url' in b) {
      if (typeof b.url !== 'string' || !/^(https?|tg):\/\/\S+$/.test(b.url)) return 'Bad Request: BUTTON_URL_INVALID';
    }
  }
  return null;
}
