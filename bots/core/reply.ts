/**
 * What a command answers, independent of the platform: a bold title, paragraphs of plain
 * text (adapters escape them, so user text can never become markup), and rows of buttons.
 */
export interface Reply {
  title?: string;
  lines: Line[];
  buttons?: Button[][];
  /** One choice out of several (Discord: a select menu; Telegram: a keyboard of buttons). */
  select?: Select;
  /**
   * Personal: only the person who asked may see it (Discord: ephemeral). Commands that show
   * private data are answered only in private chats anyway.
   */
  personal?: boolean;
  /** Replaces the message whose button was pressed (set by the core for `inPlace` actions that succeeded). */
  replacesOriginal?: boolean;
}

/** A paragraph of plain text, or a value to copy exactly (a token, a code), shown in monospace. */
export type Line = string | { code: string };

/** A button runs an action of the bot (`action`, at most 64 bytes) or opens a link (`url`). */
export type Button = { label: string; action: string } | { label: string; url: string };

/** A choice: picking `value` runs action `${action}:${value}`. At most 25 options (Discord's limit). */
export interface Select {
  placeholder: string;
  action: string;
  options: { label: string; value: string }[];
}

/** The longest action data Telegram carries on a button (callback_data). */
export const MAX_ACTION_BYTES = 64;

/** A reply of plain lines. */
export function textReply(lines: Line | Line[], options: Omit<Reply, 'lines'> = {}): Reply {
  return { ...options, lines: Array.isArray(lines) ? lines : [lines] };
}

/** Action data for a button: `name` and its parameters joined by ':'. */
export function action(name: string, ...params: (string | number)[]): string {
  const data = [name, ...params.map(String)].join(':');
  if (Buffer.byteLength(data) > MAX_ACTION_BYTES) throw new Error(`action data too long: ${data}`);
  return data;
}
