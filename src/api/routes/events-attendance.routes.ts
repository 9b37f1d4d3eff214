import { z } from 'zod';
import { defineRoute } from '../route-spec.js';
import { idParams, objectIdSchema } from './shared-schemas.js';

const attendanceView = z.object({
  marked: z.number().meta({ description: 'RSVPs changed by this call' }),
  notGoing: z.array(z.string()).meta({ description: 'Users given who hold no seat at the event; nothing was marked for them' }),
  going: z.number(),
  attended: z.number(),
});

export const eventAttendanceRoutes = [
  defineRoute({
    method: 'post',
    path: '/events/{id}/attendance',
    operationId: 'markEventAttendance',
    summary: 'Mark who attended (or, with attended=false, who did not) among the people holding a seat (its organisers, once it started)',
    tag: 'Events',
    access: 'user',
    params: idParams,
    body: z.strictObject({
      userIds: z.array(objectIdSchema).min(1).max(500),
      attended: z.boolean().default(true),
    }),
    example: { userIds: ['665f1c2e8b3e4a0012345678'], attended: true },
    success: { status: 200, description: 'What was marked, and the event’s totals', schema: attendanceView },
    errors: [404, 409],
    async handle({ actor, params, body, services }) {
      const result = await services.attendance.mark(actor, params.id, body.userIds, body.attended);
      return { ...result, notGoing: result.notGoing.map(String) };
    },
  }),
];
