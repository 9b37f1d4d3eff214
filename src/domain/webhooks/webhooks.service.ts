import { randomUUID } from 'node:crypto';
import type { Connection, Types } from 'mongoose';
import { ConflictError, NotFoundError } from '../app-error.js';
import { requireRole } from '../auth/access.js';
import type { Actor } from '../auth/api-token.service.js';
import { assertFirmRole, firmRoleOf, type FirmsService } from '../firms/firms.service.js';
import { firmModel } from '../firms/firm.model.js';
import { hasRole } from '../users/roles.js';
import type { SecretBox } from './secret-box.js';
import { webhookEndpointModel, type WebhookEndpoint } from './webhook-endpoint.model.js';
import type { CreateWebhookInput, UpdateWebhookInput } from './webhook.schemas.js';
import { sendWebhook, type SendOutcome } from './webhook-sender.js';
import { newWebhookSecret, signatureHeaders } from './webhook-signing.js';
import { resolveWebhookTarget, type WebhookUrlPolicy } from './webhook-url.js';

/** A rotated-out secret keeps signing beside the new one for this long, so receivers can switch over. */
export const ROTATION_OVERLAP_MS = 24 * 3600_000;
/** Endpoints per firm (admins' own endpoints are not counted). */
export const MAX_ENDPOINTS_PER_FIRM = 10;

export interface WebhookSettings {
  policy: WebhookUrlPolicy;
  box: SecretBox;
}

/** An endpoint with its new plain secret: shown once, at creation and at rotation. */
export interface EndpointWithSecret {
  endpoint: WebhookEndpoint;
  secret: string;
}

/**
 * Outbound webhook endpoints: who may manage them (admins; a firm's owners for the firm's
 * own), their URLs (checked against SSRF), and their signing secrets, sealed at rest.
 */
export class WebhooksService {
  constructor(
    private readonly connection: Connection,
    private readonly firms: FirmsService,
    private readonly settings: WebhookSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get endpoints() {
    return webhookEndpointModel(this.connection);
  }

  async create(actor: Actor, input: CreateWebhookInput): Promise<EndpointWithSecret> {
    if (input.firmId) {
      assertFirmRole(await this.firms.get(input.firmId), actor, ['owner']);
      const count = await this.endpoints.countDocuments({ firmId: input.firmId });
      if (count >= MAX_ENDPOINTS_PER_FIRM) {
        throw new ConflictError('webhook.too_many', 'This firm has as many webhook endpoints as it may have.', { limit: MAX_ENDPOINTS_PER_FIRM });
      }
    } else {
      requireRole(actor, 'admin');
    }
    const url = await this.checkedUrl(input.url);
    const secret = newWebhookSecret();
    const created = await this.endpoints.create({
      url,
      events: input.events,
      description: input.description,
      ...(input.firmId ? { firmId: input.firmId } : {}),
      createdBy: actor.userId,
      secrets: [{ sealed: this.settings.box.seal(secret), createdAt: this.now() }],
      status: 'active',
    });
    return { endpoint: created.toObject(), secret };
  }

  /** Admins see every endpoint; anyone else, the endpoints of the firms they own. */
  async list(actor: Actor): Promise<WebhookEndpoint[]> {
    if (hasRole(actor.roles, 'admin')) return this.endpoints.find().sort({ createdAt: 1, _id: 1 }).lean();
    const owned = await firmModel(this.connection).find({ members: { $elemMatch: { userId: actor.userId, role: 'owner' } } }, { _id: 1 }).lean();
    if (owned.length === 0) return [];
    return this.endpoints.find({ firmId: { $in: owned.map((f) => f._id) } }).sort({ createdAt: 1, _id: 1 }).lean();
  }

  /** The endpoint if the actor may manage it; otherwise as if it did not exist. */
  async get(actor: Actor, id: Types.ObjectId): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.findById(id).lean();
    if (!endpoint || !(await this.mayManage(actor, endpoint))) {
      throw new NotFoundError('webhook.not_found', 'No such webhook endpoint.', { id: String(id) });
    }
    return endpoint;
  }

