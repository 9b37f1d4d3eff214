import { z } from 'zod';
import { defineRoute } from '../route-spec.js';
import { toExpertView } from './experts.routes.js';
import { toRequestViews } from './requests.routes.js';
import { idParams } from './shared-schemas.js';

const explanation = z.object({
  matchedMust: z.array(z.string()),
  missingMust: z.array(z.string()),
  matchedNice: z.array(z.string()),
  engagementMatches: z.boolean(),
  sharedLanguages: z.array(z.string()),
  overlapHours: z.number(),
  availability: z.enum(['available', 'limited', 'unavailable']),
});

const limitQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10) });

export const matchingRoutes = [
  defineRoute({
    method: 'get',
    path: '/requests/{id}/matches',
    operationId: 'matchExpertsForRequest',
    summary: 'The experts who fit a request best, with the reasons (members of the firm)',
    tag: 'Matching',
    access: 'user',
    params: idParams,
    query: limitQuery,
    success: {
      status: 200,
      description: 'Best first; score 0-100',
      schema: z.object({
        items: z.array(z.object({ expert: z.unknown(), score: z.number(), explanation, reasons: z.string() })),
      }),
    },
    errors: [404],
    async handle({ actor, params, query, locale, services }) {
      const matches = await services.matching.expertsForRequest(actor, params.id, query.limit, locale);
      const named = await services.experts.withDisplayNames(matches.map((m) => m.item));
      return {
        items: matches.map((m, i) => ({
          expert: toExpertView(named[i] ?? { ...m.item, displayName: '' }),
          score: m.result.score,
          explanation: m.result.explanation,
          reasons: m.reasons,
        })),
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/me/matches',
    operationId: 'matchRequestsForMe',
    summary: 'The open requests that fit your expert profile best, with the reasons',
    tag: 'Matching',
    access: 'user',
    query: limitQuery,
    success: {
      status: 200,
      description: 'Best first; score 0-100',
      schema: z.object({
        items: z.array(z.object({ request: z.unknown(), score: z.number(), explanation, reasons: z.string() })),
      }),
    },
    errors: [404],
    async handle({ actor, query, locale, services }) {
      const matches = await services.matching.requestsForExpert(actor, query.limit, locale);
      const views = await toRequestViews(services, matches.map((m) => m.item));
      return {
        items: matches.map((m, i) => ({
          request: views[i],
          score: m.result.score,
          explanation: m.result.explanation,
          reasons: m.reasons,
        })),
      };
    },
  }),
];
