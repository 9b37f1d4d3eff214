import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { OutboxEntry } from '../notices/notice.model.js';
import { outboxFlagPlugin } from '../notices/outbox-flag.js';
import { ENGAGEMENT_TYPES, type EngagementType } from '../shared/constants.js';

export const REQUEST_STATUSES = ['draft', 'open', 'closed', 'filled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const WORK_MODES = ['remote', 'onsite', 'hybrid'] as const;
export type WorkMode = (typeof WORK_MODES)[number];

/** Hours of the firm's working day in its own time zone, e.g. 08:00-17:00 Asia/Ho_Chi_Minh. */
export interface TimezoneWindow {
  timezone: string;
  startHour: number;
  endHour: number;
}

/** A firm's call for collaboration: consulting, mentoring, a visit, a placement, investment. */
export interface CollaborationRequest {
  _id: Types.ObjectId;
  firmId: Types.ObjectId;
  createdBy: Types.ObjectId;
  title: { vi?: string; en?: string };
  body: { vi?: string; en?: string };
  skillsMust: string[];
  skillsNice: string[];
  engagementType: EngagementType;
  workMode: WorkMode;
  /** Languages the work happens in (ISO 639-1). */
  languages: string[];
  timezoneWindow: TimezoneWindow;
  city?: string;
  deadline?: Date;
  status: RequestStatus;
  publishedAt?: Date;
  closedAt?: Date;
  /** Folded title, body and skills, for diacritic-insensitive free-text search. */
  searchText: string;
  /** Notices written in the same update as the change they report; drained by Outbox. */
  outbox: OutboxEntry[];
  createdAt: Date;
  updatedAt: Date;
}

const localisedText = (max: number) => ({ vi: { type: String, maxlength: max }, en: { type: String, maxlength: max } });

const requestSchema = new Schema<CollaborationRequest>(
  {
    firmId: { type: Schema.Types.ObjectId, required: true, index: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    title: localisedText(160),
    body: localisedText(8000),
    skillsMust: { type: [String], index: true },
    skillsNice: { type: [String], index: true },
    engagementType: { type: String, enum: ENGAGEMENT_TYPES, required: true },
    workMode: { type: String, enum: WORK_MODES, required: true },
    languages: { type: [String], default: ['vi', 'en'] },
    timezoneWindow: {
      timezone: { type: String, required: true },
      startHour: { type: Number, min: 0, max: 24, required: true },
      endHour: { type: Number, min: 0, max: 24, required: true },
    },
    city: { type: String, maxlength: 80 },
    deadline: Date,
    status: { type: String, enum: REQUEST_STATUSES, default: 'draft', index: true },
    publishedAt: Date,
    closedAt: Date,
    searchText: { type: String, default: '' },
  },
  { timestamps: true, minimize: false },
);
requestSchema.plugin(outboxFlagPlugin);
requestSchema.index({ status: 1, createdAt: -1, _id: -1 });
requestSchema.index({ firmId: 1, status: 1, createdAt: -1, _id: -1 });
requestSchema.index({ searchText: 'text' }, { default_language: 'none', name: 'request_text' });

/** The requests collection on this connection. */
export function requestModel(connection: Connection): Model<CollaborationRequest> {
  return (
    (connection.models.CollaborationRequest as Model<CollaborationRequest> | undefined) ??
    connection.model<CollaborationRequest>('CollaborationRequest', requestSchema, 'requests')
  );
}
