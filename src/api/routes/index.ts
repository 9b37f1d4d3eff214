import type { Access, RouteSpec } from '../route-spec.js';
import { adminDeliveryRoutes } from './admin-deliveries.routes.js';
import { adminUserRoutes } from './admin-users.routes.js';
import { broadcastRoutes } from './broadcasts.routes.js';
import { allCatalogRoutes } from './catalog.routes.js';
import { allEventRoutes } from './events.routes.js';
import { expertRoutes } from './experts.routes.js';
import { firmRoutes } from './firms.routes.js';
import { firmInvitationRoutes } from './firm-invitations.routes.js';
import { allForumRoutes } from './forum.routes.js';
import { introductionRoutes } from './introductions.routes.js';
import { matchingRoutes } from './matching.routes.js';
import { moderationRoutes } from './moderation.routes.js';
import { reportRoutes } from './reports.routes.js';
import { requestRoutes } from './requests.routes.js';
import { subscriptionRoutes } from './subscriptions.routes.js';
import { userRoutes } from './users.routes.js';
import { webhookRoutes } from './webhooks.routes.js';

/** Every /api/v1 route, in the order the OpenAPI document lists them. */
export const apiRoutes = [...userRoutes, ...adminUserRoutes, ...expertRoutes, ...firmRoutes, ...firmInvitationRoutes, ...requestRoutes, ...introductionRoutes, ...matchingRoutes, ...allEventRoutes, ...allForumRoutes, ...moderationRoutes, ...subscriptionRoutes, ...allCatalogRoutes, ...reportRoutes, ...broadcastRoutes, ...adminDeliveryRoutes, ...webhookRoutes] as unknown as readonly RouteSpec<never, never, never, unknown, Access>[];
