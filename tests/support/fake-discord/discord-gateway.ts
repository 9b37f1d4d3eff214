import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DiscordState, FakeGuild } from './discord-state.js';

/** Gateway opcodes and close codes used here, numbered as in the Discord docs. */
const Op = { Dispatch: 0, Heartbeat: 1, Identify: 2, PresenceUpdate: 3, Resume: 6, Reconnect: 7, RequestGuildMembers: 8, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 } as const;
const Close = { UnknownOpcode: 4001, DecodeError: 4002, NotAuthenticated: 4003, AuthenticationFailed: 4004, AlreadyAuthenticated: 4005, InvalidApiVersion: 4012, InvalidIntents: 4013, DisallowedIntents: 4014 } as const;
/** GuildMembers, GuildPresences, MessageContent: need approval in the developer portal. */
const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);
const GUILDS_INTENT = 1 << 0;

interface Session {
  id: string;
  seq: number;
  intents: number;
  socket?: WebSocket;
  /** Recent dispatches, replayed on RESUME. */
  backlog: Array<{ s: number; t: string; d: unknown }>;
}

export interface GatewayOptions {
  heartbeatIntervalMs: number;
  /** Privileged intents the app is "approved" for; others close the socket with 4014. */
  allowedPrivilegedIntents: number;
  url: () => string;
}

/**
 * The Discord gateway (v10, JSON, no compression) for one bot: HELLO → IDENTIFY → READY +
 * GUILD_CREATE, heartbeats, RESUME with replay, and the close codes discord.js reacts to.
 */
