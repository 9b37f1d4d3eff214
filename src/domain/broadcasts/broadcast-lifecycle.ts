import type { DeliveryStatus } from '../notifications/delivery.model.js';

/** Where a broadcast stands, computed from its deliveries rather than stored beside them. */
export const BROADCAST_LIFECYCLE = ['scheduled', 'sending', 'sent', 'cancelled', 'failed'] as const;
export type BroadcastLifecycle = (typeof BROADCAST_LIFECYCLE)[number];

/** Recipients (people, not deliveries: a fallback to a second channel is still one person) by outcome. */
export interface BroadcastCounts {
  total: number;
  sent: number;
  /** Every attempt gave up (dead letters). */
  failed: number;
  /** No channel reaches them: no bot account, or every account refused the bot. */
  unreachable: number;
  pending: number;
  cancelled: number;
}

/**
 * One person's outcome from the statuses of their deliveries: a send anywhere wins, then a
 * delivery still to go; 'failed' deliveries are accounts that could not be reached.
 */
function outcomeOf(statuses: readonly DeliveryStatus[]): Exclude<keyof BroadcastCounts, 'total'> {
  if (statuses.includes('sent')) return 'sent';
  if (statuses.includes('pending')) return 'pending';
  if (statuses.includes('dead')) return 'failed';
  if (statuses.includes('cancelled')) return 'cancelled';
  return 'unreachable';
}

/** Counts per person from `(userId, status)` rows, plus the people no channel reached at fan-out. */
export function countRecipients(rows: readonly { userId: unknown; status: DeliveryStatus }[], unreachableAtFanout: number): BroadcastCounts {
  const byPerson = new Map<string, DeliveryStatus[]>();
  for (const row of rows) {
    const key = String(row.userId);
    byPerson.set(key, [...(byPerson.get(key) ?? []), row.status]);
  }
  const counts: BroadcastCounts = { total: byPerson.size + unreachableAtFanout, sent: 0, failed: 0, unreachable: unreachableAtFanout, pending: 0, cancelled: 0 };
  for (const statuses of byPerson.values()) counts[outcomeOf(statuses)] += 1;
  return counts;
}

/**
 * scheduled (before its time, or not fanned out yet) → sending (deliveries left) → sent
 * (nothing left, someone reached, or nobody to reach) or failed (nothing left, nobody reached);
 * cancelled whenever an organiser stopped it.
 */
export function lifecycleOf(input: { cancelled: boolean; sendAt: Date; fannedOut: boolean; counts: BroadcastCounts; now: Date }): BroadcastLifecycle {
  if (input.cancelled) return 'cancelled';
  if (!input.fannedOut || input.now.getTime() < input.sendAt.getTime()) return 'scheduled';
  if (input.counts.pending > 0) return 'sending';
  const missed = input.counts.failed + input.counts.unreachable;
  return input.counts.sent === 0 && missed > 0 ? 'failed' : 'sent';
}
