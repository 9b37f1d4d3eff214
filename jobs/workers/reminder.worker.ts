import { UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import type { Types } from 'mongoose';
import { z } from 'zod';
import { reportWorkerErrors } from './report-worker-errors.js';
import type { EventReminders } from '../../src/domain/notifications/event-reminders.js';
import type { Logger } from '../../src/log.js';
import { connectionFor, QUEUE_NAMES, type QueueSettings } from '../queues.js';

/** A reminder job: which event, how long before it, and the start time it was planned for. */
export interface ReminderJob {
  eventId: string;
  offsetMs: number;
  startsAt: number;
}

const reminderPayload = z.strictObject({
  eventId: z.string().regex(/^[0-9a-f]{24}$/),
  offsetMs: z.number().int().positive(),
  startsAt: z.number().int(),
});

/** Queues the reminders still ahead for an event; job ids make planning twice harmless. */
export async function scheduleReminders(
  queue: Queue<ReminderJob>,
  reminders: EventReminders,
  eventId: Types.ObjectId,
  now: () => Date = () => new Date(),
): Promise<number> {
  const planned = await reminders.plan(eventId);
  await queue.addBulk(
    planned.map((r) => ({
      name: 'reminder',
      data: { eventId: r.eventId, offsetMs: r.offsetMs, startsAt: r.startsAt },
      opts: { jobId: `reminder-${r.eventId}-${r.offsetMs}-${r.startsAt}`, delay: Math.max(0, r.at.getTime() - now().getTime()) },
    })),
  );
  return planned.length;
}

/** Fires due reminders: each writes a reminder notice unless the event moved or was cancelled. */
export function startReminderWorker(settings: QueueSettings, reminders: EventReminders, logger: Logger): Worker<ReminderJob> {
  const worker = new Worker<ReminderJob>(
    QUEUE_NAMES.reminders,
    async (job: Job<ReminderJob>) => {
      const parsed = reminderPayload.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`invalid reminder payload: ${parsed.error.message}`);
      return { fired: await reminders.fire(parsed.data) };
    },
    { connection: connectionFor(settings), prefix: settings.prefix },
  );
  reportWorkerErrors(worker, logger, 'reminder');
  worker.on('failed', (job, err) => logger.warn({ jobId: job?.id, err: err.message }, 'reminder job failed'));
  return worker;
}
