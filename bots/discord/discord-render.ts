import { escapeMarkdown, type APIActionRowComponent, type APIButtonComponent, type APIEmbed, type APIStringSelectComponent } from 'discord.js';
import { splitText } from '../../src/domain/shared/split-text.js';
import type { CommandSpec } from '../core/command.js';
import type { Reply } from '../core/reply.js';

// Discord's limits: embed description 4,096, title 256, 6,000 per message over at most 10
// embeds; 5 rows of 5 buttons; button labels 80 characters, custom ids 100.
const DESCRIPTION_LIMIT = 4096;
const MESSAGE_EMBED_TOTAL = 6000;
const MAX_EMBEDS = 10;
const ROWS = 5;
const PER_ROW = 5;
const ACCENT = 0xda251d; // the red of the flag, so the bot's messages are recognisable

/** A message body Discord accepts for a reply or edit: embeds, buttons, no pings. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent | APIStringSelectComponent>[];
  allowed_mentions: { parse: [] };
}

/** Renders a Reply as one Discord message; user text is escaped so it cannot format or mention. */
export function renderForDiscord(reply: Reply): DiscordMessage {
  // Values to copy go in a code span, where Discord shows every character as it is.
  const text = reply.lines.map((line) => (typeof line === 'string' ? escapeMarkdown(line) : `\`${line.code.replace(/`/g, '')}\``)).join('\n');
  const embeds: APIEmbed[] = [];
  let budget = MESSAGE_EMBED_TOTAL - (reply.title?.length ?? 0);
  // The shared splitter never cuts an emoji or a Markdown escape; what passes the message's
  // total budget is left out, as Discord would refuse it.
  for (const piece of splitText(text || ' ', DESCRIPTION_LIMIT, 'markdown')) {
    if (embeds.length >= MAX_EMBEDS || budget <= 0) break;
    const description = piece.length <= budget ? piece : (splitText(piece, budget, 'markdown')[0] ?? '');
    embeds.push({ description: description || ' ', color: ACCENT });
    budget -= description.length;
  }
  if (embeds.length === 0) embeds.push({ description: ' ', color: ACCENT });
  if (reply.title && embeds[0]) embeds[0].title = reply.title.slice(0, 256);
  const select: APIActionRowComponent<APIStringSelectComponent>[] = reply.select
    ? [{
        type: 1,
        components: [{
          type: 3,
          custom_id: reply.select.action,
          placeholder: reply.select.placeholder.slice(0, 150),
          options: reply.select.options.slice(0, 25).map((o) => ({ label: o.label.slice(0, 100), value: o.value.slice(0, 100) })),
        }],
      }]
    : [];
  const buttons = (reply.buttons ?? []).slice(0, ROWS - select.length).map((row) => ({
    type: 1 as const,
    components: row.slice(0, PER_ROW).map((button): APIButtonComponent =>
      'action' in button
        ? { type: 2, style: 1, label: button.label.slice(0, 80), custom_id: button.action }
        : { type: 2, style: 5, label: button.label.slice(0, 80), url: button.url },
    ),
  }));
  return { embeds, components: [...select, ...buttons], allowed_mentions: { parse: [] } };
}

/** Custom ids of form modals and of the buttons that open them: `form:<command>[:<param>]`. */
export const FORM_PREFIX = 'form:';

/** The modal of a form command: one text input per field, filled in with `values` (a draft kept after mistakes). */
export function modalFor(spec: CommandSpec, locale: 'vi' | 'en', param = '', values: Record<string, string> = {}) {
  const form = spec.form;
  return {
    custom_id: `${FORM_PREFIX}${spec.name}${param ? `:${param}` : ''}`,
    title: (form?.title[locale] ?? spec.name).slice(0, 45),
    components: (form?.fields ?? []).slice(0, 5).map((field) => ({
      type: 1 as const,
      components: [
        {
          type: 4 as const,
          custom_id: field.name,
          label: field.label[locale].slice(0, 45),
          style: field.style === 'short' ? 1 : 2,
          min_length: field.minLength,
          max_length: Math.min(field.maxLength, 4000),
          required: field.minLength > 0,
          ...(values[field.name] ? { value: (values[field.name] ?? '').slice(0, Math.min(field.maxLength, 4000)) } : {}),
        },
      ],
    })),
  };
}
