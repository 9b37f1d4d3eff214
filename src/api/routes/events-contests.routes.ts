import { z } from 'zod';
import { resultsInput, submissionInput } from '../../domain/events/event.schemas.js';
import type { ContestStanding } from '../../domain/events/contests.service.js';
import { answer, defineRoute } from '../route-spec.js';
import type { DomainServices } from '../../domain/domain-services.js';
import { submissionView, toSubmissionViews } from './events-views.js';
import { idParams, pageOf, pageQuery } from './shared-schemas.js';

const standingsView = z.object({
  items: z.array(z.object({ rank: z.number(), prize: z.string().optional(), submission: submissionView })),
});

async function toStandings(services: DomainServices, standings: ContestStanding[]): Promise<z.infer<typeof standingsView>> {
  const submissions = await toSubmissionViews(services, standings.map((s) => s.submission));
  return {
    items: standings.flatMap((s, i) => {
      const submission = submissions[i];
      return submission ? [{ rank: s.rank, ...(s.prize ? { prize: s.prize } : {}), submission }] : [];
    }),
  };
}

export const eventContestRoutes = [
  defineRoute({
    method: 'put',
    path: '/events/{id}/submissions/mine',
    operationId: 'putMySubmission',
    summary: 'Enter a contest, or change your entry, while submissions are open (one per person)',
    tag: 'Contests',
    access: 'user',
    params: idParams,
    body: submissionInput,
    example: { title: 'Bộ gõ', link: 'https://github.com/example/bogo', description: 'Gõ tiếng Việt' },
    success: { status: 200, description: 'Your entry (201 when new)', schema: submissionView },
    errors: [404, 409, 422],
    async handle({ actor, params, body, services }) {
      const { submission, created } = await services.contests.submit(actor, params.id, body);
      const [view] = await toSubmissionViews(services, [submission]);
      return answer(created ? 201 : 200, view!);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/events/{id}/submissions',
    operationId: 'listSubmissions',
    summary: 'Every entry, with the entrants’ names, for the contest’s organisers; your own entry for everyone else',
    tag: 'Contests',
    access: 'user',
    params: idParams,
    query: pageQuery,
    success: { status: 200, description: 'A page of entries, oldest first', schema: pageOf(submissionView) },
    errors: [404, 422],
    async handle({ actor, params, query, services }) {
      const page = await services.contests.list(actor, params.id, query);
      return { items: await toSubmissionViews(services, page.items), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/events/{id}/results',
    operationId: 'publishContestResults',
    summary: 'Publish the ranking and prizes after submissions close (the contest’s organisers)',
    tag: 'Contests',
    access: 'user',
    params: idParams,
    body: resultsInput,
    example: { ranking: [{ submissionId: '665f1c2e8b3e4a0012345678', prize: 'Giải nhất' }] },
    success: { status: 200, description: 'The published results', schema: standingsView },
    errors: [404, 409, 422],
    async handle({ actor, params, body, services }) {
      return toStandings(services, await services.contests.publishResults(actor, params.id, body));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/events/{id}/results',
    operationId: 'getContestResults',
    summary: 'The contest’s published results (404 until published)',
    tag: 'Contests',
    access: 'public',
    params: idParams,
    success: { status: 200, description: 'Ranked entries with prizes', schema: standingsView },
    errors: [404, 422],
    async handle({ actor, params, services }) {
      return toStandings(services, await services.contests.results(actor, params.id));
    },
  }),
];
