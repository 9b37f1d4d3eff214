import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { REST, Routes } from 'discord.js';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { translate } from '../../src/i18n/translate.js';
import type { Logger } from '../../src/log.js';
import type { BotCore, BotEvent } from '../core/bot-core.js';
import { sendError } from '../../src/api/error-response.js';
import { FORM_PREFIX, modalFor, renderForDiscord } from './discord-render.js';

export interface InteractionsEndpointOptions {
  publicKeyHex: string;
  applicationId: string;
  apiBase: string;
  core: BotCore;
  publicUrl: string;
  /** The Telegram bot's deep link, when this process runs it too (shown with a /link code). */
  telegramStartLink?: ((payload: string) => string) | undefined;
  logger: Logger;
}

/** Signatures older than this are refused, so a captured request cannot be replayed later. */
const MAX_SIGNATURE_AGE_S = 300;
const EPHEMERAL = 64;

// An Ed25519 public key as SPKI DER: a fixed 12-byte header, then the 32 raw bytes.
function publicKeyFrom(hex: string): KeyObject {
  return createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

interface RawInteraction {
  id: string;
  token: string;
  type: number;
  locale?: string;
  guild_id?: string;
  channel_id?: string;
  channel?: { id: string };
  user?: { id: string; username: string; global_name?: string | null };
  member?: { user: { id: string; username: string; global_name?: string | null }; permissions?: string };
  data?: {
    name?: string;
    custom_id?: string;
    component_type?: number;
    values?: string[];
    options?: { name: string; value?: unknown; focused?: boolean }[];
    components?: { components?: { custom_id: string; value?: string }[] }[];
  };
}

/**
 * Discord's optional HTTP interactions endpoint (the app's "Interactions Endpoint URL"):
 * every request must carry a valid Ed25519 signature of timestamp + body by the application's
 * key, or it is refused with 401. Commands are acknowledged at once (deferred) and the answer
 * is edited in through the interaction webhook, as over the gateway.
 */
export function discordInteractionsEndpoint(options: InteractionsEndpointOptions): RequestHandler[] {
  const key = publicKeyFrom(options.publicKeyHex);
  // Interaction webhooks are authorised by the interaction's token, so no bot token is needed.
  const rest = new REST({ api: options.apiBase });
  const verifySignature: RequestHandler = (req, res, next) => {
    const signature = req.get('x-signature-ed25519') ?? '';
    const timestamp = req.get('x-signature-timestamp') ?? '';
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const fresh = /^\d{1,12}$/.test(timestamp) && Math.abs(Date.now() / 1000 - Number(timestamp)) <= MAX_SIGNATURE_AGE_S;
    const valid =
      fresh && /^[0-9a-f]{128}$/i.test(signature) && verify(null, Buffer.concat([Buffer.from(timestamp), body]), key, Buffer.from(signature, 'hex'));
    if (!valid) {
      sendError(req, res, 401, 'webhook.bad_signature');
      return;
    }
    next();
  };
  const handle: RequestHandler = (req, res) => {
    let interaction: RawInteraction;
    try {
      interaction = JSON.parse((req.body as Buffer).toString('utf8')) as RawInteraction;
      if (typeof interaction.type !== 'number' || typeof interaction.id !== 'string' || typeof interaction.token !== 'string') throw new Error('shape');
    } catch {
      sendError(req, res, 400, 'webhook.bad_interaction');
      return;
    }
    void respond(interaction, req, res, options, rest).catch((error: unknown) => {
      options.logger.error({ err: error, interaction: interaction.type }, 'discord http interaction failed');
      if (!res.headersSent) sendError(req, res, 400, 'webhook.bad_interaction');
    });
  };
  return [express.raw({ type: () => true, limit: '256kb' }), verifySignature, handle];
}

async function respond(interaction: RawInteraction, req: Request, res: Response, options: InteractionsEndpointOptions, rest: REST): Promise<void> {
  const locale = interaction.locale?.startsWith('vi') ? 'vi' : 'en';
  const user = interaction.member?.user ?? interaction.user;
  const data = interaction.data ?? {};
  if (interaction.type === 1) {
    res.json({ type: 1 });
    return;
  }
  if (!user) throw new Error('interaction without a user');
  if (interaction.type === 4) {
    const kind = options.core.command(data.name ?? '')?.argument?.suggest;
    const typed = String(data.options?.find((o) => o.focused)?.value ?? '');
    const choices = kind ? await options.core.suggest(kind, typed) : [];
    res.json({ type: 8, data: { choices: choices.map((c) => ({ name: c.slice(0, 100), value: c.slice(0, 100) })) } });
    return;
  }
  let event: BotEvent;
  let personal = Boolean(interaction.guild_id);
  if (interaction.type === 2) {
    const spec = options.core.command(data.name ?? '');
    if (spec?.form) {
      res.json({ type: 9, data: modalFor(spec, locale, '', await options.core.formDraft('discord', user.id, spec.name)) });
      return;
    }
    personal = Boolean(spec?.private) && Boolean(interaction.guild_id);
    const argument = spec?.argument ? String(data.options?.find((o) => o.name === spec.argument?.name)?.value ?? '') : '';
    event = { type: 'command', name: data.name ?? '', argument };
  } else if (interaction.type === 3) {
    const [prefix, formName = '', param = ''] = (data.custom_id ?? '').split(':');
    const form = `${prefix}:` === FORM_PREFIX ? options.core.command(formName) : undefined;
    if (form?.form) {
      res.json({ type: 9, data: modalFor(form, locale, param, await options.core.formDraft('discord', user.id, form.name)) });
      return;
    }
    // A select menu's choice travels as action data "custom_id:value", like a button's.
    event = { type: 'action', data: data.component_type === 3 ? `${data.custom_id ?? ''}:${data.values?.[0] ?? ''}` : (data.custom_id ?? '') };
  } else if (interaction.type === 5) {
    const [, name = '', param = ''] = (data.custom_id ?? '').split(':');
    const values = Object.fromEntries((data.components ?? []).flatMap((row) => row.components ?? []).map((c) => [c.custom_id, c.value ?? '']));
    event = { type: 'form', command: name, values, param };
  } else {
    sendError(req, res, 400, 'webhook.bad_interaction');
    return;
  }
  // A button that changes its own screen is acknowledged as an update (6): '@original' is then
  // the message it is on, edited below, instead of a new "thinking…" message (5).
  const inPlace = event.type === 'action' && options.core.updatesInPlace(event.data);
  res.json(inPlace ? { type: 6 } : { type: 5, data: personal ? { flags: EPHEMERAL } : {} });
  const identity = { externalId: user.id, displayName: user.global_name ?? user.username, handle: user.username, languageCode: interaction.locale };
  const manageGuild = 1n << 5n;
  const permissions = /^\d+$/.test(interaction.member?.permissions ?? '') ? BigInt(interaction.member?.permissions ?? '0') : 0n;
  const channelId = interaction.channel?.id ?? interaction.channel_id;
  const place = interaction.guild_id && channelId
    ? { spaceId: interaction.guild_id, channelId, canManage: async () => (permissions & manageGuild) !== 0n }
    : undefined;
  const reply =
    (await options.core.handle({ platform: 'discord', chat: 'private', from: identity, event, place }, { publicUrl: options.publicUrl, telegramStartLink: options.telegramStartLink })) ??
    { lines: [translate(locale, 'bot.unknown_text')] };
  if (inPlace && !reply.replacesOriginal) {
    await rest.post(Routes.webhook(options.applicationId, interaction.token), { body: { ...renderForDiscord(reply), ...(personal ? { flags: EPHEMERAL } : {}) }, auth: false });
    return;
  }
  await rest.patch(Routes.webhookMessage(options.applicationId, interaction.token, '@original'), { body: renderForDiscord(reply), auth: false });
}
