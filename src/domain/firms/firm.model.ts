import { Schema, type Connection, type Model, type Types } from 'mongoose';

export const FIRM_SIZES = ['1-10', '11-50', '51-200', '201-1000', '1000+'] as const;
export type FirmSize = (typeof FIRM_SIZES)[number];
export const FIRM_ROLES = ['owner', 'staff'] as const;
export type FirmRole = (typeof FIRM_ROLES)[number];

export interface FirmMember {
  userId: Types.ObjectId;
  role: FirmRole;
  addedAt: Date;
}

/** A person asked to join a firm; they become a member only when they accept. */
export interface FirmInvitation {
  userId: Types.ObjectId;
  role: FirmRole;
  invitedBy: Types.ObjectId;
  invitedAt: Date;
}

/** A local software firm. Unverified firms can draft requests but not publish them. */
export interface Firm {
  _id: Types.ObjectId;
  name: string;
  sector: string;
  size: FirmSize;
  city: string;
  country: string;
  website?: string;
  description: { vi?: string; en?: string };
  verified: boolean;
  verifiedAt?: Date;
  verifiedBy?: Types.ObjectId;
  members: FirmMember[];
  invitations: FirmInvitation[];
  searchText: string;
  createdAt: Date;
  updatedAt: Date;
}

const firmSchema = new Schema<Firm>(
  {
    name: { type: String, required: true, maxlength: 120 },
    sector: { type: String, required: true, maxlength: 60 },
    size: { type: String, enum: FIRM_SIZES, required: true },
    city: { type: String, required: true, maxlength: 80 },
    country: { type: String, default: 'VN' },
    website: { type: String, maxlength: 300 },
    description: { vi: { type: String, maxlength: 4000 }, en: { type: String, maxlength: 4000 } },
    verified: { type: Boolean, default: false, index: true },
    verifiedAt: Date,
    verifiedBy: Schema.Types.ObjectId,
    members: [
      {
        _id: false,
        userId: { type: Schema.Types.ObjectId, required: true },
        role: { type: String, enum: FIRM_ROLES, required: true },
        addedAt: { type: Date, required: true },
      },
    ],
    invitations: [
      {
        _id: false,
        userId: { type: Schema.Types.ObjectId, required: true },
        role: { type: String, enum: FIRM_ROLES, required: true },
        invitedBy: { type: Schema.Types.ObjectId, required: true },
        invitedAt: { type: Date, required: true },
      },
    ],
    searchText: { type: String, default: '' },
  },
  { timestamps: true, minimize: false },
);
firmSchema.index({ 'members.userId': 1 });
firmSchema.index({ 'invitations.userId': 1 });
firmSchema.index({ createdAt: -1, _id: -1 });
firmSchema.index({ searchText: 'text' }, { default_language: 'none', name: 'firm_text' });

/** The firms collection on this connection. */
export function firmModel(connection: Connection): Model<Firm> {
  return (connection.models.Firm as Model<Firm> | undefined) ?? connection.model<Firm>('Firm', firmSchema);
}
