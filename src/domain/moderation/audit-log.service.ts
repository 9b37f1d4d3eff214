import type { Connection, QueryFilter, Types } from 'mongoose';
import type { Actor } from '../auth/api-token.service.js';
import { requireRole } from '../auth/access.js';
import { paginate, type Page } from '../shared/pagination.js';
import { auditEntryModel, type AuditAction, type AuditEntry, type AuditTarget } from './audit-log.model.js';

/** Filters of the audit log listing. */
export interface AuditQuery {
  actorId?: Types.ObjectId | undefined;
  action?: AuditAction | undefined;
  targetId?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/**
 * The record of what moderators and admins did. Domain services write to it after their
 * change succeeded, so the log never shows an action that did not happen.
 */
export class AuditLog {
  constructor(
    private readonly connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Appends one entry; `actor` null means the system acted on its own. */
  async record(
    actor: Pick<Actor, 'userId'> | null,
    action: AuditAction,
    target: { type: AuditTarget; id: Types.ObjectId | string },
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await auditEntryModel(this.connection).create({
      ...(actor ? { actorId: actor.userId } : {}),
      action,
      targetType: target.type,
      targetId: String(target.id),
      details,
      at: this.now(),
    });
  }

  /** Entries newest first; admins only. */
  async list(actor: Actor, query: AuditQuery): Promise<Page<AuditEntry>> {
    requireRole(actor, 'admin');
    const filter: QueryFilter<AuditEntry> = {};
    if (query.actorId) filter.actorId = query.actorId;
    if (query.action) filter.action = query.action;
    if (query.targetId) filter.targetId = query.targetId;
    return paginate(auditEntryModel(this.connection), filter, { sortField: 'at', direction: -1, cursor: query.cursor, limit: query.limit });
  }
}
