import { Schema, type Connection, type Model, type Types } from 'mongoose';

export const PROJECT_STAGES = ['idea', 'prototype', 'early_revenue', 'growth', 'expansion'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];
export const PROJECT_STATUSES = ['draft', 'published', 'closed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/**
 * Who stands behind a project: a firm (its members edit it and answer interest) or the
 * city's programme (organisers do). `firmId` is set exactly when kind is "firm".
 */
export interface ProjectOwner {
  kind: 'firm' | 'programme';
  firmId?: Types.ObjectId;
}

/** A project calling for investment. Contacts are never public: investors go through an interest. */
export interface InvestmentProject {
  _id: Types.ObjectId;
  title: { vi?: string; en?: string };
  summary: { vi?: string; en?: string };
  sector: string;
  /** Folded sector, so "tai chinh" filters "Tài chính". */
  sectorKey: string;
  /** Whole US dollars; min ≤ max. */
  amountUsd: { min: number; max: number };
  stage: ProjectStage;
  city: string;
  owner: ProjectOwner;
  createdBy: Types.ObjectId;
  status: ProjectStatus;
  publishedAt?: Date;
  closedAt?: Date;
  searchText: string;
  createdAt: Date;
  updatedAt: Date;
}

const localisedText = (max: number) => ({ vi: { type: String, maxlength: max }, en: { type: String, maxlength: max } });

const projectSchema = new Schema<InvestmentProject>(
  {
    title: localisedText(200),
    summary: localisedText(4000),
    sector: { type: String, required: true, maxlength: 60 },
    sectorKey: { type: String, required: true },
    amountUsd: { min: { type: Number, required: true, min: 0 }, max: { type: Number, required: true, min: 0 } },
    stage: { type: String, enum: PROJECT_STAGES, required: true },
    city: { type: String, required: true, maxlength: 80 },
    owner: {
      kind: { type: String, enum: ['firm', 'programme'], required: true },
      firmId: { type: Schema.Types.ObjectId },
    },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: PROJECT_STATUSES, default: 'draft' },
    publishedAt: Date,
    closedAt: Date,
    searchText: { type: String, default: '' },
  },
  { timestamps: true, minimize: false },
);
projectSchema.index({ status: 1, createdAt: -1, _id: -1 });
projectSchema.index({ 'owner.firmId': 1, createdAt: -1 });
projectSchema.index({ searchText: 'text' }, { default_language: 'none', name: 'project_text' });

/** The investment projects collection on this connection. */
export function projectModel(connection: Connection): Model<InvestmentProject> {
  return (
    (connection.models.InvestmentProject as Model<InvestmentProject> | undefined) ??
    connection.model<InvestmentProject>('InvestmentProject', projectSchema, 'catalog_projects')
  );
}
