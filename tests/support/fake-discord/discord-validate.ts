import { Errors } from './discord-http.js';

/** Discord's documented message limits. */
const LIMITS = { content: 2000, embeds: 10, embedTitle: 256, embedDescription: 4096, embedTotal: 6000, rows: 5, rowItems: 5, customId: 100, nonce: 25 };

const tooLong = (path: Array<string | number>, max: number) =>
  Errors.invalidFormBody(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);

/**
 * Check a message body (channel message, interaction response or webhook message) against
 * Discord's limits, throwing the same 50035/50006 errors. `partial` is for edits, where an
 * empty body is fine.
 */
export function validateMessage(body: Record<string, unknown>, partial = false): void {
  const { content, embeds, components, nonce } = body;
  if (content !== undefined && content !== null) {
    if (typeof content !== 'string') throw Errors.invalidFormBody(['content'], 'BASE_TYPE_STRING', 'Must be a string.');
    if (content.length > LIMITS.content) throw tooLong(['content'], LIMITS.content);
  }
  if (Array.isArray(embeds)) validateEmbeds(embeds as Array<Record<string, unknown>>);
  if (Array.isArray(components)) validateComponents(components as Array<Record<string, unknown>>);
  if (nonce !== undefined && String(nonce).length > LIMITS.nonce) throw tooLong(['nonce'], LIMITS.nonce);
  if (partial) return;
  const hasSomething =
    (typeof content === 'string' && content.length > 0) ||
    (Array.isArray(embeds) && embeds.length > 0) ||
    (Array.isArray(components) && components.length > 0) ||
    Array.isArray(body.__files) ||
    Array.isArray(body.sticker_ids) ||
    body.poll !== undefined;
  if (!hasSomething) throw Errors.emptyMessage();
}

function validateEmbeds(embeds: Array<Record<string, unknown>>): void {
  if (embeds.length > LIMITS.embeds) throw tooLong(['embeds'], LIMITS.embeds);
  let total = 0;
  for (const [i, embed] of embeds.entries()) {
    const title = typeof embed.title === 'string' ? embed.title : '';
    const description = typeof embed.description === 'string' ? embed.description : '';
    if (title.length > LIMITS.embedTitle) throw tooLong(['embeds', i, 'title'], LIMITS.embedTitle);
    if (description.length > LIMITS.embedDescription) throw tooLong(['embeds', i, 'description'], LIMITS.embedDescription);
    const fields = Array.isArray(embed.fields) ? (embed.fields as Array<{ name?: string; value?: string }>) : [];
    total += title.length + description.length + fields.reduce((n, f) => n + (f.name?.length ?? 0) + (f.value?.length ?? 0), 0);
  }
  if (total > LIMITS.embedTotal) {
    throw Errors.invalidFormBody(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  }
}

function validateComponents(rows: Array<Record<string, unknown>>): void {
  if (rows.length > LIMITS.rows) throw tooLong(['components'], LIMITS.rows);
  for (const [i, row] of rows.entries()) {
    // Components V2 (flag 1 << 15) has other top-level types; only classic action rows are checked.
    if (row.type !== 1) continue;
    const items = Array.isArray(row.components) ? (row.components as Array<Record<string, unknown>>) : [];
    if (items.length === 0 || items.length > LIMITS.rowItems) {
      throw Errors.invalidFormBody(['components', i, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
    }
    for (const [j, item] of items.entries()) {
      if (typeof item.custom_id === 'string' && item.custom_id.length > LIMITS.customId) {
        throw tooLong(['components', i, 'components', j, 'custom_id'], LIMITS.customId);
      }
    }
  }
}

/** Check the commands of a bulk overwrite (PUT) the way Discord does: names, descriptions, count. */
export function validateCommands(commands: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(commands)) throw Errors.invalidFormBody([], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
  if (commands.length > 100) throw tooLong([], 100);
  for (const [i, c] of (commands as Array<Record<string, unknown>>).entries()) {
    const type = (c.type as number | undefined) ?? 1;
    const name = typeof c.name === 'string' ? c.name : '';
    const namePattern = type === 1 ? /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u : /^.{1,32}$/u;
    if (!namePattern.test(name)) throw Errors.invalidFormBody([i, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    const description = typeof c.description === 'string' ? c.description : '';
    if (type === 1 && (description.length < 1 || description.length > 100)) {
      throw Errors.invalidFormBody([i, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
  }
  return commands as Array<Record<string, unknown>>;
}
