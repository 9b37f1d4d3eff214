import type { Connection, Types } from 'mongoose';
import { ConflictError, NotFoundError } from '../app-error.js';
import { forumCategoryModel, type ForumCategory } from './forum-category.model.js';
import type { CreateCategoryInput, UpdateCategoryInput } from './forum.schemas.js';

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

function slugTaken(slug: string | undefined): ConflictError {
  return new ConflictError('forum.slug_taken', 'Another category already uses this slug.', { slug });
}

/** Forum categories: admins create and order them, everyone lists them. */
export class ForumCategoriesService {
  constructor(private readonly connection: Connection) {}

  private get categories() {
    return forumCategoryModel(this.connection);
  }

  /** Every category, in display order. */
  async list(): Promise<ForumCategory[]> {
    return this.categories.find().sort({ position: 1, _id: 1 }).limit(500).lean();
  }

  /** The category, or NotFoundError. */
  async get(id: Types.ObjectId): Promise<ForumCategory> {
    const category = await this.categories.findById(id).lean();
    if (!category) throw new NotFoundError('forum.category_not_found', 'No such forum category.', { id: String(id) });
    return category;
  }

  /** Creates a category; the slug must be free. Route access limits this to admins. */
  async create(input: CreateCategoryInput): Promise<ForumCategory> {
    try {
      return (await this.categories.create(input)).toObject();
    } catch (error) {
      if (isDuplicateKey(error)) throw slugTaken(input.slug);
      throw error;
    }
  }

  /** Changes a category's names, description, slug or position. */
  async update(id: Types.ObjectId, change: UpdateCategoryInput): Promise<ForumCategory> {
    const current = await this.get(id);
    const set = {
      ...change,
      ...(change.name ? { name: { ...current.name, ...change.name } } : {}),
      ...(change.description ? { description: { ...current.description, ...change.description } } : {}),
    };
    try {
      const updated = await this.categories.findByIdAndUpdate(id, { $set: set }, { returnDocument: 'after', runValidators: true }).lean();
      if (!updated) throw new NotFoundError('forum.category_not_found', 'No such forum category.', { id: String(id) });
      return updated;
    } catch (error) {
      if (isDuplicateKey(error)) throw slugTaken(change.slug);
      throw error;
    }
  }
}
