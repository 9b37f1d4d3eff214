import { z } from 'zod';
import type { ExhibitorSlot } from '../../domain/events/exhibitor-slots.service.js';
import { defineRoute } from '../route-spec.js';
import { idParams, pageOf, pageQuery } from './shared-schemas.js';

const exhibitorSlotView = z.object({
  id: z.string(),
  eventId: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  booking: z
    .object({
      userId: z.string(),
      displayName: z.string(),
      headline: z.string().nullable().meta({ description: 'The expert profile’s headline; null without a profile' }),
      contact: z.record(z.string(), z.string()).meta({ description: 'The contact details the expert filled in (email, phone, telegram…)' }),
      bookedAt: z.string().nullable(),
    })
    .nullable()
    .meta({ description: 'Who booked the slot; null while it is free' }),
});

function toExhibitorSlotView({ slot, booker }: ExhibitorSlot): z.infer<typeof exhibitorSlotView> {
  return {
    id: String(slot._id),
    eventId: String(slot.eventId),
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    booking: booker
      ? {
          userId: String(booker.userId),
          displayName: booker.displayName,
          headline: booker.headline,
          contact: { ...booker.contact },
          bookedAt: booker.bookedAt?.toISOString() ?? null,
        }
      : null,
  };
}

export const exhibitorSlotRoutes = [
  defineRoute({
    method: 'get',
    path: '/exhibitors/{id}/slots',
    operationId: 'listExhibitorSlots',
    summary: 'An exhibitor’s meeting slots in time order with who booked each: name, headline and contact (the firm’s members and the event’s organisers)',
    tag: 'Fairs',
    access: 'user',
    params: idParams,
    query: pageQuery,
    success: { status: 200, description: 'A page of the exhibitor’s slots', schema: pageOf(exhibitorSlotView) },
    errors: [404],
    async handle({ actor, params, query, services }) {
      const page = await services.exhibitorSlots.list(actor, params.id, query);
      return { items: page.items.map(toExhibitorSlotView), nextCursor: page.nextCursor };
    },
  }),
];
