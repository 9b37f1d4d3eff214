import { z } from 'zod';
import { SUBSCRIPTION_KINDS, type Subscription } from '../../domain/subscriptions/subscription.model.js';
import { subscriptionInput, unsubscribeQuery } from '../../domain/subscriptions/subscription.schemas.js';
import { answer, defineRoute } from '../route-spec.js';

const subscriptionView = z.object({ id: z.string(), kind: z.enum(SUBSCRIPTION_KINDS), value: z.string(), createdAt: z.string() });

function toView(s: Subscription): z.infer<typeof subscriptionView> {
  return { id: String(s._id), kind: s.kind, value: s.value, createdAt: s.createdAt.toISOString() };
}

export const subscriptionRoutes = [
  defineRoute({
    method: 'get',
    path: '/me/subscriptions',
    operationId: 'listMySubscriptions',
    summary: 'What you follow: forum categories, tags and threads, skills, kinds of event',
    tag: 'Subscriptions',
    access: 'user',
    success: { status: 200, description: 'Your subscriptions', schema: z.object({ items: z.array(subscriptionView) }) },
    async handle({ actor, services }) {
      return { items: (await services.subscriptions.list(actor.userId)).map(toView) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/me/subscriptions',
    operationId: 'subscribe',
    summary: 'Follow something; 201 when new, 200 when you already followed it',
    tag: 'Subscriptions',
    access: 'user',
    body: subscriptionInput,
    example: { kind: 'tag', value: 'React.js' },
    success: { status: 201, description: 'The subscription', schema: subscriptionView },
    errors: [404],
    async handle({ actor, body, services }) {
      const { subscription, created } = await services.subscriptions.subscribe(actor, body);
      return answer(created ? 201 : 200, toView(subscription));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/me/subscriptions',
    operationId: 'unsubscribe',
    summary: 'Stop following something (?kind=…&value=…); harmless when you did not follow it',
    tag: 'Subscriptions',
    access: 'user',
    query: unsubscribeQuery,
    success: { status: 204, description: 'Not followed any more' },
    async handle({ actor, query, services }) {
      await services.subscriptions.unsubscribe(actor.userId, query);
      return undefined;
    },
  }),
];
