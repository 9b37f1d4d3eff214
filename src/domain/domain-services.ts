import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { broadcastModel } from './broadcasts/broadcast.model.js';
import { BroadcastsService } from './broadcasts/broadcasts.service.js';
import { apiTokenModel } from './auth/api-token.model.js';
import { ApiTokenService } from './auth/api-token.service.js';
import type { ActorCache } from './auth/actor-cache.js';
import { localActorChanges, type ActorChanges } from './auth/actor-changes.js';
import { SecretBox } from './webhooks/secret-box.js';
import { webhookEndpointModel } from './webhooks/webhook-endpoint.model.js';
import { WebhooksService, type WebhookSettings } from './webhooks/webhooks.service.js';
import { createCatalogServices, type CatalogServices } from './catalog/catalog-services.js';
import { createEventServices, type EventServices } from './events/event-services.js';
import { expertModel } from './experts/expert.model.js';
import { ExpertsService } from './experts/experts.service.js';
import { firmModel } from './firms/firm.model.js';
import { FirmsService } from './firms/firms.service.js';
import { FirmInvitationsService } from './firms/firm-invitations.service.js';
import { createForumServices, registerForumModels, type ForumServices } from './forum/forum-services.js';
import { forumThreadModel } from './forum/forum-thread.model.js';
import { introductionModel } from './introductions/introduction.model.js';
import { IntroductionsService } from './introductions/introductions.service.js';
import { MatchingService } from './matching/matching.service.js';
import { audienceResolvers } from './notifications/audience.js';
import { deliveryModel } from './notifications/delivery.model.js';
import { FanoutService } from './notifications/fanout.service.js';
import { DeadLetters, type QueueReachable, type RequeueDelivery } from './notifications/dead-letters.service.js';
import { digestModel } from './notifications/digest.model.js';
import { WeeklyDigests } from './notifications/weekly-digest.js';
import { AuditLog } from './moderation/audit-log.service.js';
import { announcementSpaceModel } from './notifications/announcement-space.model.js';
import { AnnouncementSpaces } from './notifications/announcement-spaces.service.js';
import { createModerationServices, registerModerationModels, type ModerationServices } from './moderation/moderation-services.js';
import { DEFAULT_POSTING_LIMITS, PostingLimits, type PostingLimitSettings } from './moderation/posting-limits.js';
import { noticeModel } from './notices/notice.model.js';
import { Outbox } from './notices/outbox.js';
import { ProgrammeReportService } from './reports/programme-report.service.js';
import { MonthlyReportNotices, reportNoticeModel } from './reports/monthly-report-notices.js';
import { YearlyEditions } from './events/yearly-editions.js';
import { RequestsService } from './requests/requests.service.js';
import { SubscriptionsService } from './subscriptions/subscriptions.service.js';
import { requestModel } from './requests/request.model.js';
import { identityModel } from './users/identity.model.js';
import { linkCodeModel } from './users/link-code.model.js';
import { userModel } from './users/user.model.js';
import { AccountLinkService } from './users/account-link.service.js';
import { UserMerger } from './users/user-merge.js';
import { registerMergeSteps } from './users/merge-steps.js';
import { UsersService } from './users/users.service.js';

/** Every domain service, built once per process by the composition root and handed to adapters. */
export interface DomainServices {
  users: UsersService;
  tokens: ApiTokenService;
  links: AccountLinkService;
  /** Account merges (/link): run by `links`, resumed after a crash by the background jobs. */
  merges: UserMerger;
  experts: ExpertsService;
  firms: FirmsService;
  firmInvitations: FirmInvitationsService;
  requests: RequestsService;
  introductions: IntroductionsService;
  matching: MatchingService;
  fanout: FanoutService;
  events: EventServices['events'];
  rsvps: EventServices['rsvps'];
  fairs: EventServices['fairs'];
  contests: EventServices['contests'];
  calendar: EventServices['calendar'];
  attendance: EventServices['attendance'];
  attendees: EventServices['attendees'];
  exhibitorSlots: EventServices['exhibitorSlots'];
  outbox: Outbox;
  forum: ForumServices;
  subscriptions: SubscriptionsService;
  catalog: CatalogServices;
  reports: ProgrammeReportService;
  broadcasts: BroadcastsService;
  digests: WeeklyDigests;
  yearlyEditions: YearlyEditions;
  monthlyReports: MonthlyReportNotices;
  deadLetters: DeadLetters;
  moderation: ModerationServices;
  announcementSpaces: AnnouncementSpaces;
  webhooks: WebhooksService;
}

