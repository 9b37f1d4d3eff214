import type { Connection, Types } from 'mongoose';
import { ConflictError, NotFoundError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import { requireRole } from '../auth/access.js';
import type { AuditLog } from '../moderation/audit-log.service.js';
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
  constructor(
    private readonly connection: Connection,
    private readonly audit?: AuditLog,
  ) {}

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

  /** Creates a category (admins); the slug must be free. Audited as `actor`. */
  async create(actor: Actor, input: CreateCategoryInput): Promise<ForumCategory> {
    requireRole(actor, 'admin');
    try {
      const created = (await this.categories.create(input)).toObject();
      await this.audit?.record(actor, 'category.created', { type: 'category', id: created._id }, { slug: created.slug });
      return created;
    } catch (error) {
      if (isDuplicateKey(error)) throw slugTaken(input.slug);
      throw error;
    }
  }

  /** Changes a category's names, description, slug or position (admins). */
  async update(actor: Actor, id: Types.ObjectId, change: UpdateCategoryInput): Promise<ForumCategory> {
    requireRole(actor, 'admin');
    const current = await this.get(id);
    const set = {
      ...change,
      ...(change.name ? { name: { ...current.name, ...change.name } } : {}),
      ...(change.description ? { description: { ...current.description, ...change.description } } : {}),
    };
    try {
      const updated = await this.categories.findByIdAndUpdate(id, { $set: set }, { returnDocument: 'after', runValidators: true }).lean();
      if (!updated) throw new NotFoundError('forum.category_not_found', 'No such forum category.', { id: String(id) });
      await this.audit?.record(actor, 'category.updated', { type: 'category', id }, { fields: Object.keys(change) });
      return updated;
    } catch (error) {
      if (isDuplicateKey(error)) throw slugTaken(change.slug);
      throw error;
    }
  }
}
