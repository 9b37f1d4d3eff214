import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Chat, Update } from 'grammy/types';
import type { TelegramLimits } from './telegram-limits.js';
import { BotApiError, readParams, writeResult } from './telegram-http.js';
import { findMethod } from './telegram-methods.js';
import { TelegramState, type SentMessage, type WebhookState } from './telegram-state.js';
import { privateChat, textMessage, toUser, type FakeTelegramUser } from './telegram-updates.js';

export interface FakeTelegramOptions {
  /** Bot token the fake accepts; the part before ':' is the bot's user id. */
  token?: string;
  username?: string;
  /** Flood limits to start with; `null` switches flood control off. */
  limits?: Partial<TelegramLimits> | null;
}

/** One HTTP call the fake answered, for asserting on retries and call order. */
export interface TelegramCall {
  method: string;
  params: Record<string, unknown>;
  status: number;
  at: number;
}

type NewUpdate = Omit<Update, 'update_id'>;

/**
 * A local Telegram Bot API for tests. Point grammY at it with `client: { apiRoot: fake.apiRoot }`
 * and drive the conversation from the test: build updates from users, push them to long
 * polling or POST them to the bot's webhook, then assert on `sent`.
 */
export class FakeTelegram {
  readonly calls: TelegramCall[] = [];
  private readonly state: TelegramState;

  private constructor(
    private readonly server: Server,
    readonly apiRoot: string,
    state: TelegramState,
  ) {
    this.state = state;
  }