/** What the domain needs from outside it, given by the composition root. */
export interface DomainPorts {
  /** Puts a delivery back on its platform queue (BullMQ in the service; nothing by default). */
  requeueDelivery?: RequeueDelivery;
  /** Whether that queue answers now; writes that must queue at once refuse (503) while it does not. */
  queueReachable?: QueueReachable;
  /** New accounts' posting limits and the flags that hide an item (config; defaults otherwise). */
  moderation?: Partial<PostingLimitSettings & { flagsToHide: number }>;
  /** Where `tokens.authenticate` keeps its answers for a short time; none = every request reads MongoDB. */
  actorCache?: ActorCache;
  /**
   * Told of every change to what a token acts as (Redis pub/sub to every process in the
   * service); by default only `actorCache` in this process hears of them.
   */
  actorChanges?: ActorChanges;
  /** Outbound webhooks' URL policy and the key that seals their secrets (config); https only and a per-process key otherwise. */
  webhooks?: WebhookSettings;
}

/** Registers every model on the connection, so indexes can be built before the first request. */
function registerModels(connection: Connection): void {
  userModel(connection);
  identityModel(connection);
  apiTokenModel(connection);
  linkCodeModel(connection);
  expertModel(connection);
  firmModel(connection);
  requestModel(connection);
  noticeModel(connection);
  deliveryModel(connection);
  introductionModel(connection);
  registerForumModels(connection);
  broadcastModel(connection);
  registerModerationModels(connection);
  announcementSpaceModel(connection);
  webhookEndpointModel(connection);
}

/** Builds the domain services on one MongoDB connection. `now` is injectable for tests. */
export function createDomainServices(connection: Connection, now: () => Date = () => new Date(), ports: DomainPorts = {}): DomainServices {
  registerModels(connection);
  const outbox = new Outbox(connection);
  outbox.addSource('request', requestModel(connection));
  outbox.addSource('introduction', introductionModel(connection));
  outbox.addSource('forum-thread', forumThreadModel(connection));
  outbox.addSource('broadcast', broadcastModel(connection));
  outbox.addSource('digest', digestModel(connection));
  outbox.addSource('report', reportNoticeModel(connection));
  const audit = new AuditLog(connection, now);
  const { flagsToHide = 3, ...limits } = ports.moderation ?? {};
  const actorChanges = ports.actorChanges ?? localActorChanges(ports.actorCache);
  const postingLimits = new PostingLimits(connection, { ...DEFAULT_POSTING_LIMITS, ...limits }, now);
  const firms = new FirmsService(connection, now, audit);
  const eventServices = createEventServices(connection, firms, outbox, now);
  const experts = new ExpertsService(connection, actorChanges);
  const introductions = new IntroductionsService(connection, firms, outbox, now);
  const requests = new RequestsService(connection, firms, outbox, now);
  const matching = new MatchingService(connection, requests, now);
  const subscriptions = new SubscriptionsService(connection, now);
  const catalog = createCatalogServices(connection, firms, now);
  const reports = new ProgrammeReportService(connection, now);
  const fanout = new FanoutService(connection, audienceResolvers(connection, matching), now);
  const merges = new UserMerger(connection, now, audit, actorChanges);
  registerMergeSteps(connection, merges, { experts, firms, introductions, subscriptions, catalog, rsvps: eventServices.rsvps });
  const forum = createForumServices(connection, subscriptions, outbox, now, { audit, postingLimits });
  return {
    users: new UsersService(connection, audit, actorChanges),
    tokens: new ApiTokenService(connection, now, ports.actorCache, actorChanges),
    links: new AccountLinkService(connection, merges, now),
    merges,
    experts,
    firms,
    firmInvitations: new FirmInvitationsService(connection, firms, now),
    requests,
    matching,
    fanout,
    introductions,
    ...eventServices,
    outbox,
    forum,
    subscriptions,
    catalog,
    reports,
    broadcasts: new BroadcastsService(connection, fanout, outbox, now),
    digests: new WeeklyDigests(connection, matching, outbox, now),
    yearlyEditions: new YearlyEditions(connection, eventServices.events, outbox, now),
    monthlyReports: new MonthlyReportNotices(connection, reports, outbox, now),
    // Without a queue, the reconciler picks a retried delivery up after RECONCILE_AFTER_MS.
    deadLetters: new DeadLetters(connection, ports.requeueDelivery ?? (async () => undefined), audit, ports.queueReachable),
    moderation: createModerationServices(connection, audit, forum, { flagsToHide }, now, actorChanges),
    announcementSpaces: new AnnouncementSpaces(connection),
    webhooks: new WebhooksService(connection, firms, ports.webhooks ?? { policy: { allowHttpLoopback: false }, box: new SecretBox(randomBytes(32)) }, now),
  };
}
