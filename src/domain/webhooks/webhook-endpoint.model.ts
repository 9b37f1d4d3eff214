import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** The events an endpoint may ask for; each has a versioned payload (docs/webhooks.md). */
export const WEBHOOK_EVENT_TYPES = [
  'request.published',
  'request.closed',
  'event.published',
  'event.updated',
  'event.cancelled',
  'fair.edition_announced',
  'introduction.accepted',
  'broadcast.sent',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_STATUSES = ['active', 'paused', 'disabled'] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

/** A signing secret, sealed (secret-box.ts); a rotated-out one signs alongside the new one until it expires. */
export interface WebhookSecret {
  sealed: string;
  createdAt: Date;
  expiresAt?: Date;
}

/** Where an integrator wants to be told about the programme, and how deliveries to it are going. */
export interface WebhookEndpoint {
  _id: Types.ObjectId;
  url: string;
  events: WebhookEventType[];
  description: string;
  /** Set when a firm's owners manage it: then only events about that firm reach it. */
  firmId?: Types.ObjectId;
  createdBy: Types.ObjectId;
  secrets: WebhookSecret[];
  /** paused: by its managers; disabled: by the service after a day of failed deliveries. */
  status: WebhookStatus;
  disabledAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

const secretSchema = new Schema<WebhookSecret>(
  { sealed: { type: String, required: true }, createdAt: { type: Date, required: true }, expiresAt: Date },
  { _id: false },
);

const endpointSchema = new Schema<WebhookEndpoint>(
  {
    url: { type: String, required: true },
    events: { type: [String], enum: WEBHOOK_EVENT_TYPES, required: true },
    description: { type: String, default: '' },
    firmId: { type: Schema.Types.ObjectId, index: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    secrets: { type: [secretSchema], required: true },
    status: { type: String, enum: WEBHOOK_STATUSES, default: 'active' },
    disabledAt: Date,
  },
  { timestamps: true, versionKey: false },
);
endpointSchema.index({ events: 1, status: 1 });

/** The webhook endpoints collection on this connection. */
export function webhookEndpointModel(connection: Connection): Model<WebhookEndpoint> {
  return (connection.models.WebhookEndpoint as Model<WebhookEndpoint> | undefined) ?? connection.model<WebhookEndpoint>('WebhookEndpoint', endpointSchema);
}
