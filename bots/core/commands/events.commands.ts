import { Types } from 'mongoose';
import { eventListQuery } from '../../../src/domain/events/event.schemas.js';
import { formatLocalTime } from '../../../src/domain/notifications/local-time.js';
import type { ActionSpec, CommandSpec } from '../command.js';
import { action, textReply, type Button } from '../reply.js';
import { excerpt, inLocale } from './bilingual.js';
import { idParam } from './requests.commands.js';

/** /events: what is coming up. */
export const eventsCommand: CommandSpec = {
  name: 'events',
  description: { vi: 'Hội thảo, hội chợ và sự kiện sắp tới', en: 'Upcoming seminars, fairs and events' },
  async run(ctx) {
    const page = await ctx.services.events.listUpcoming(eventListQuery.parse({ limit: 5 }));
    if (page.items.length === 0) return textReply(ctx.t('bot.events_none'));
    const lines = page.items.map((e, i) => `${i + 1}. ${inLocale(e.title, ctx.locale)} — ${formatLocalTime(e.startsAt, ctx.user.timezone, ctx.locale)}`);
    return textReply([...lines, ctx.t('bot.requests_pick')], {
      title: ctx.t('bot.events_title'),
      buttons: [page.items.map((e, i) => ({ label: String(i + 1), action: action('ev', String(e._id)) }))],
    });
  },
};

/** An event's details: time in the reader's zone, place, seats, RSVP and calendar buttons. */
export const showEventAction: ActionSpec = {
  name: 'ev',
  async run(ctx, [raw]) {
    const id = idParam(ctx, raw);
    if (!(id instanceof Types.ObjectId)) return id;
    const event = await ctx.services.events.get(ctx.actor, id);
    const seats =
      event.capacity === null
        ? ctx.t('bot.event_seats_open', { going: event.goingCount })
        : ctx.t('bot.event_seats', { going: event.goingCount, capacity: event.capacity, waiting: event.waitingCount });
    const place = [event.place?.venue, event.place?.city].filter(Boolean).join(', ');
    const lines = [
      `${ctx.t(`bot.event_kind.${event.kind}`)} · ${formatLocalTime(event.startsAt, ctx.user.timezone, ctx.locale)}`,
      ...(place ? [place] : []),
      ...(event.onlineUrl ? [event.onlineUrl] : []),
      excerpt(inLocale(event.body, ctx.locale), 1200),
      seats,
    ];
    const buttons: Button[][] = [];
    if (event.status === 'published') {
      buttons.push([
        { label: ctx.t('bot.rsvp'), action: action('rsvp', String(id)) },
        { label: ctx.t('bot.rsvp_cancel'), action: action('unrsvp', String(id)) },
      ]);
    }
    if (event.kind === 'fair' || event.kind === 'exhibition') buttons.push([{ label: ctx.t('bot.meeting_slots'), action: action('slots', String(id)) }]);
    buttons.push([{ label: ctx.t('bot.add_to_calendar'), url: `${ctx.links.publicUrl}/api/v1/events/${String(id)}.ics` }]);
    return textReply(lines, { title: inLocale(event.title, ctx.locale), buttons });
  },
};

/** RSVP: a seat, or a place on the waitlist with its position. */
export const rsvpAction: ActionSpec = {
  name: 'rsvp',
  async run(ctx, [raw]) {
    const id = idParam(ctx, raw);
    if (!(id instanceof Types.ObjectId)) return id;
    const { state } = await ctx.services.rsvps.rsvp(ctx.actor, id);
    return textReply(
      state.rsvp.status === 'going' ? ctx.t('bot.rsvp_going') : ctx.t('bot.rsvp_waiting', { position: state.position ?? '?' }),
      { personal: true },
    );
  },
};

export const cancelRsvpAction: ActionSpec = {
  name: 'unrsvp',
  async run(ctx, [raw]) {
    const id = idParam(ctx, raw);
    if (!(id instanceof Types.ObjectId)) return id;
    await ctx.services.rsvps.cancel(ctx.actor, id);
    return textReply(ctx.t('bot.rsvp_cancelled'), { personal: true });
  },
};

/** A fair's free meeting slots with exhibitor firms, each bookable with one press. */
export const slotsAction: ActionSpec = {
  name: 'slots',
  async run(ctx, [raw]) {
    const id = idParam(ctx, raw);
    if (!(id instanceof Types.ObjectId)) return id;
    const free = (await ctx.services.fairs.listSlots(ctx.actor, id, { free: true, limit: 10 })).items;
    if (free.length === 0) return textReply(ctx.t('bot.slots_none'));
    const firms = await ctx.services.firms.namesOf([...new Set(free.map((s) => s.firmId))]);
    const lines = free.map((s, i) => `${i + 1}. ${firms.get(String(s.firmId))?.name ?? '?'} — ${formatLocalTime(s.startsAt, ctx.user.timezone, ctx.locale)}`);
    const buttons: Button[][] = [];
    for (let i = 0; i < free.length; i += 5) {
      buttons.push(free.slice(i, i + 5).map((s, j) => ({ label: String(i + j + 1), action: action('book', String(s._id)) })));
    }
    return textReply([...lines, ctx.t('bot.slots_pick')], { title: ctx.t('bot.meeting_slots'), buttons });
  },
};

/** Books a slot; two people pressing at once get one booking and one polite "taken". */
export const bookSlotAction: ActionSpec = {
  name: 'book',
  private: true,
  async run(ctx, [raw]) {
    const id = idParam(ctx, raw);
    if (!(id instanceof Types.ObjectId)) return id;
    const slot = await ctx.services.fairs.book(ctx.actor, id);
    const firm = (await ctx.services.firms.namesOf([slot.firmId])).get(String(slot.firmId))?.name ?? '?';
    return textReply(ctx.t('bot.slot_booked', { firm, when: formatLocalTime(slot.startsAt, ctx.user.timezone, ctx.locale) }), { personal: true });
  },
};
