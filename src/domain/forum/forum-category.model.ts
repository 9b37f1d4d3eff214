import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** A forum section such as "Cloud & DevOps"; admins create and order them. */
export interface ForumCategory {
  _id: Types.ObjectId;
  slug: string;
  name: { vi?: string; en?: string };
  description: { vi?: string; en?: string };
  /** Lower comes first in the category list. */
  position: number;
  createdAt: Date;
  updatedAt: Date;
}

const localisedText = (max: number) => ({ vi: { type: String, maxlength: max }, en: { type: String, maxlength: max } });

const categorySchema = new Schema<ForumCategory>(
  {
    slug: { type: String, required: true, unique: true, maxlength: 60 },
    name: localisedText(80),
    description: localisedText(1000),
    position: { type: Number, default: 0 },
  },
  { timestamps: true, minimize: false },
);
categorySchema.index({ position: 1, _id: 1 });

/** The forum categories collection on this connection. */
export function forumCategoryModel(connection: Connection): Model<ForumCategory> {
  return (
    (connection.models.ForumCategory as Model<ForumCategory> | undefined) ??
    connection.model<ForumCategory>('ForumCategory', categorySchema, 'forum_categories')
  );
}