  /** Start a fake on a free loopback port. */
  static async start(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
    const state = new TelegramState(options.token ?? '7000001:FAKE-test-token', options.username ?? 'fake_test_bot');
    if (options.limits !== undefined) state.flood.configure(options.limits);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeTelegram(server, `http://127.0.0.1:${port}`, state);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void fake.handle(req, res));
    return fake;
  }

  get token(): string {
    return this.state.token;
  }

  /** The bot's own `User` (what getMe returns). */
  get bot() {
    return this.state.bot;
  }

  /** Every message the fake accepted from the bot, in order (edits update entries in place). */
  get sent(): readonly SentMessage[] {
    return this.state.sent;
  }

  /** Messages accepted for one chat. */
  sentTo(chatId: number): SentMessage[] {
    return this.state.sent.filter((m) => m.chatId === chatId);
  }

  /** How many 429 answers flood control has given. */
  get tooManyRequests(): number {
    return this.state.tooManyRequests;
  }

  get webhook(): Readonly<WebhookState> {
    return this.state.webhook;
  }

  get chatActions() {
    return this.state.chatActions;
  }

  /** Callback queries delivered so far, with what the bot answered. */
  get callbackQueries() {
    return [...this.state.callbackQueries.values()];
  }

  /** Commands stored by setMyCommands for a scope/language (default scope when omitted). */
  commands(scope: object = { type: 'default' }, languageCode = ''): unknown[] {
    return this.state.commands.get(`${JSON.stringify(scope)}|${languageCode}`) ?? [];
  }

  /** Make a private chat known, as if the user had pressed Start. */
  addUser(user: FakeTelegramUser): void {
    this.state.chats.set(user.id, privateChat(user));
  }

  /** Make a group known (ids of groups and supergroups are negative on Telegram); `admins[0]` created it. */
  addGroup(id: number, title = `Group ${id}`, admins: number[] = []): Chat {
    const chat: Chat = { id, type: 'supergroup', title };
    this.state.chats.set(id, chat);
    this.state.admins.set(id, admins);
    return chat;
  }

  /** The user blocked the bot: sends to their private chat now fail with 403. */
  blockUser(userId: number): void {
    this.state.blocked.add(userId);
  }

  unblockUser(userId: number): void {
    this.state.blocked.delete(userId);
  }

  /**
   * From now on `method` (e.g. 'setMyCommands', 'getUpdates') answers with this error, as
   * during a Bot API outage, until `restoreMethod`. Calls already waiting are not affected.
   */
  failMethod(method: string, errorCode = 500, description = 'Internal Server Error'): void {
    this.state.refusals.set(method, { errorCode, description });
  }

  restoreMethod(method: string): void {
    this.state.refusals.delete(method);
  }

  /** Calls of `method` answered so far, failed ones included. */
  callsOf(method: string): TelegramCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Change flood limits; `null` turns flood control off for tests that are not about it. */
  setLimits(limits: Partial<TelegramLimits> | null): void {
    this.state.flood.configure(limits);
  }

  /** A text message update from `user` (in `chatId`, default their private chat). */
  textFrom(user: FakeTelegramUser, text: string, chatId?: number): NewUpdate {
    this.addUser(user);
    const chat = chatId === undefined ? undefined : this.state.chats.get(chatId);
    if (chatId !== undefined && !chat) throw new Error(`FakeTelegram: add group ${chatId} before using it`);
    const targetChat = chat ?? privateChat(user);
    return { message: textMessage(user, text, this.state.nextMessageId(targetChat.id), targetChat) } as NewUpdate;
  }

  /** A /command update, e.g. `commandFrom(user, 'start', 'ref42')` → "/start ref42". */
  commandFrom(user: FakeTelegramUser, command: string, args = '', chatId?: number): NewUpdate {
    return this.textFrom(user, `/${command}${args ? ` ${args}` : ''}`, chatId);
  }

  /** A button press on `message` (default: the latest message the bot sent the user). */
  callbackFrom(user: FakeTelegramUser, data: string, message?: SentMessage): NewUpdate {
    this.addUser(user);
    const target = message ?? this.sentTo(user.id).filter((m) => !m.deleted).at(-1);
    const id = BigInt(`0x${randomBytes(8).toString('hex')}`).toString();
    this.state.callbackQueries.set(id, { id, userId: user.id, data });
    return {
      callback_query: {
        id,
        from: toUser(user),
        chat_instance: String(user.id * 7919),
        data,
        ...(target ? { message: this.state.toMessage(target) } : {}),
      },
    } as NewUpdate;
  }

  /** Queue an update for getUpdates; a waiting long poll returns it at once. */
  pushUpdate(update: NewUpdate | Update): Update {
    return this.state.queue.push(update);
  }

  /**
   * POST an update to the webhook the bot set, with the secret header Telegram adds, and
   * record a failed delivery in getWebhookInfo like Telegram does.
   */
  async deliverToWebhook(update: NewUpdate | Update): Promise<{ status: number; body: string }> {
    const { url, secretToken } = this.state.webhook;
    if (!url) throw new Error('FakeTelegram: no webhook is set');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (secretToken) headers['x-telegram-bot-api-secret-token'] = secretToken;
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(this.state.queue.stamp(update)) });
    const body = await response.text();
    if (!response.ok) {
      this.state.webhook.lastErrorDate = Math.floor(Date.now() / 1000);
      this.state.webhook.lastErrorMessage = `Wrong response from the webhook: ${response.status} ${response.statusText}`;
    }
    return { status: response.status, body };
  }

  /** Stop serving: waiting long polls end with an empty batch, open sockets are closed. */
  async close(): Promise<void> {
    this.state.queue.releaseAll();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.apiRoot);
    const match = /^\/bot([^/]+)\/([^/]+)$/.exec(url.pathname);
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    let params: Record<string, unknown> = {};
    try {
      if (!match) throw new BotApiError(404, 'Not Found');
      if (match[1] !== this.state.token) throw new BotApiError(401, 'Unauthorized');
      const refusal = this.state.refusals.get(match[2] ?? '');
      if (refusal) throw new BotApiError(refusal.errorCode, refusal.description);
      const handler = findMethod(match[2] ?? '');
      if (!handler) throw new BotApiError(404, 'Not Found');
      params = await readParams(req, url);
      writeResult(res, { result: await handler(this.state, params, abort.signal) });
    } catch (error) {
      const refusal = error instanceof BotApiError ? error : new BotApiError(500, `Internal Server Error: ${String(error)}`);
      writeResult(res, refusal);
    }
    this.calls.push({ method: match?.[2] ?? url.pathname, params, status: res.statusCode, at: Date.now() });
  }
}
