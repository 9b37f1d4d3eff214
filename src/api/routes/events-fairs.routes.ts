import { z } from 'zod';
import { slotInput } from '../../domain/events/event.schemas.js';
import { answer, defineRoute } from '../route-spec.js';
import { exhibitorView, slotView, toExhibitorViews, toSlotViews } from './events-views.js';
import { exhibitorSlotRoutes } from './exhibitor-slots.routes.js';
import { idParams, objectIdSchema, pageOf, pageQuery } from './shared-schemas.js';

const decisionRoute = (action: 'approve' | 'reject', summary: string) =>
  defineRoute({
    method: 'post',
    path: `/exhibitors/{id}/${action}`,
    operationId: `${action}Exhibitor`,
    summary,
    tag: 'Fairs',
    access: 'user',
    params: idParams,
    success: { status: 200, description: 'The exhibitor', schema: exhibitorView },
    errors: [404],
    async handle({ actor, params, services }) {
      const status = action === 'approve' ? 'approved' : 'rejected';
      const [view] = await toExhibitorViews(services, [await services.fairs.decide(actor, params.id, status)]);
      return view!;
    },
  });

const bookingRoute = (method: 'post' | 'delete', summary: string) =>
  defineRoute({
    method,
    path: '/slots/{id}/booking',
    operationId: method === 'post' ? 'bookSlot' : 'cancelSlotBooking',
    summary,
    tag: 'Fairs',
    access: 'user',
    params: idParams,
    success: { status: 200, description: 'The slot', schema: slotView },
    errors: [404, 409],
    async handle({ actor, params, services }) {
      const slot = method === 'post' ? await services.fairs.book(actor, params.id) : await services.fairs.cancelBooking(actor, params.id);
      const [view] = await toSlotViews(services, [slot], String(actor.userId));
      return view!;
    },
  });

export const eventFairRoutes = [
  defineRoute({
    method: 'post',
    path: '/events/{id}/exhibitors',
    operationId: 'applyAsExhibitor',
    summary: 'Apply for your firm to exhibit at a fair (members of the firm); applying again returns the application',
    tag: 'Fairs',
    access: 'user',
    params: idParams,
    body: z.strictObject({ firmId: objectIdSchema }),
    example: { firmId: '665f1c2e8b3e4a0012345678' },
    success: { status: 201, description: 'The application', schema: exhibitorView },
    errors: [404, 409, 422],
    async handle({ actor, params, body, services }) {
      const [view] = await toExhibitorViews(services, [await services.fairs.apply(actor, params.id, body.firmId)]);
      return answer(201, view!);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/events/{id}/exhibitors',
    operationId: 'listExhibitors',
    summary: 'Approved exhibitors with their firms’ names, in order of application; the event’s organisers also see pending and rejected applications',
    tag: 'Fairs',
    access: 'public',
    params: idParams,
    query: pageQuery,
    success: { status: 200, description: 'A page of exhibitors', schema: pageOf(exhibitorView) },
    errors: [404, 422],
    async handle({ actor, params, query, services }) {
      const page = await services.fairs.list(actor, params.id, query);
      return { items: await toExhibitorViews(services, page.items), nextCursor: page.nextCursor };
    },
  }),
  decisionRoute('approve', 'Approve an exhibitor (the event’s organisers)'),
  decisionRoute('reject', 'Reject an exhibitor (the event’s organisers)'),
  defineRoute({
    method: 'post',
    path: '/exhibitors/{id}/slots',
    operationId: 'createMeetingSlot',
    summary: 'Offer a meeting slot within the fair (members of an approved exhibitor)',
    tag: 'Fairs',
    access: 'user',
    params: idParams,
    body: slotInput,
    example: { startsAt: '2030-03-10T02:00:00.000Z', endsAt: '2030-03-10T02:30:00.000Z' },
    success: { status: 201, description: 'The slot', schema: slotView },
    errors: [404, 409, 422],
    async handle({ actor, params, body, services }) {
      const [view] = await toSlotViews(services, [await services.fairs.createSlot(actor, params.id, body)], String(actor.userId));
      return answer(201, view!);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/events/{id}/slots',
    operationId: 'listMeetingSlots',
    summary: 'The fair’s meeting slots in time order, with the exhibitor’s name and whether each is booked (free=true: only open ones)',
    tag: 'Fairs',
    access: 'public',
    params: idParams,
    query: pageQuery.extend({ free: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }),
    success: { status: 200, description: 'A page of slots', schema: pageOf(slotView) },
    errors: [404, 422],
    async handle({ actor, params, query, services }) {
      const page = await services.fairs.listSlots(actor, params.id, { cursor: query.cursor, limit: query.limit, free: query.free ?? false });
      return { items: await toSlotViews(services, page.items, actor ? String(actor.userId) : undefined), nextCursor: page.nextCursor };
    },
  }),
  bookingRoute('post', 'Book a meeting slot (experts): one expert per slot, no overlapping bookings'),
  bookingRoute('delete', 'Cancel a booking (the expert, the exhibitor’s members or the organisers)'),
  ...exhibitorSlotRoutes,
];
