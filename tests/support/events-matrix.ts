/** Authorization-matrix rows for the events routes; the matrix test installs them. */
import { seminarInput } from './events.js';
import { everyone, signedIn, type Cell, type Row } from './matrix.js';
import type { TestApi } from './service.js';

/** What the rows need from the matrix's world: the API, the admin's token (admins organise) and the firm. */
export interface EventsMatrixWorld {
  api: TestApi;
  admin: string;
  firmOwner: string;
  expert: string;
  firmId: string;
}

const day = 86_400_000;
const at = (days: number, hours = 0) => new Date(Date.now() + days * day + hours * 3_600_000).toISOString();
const fairInput = seminarInput({ kind: 'fair', startsAt: at(30), endsAt: at(30, 8) });
const contestInput = seminarInput({ kind: 'contest', startsAt: at(30), endsAt: at(31), contest: { opensAt: at(-1), closesAt: at(20) } });

/** The rows; `world()` is read when a row runs, after the matrix has built its world. */
export function eventMatrixRows(world: () => EventsMatrixWorld): Row[] {
  async function must(method: string, path: string, token: string, body?: unknown): Promise<{ id: string }> {
    const res = await world().api.call(method, path, { token, body });
    if (res.status >= 300) throw new Error(`setup ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  }
  const draft = async (input = seminarInput()) => (await must('POST', '/events', world().admin, input)).id;
  const published = async (input = seminarInput()) => {
    const id = await draft(input);
    await must('POST', `/events/${id}/publish`, world().admin);
    return id;
  };
  const application = async () => (await must('POST', `/events/${await published(fairInput)}/exhibitors`, world().firmOwner, { firmId: world().firmId })).id;
  const approved = async () => {
    const id = await application();
    await must('POST', `/exhibitors/${id}/approve`, world().admin);
    return id;
  };
  // Each slot sits on a fair of its own day, so the expert's bookings never overlap.
  let slotDay = 40;
  const slot = async () => {
    slotDay += 1;
    const fair = await published(seminarInput({ kind: 'fair', startsAt: at(slotDay), endsAt: at(slotDay, 8) }));
    const exhibitor = (await must('POST', `/events/${fair}/exhibitors`, world().firmOwner, { firmId: world().firmId })).id;
    await must('POST', `/exhibitors/${exhibitor}/approve`, world().admin);
    return (await must('POST', `/exhibitors/${exhibitor}/slots`, world().firmOwner, { startsAt: at(slotDay, 1), endsAt: at(slotDay, 2) })).id;
  };
  const withRsvp = async (c: Cell) => {
    const id = await published();
    if (c.token) await must('POST', `/events/${id}/rsvp`, c.token);
    return id;
  };
  const firmInsiders = { firmOwner: 201, firmStaff: 201, admin: 201 };
  return [
    { op: 'createEvent', expect: { ...signedIn(403), admin: 201 }, call: (c) => c.call('POST', '/events', seminarInput()) },
    { op: 'listEvents', expect: everyone(200), call: (c) => c.call('GET', '/events?kind=seminar&city=da%20nang') },
    { op: 'getEvent', expect: { ...everyone(404), admin: 200 }, call: async (c) => c.call('GET', `/events/${await draft()}`) },
    { op: 'updateEvent', expect: { ...signedIn(404), admin: 200 }, call: async (c) => c.call('PATCH', `/events/${await draft()}`, { capacity: 3 }) },
    { op: 'publishEvent', expect: { ...signedIn(404), admin: 200 }, call: async (c) => c.call('POST', `/events/${await draft()}/publish`) },
    { op: 'cancelEvent', expect: { ...signedIn(403), admin: 200 }, call: async (c) => c.call('POST', `/events/${await published()}/cancel`) },
    { op: 'createNextEdition', expect: { ...signedIn(404), admin: 201 }, call: async (c) => c.call('POST', `/events/${await draft(fairInput)}/next-edition`) },
    { op: 'rsvpEvent', expect: signedIn(201), call: async (c) => c.call('POST', `/events/${await published()}/rsvp`) },
    { op: 'getMyRsvp', expect: signedIn(200), call: async (c) => c.call('GET', `/events/${await withRsvp(c)}/rsvp`) },
    { op: 'cancelRsvp', expect: signedIn(204), call: async (c) => c.call('DELETE', `/events/${await withRsvp(c)}/rsvp`) },
    // A published event is public: outsiders learn it exists, so 403 rather than 404.
    { op: 'listEventAttendees', expect: { ...signedIn(403), admin: 200 }, call: async (c) => c.call('GET', `/events/${await withRsvp(c)}/attendees`) },
    { op: 'exportEventAttendeesCsv', expect: { ...signedIn(403), admin: 200 }, call: async (c) => c.call('GET', `/events/${await withRsvp(c)}/attendees.csv`) },
    {
      op: 'applyAsExhibitor',
      expect: { ...signedIn(403), ...firmInsiders },
      call: async (c) => c.call('POST', `/events/${await published(fairInput)}/exhibitors`, { firmId: world().firmId }),
    },
    { op: 'listExhibitors', expect: everyone(200), call: async (c) => c.call('GET', `/events/${await published(fairInput)}/exhibitors`) },
    { op: 'approveExhibitor', expect: { ...signedIn(403), admin: 200 }, call: async (c) => c.call('POST', `/exhibitors/${await application()}/approve`) },
    { op: 'rejectExhibitor', expect: { ...signedIn(403), admin: 200 }, call: async (c) => c.call('POST', `/exhibitors/${await application()}/reject`) },
    {
      op: 'createMeetingSlot',
      expect: { ...signedIn(403), ...firmInsiders },
      call: async (c) => c.call('POST', `/exhibitors/${await approved()}/slots`, { startsAt: at(30, 3), endsAt: at(30, 4) }),
    },
    {
      op: 'listExhibitorSlots', // bookers' contacts: the firm's people and the organisers only
      expect: { ...signedIn(403), firmOwner: 200, firmStaff: 200, admin: 200 },
      call: async (c) => c.call('GET', `/exhibitors/${await approved()}/slots`),
    },
    { op: 'listMeetingSlots', expect: everyone(200), call: async (c) => c.call('GET', `/events/${await published(fairInput)}/slots`) },
    { op: 'bookSlot', expect: { ...signedIn(403), expert: 200 }, call: async (c) => c.call('POST', `/slots/${await slot()}/booking`) },
    {
      op: 'cancelSlotBooking', // the expert who booked, the exhibitor's people and the organisers
      expect: { ...signedIn(403), expert: 200, firmOwner: 200, firmStaff: 200, admin: 200 },
      call: async (c) => {
        const id = await slot();
        await must('POST', `/slots/${id}/booking`, world().expert);
        return c.call('DELETE', `/slots/${id}/booking`);
      },
    },
    {
      op: 'putMySubmission',
      expect: signedIn(201),
      call: async (c) => c.call('PUT', `/events/${await published(contestInput)}/submissions/mine`, { title: 'Bộ gõ', link: 'https://bogo.example.vn' }),
    },
    { op: 'listSubmissions', expect: signedIn(200), call: async (c) => c.call('GET', `/events/${await published(contestInput)}/submissions`) },
    {
      op: 'publishContestResults', // reaches the domain only for organisers: 409 while submissions are open
      expect: { ...signedIn(403), admin: 409 },
      call: async (c) => c.call('POST', `/events/${await published(contestInput)}/results`, { ranking: [{ submissionId: world().firmId }] }),
    },
    { op: 'getContestResults', expect: everyone(404), call: async (c) => c.call('GET', `/events/${await published(contestInput)}/results`) },
    { op: 'rotateMyCalendarFeed', expect: signedIn(201), call: (c) => c.call('POST', '/me/calendar-feed') },
    { op: 'getMyCalendarFeed', expect: signedIn(200), call: (c) => c.call('GET', '/me/calendar-feed') },
  ];
}
