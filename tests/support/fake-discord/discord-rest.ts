import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIApplicationCommand } from 'discord.js';
import { DiscordApiError, Errors, readBody, writeJson } from './discord-http.js';
import { acknowledge, handleInteractionWebhook } from './discord-interactions.js';
import type { BucketName } from './discord-rate-limits.js';
import { snowflake, type DiscordState } from './discord-state.js';
import { validateCommands, validateMessage } from './discord-validate.js';

interface Ctx {
  state: DiscordState;
  method: string;
  match: string[];
  body: Record<string, unknown>;
  query: URLSearchParams;
  ackWindowMs: number;
}

type Result = { status: number; body: unknown };

interface Route {
  methods: string[];
  pattern: RegExp;
  /** Interaction callbacks and webhooks are authorised by their token, not the bot's. */
  auth: boolean;
  bucket: ((m: string[]) => [BucketName, string]) | null;
  run: (ctx: Ctx) => unknown;
}

const NONCE_WINDOW_MS = 5 * 60_000;
const ok = (status: number, body: unknown): Result => ({ status, body });

const routes: Route[] = [
  { methods: ['GET'], pattern: /^\/gateway\/bot$/, auth: true, bucket: () => ['other', 'gateway'], run: () => undefined },
  { methods: ['GET'], pattern: /^\/users\/@me$/, auth: true, bucket: () => ['other', 'me'], run: ({ state }) => state.bot },
  {
    methods: ['GET'], pattern: /^\/applications\/@me$/, auth: true, bucket: () => ['other', 'app'],
    run: ({ state }) => ({
      id: state.applicationId, name: state.bot.username, icon: null, description: '', bot_public: true,
      bot_require_code_grant: false, verify_key: '0'.repeat(64), flags: 0, team: null, owner: { ...state.bot, bot: false },
    }),
  },
  {
    methods: ['GET', 'PUT', 'POST'], pattern: /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/, auth: true,
    bucket: (m) => ['other', `commands:${m[2] ?? 'global'}`], run: commands,
  },
  {
    methods: ['DELETE'], pattern: /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands\/(\d+)$/, auth: true,
    bucket: (m) => ['other', `commands:${m[2] ?? 'global'}`],
    run: ({ state, match }) => {
      const scope = match[2] ? `guild:${match[2]}` : 'global';
      const list = state.commands.get(scope) ?? [];
      if (!list.some((c) => c.id === match[3])) throw Errors.unknownCommand();
      state.commands.set(scope, list.filter((c) => c.id !== match[3]));
      return undefined;
    },
  },
  {
    methods: ['POST'], pattern: /^\/interactions\/(\d+)\/([^/]+)\/callback$/, auth: false, bucket: null,
    run: ({ state, match, body, query, ackWindowMs }) => acknowledge(state, ackWindowMs, match[1] ?? '', match[2] ?? '', body, query.get('with_response') === 'true'),
  },
  {
    methods: ['GET', 'POST', 'PATCH', 'DELETE'], pattern: /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/, auth: false,
    bucket: (m) => ['webhook', m[2] ?? ''],
    run: ({ state, method, match, body }) => handleInteractionWebhook(state, method, match[1] ?? '', match[2] ?? '', match[3], body),
  },
  {
    methods: ['POST'], pattern: /^\/users\/@me\/channels$/, auth: true, bucket: () => ['dmCreate', 'dm'],
    run: ({ state, body }) => {
      const userId = String(body.recipient_id ?? '');
      if (!state.users.has(userId)) throw Errors.invalidRecipient();
      return state.dmChannel(userId);
    },
  },
  {
    methods: ['GET'], pattern: /^\/channels\/(\d+)$/, auth: true, bucket: (m) => ['other', `channel:${m[1]}`],
    run: ({ state, match }) => state.channels.get(match[1] ?? '') ?? throwError(Errors.unknownChannel()),
  },
  { methods: ['POST'], pattern: /^\/channels\/(\d+)\/messages$/, auth: true, bucket: (m) => ['messageCreate', m[1] ?? ''], run: createMessage },
  {
    methods: ['GET', 'PATCH', 'DELETE'], pattern: /^\/channels\/(\d+)\/messages\/(\d+)$/, auth: true,
    bucket: (m) => ['messageEdit', m[1] ?? ''],
    run: ({ state, method, match, body }) => {
      if (!state.channels.has(match[1] ?? '')) throw Errors.unknownChannel();
      const message = state.messages.get(match[2] ?? '');
      if (!message || message.channel_id !== match[1]) throw Errors.unknownMessage();
      if (method === 'GET') return message;
      if (method === 'DELETE') return state.deleteMessage(message.id);
      validateMessage(body, true);
      return state.editMessage(message, body);
    },
  },
];

