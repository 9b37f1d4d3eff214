import { z } from 'zod';
import { slotInput } from '../../domain/events/event.schemas.js';
import { answer, defineRoute } from '../route-spec.js';
import { exhibitorView, slotView, toExhibitorView, toSlotView } from './events-views.js';
import { idParams, objectIdSchema } from './shared-schemas.js';

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
      return toExhibitorView(await services.fairs.decide(actor, params.id, status));
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
      return toSlotView(slot, String(actor.userId));
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
      return answer(201, toExhibitorView(await services.fairs.apply(actor, params.id, body.firmId)));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/events/{id}/exhibitors',
    operationId: 'listExhibitors',
    summary: 'Approved exhibitors; the event’s organisers also see pending and rejected applications',
    tag: 'Fairs',
    access: 'public',
    params: idParams,
    success: { status: 200, description: 'Exhibitors', schema: z.object({ items: z.array(exhibitorView) }) },
    errors: [404, 422],
    async handle({ actor, params, services }) {
      return { items: (await services.fairs.list(actor, params.id)).map(toExhibitorView) };
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
      return answer(201, toSlotView(await services.fairs.createSlot(actor, params.id, body), String(actor.userId)));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/events/{id}/slots',
    operationId: 'listMeetingSlots',
    summary: 'The fair’s meeting slots in time order, with whether each is booked',
    tag: 'Fairs',
    access: 'public',
    params: idParams,
    success: { status: 200, description: 'Slots', schema: z.object({ items: z.array(slotView) }) },
    errors: [404, 422],
    async handle({ actor, params, services }) {
      const slots = await services.fairs.listSlots(actor, params.id);
      return { items: slots.map((s) => toSlotView(s, actor ? String(actor.userId) : undefined)) };
    },
  }),
  bookingRoute('post', 'Book a meeting slot (experts): one expert per slot, no overlapping bookings'),
  bookingRoute('delete', 'Cancel a booking (the expert, the exhibitor’s members or the organisers)'),
];
