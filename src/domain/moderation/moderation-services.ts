import type { Connection } from 'mongoose';
import type { ActorChanges } from '../auth/actor-changes.js';
import type { ForumPostsService } from '../forum/forum-posts.service.js';
import type { ForumThreadsService } from '../forum/forum-threads.service.js';
import { auditEntryModel } from './audit-log.model.js';
import type { AuditLog } from './audit-log.service.js';
import { BansService } from './bans.service.js';
import { flagModel, moderationCaseModel } from './flag.model.js';
import { FlagsService } from './flags.service.js';

/** Moderation as it appears on DomainServices. */
export interface ModerationServices {
  audit: AuditLog;
  flags: FlagsService;
  bans: BansService;
}

/** Registers the moderation models so their indexes are built at start. */
export function registerModerationModels(connection: Connection): void {
  auditEntryModel(connection);
  flagModel(connection);
  moderationCaseModel(connection);
}

/** Builds flags and bans around the one audit log. */
export function createModerationServices(
  connection: Connection,
  audit: AuditLog,
  forum: { threads: ForumThreadsService; posts: ForumPostsService },
  settings: { flagsToHide: number },
  now: () => Date,
  actorChanges?: ActorChanges,
): ModerationServices {
  return {
    audit,
    flags: new FlagsService(connection, forum, audit, settings.flagsToHide, now),
    bans: new BansService(connection, audit, now, actorChanges),
  };
}
