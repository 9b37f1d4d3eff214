import type { Connection } from 'mongoose';
import { apiTokenModel } from '../auth/api-token.model.js';
import { broadcastModel } from '../broadcasts/broadcast.model.js';
import type { CatalogServices } from '../catalog/catalog-services.js';
import { productModel } from '../catalog/product.model.js';
import { projectModel } from '../catalog/project.model.js';
import { calendarFeedModel } from '../events/calendar-feed.model.js';
import { submissionModel } from '../events/contest.model.js';
import { eventModel } from '../events/event.model.js';
import { exhibitorModel, slotModel } from '../events/fair.model.js';
import type { RsvpService } from '../events/rsvp.service.js';
import type { ExpertsService } from '../experts/experts.service.js';
import type { FirmsService } from '../firms/firms.service.js';
import { forumPostModel } from '../forum/forum-post.model.js';
import { forumReactionModel, forumReadMarkerModel, forumRevisionModel } from '../forum/forum-records.model.js';
import { forumThreadModel } from '../forum/forum-thread.model.js';
import type { IntroductionsService } from '../introductions/introductions.service.js';
import { flagModel, moderationCaseModel } from '../moderation/flag.model.js';
import { announcementSpaceModel } from '../notifications/announcement-space.model.js';
import { deliveryModel } from '../notifications/delivery.model.js';
import { digestModel } from '../notifications/digest.model.js';
import { requestModel } from '../requests/request.model.js';
import type { SubscriptionsService } from '../subscriptions/subscriptions.service.js';
import { firmModel } from '../firms/firm.model.js';
import { identityModel } from './identity.model.js';
import { linkCodeModel } from './link-code.model.js';
import { moveEachUnlessTaken } from './merge-references.js';
import type { UserMerger } from './user-merge.js';
import { userMergeModel } from './user-merge.model.js';
import { userModel } from './user.model.js';

/** The services whose records take part in a merge with rules of their own. */
export interface MergeParticipants {
  experts: ExpertsService;
  firms: FirmsService;
  introductions: IntroductionsService;
  subscriptions: SubscriptionsService;
  catalog: CatalogServices;
  rsvps: RsvpService;
}

/** Gives the merger one implementation for every step of the plan (account-merge-plan.ts). */
export function registerMergeSteps(connection: Connection, merger: UserMerger, services: MergeParticipants): void {
  registerMergedModels(connection);
  merger.addStep('experts', (from, into) => services.experts.mergeUsers(from, into));
  merger.addStep('firms', (from, into) => services.firms.mergeUsers(from, into));
  merger.addStep('introductions', (from, into) => services.introductions.mergeUsers(from, into));
  merger.addStep('subscriptions', (from, into) => services.subscriptions.mergeUsers(from, into));
  merger.addStep('project_interests', (from, into) => services.catalog.interests.mergeUsers(from, into));
  merger.addStep('rsvps', (from, into) => services.rsvps.mergeUsers(from, into));
  // One entry per person and contest: the survivor's own entry wins over the other account's.
  merger.addStep('contest_entries', (from, into) => moveEachUnlessTaken(submissionModel(connection), 'userId', from, into, 'drop'));
  // One feed per person: the survivor's feed (which now lists every RSVP) stays.
  merger.addStep('calendar_feeds', (from, into) => moveEachUnlessTaken(calendarFeedModel(connection), 'userId', from, into, 'drop'));
  merger.addStep('forum_records', async (from, into) => {
    await moveEachUnlessTaken(forumReactionModel(connection), 'userId', from, into, 'drop');
    await moveEachUnlessTaken(forumReadMarkerModel(connection), 'userId', from, into, 'drop');
  });
  // A second report of the same item by the same person would count twice: it stays on the old account.
  merger.addStep('flags', (from, into) => moveEachUnlessTaken(flagModel(connection), 'reporterId', from, into, 'leave'));
  merger.addStep('deliveries', async (from, into) => {
    await moveEachUnlessTaken(deliveryModel(connection), 'userId', from, into, 'leave');
    // What could not move duplicates a delivery the survivor has on the same channel: never send it twice.
    await deliveryModel(connection).updateMany({ userId: from, status: 'pending' }, { $set: { status: 'cancelled' } });
  });
  merger.addStep('digests', (from, into) => moveEachUnlessTaken(digestModel(connection), 'userId', from, into, 'leave'));
}

/** The `references` step rewrites these models by name, so they must exist on the connection. */
function registerMergedModels(connection: Connection): void {
  for (const register of [
    userModel, identityModel, apiTokenModel, linkCodeModel, userMergeModel, firmModel, productModel, projectModel, requestModel,
    eventModel, exhibitorModel, slotModel, forumThreadModel, forumPostModel, forumRevisionModel, moderationCaseModel,
    announcementSpaceModel, broadcastModel,
  ]) {
    register(connection);
  }
}