export class FakeGateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  /** Counters tests can assert on (e.g. a resume happened instead of a new identify). */
  readonly stats = { identifies: 0, resumes: 0, heartbeats: 0 };

  constructor(
    private readonly state: DiscordState,
    private readonly options: GatewayOptions,
  ) {
    this.wss.on('connection', (socket, req) => this.onConnection(socket, req));
  }

  /** Take over an HTTP upgrade request for the gateway path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  /** True once some bot session has identified and still has an open socket. */
  get connected(): boolean {
    return [...this.sessions.values()].some((s) => s.socket?.readyState === 1);
  }

  /** Send a dispatch event to every connected session; returns how many got it. */
  dispatch(t: string, d: unknown): number {
    let delivered = 0;
    for (const session of this.sessions.values()) {
      const s = ++session.seq;
      session.backlog = [...session.backlog.slice(-99), { s, t, d }];
      if (session.socket?.readyState === 1) {
        session.socket.send(JSON.stringify({ op: Op.Dispatch, s, t, d }));
        delivered += 1;
      }
    }
    return delivered;
  }

  /** Ask connected clients to reconnect (op 7), which makes discord.js RESUME. */
  requestReconnect(): void {
    for (const session of this.sessions.values()) session.socket?.send(JSON.stringify({ op: Op.Reconnect, d: null }));
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(socket: WebSocket, req: IncomingMessage): void {
    const query = new URL(req.url ?? '/', 'ws://fake').searchParams;
    if (query.get('v') !== '10') return socket.close(Close.InvalidApiVersion, 'Invalid API version.');
    if ((query.get('encoding') ?? 'json') !== 'json') return socket.close(Close.DecodeError, 'Error while decoding payload.');
    let session: Session | undefined;
    socket.send(JSON.stringify({ op: Op.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs }, s: null, t: null }));
    socket.on('message', (raw) => {
      let payload: { op?: number; d?: Record<string, unknown> | number | null };
      try {
        payload = JSON.parse(String(raw)) as typeof payload;
      } catch {
        return socket.close(Close.DecodeError, 'Error while decoding payload.');
      }
      const d = (payload.d ?? {}) as Record<string, unknown>;
      switch (payload.op) {
        case Op.Heartbeat:
          this.stats.heartbeats += 1;
          return socket.send(JSON.stringify({ op: Op.HeartbeatAck, d: null }));
        case Op.Identify:
          if (session) return socket.close(Close.AlreadyAuthenticated, 'You sent more than one identify payload.');
          session = this.identify(socket, d);
          return undefined;
        case Op.Resume:
          session = this.resume(socket, d);
          return undefined;
        case Op.PresenceUpdate:
        case Op.RequestGuildMembers:
          return session ? undefined : socket.close(Close.NotAuthenticated, 'You sent a payload prior to identifying.');
        default:
          return socket.close(Close.UnknownOpcode, 'Unknown opcode.');
      }
    });
    socket.on('close', () => {
      if (session?.socket === socket) delete session.socket;
    });
  }

  private identify(socket: WebSocket, d: Record<string, unknown>): Session | undefined {
    if (d.token !== this.state.token && d.token !== `Bot ${this.state.token}`) {
      socket.close(Close.AuthenticationFailed, 'Authentication failed.');
      return undefined;
    }
    const intents = d.intents;
    if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0) {
      socket.close(Close.InvalidIntents, 'Invalid intent(s).');
      return undefined;
    }
    if ((intents & PRIVILEGED_INTENTS & ~this.options.allowedPrivilegedIntents) !== 0) {
      socket.close(Close.DisallowedIntents, 'Disallowed intent(s).');
      return undefined;
    }
    this.stats.identifies += 1;
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, intents, socket, backlog: [] };
    this.sessions.set(session.id, session);
    this.send(session, 'READY', {
      v: 10,
      user: { ...this.state.bot, verified: true, mfa_enabled: false, flags: 0 },
      guilds: this.state.guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.options.url(),
      shard: [0, 1],
      application: { id: this.state.applicationId, flags: 0 },
      private_channels: [],
    });
    if (intents & GUILDS_INTENT) for (const guild of this.state.guilds) this.send(session, 'GUILD_CREATE', this.guildCreate(guild));
    return session;
  }

  private resume(socket: WebSocket, d: Record<string, unknown>): Session | undefined {
    if (d.token !== this.state.token && d.token !== `Bot ${this.state.token}`) {
      socket.close(Close.AuthenticationFailed, 'Authentication failed.');
      return undefined;
    }
    const session = this.sessions.get(String(d.session_id));
    if (!session) {
      // d:false tells the client it must identify afresh.
      socket.send(JSON.stringify({ op: Op.InvalidSession, d: false }));
      return undefined;
    }
    this.stats.resumes += 1;
    session.socket = socket;
    for (const event of session.backlog.filter((e) => e.s > Number(d.seq))) {
      socket.send(JSON.stringify({ op: Op.Dispatch, ...event }));
    }
    this.send(session, 'RESUMED', {});
    return session;
  }

  private send(session: Session, t: string, d: unknown): void {
    const s = ++session.seq;
    session.socket?.send(JSON.stringify({ op: Op.Dispatch, s, t, d }));
  }

  /** A GUILD_CREATE with the fields discord.js's Guild#_patch reads. */
  private guildCreate(guild: FakeGuild): Record<string, unknown> {
    const joinedAt = new Date(0).toISOString();
    return {
      id: guild.id, name: guild.name, icon: null, splash: null, discovery_splash: null, banner: null, description: null,
      owner_id: '1', afk_channel_id: null, afk_timeout: 300, verification_level: 0, default_message_notifications: 0,
      explicit_content_filter: 0, mfa_level: 0, nsfw_level: 0, premium_tier: 0, premium_subscription_count: 0,
      preferred_locale: 'en-US', features: [], emojis: [], stickers: [], application_id: null, system_channel_id: null,
      system_channel_flags: 0, rules_channel_id: null, public_updates_channel_id: null, safety_alerts_channel_id: null,
      vanity_url_code: null, max_members: 500_000, premium_progress_bar_enabled: false,
      roles: [{ id: guild.id, name: '@everyone', permissions: '1071698660929', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
      joined_at: joinedAt, large: false, unavailable: false, member_count: 1, voice_states: [], threads: [], presences: [],
      stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [],
      members: [{ user: this.state.bot, roles: [], joined_at: joinedAt, deaf: false, mute: false, flags: 0 }],
      channels: guild.channels.map((c) => this.state.channels.get(c.id)),
    };
  }
}
