import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { acknowledge, type InteractionRecord } from './discord-interactions.js';
import type { DiscordState } from './discord-state.js';

/**
 * Discord's side of an "Interactions Endpoint URL": each interaction is POSTed to the app,
 * signed with Ed25519 over timestamp + body; the HTTP answer is the interaction callback,
 * held to the same rules (one answer, a type that fits, within the ack window).
 */
export class OutgoingInteractions {
  private readonly privateKey: KeyObject;
  /** The application's public key as the Developer Portal shows it (64 hex digits). */
  readonly publicKeyHex: string;
  url: string | null = null;
  /** Status of every POST, in order (401s for our forged-signature tests land here too). */
  readonly statuses: number[] = [];

  constructor(
    private readonly state: DiscordState,
    private readonly ackWindowMs: number,
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    this.privateKey = privateKey;
    this.publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  }

  /** Signs a body as Discord would (timestamp in seconds). */
  signature(timestamp: string, body: string): string {
    return sign(null, Buffer.from(timestamp + body), this.privateKey).toString('hex');
  }

  /** POSTs the interaction and applies the answer as its callback. */
  async post(payload: Record<string, unknown>, record?: InteractionRecord): Promise<{ status: number; answer?: Record<string, unknown> }> {
    if (!this.url) throw new Error('FakeDiscord: no interactions endpoint is set');
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature-ed25519': this.signature(timestamp, body), 'x-signature-timestamp': timestamp },
      body,
    });
    this.statuses.push(response.status);
    if (!response.ok) return { status: response.status };
    const answer = (await response.json()) as Record<string, unknown>;
    if (record) acknowledge(this.state, this.ackWindowMs, record.id, record.token, answer, false);
    return { status: response.status, answer };
  }
}
