import { answer, defineRoute } from '../route-spec.js';
import { rsvpView, toRsvpView } from './events-views.js';
import { idParams } from './shared-schemas.js';

export const eventRsvpRoutes = [
  defineRoute({
    method: 'post',
    path: '/events/{id}/rsvp',
    operationId: 'rsvpEvent',
    summary: 'RSVP: a seat if one is free, else a place on the waitlist (201; 200 if you already had one)',
    tag: 'Events',
    access: 'user',
    params: idParams,
    success: { status: 201, description: 'Your RSVP: going, or waitlisted with your position', schema: rsvpView },
    errors: [404, 409],
    async handle({ actor, params, services }) {
      const { state, created } = await services.rsvps.rsvp(actor, params.id);
      return answer(created ? 201 : 200, toRsvpView(state));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/events/{id}/rsvp',
    operationId: 'getMyRsvp',
    summary: 'Your RSVP to the event and your waitlist position',
    tag: 'Events',
    access: 'user',
    params: idParams,
    success: { status: 200, description: 'Your RSVP', schema: rsvpView },
    errors: [404],
    async handle({ actor, params, services }) {
      return toRsvpView(await services.rsvps.mine(actor, params.id));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/events/{id}/rsvp',
    operationId: 'cancelRsvp',
    summary: 'Withdraw your RSVP; a freed seat goes to the first person on the waitlist',
    tag: 'Events',
    access: 'user',
    params: idParams,
    success: { status: 204, description: 'Withdrawn' },
    errors: [404, 409],
    async handle({ actor, params, services }) {
      await services.rsvps.cancel(actor, params.id);
      return answer(204, undefined);
    },
  }),
];
