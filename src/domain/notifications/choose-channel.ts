import type { Channel } from '../users/user.model.js';

/** A person's reachable platform accounts, as far as we know. */
export interface Reachability {
  /** Channels in the person's order of preference. */
  preferred: readonly Channel[];
  /** Platform address per channel (Telegram chat id, Discord user id), if linked. */
  addresses: Partial<Record<Channel, string>>;
  /** Channels that failed permanently (bot blocked, DMs closed). */
  unreachable: readonly Channel[];
}

/**
 * The channel a notice goes to: the first preferred channel with a linked, reachable account;
 * then any other linked, reachable one; undefined when the person cannot be reached at all.
 */
export function chooseChannel(person: Reachability, after?: Channel): { channel: Channel; address: string } | undefined {
  const linked = (Object.keys(person.addresses) as Channel[]).filter((c) => person.addresses[c]);
  const order = [...person.preferred, ...linked.filter((c) => !person.preferred.includes(c))];
  const start = after ? order.indexOf(after) + 1 : 0;
  for (const channel of order.slice(start)) {
    const address = person.addresses[channel];
    if (address && !person.unreachable.includes(channel)) return { channel, address };
  }
  return undefined;
}
