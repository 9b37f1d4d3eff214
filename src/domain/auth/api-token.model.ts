import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { ROLES, type Role } from '../users/roles.js';

/** A bearer token. Only its SHA-256 is stored; the token itself is shown once. */
export interface ApiToken {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  name: string;
  tokenHash: string;
  /** The first characters, so a person can tell their tokens apart. */
  preview: string;
  /**
   * The roles this token is narrowed to, chosen when it was made; absent = all of the user's
   * roles. The user's roles are read at each request, so a scope never widens past them.
   * (Tokens made before scopes existed carry a `roles` copy of the user's roles at the time;
   * it is ignored on purpose, so those tokens follow promotions and demotions too.)
   */
  scope?: Role[];
  lastUsedAt?: Date;
  revokedAt?: Date;
  createdAt: Date;
}

const apiTokenSchema = new Schema<ApiToken>(
  {
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    name: { type: String, required: true, maxlength: 80 },
    tokenHash: { type: String, required: true, unique: true },
    preview: { type: String, required: true },
    scope: { type: [String], enum: ROLES, default: undefined },
    lastUsedAt: Date,
    revokedAt: Date,
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

/** The api_tokens collection on this connection. */
export function apiTokenModel(connection: Connection): Model<ApiToken> {
  return (
    (connection.models.ApiToken as Model<ApiToken> | undefined) ??
    connection.model<ApiToken>('ApiToken', apiTokenSchema, 'api_tokens')
  );
}
