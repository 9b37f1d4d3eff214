import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIApplicationCommand, APIMessage } from 'discord.js';
import { FakeGateway } from './discord-gateway.js';
import { InteractionBuilder, type InteractionPlace, type OptionValue } from './discord-interaction-builders.js';
import { recordInteraction, type InteractionRecord } from './discord-interactions.js';
import type { DiscordRateLimits } from './discord-rate-limits.js';
import { OutgoingInteractions } from './discord-outgoing-webhook.js';
import { handleRest } from './discord-rest.js';
import { DiscordState, snowflake, type FakeDiscordUser, type FakeGuild } from './discord-state.js';

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  /** Guilds the bot is in; default one guild with a #general channel. */
  guilds?: Array<{ id?: string; name?: string; channels?: Array<{ id?: string; name: string }> }>;
  /** Limits to start with; `null` disables rate limiting. */
  rateLimits?: Partial<DiscordRateLimits> | null;
  heartbeatIntervalMs?: number;
  /** How long after dispatch an interaction may still be acknowledged (Discord: 3 s). */
  ackWindowMs?: number;
  /** Privileged intent bits the app is approved for (default none, like a new app). */
  allowedPrivilegedIntents?: number;
}

/**
 * A local Discord (REST under /api and the gateway over WebSocket) for tests. Give discord.js
 * `rest: { api: fake.restUrl }`; the client learns the gateway URL from GET /gateway/bot.
 * Then act as users (`slashCommand`, `clickButton`…) and assert on what the bot answered.
 */
export class FakeDiscord {
  private readonly builder: InteractionBuilder;

  private constructor(
    private readonly server: Server,
    private readonly state: DiscordState,
    private readonly gateway: FakeGateway,
    private readonly origin: string,
    /** Discord posting interactions to the app's HTTP endpoint instead of the gateway. */
    readonly outgoing: OutgoingInteractions,
  ) {
    this.builder = new InteractionBuilder(state);
  }

  /** Start a fake on a free loopback port. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const guilds: FakeGuild[] = (options.guilds ?? [{ name: 'Fake Guild', channels: [{ name: 'general' }] }]).map((g) => ({
      id: g.id ?? snowflake(),
      name: g.name ?? 'Fake Guild',
      channels: (g.channels ?? [{ name: 'general' }]).map((c) => ({ id: c.id ?? snowflake(), name: c.name })),
    }));
    const state = new DiscordState(options.token ?? 'MTAwMDAwMDAwMDAwMDAwMDAw.fake.token', options.applicationId ?? snowflake(), guilds);
    if (options.rateLimits !== undefined) state.limiter.configure(options.rateLimits);
    let origin = '';
    const gateway = new FakeGateway(state, {
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      allowedPrivilegedIntents: options.allowedPrivilegedIntents ?? 0,
      url: () => `${origin.replace('http', 'ws')}/gateway`,
    });
    const ackWindowMs = options.ackWindowMs ?? 3_000;
    const server = createServer((req, res) => {
      const gatewayBot = {
        url: `${origin.replace('http', 'ws')}/gateway`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000 - gateway.stats.identifies, reset_after: 86_400_000, max_concurrency: 1 },
      };
      void handleRest(state, req, res, { gatewayBot, ackWindowMs });
    });
    server.on('upgrade', (req, socket, head) => {
      if (req.url?.startsWith('/gateway')) gateway.handleUpgrade(req, socket, head);
      else socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return new FakeDiscord(server, state, gateway, origin, new OutgoingInteractions(state, ackWindowMs));
  }

  /** Base for discord.js `rest.api` / `new REST({ api })`; the client appends /v10/... */
  get restUrl(): string {
    return `${this.origin}/api`;
  }

  get gatewayUrl(): string {
    return `${this.origin.replace('http', 'ws')}/gateway`;
  }

  get token(): string {
    return this.state.token;
  }

  get applicationId(): string {
    return this.state.applicationId;
  }

  get guilds(): readonly FakeGuild[] {
    return this.state.guilds;
  }

  /** The first configured guild's first channel: where interactions happen by default. */
  get defaultChannelId(): string {
    return this.state.guilds[0]?.channels[0]?.id ?? '';
  }

  /** Every live message the bot created (channel sends, interaction replies, follow-ups). */
  get messages(): APIMessage[] {
    return [...this.state.messages.values()];
  }

  /** How many live messages the bot created, without copying them (for polling under load). */
  get messageCount(): number {
    return this.state.messages.size;
  }

  messagesIn(channelId: string): APIMessage[] {
    return this.messages.filter((m) => m.channel_id === channelId);
  }

  get deletedMessageIds(): readonly string[] {
    return this.state.deletedMessageIds;
  }

  /** Dispatched interactions with the bot's callback, original message and follow-ups. */
  get interactions(): InteractionRecord[] {
    return [...this.state.interactions.values()];
  }

  /** Registered commands: global, or for one guild. */
  commands(guildId?: string): APIApplicationCommand[] {
    return this.state.commands.get(guildId ? `guild:${guildId}` : 'global') ?? [];
  }

