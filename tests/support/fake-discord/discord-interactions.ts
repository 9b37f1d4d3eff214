import type { APIMessage } from 'discord.js';
import { Errors } from './discord-http.js';
import type { DiscordState } from './discord-state.js';
import { validateMessage } from './discord-validate.js';

/** What the bot answered to an interaction callback. */
export interface InteractionResponse {
  type: number;
  data?: Record<string, unknown>;
  at: number;
}

/** An interaction the fake dispatched, and everything the bot did with it. */
export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  payload: Record<string, unknown>;
  sentAt: number;
  /** The one accepted callback (Discord accepts exactly one). */
  response?: InteractionResponse;
  /** Resolves with `response` when the bot acknowledges; await it in tests. */
  responded: Promise<InteractionResponse>;
  /** The message `@original` refers to (reply, deferred reply, or the clicked message). */
  original?: APIMessage;
  followups: APIMessage[];
  /** Callbacks refused, e.g. a second reply (40060) or one after 3 s (10062). */
  refused: Array<{ type: number; code: number }>;
  /** Internal: settles `responded`. */
  resolve: (response: InteractionResponse) => void;
}

/** Callback types each interaction type may answer with (Discord's table, minus activities). */
const ALLOWED: Record<number, number[]> = { 2: [4, 5, 9], 3: [4, 5, 6, 7, 9], 4: [8], 5: [4, 5, 6, 7] };
const LOADING = 1 << 7;
const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60_000;

/** Start tracking a dispatched interaction. */
export function recordInteraction(payload: Record<string, unknown>): InteractionRecord {
  let resolve!: (r: InteractionResponse) => void;
  const responded = new Promise<InteractionResponse>((r) => (resolve = r));
  return {
    id: payload.id as string, token: payload.token as string, type: payload.type as number, payload,
    sentAt: Date.now(), responded, followups: [], refused: [], resolve,
  };
}

/**
 * POST /interactions/{id}/{token}/callback. Enforces the rules that bite real bots: one
 * acknowledgement only (40060), within the ack window after dispatch (10062), and a callback
 * type that fits the interaction. Returns the `with_response` body, or undefined for 204.
 */
export function acknowledge(state: DiscordState, ackWindowMs: number, id: string, token: string, body: Record<string, unknown>, withResponse: boolean): unknown {
  const record = state.interactions.get(id);
  if (!record || record.token !== token) throw Errors.unknownInteraction();
  const type = Number(body.type);
  const refuse = (error: ReturnType<typeof Errors.unknownInteraction>) => {
    record.refused.push({ type, code: error.code });
    return error;
  };
  if (record.response) throw refuse(Errors.alreadyAcknowledged());
  if (Date.now() - record.sentAt > ackWindowMs) throw refuse(Errors.unknownInteraction());
  const allowed = ALLOWED[record.type] ?? [];
  if (!allowed.includes(type)) {
    throw refuse(Errors.invalidFormBody(['type'], 'BASE_TYPE_CHOICES', `Value must be one of {${allowed.join(', ')}}.`));
  }
  const data = (body.data as Record<string, unknown> | undefined) ?? {};
  validateCallbackData(type, data);
  const channelId = (record.payload.channel as { id: string }).id;
  const clicked = record.payload.message as APIMessage | undefined;
  if (type === 4) record.original = state.createMessage(channelId, data, interactionExtras(state, record));
  if (type === 5) record.original = state.createMessage(channelId, { flags: LOADING | (Number(data.flags) || 0) }, interactionExtras(state, record));
  if (type === 6 || type === 7) record.original = clicked ? (state.messages.get(clicked.id) ?? clicked) : undefined;
  if (type === 7 && record.original) state.editMessage(record.original, data);
  record.response = { type, ...(body.data ? { data } : {}), at: Date.now() };
  record.resolve(record.response);
  if (!withResponse) return undefined;
  return {
    interaction: { id: record.id, type: record.type, response_message_id: record.original?.id, response_message_loading: type === 5, response_message_ephemeral: ((Number(data.flags) || 0) & 64) !== 0 },
    ...(record.original ? { resource: { type, message: record.original } } : { resource: { type } }),
  };
}

function validateCallbackData(type: number, data: Record<string, unknown>): void {
  if (type === 4) validateMessage(data);
  if (type === 7) validateMessage(data, true);
  if (type === 8 && Array.isArray(data.choices) && data.choices.length > 25) {
    throw Errors.invalidFormBody(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  }
  if (type === 9) {
    const title = typeof data.title === 'string' ? data.title : '';
    const rows = Array.isArray(data.components) ? data.components : [];
    if (typeof data.custom_id !== 'string' || data.custom_id.length === 0 || data.custom_id.length > 100) {
      throw Errors.invalidFormBody(['data', 'custom_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
    }
    if (title.length < 1 || title.length > 45) throw Errors.invalidFormBody(['data', 'title'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 45 in length.');
    if (rows.length < 1 || rows.length > 5) throw Errors.invalidFormBody(['data', 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
  }
}

function interactionExtras(state: DiscordState, record: InteractionRecord): Partial<APIMessage> {
  const user = (record.payload.member as { user: APIMessage['author'] } | undefined)?.user ?? (record.payload.user as APIMessage['author']);
  return {
    webhook_id: state.applicationId,
    application_id: state.applicationId,
    type: record.type === 2 ? 20 : 0, // 20 = CHAT_INPUT_COMMAND reply
    interaction_metadata: { id: record.id, type: record.type, user, authorizing_integration_owners: {} },
  } as Partial<APIMessage>;
}

/** The interaction behind a webhook token, refusing unknown, unacknowledged or expired ones. */
function webhookInteraction(state: DiscordState, appId: string, token: string): InteractionRecord {
  const record = [...state.interactions.values()].find((r) => r.token === token);
  if (appId !== state.applicationId || !record || !record.response) throw Errors.unknownWebhook();
  if (Date.now() - record.sentAt > INTERACTION_TOKEN_LIFETIME_MS) throw Errors.invalidWebhookToken();
  return record;
}

/** /webhooks/{app}/{token}[/messages/{id|@original}] for interaction follow-ups and edits. */
export function handleInteractionWebhook(state: DiscordState, method: string, appId: string, token: string, messageId: string | undefined, body: Record<string, unknown>): unknown {
  const record = webhookInteraction(state, appId, token);
  const channelId = (record.payload.channel as { id: string }).id;
  if (messageId === undefined) {
    if (method !== 'POST') throw Errors.notFound();
    validateMessage(body);
    // After a deferral, Discord turns the first follow-up into the "thinking…" message itself.
    if (record.original && ((record.original.flags ?? 0) & LOADING) !== 0) {
      return state.editMessage(record.original, { ...body, flags: (record.original.flags ?? 0) & ~LOADING });
    }
    const message = state.createMessage(channelId, body, interactionExtras(state, record));
    record.followups.push(message);
    return message;
  }
  const target = messageId === '@original' ? record.original : record.followups.find((m) => m.id === messageId);
  if (!target || !state.messages.has(target.id)) throw Errors.unknownMessage();
  if (method === 'GET') return target;
  if (method === 'DELETE') {
    state.deleteMessage(target.id);
    return undefined;
  }
  validateMessage(body, true);
  const flags = ((target.flags ?? 0) & ~LOADING) | (Number(body.flags) || 0);
  return state.editMessage(target, { ...body, flags });
}
