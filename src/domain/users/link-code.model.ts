import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** A short single-use code that joins the identity redeeming it to the user who created it. */
export interface LinkCode {
  _id: string;
  userId: Types.ObjectId;
  expiresAt: Date;
  usedAt?: Date;
}

const linkCodeSchema = new Schema<LinkCode>(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    // The TTL index removes spent and expired codes; expiry itself is checked on redeem.
    expiresAt: { type: Date, required: true, index: { expireAfterSeconds: 3600 } },
    usedAt: Date,
  },
  { versionKey: false },
);

/** The link_codes collection on this connection. */
export function linkCodeModel(connection: Connection): Model<LinkCode> {
  return (
    (connection.models.LinkCode as Model<LinkCode> | undefined) ??
    connection.model<LinkCode>('LinkCode', linkCodeSchema, 'link_codes')
  );
}
