import type { Queue } from 'bullmq';
import type { Connection } from 'mongoose';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { deliveryModel } from '../domain/notifications/delivery.model.js';

const JOB_STATES = ['waiting', 'delayed', 'prioritized', 'active', 'failed', 'completed'] as const;

/**
 * The service's Prometheus metrics, one registry per running service (several may share a
 * test process). Counters are per process; queue depths and delivery totals are read from
 * Redis and MongoDB at scrape time, so every process reports the same shared figures.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly deliveriesSent = new Counter({ name: 'vnb_deliveries_sent_total', help: 'Messages delivered, by platform', labelNames: ['platform'], registers: [this.registry] });
  readonly deliveriesFailed = new Counter({
    name: 'vnb_deliveries_failed_total',
    help: 'Delivery attempts that failed, by platform and kind (rate_limited, unreachable, transient, dead)',
    labelNames: ['platform', 'kind'],
    registers: [this.registry],
  });
  readonly sendSeconds = new Histogram({
    name: 'vnb_send_seconds',
    help: 'Time to send one message to a platform',
    labelNames: ['platform'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly reconcilerActions = new Counter({
    name: 'vnb_reconciler_actions_total',
    help: 'Work the relay and reconciler (re)queued: notices relayed, outboxes repaired',
    labelNames: ['action'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'vnb_' });
  }

  /**
   * Reports each queue's jobs by state at scrape time. While `reachable` says Redis is away the
   * gauge is left empty, so a scrape answers at once with every other metric.
   */
  watchQueues(queues: readonly Queue[], reachable: () => boolean = () => true): void {
    new Gauge({
      name: 'vnb_queue_jobs',
      help: 'Jobs in each BullMQ queue, by state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        if (!reachable()) return;
        for (const queue of queues) {
          const counts = await queue.getJobCounts(...JOB_STATES);
          for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
  }

  /** Reports deliveries by channel and status (the record in MongoDB) at scrape time. */
  watchDeliveries(connection: Connection): void {
    new Gauge({
      name: 'vnb_deliveries',
      help: 'Deliveries recorded in MongoDB, by channel and status',
      labelNames: ['channel', 'status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows = await deliveryModel(connection).aggregate<{ _id: { channel: string; status: string }; n: number }>([
          { $group: { _id: { channel: '$channel', status: '$status' }, n: { $sum: 1 } } },
        ]);
        for (const row of rows) this.set({ channel: row._id.channel, status: row._id.status }, row.n);
      },
    });
  }
}