function throwError(error: DiscordApiError): never {
  throw error;
}

/** POST /channels/{id}/messages, where nonce + enforce_nonce makes a retried send idempotent. */
function createMessage({ state, match, body }: Ctx): Result {
  const channelId = match[1] ?? '';
  if (!state.channels.has(channelId)) throw Errors.unknownChannel();
  const recipient = state.dmRecipient(channelId);
  if (recipient && state.dmsDisabled.has(recipient)) throw Errors.cannotMessageUser();
  validateMessage(body);
  const nonceKey = body.enforce_nonce === true && body.nonce !== undefined ? `${channelId}:${String(body.nonce)}` : undefined;
  const previous = nonceKey ? state.nonces.get(nonceKey) : undefined;
  if (previous && Date.now() - previous.at < NONCE_WINDOW_MS) {
    const existing = state.messages.get(previous.messageId);
    if (existing) return ok(200, existing);
  }
  const message = state.createMessage(channelId, body);
  if (nonceKey) state.nonces.set(nonceKey, { messageId: message.id, at: Date.now() });
  return ok(200, message);
}

/** Global or guild commands: PUT replaces the set (keeping ids by name), POST upserts one. */
function commands({ state, method, match, body }: Ctx): unknown {
  if (match[1] !== state.applicationId) throw new DiscordApiError(403, 50001, 'Missing Access');
  const guildId = match[2];
  const scope = guildId ? `guild:${guildId}` : 'global';
  const current = state.commands.get(scope) ?? [];
  if (method === 'GET') return current;
  const incoming = method === 'PUT' ? validateCommands(body) : validateCommands([body]);
  const stored = incoming.map((c) => {
    const previous = current.find((p) => p.name === c.name);
    return {
      type: 1, description: '', options: [], default_member_permissions: null, nsfw: false, ...c,
      id: previous?.id ?? snowflake(), application_id: state.applicationId, version: snowflake(),
      ...(guildId ? { guild_id: guildId } : {}),
    } as unknown as APIApplicationCommand;
  });
  if (method === 'PUT') {
    state.commands.set(scope, stored);
    return stored;
  }
  const one = stored[0] as APIApplicationCommand;
  state.commands.set(scope, [...current.filter((c) => c.name !== one.name), one]);
  return ok(current.some((c) => c.name === one.name) ? 200 : 201, one);
}

/**
 * Serve one REST request under /api/v{9,10}: route, authorise, rate-limit, run. `gatewayBot` is
 * the /gateway/bot answer, which only the server knows (it contains its own port).
 */
export async function handleRest(state: DiscordState, req: IncomingMessage, res: ServerResponse, options: { gatewayBot: unknown; ackWindowMs: number }): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fake');
  // discord.js percent-encodes '@original' as '%40original'.
  const path = decodeURIComponent(url.pathname).replace(/^\/api(\/v(9|10))?/, '');
  try {
    const refusal = state.refusals.find((r) => r.path.test(path));
    if (refusal) throw new DiscordApiError(refusal.status, 0, `${refusal.status}: Service Unavailable`);
    const route = routes.find((r) => r.pattern.test(path));
    const match = route ? (route.pattern.exec(path) ?? []) : [];
    if (!route || !route.methods.includes(req.method ?? 'GET')) throw Errors.notFound();
    if (route.auth && req.headers.authorization !== `Bot ${state.token}`) throw Errors.unauthorized();
    if (route.bucket) {
      const [bucket, major] = route.bucket([...match]);
      const decision = state.limiter.check(bucket, major, route.auth);
      for (const [name, value] of Object.entries(decision.headers)) res.setHeader(name, value);
      if (decision.limited) {
        const { retryAfter, global } = decision.limited;
        writeJson(res, 429, { message: 'You are being rate limited.', retry_after: Number(retryAfter.toFixed(3)), global });
        return;
      }
    }
    const body = ['POST', 'PUT', 'PATCH'].includes(req.method ?? '') ? await readBody(req) : {};
    const ctx: Ctx = { state, method: req.method ?? 'GET', match: [...match], body, query: url.searchParams, ackWindowMs: options.ackWindowMs };
    const result = path === '/gateway/bot' ? options.gatewayBot : route.run(ctx);
    if (result && typeof result === 'object' && 'status' in result && 'body' in result) {
      writeJson(res, (result as Result).status, (result as Result).body);
    } else {
      writeJson(res, 200, result);
    }
  } catch (error) {
    const refusal = error instanceof DiscordApiError ? error : new DiscordApiError(500, 0, `500: ${String(error)}`);
    writeJson(res, refusal.status, refusal.toJSON());
  }
}
