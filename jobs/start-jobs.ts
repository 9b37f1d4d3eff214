import type { Connection } from 'mongoose';
import type { DomainServices } from '../src/domain/domain-services.js';
import type { Logger } from '../src/log.js';
import { NoticeRelay, type FanoutJob } from './notice-relay.js';
import { openQueue, QUEUE_NAMES, type QueueSettings } from './queues.js';
import { startFanoutWorker, type DeliverJob } from './workers/fanout.worker.js';

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
export function startJobs(
  connection: Connection,
  services: DomainServices,
  settings: QueueSettings,
  logger: Logger,
  options: { relayIntervalMs?: number } = {},
): RunningJobs {
  const fanoutQueue = openQueue<FanoutJob>(QUEUE_NAMES.fanout, settings);
  const deliver = {
    telegram: openQueue<DeliverJob>(QUEUE_NAMES.deliverTelegram, settings),
    discord: openQueue<DeliverJob>(QUEUE_NAMES.deliverDiscord, settings),
  };
  const relay = new NoticeRelay(connection, services.outbox, fanoutQueue, logger.child({ component: 'relay' }));
  relay.start(options.relayIntervalMs ?? 1000);
  const fanoutWorker = startFanoutWorker(settings, services.fanout, deliver, logger.child({ component: 'fanout' }));
  return {
    relay,
    async stop() {
      await relay.stop();
      await fanoutWorker.close();
      await Promise.all([fanoutQueue.close(), deliver.telegram.close(), deliver.discord.close()]);
    },
  };
}
