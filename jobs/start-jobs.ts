import type { Connection } from 'mongoose';
import type { DomainServices } from '../src/domain/domain-services.js';
import type { Logger } from '../src/log.js';
import type { ServiceMetrics } from '../src/observability/service-metrics.js';
import { NoticeRelay, type FanoutJob } from './notice-relay.js';
import { Reconciler } from './reconciler.js';
import type { PlatformSender } from './senders/send-failure.js';
import { startDeliverWorker } from './workers/deliver.worker.js';
import { reportQueueErrors } from './workers/report-worker-errors.js';
import { DeliveryRecords } from '../src/domain/notifications/delivery-records.js';
import { openQueue, QUEUE_NAMES, type QueueSettings } from './queues.js';
import { EventReminders } from '../src/domain/notifications/event-reminders.js';
import type { FanoutResult } from '../src/domain/notifications/fanout.service.js';
import { startFanoutWorker, type DeliverJob } from './workers/fanout.worker.js';
import { scheduleReminders, startReminderWorker, type ReminderJob } from './workers/reminder.worker.js';
import { upsertSchedules, type ScheduleJob } from './schedules.js';
import { startSchedulesWorker } from './workers/schedules.worker.js';

/** The background work of a worker process, and how to stop it. */
export interface RunningJobs {
  relay: NoticeRelay;
  stop(): Promise<void>;
}

/**
 * Starts what a worker process runs: the notice relay (MongoDB → fan-out queue) and the
 * fan-out worker (notice → deliveries → platform queues). Any number of worker processes
 * may run side by side; job ids keep their work from doubling.
 */
export async function startJobs(
  connection: Connection,
  services: DomainServices,
  settings: QueueSettings,
  logger: Logger,
  options: {
    relayIntervalMs?: number;
    reminderOffsetsMs?: readonly number[];
    metrics?: ServiceMetrics;
    /** Work whose job is still missing this long after its time is re-queued. */
    reconcileAfterMs?: number;
    /** The platform senders to run deliver workers for (a platform without a token has none). */
    senders?: readonly PlatformSender[];
    /** Calls the listener each time Redis answers again after an outage; returns how to stop. */
    whenRedisReturns?: (listener: () => void) => () => void;
    /** Sends as fast as the platforms answer, without pacing (benchmarks with limits lifted). */
    unpaced?: boolean;
  } = {},
): Promise<RunningJobs> {
  // Producers wait in their connection's offline queue while Redis is away and go on when it returns.
  const queueLogger = logger.child({ component: 'queues' });
  const fanoutQueue = reportQueueErrors(openQueue<FanoutJob>(QUEUE_NAMES.fanout, settings), queueLogger, QUEUE_NAMES.fanout);
  const deliver = {
    telegram: reportQueueErrors(openQueue<DeliverJob>(QUEUE_NAMES.deliverTelegram, settings), queueLogger, QUEUE_NAMES.deliverTelegram),
    discord: reportQueueErrors(openQueue<DeliverJob>(QUEUE_NAMES.deliverDiscord, settings), queueLogger, QUEUE_NAMES.deliverDiscord),
  };
  const relay = new NoticeRelay(connection, services.outbox, fanoutQueue, logger.child({ component: 'relay' }));
  relay.start(options.relayIntervalMs ?? 1000, (queued) => options.metrics?.reconcilerActions.inc({ action: 'notice_queued' }, queued));
  const reconcileAfterMs = options.reconcileAfterMs ?? 5 * 60_000;
  const reconciler = new Reconciler(connection, { fanout: fanoutQueue, deliver }, logger.child({ component: 'reconciler' }), reconcileAfterMs);
  reconciler.start(Math.min(60_000, reconcileAfterMs), (done) => {
    options.metrics?.reconcilerActions.inc({ action: 'fanout_requeued' }, done.fanouts);
    options.metrics?.reconcilerActions.inc({ action: 'delivery_requeued' }, done.deliveries);
  });
  const reminderQueue = reportQueueErrors(openQueue<ReminderJob>(QUEUE_NAMES.reminders, settings), queueLogger, QUEUE_NAMES.reminders);
  const reminders = new EventReminders(connection, options.reminderOffsetsMs);
  // A published or moved event gets its reminders planned once its own notice is fanned out.
  const planReminders = async (result: FanoutResult) => {
    const type = result.notice?.type;
    if (result.notice && (type === 'event.published' || type === 'event.rescheduled')) {
      await scheduleReminders(reminderQueue, reminders, result.notice.subjectId);
    }
  };
  const fanoutWorker = startFanoutWorker(settings, services.fanout, deliver, logger.child({ component: 'fanout' }), undefined, planReminders);
  const reminderWorker = startReminderWorker(settings, reminders, logger.child({ component: 'reminders' }));
  const records = new DeliveryRecords(connection);
  const deliverWorkers = (options.senders ?? []).map((sender) =>
    startDeliverWorker(settings, { connection, records, sender, queues: deliver, logger: logger.child({ component: `deliver-${sender.channel}` }), metrics: options.metrics, ...(options.unpaced ? { paceMs: null } : {}) }),
  );
  const schedulesQueue = reportQueueErrors(openQueue<ScheduleJob>(QUEUE_NAMES.schedules, settings), queueLogger, QUEUE_NAMES.schedules);
  await upsertSchedules(schedulesQueue);
  // A Redis that comes back empty (restarted without persistence, or wiped) has lost the job
  // schedulers; upserting is idempotent, so it is simply done again whenever Redis returns.
  const stopRescheduling = options.whenRedisReturns?.(() => {
    upsertSchedules(schedulesQueue).catch((err: unknown) => logger.warn({ err }, 'could not restore the job schedulers; will try when Redis returns again'));
  });
  const schedulesWorker = startSchedulesWorker(settings, services, logger.child({ component: 'schedules' }));
  return {
    relay,
    async stop() {
      stopRescheduling?.();
      await Promise.all([relay.stop(), reconciler.stop()]);
      await Promise.all([fanoutWorker.close(), reminderWorker.close(), schedulesWorker.close(), ...deliverWorkers.map((w) => w.close())]);
      await Promise.all([fanoutQueue.close(), reminderQueue.close(), schedulesQueue.close(), deliver.telegram.close(), deliver.discord.close()]);
    },
  };
}
