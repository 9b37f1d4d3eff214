import type { Queue } from 'bullmq';

/** A schedules job: which recurring task to run. The task names are the scheduler ids. */
export interface ScheduleJob {
  task: ScheduledTask;
}

export const SCHEDULED_TASKS = ['daily-maintenance', 'weekly-digest', 'monthly-report', 'merge-repair'] as const;
export type ScheduledTask = (typeof SCHEDULED_TASKS)[number];

/** The programme's own clock: daily work runs at night in Vietnam, whatever the server's zone. */
export const PROGRAMME_TIMEZONE = 'Asia/Ho_Chi_Minh';

/** When each recurring task runs (cron in the programme's timezone). */
export const SCHEDULES: Record<ScheduledTask, { pattern: string }> = {
  // 02:30: requests past their deadline close, introductions unanswered for 14 days expire,
  // yearly fairs that ended get next year's edition drafted.
  'daily-maintenance': { pattern: '30 2 * * *' },
  // Every quarter hour: each person's digest goes out from 09:00 their time, half-hour zones included.
  'weekly-digest': { pattern: '*/15 * * * *' },
  // 08:00 on the 1st: last month's figures to organisers.
  'monthly-report': { pattern: '0 8 1 * *' },
  // Every 5 minutes: account merges (/link) interrupted by a crash are finished.
  'merge-repair': { pattern: '*/5 * * * *' },
};

/**
 * Creates or updates every job scheduler. Stable ids make it idempotent: every worker process
 * calls it at start, and however many do, each task has one scheduler.
 */
export async function upsertSchedules(queue: Queue<ScheduleJob>): Promise<void> {
  for (const task of SCHEDULED_TASKS) {
    await queue.upsertJobScheduler(task, { pattern: SCHEDULES[task].pattern, tz: PROGRAMME_TIMEZONE }, { name: task, data: { task } });
  }
}