  /** 429 answers given so far: per-route bucket, global, and their sum. */
  get tooManyRequests(): { route: number; global: number; total: number } {
    const { route, global } = this.state.limiter.rejected;
    return { route, global, total: route + global };
  }

  /** Requests admitted under the global limit so far (interaction callbacks excluded, as on Discord). */
  get requestsAdmitted(): number {
    return this.state.limiter.admittedGlobally;
  }

  get gatewayStats(): Readonly<FakeGateway['stats']> {
    return this.gateway.stats;
  }

  /** Make a user known so the bot can open a DM with them. */
  addUser(user: FakeDiscordUser): void {
    this.state.addUser(user);
  }

  /** The DM channel with a user, opened now if it was not (as if the bot had written to them before). */
  openDm(userId: string): string {
    return this.state.dmChannel(userId).id;
  }

  /** The user turned off DMs from server members: sends to their DM channel get 403/50007. */
  disableDms(userId: string): void {
    this.state.dmsDisabled.add(userId);
  }

  /**
   * From now on REST calls whose path (after /api/v10) matches answer `status`, as during a
   * Discord outage, until `restoreRest()`. `/^\/gateway\/bot$/` makes logins fail.
   */
  failRest(path: RegExp, status = 503): void {
    this.state.refusals.push({ path, status });
  }

  restoreRest(): void {
    this.state.refusals.length = 0;
  }

  /** Change rate limits; `null` disables them for tests that are not about pacing. */
  setRateLimits(limits: Partial<DiscordRateLimits> | null): void {
    this.state.limiter.configure(limits);
  }

  /** Resolve once a bot session is connected, so dispatches will be delivered. */
  async waitForGateway(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.gateway.connected) {
      if (Date.now() > deadline) throw new Error('FakeDiscord: no gateway session connected');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** A user runs `/name` with options (a `subcommand` wraps them), in a guild channel or DM. */
  slashCommand(user: FakeDiscordUser, name: string, options: Record<string, OptionValue> = {}, opts: { subcommand?: string; place?: InteractionPlace } = {}): InteractionRecord {
    return this.dispatchInteraction(this.builder.slashCommand(user, name, options, opts));
  }

  /** A user clicks a button on `message` (default: the latest bot message with components there). */
  clickButton(user: FakeDiscordUser, customId: string, message?: APIMessage, place?: InteractionPlace): InteractionRecord {
    return this.dispatchInteraction(this.builder.button(user, customId, message ?? this.hostOf(customId), place));
  }

  /** A user picks `values` in a string select menu. */
  selectMenu(user: FakeDiscordUser, customId: string, values: string[], message?: APIMessage, place?: InteractionPlace): InteractionRecord {
    return this.dispatchInteraction(this.builder.stringSelect(user, customId, values, message ?? this.hostOf(customId), place));
  }

  /** A user submits a modal with text input values keyed by custom_id. */
  submitModal(user: FakeDiscordUser, customId: string, fields: Record<string, string>, place?: InteractionPlace): InteractionRecord {
    return this.dispatchInteraction(this.builder.modalSubmit(user, customId, fields, place));
  }

  /** A user types into an autocomplete option of `/name`. */
  autocomplete(user: FakeDiscordUser, name: string, focused: { name: string; value: string }, options: Record<string, OptionValue> = {}, place?: InteractionPlace): InteractionRecord {
    return this.dispatchInteraction(this.builder.autocomplete(user, name, focused, options, place));
  }

  /** Send any gateway event (e.g. GUILD_MEMBER_ADD) to connected sessions. */
  dispatch(event: string, data: unknown): number {
    return this.gateway.dispatch(event, data);
  }

  /** Send op 7 RECONNECT; discord.js then reconnects and RESUMEs. */
  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  async close(): Promise<void> {
    await this.gateway.close();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  /** The latest live message carrying a component with this custom_id, if any. */
  private hostOf(customId: string): APIMessage | undefined {
    return this.messages.filter((m) => JSON.stringify(m.components ?? []).includes(`"custom_id":"${customId}"`)).at(-1);
  }

  /**
   * From now on interactions are POSTed, signed, to `url` (the app's Interactions Endpoint
   * URL) instead of going over the gateway, as Discord does once the URL is set.
   */
  useInteractionsEndpoint(url: string): void {
    this.outgoing.url = url;
  }

  /** The PING Discord sends when the endpoint URL is saved; resolves with the app's answer type. */
  async pingEndpoint(): Promise<{ status: number; answer?: Record<string, unknown> }> {
    return this.outgoing.post({ id: snowflake(), token: `ping-${snowflake()}`, type: 1, application_id: this.state.applicationId, version: 1 });
  }

  private dispatchInteraction(payload: Record<string, unknown>): InteractionRecord {
    const record = recordInteraction(payload);
    this.state.interactions.set(record.id, record);
    if (this.outgoing.url) {
      void this.outgoing.post(payload, record).catch(() => undefined);
      return record;
    }
    if (this.gateway.dispatch('INTERACTION_CREATE', payload) === 0) {
      throw new Error('FakeDiscord: no bot is connected to the gateway (await waitForGateway() first)');
    }
    return record;
  }
}
