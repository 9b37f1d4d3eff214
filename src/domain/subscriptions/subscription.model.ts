import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** What a person can follow: forum categories, tags and threads, expert skills, kinds of event. */
export const SUBSCRIPTION_KINDS = ['category', 'tag', 'thread', 'skill', 'event_kind'] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];

/** One thing one person follows; `value` is an id, a normalised tag or an event kind. */
export interface Subscription {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  kind: SubscriptionKind;
  value: string;
  createdAt: Date;
}

const subscriptionSchema = new Schema<Subscription>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: SUBSCRIPTION_KINDS, required: true },
    value: { type: String, required: true, maxlength: 60 },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// Also serves "my subscriptions" (prefix userId).
subscriptionSchema.index({ userId: 1, kind: 1, value: 1 }, { unique: true });
// audienceFor: everyone following any of these values of one kind, without a collection scan.
subscriptionSchema.index({ kind: 1, value: 1, userId: 1 });

/** The subscriptions collection on this connection. */
export function subscriptionModel(connection: Connection): Model<Subscription> {
  return (
    (connection.models.Subscription as Model<Subscription> | undefined) ??
    connection.model<Subscription>('Subscription', subscriptionSchema, 'subscriptions')
  );
}
