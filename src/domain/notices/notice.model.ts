import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** What happened, for the notification pipeline to tell the right people. */
export const NOTICE_TYPES = [
  'request.published',
  'request.closed',
  'request.filled',
  'introduction.requested',
  'introduction.accepted',
  'introduction.declined',
  'introduction.withdrawn',
  'introduction.expired',
  'event.published',
  'event.rescheduled',
  'event.cancelled',
  'event.rsvp_promoted',
  'event.reminder',
  'forum.thread_created',
  'forum.reply_created',
  'broadcast.sent',
  'digest.weekly',
  'event.edition_drafted',
  'report.monthly',
] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

/** An outbox entry as stored inside the document whose change it reports. */
export interface OutboxEntry {
  _id: string;
  type: NoticeType;
  data: Record<string, unknown>;
  at: Date;
}

/** A notice in the shared outbox collection; the relay turns pending notices into jobs. */
export interface Notice {
  _id: string;
  type: NoticeType;
  subject: { kind: string; id: Types.ObjectId };
  data: Record<string, unknown>;
  status: 'pending' | 'dispatched';
  createdAt: Date;
  dispatchedAt?: Date;
  /** When its deliveries were created; a dispatched notice without it was not fanned out yet. */
  fannedOutAt?: Date;
  /** People in the audience no channel could reach when it was fanned out (a broadcast's counts show them). */
  unreachable?: number;
}

/** The schema of the `outbox` array each notice-producing document carries. */
export const outboxEntrySchema = new Schema<OutboxEntry>(
  {
    _id: { type: String, required: true },
    type: { type: String, enum: NOTICE_TYPES, required: true },
    data: { type: Schema.Types.Mixed, default: {} },
    at: { type: Date, required: true },
  },
  { minimize: false },
);

const noticeSchema = new Schema<Notice>(
  {
    _id: { type: String, required: true },
    type: { type: String, enum: NOTICE_TYPES, required: true },
    subject: { kind: { type: String, required: true }, id: { type: Schema.Types.ObjectId, required: true } },
    data: { type: Schema.Types.Mixed, default: {} },
    status: { type: String, enum: ['pending', 'dispatched'], default: 'pending' },
    createdAt: { type: Date, required: true },
    dispatchedAt: Date,
    fannedOutAt: Date,
    unreachable: Number,
  },
  { versionKey: false, minimize: false },
);
noticeSchema.index({ status: 1, createdAt: 1 });
noticeSchema.index({ 'subject.id': 1, createdAt: 1 });

/** The notices collection on this connection. */
export function noticeModel(connection: Connection): Model<Notice> {
  return (connection.models.Notice as Model<Notice> | undefined) ?? connection.model<Notice>('Notice', noticeSchema);
}
