import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { z } from 'zod';
import { reportWorkerErrors } from './report-worker-errors.js';
import { SYSTEM_ACTOR } from '../../src/domain/auth/access.js';
import type { DomainServices } from '../../src/domain/domain-services.js';
import type { Logger } from '../../src/log.js';
import { connectionFor, QUEUE_NAMES, type QueueSettings } from '../queues.js';
import { SCHEDULED_TASKS, type ScheduleJob, type ScheduledTask } from '../schedules.js';

const schedulePayload = z.strictObject({ task: z.enum(SCHEDULED_TASKS) });

/** What each recurring task does; each is safe to run twice (conditional updates). */
export function scheduledTasks(services: DomainServices): Record<ScheduledTask, () => Promise<Record<string, number>>> {
  return {
    'daily-maintenance': async () => ({
      requestsClosed: await services.requests.closePastDeadline(),
      introductionsExpired: await services.introductions.expireStale(),
      fairEditionsDrafted: await services.yearlyEditions.draftDueEditions(SYSTEM_ACTOR),
    }),
    'monthly-report': async () => ({ sent: (await services.monthlyReports.sendPreviousMonth()).sent ? 1 : 0 }),
    'weekly-digest': async () => services.digests.sendDue(),
    'merge-repair': async () => ({ mergesResumed: await services.merges.resumeUnfinished() }),
  };
}

/** Runs the recurring tasks the job schedulers emit. */
export function startSchedulesWorker(settings: QueueSettings, services: DomainServices, logger: Logger): Worker<ScheduleJob> {
  const tasks = scheduledTasks(services);
  const worker = new Worker<ScheduleJob>(
    QUEUE_NAMES.schedules,
    async (job: Job<ScheduleJob>) => {
      const parsed = schedulePayload.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`invalid schedule payload: ${parsed.error.message}`);
      const outcome = await tasks[parsed.data.task]();
      logger.info({ task: parsed.data.task, ...outcome }, 'scheduled task done');
      return outcome;
    },
    { connection: connectionFor(settings), prefix: settings.prefix },
  );
  reportWorkerErrors(worker, logger, 'schedules');
  worker.on('failed', (job, err) => logger.warn({ jobId: job?.id, err: err.message }, 'scheduled task failed'));
  return worker;
}
