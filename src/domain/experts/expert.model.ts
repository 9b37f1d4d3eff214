import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { ENGAGEMENT_TYPES, type EngagementType } from '../shared/constants.js';

export const AVAILABILITY = ['available', 'limited', 'unavailable'] as const;
export type Availability = (typeof AVAILABILITY)[number];

/** An overseas expert's public profile. Contacts live on the user and stay private. */
export interface ExpertProfile {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  headline: string;
  bio: { vi?: string; en?: string };
  skills: string[];
  languages: string[];
  country: string;
  city?: string;
  timezone: string;
  engagementTypes: EngagementType[];
  availability: Availability;
  hoursPerWeek?: number;
  /** Folded headline, bio, skills and city, for diacritic-insensitive free-text search. */
  searchText: string;
  createdAt: Date;
  updatedAt: Date;
}

const expertSchema = new Schema<ExpertProfile>(
  {
    userId: { type: Schema.Types.ObjectId, required: true, unique: true },
    headline: { type: String, required: true, maxlength: 140 },
    bio: { vi: { type: String, maxlength: 4000 }, en: { type: String, maxlength: 4000 } },
    skills: { type: [String], index: true },
    languages: { type: [String], index: true },
    country: { type: String, required: true, index: true },
    city: { type: String, maxlength: 80 },
    timezone: { type: String, required: true },
    engagementTypes: { type: [String], enum: ENGAGEMENT_TYPES, index: true },
    availability: { type: String, enum: AVAILABILITY, default: 'available' },
    hoursPerWeek: { type: Number, min: 1, max: 80 },
    searchText: { type: String, default: '' },
  },
  { timestamps: true, minimize: false },
);
expertSchema.index({ searchText: 'text' }, { default_language: 'none', name: 'expert_text' });
expertSchema.index({ updatedAt: -1, _id: -1 });

/** The experts collection on this connection. */
export function expertModel(connection: Connection): Model<ExpertProfile> {
  return (
    (connection.models.Expert as Model<ExpertProfile> | undefined) ??
    connection.model<ExpertProfile>('Expert', expertSchema)
  );
}