  async update(actor: Actor, id: Types.ObjectId, patch: UpdateWebhookInput): Promise<WebhookEndpoint> {
    await this.get(actor, id);
    const set: Partial<WebhookEndpoint> = {};
    if (patch.url !== undefined) set.url = await this.checkedUrl(patch.url);
    if (patch.events !== undefined) set.events = patch.events;
    if (patch.description !== undefined) set.description = patch.description;
    return this.saved(await this.endpoints.findByIdAndUpdate(id, { $set: set }, { new: true }).lean(), id);
  }

  async remove(actor: Actor, id: Types.ObjectId): Promise<void> {
    await this.get(actor, id);
    await this.endpoints.deleteOne({ _id: id });
  }

  /** A new secret; the previous ones keep signing for ROTATION_OVERLAP_MS, older expired ones are dropped. */
  async rotateSecret(actor: Actor, id: Types.ObjectId): Promise<EndpointWithSecret> {
    const endpoint = await this.get(actor, id);
    const now = this.now();
    const overlapEnds = new Date(now.getTime() + ROTATION_OVERLAP_MS);
    const kept = endpoint.secrets
      .filter((s) => !s.expiresAt || s.expiresAt > now)
      .map((s) => ({ ...s, expiresAt: s.expiresAt && s.expiresAt < overlapEnds ? s.expiresAt : overlapEnds }));
    const secret = newWebhookSecret();
    const secrets = [{ sealed: this.settings.box.seal(secret), createdAt: now }, ...kept];
    const updated = await this.endpoints.findByIdAndUpdate(id, { $set: { secrets } }, { new: true }).lean();
    return { endpoint: this.saved(updated, id), secret };
  }

  /** Paused endpoints receive nothing until resumed; resuming also re-enables one the service disabled. */
  async setPaused(actor: Actor, id: Types.ObjectId, paused: boolean): Promise<WebhookEndpoint> {
    await this.get(actor, id);
    const change = paused ? { $set: { status: 'paused' } } : { $set: { status: 'active' }, $unset: { disabledAt: 1 } };
    return this.saved(await this.endpoints.findByIdAndUpdate(id, change, { new: true }).lean(), id);
  }

  /**
   * Sends a `ping` to the endpoint at once (even when paused or disabled, so a fixed
   * receiver can be checked before resuming) and says how the receiver answered.
   */
  async sendTest(actor: Actor, id: Types.ObjectId): Promise<{ webhookId: string; outcome: SendOutcome }> {
    const endpoint = await this.get(actor, id);
    const at = this.now();
    const webhookId = `msg_${randomUUID().replaceAll('-', '')}`;
    const body = JSON.stringify({ type: 'ping', version: 1, timestamp: at.toISOString(), data: { endpointId: String(endpoint._id) } });
    const headers = signatureHeaders(webhookId, at, body, this.signingSecrets(endpoint));
    return { webhookId, outcome: await sendWebhook(endpoint.url, body, headers, { policy: this.settings.policy }) };
  }

  /** The plain secrets that sign a delivery now, newest first. */
  signingSecrets(endpoint: Pick<WebhookEndpoint, 'secrets'>): string[] {
    const now = this.now();
    return endpoint.secrets.filter((s) => !s.expiresAt || s.expiresAt > now).map((s) => this.settings.box.open(s.sealed));
  }

  private async mayManage(actor: Actor, endpoint: WebhookEndpoint): Promise<boolean> {
    if (hasRole(actor.roles, 'admin')) return true;
    if (!endpoint.firmId) return false;
    const firm = await firmModel(this.connection).findById(endpoint.firmId, { members: 1 }).lean();
    return firm !== null && firmRoleOf(firm, actor.userId) === 'owner';
  }

  private async checkedUrl(raw: string): Promise<string> {
    return (await resolveWebhookTarget(raw, this.settings.policy)).url.toString();
  }

  private saved(endpoint: WebhookEndpoint | null, id: Types.ObjectId): WebhookEndpoint {
    if (!endpoint) throw new NotFoundError('webhook.not_found', 'No such webhook endpoint.', { id: String(id) });
    return endpoint;
  }
}
