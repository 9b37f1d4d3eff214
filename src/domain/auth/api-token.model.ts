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
  /** The roles this token may use; the user's own roles still bound it. */
  roles: Role[];
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
    roles: { type: [String], enum: ROLES, default: [] },
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
