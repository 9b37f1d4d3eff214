import { EVENT_KINDS } from '../../../src/domain/events/event.model.js';
import type { SUBSCRIPTION_KINDS } from '../../../src/domain/subscriptions/subscription.model.js';
import { messages } from '../../../src/i18n/messages.js';
import { foldName } from '../../../src/i18n/place-names.js';
import type { BotContext } from '../bot-context.js';

type Kind = (typeof SUBSCRIPTION_KINDS)[number];

// What people type for each kind, folded (no accents), in either language; longer phrases first.
const KIND_WORDS: [string, Kind][] = [
  ['loai su kien', 'event_kind'], ['chuyen muc', 'category'], ['ky nang', 'skill'], ['chu de', 'thread'], ['su kien', 'event_kind'],
  ['event_kind', 'event_kind'], ['event', 'event_kind'], ['category', 'category'], ['thread', 'thread'], ['skill', 'skill'],
  ['tag', 'tag'], ['the', 'tag'],
];

/** "kỹ năng Kubernetes", "skill kubernetes", "sự kiện hội thảo" → the kind and the value as the API takes them. */
export function topicOf(argument: string): { kind: string; value: string } {
  const words = argument.trim().split(/\s+/);
  const folded = foldName(argument);
  const match = KIND_WORDS.find(([phrase]) => folded === phrase || folded.startsWith(`${phrase} `));
  if (!match) return { kind: (words[0] ?? '').toLowerCase(), value: words.slice(1).join(' ') };
  const [phrase, kind] = match;
  const value = words.slice(phrase.split(' ').length).join(' ');
  return { kind, value: kind === 'event_kind' ? eventKindOf(value) : value };
}

/** An event kind from its code or its name in either language ("hội thảo" → seminar). */
function eventKindOf(text: string): string {
  const folded = foldName(text);
  const found = EVENT_KINDS.find((kind) => {
    const names = messages[`bot.event_kind.${kind}`];
    return kind === folded || foldName(names.vi) === folded || foldName(names.en) === folded;
  });
  return found ?? text.toLowerCase();
}

/** The kind and value as the person reads them: "kỹ năng: kubernetes", "loại sự kiện: Hội thảo". */
export function topicWords(ctx: BotContext, kind: string, value: string): { kind: string; value: string } {
  const known = (['category', 'tag', 'thread', 'skill', 'event_kind'] as const).find((k) => k === kind);
  if (!known) return { kind, value };
  const eventKind = EVENT_KINDS.find((k) => k === value);
  return { kind: ctx.t(`bot.sub_kind.${known}`), value: known === 'event_kind' && eventKind ? ctx.t(`bot.event_kind.${eventKind}`) : value };
}
