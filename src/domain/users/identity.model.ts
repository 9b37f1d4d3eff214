import { Schema, type Connection, type Model, type Types } from 'mongoose';

export const PROVIDERS = ['telegram', 'discord', 'api'] as const;
export type Provider = (typeof PROVIDERS)[number];

/**
 * One account on one platform. The _id is "provider:externalId", so the database itself
 * guarantees that a Telegram or Discord account belongs to exactly one user.
 */
export interface Identity {
  _id: string;
  provider: Provider;
  externalId: string;
  handle?: string;
  userId: Types.ObjectId;
  /** Set when the platform said we may no longer write to this account (bot blocked, DMs closed). */
  unreachableSince?: Date;
  /** Discord: the direct-message channel opened with this account, so later messages skip opening it. */
  dmChannelId?: string;
  createdAt: Date;
  updatedAt: Date;
}

const identitySchema = new Schema<Identity>(
  {
    _id: { type: String, required: true },
    provider: { type: String, enum: PROVIDERS, required: true },
    externalId: { type: String, required: true, maxlength: 64 },
    handle: { type: String, maxlength: 64 },
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    unreachableSince: Date,
    dmChannelId: { type: String, maxlength: 32 },
  },
  { timestamps: true },
);

/** The key of an identity: "telegram:12345". */
export function identityKey(provider: Provider, externalId: string): string {
  return `${provider}:${externalId}`;
}

/** The identities collection on this connection. */
export function identityModel(connection: Connection): Model<Identity> {
  return (
    (connection.models.Identity as Model<Identity> | undefined) ??
    connection.model<Identity>('Identity', identitySchema)
  );
}
