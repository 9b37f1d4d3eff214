import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { ValidationError } from '../app-error.js';

/** Whether plain http to a loopback receiver is allowed (WEBHOOKS_ALLOW_HTTP_LOOPBACK, for local testing). */
export interface WebhookUrlPolicy {
  allowHttpLoopback: boolean;
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Addresses a webhook must never reach (SSRF): private networks, link-local (which holds
 * the cloud metadata service at 169.254.169.254), carrier-grade NAT, multicast, reserved,
 * "this network", and their IPv6 counterparts. Loopback is here too unless the policy allows it.
 */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['::', 128], ['64:ff9b::', 96]] as const) PRIVATE.addSubnet(net, prefix, 'ipv6');

const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata', 'instance-data']);

function refused(url: string, reason: string): ValidationError {
  return new ValidationError('webhook.url_refused', 'This URL cannot receive webhooks.', { url, reason });
}

/** The IPv4 address inside an IPv4-mapped IPv6 one (::ffff:10.0.0.1), else the address itself. */
function unmapped(address: string): string {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match?.[1] ?? address;
}

function addressRefusal(address: string, policy: WebhookUrlPolicy): string | undefined {
  const ip = unmapped(address);
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  if (LOOPBACK.check(ip, family)) return policy.allowHttpLoopback ? undefined : 'loopback address';
  if (PRIVATE.check(ip, family)) return 'private, link-local or reserved address';
  return undefined;
}

/** The URL's shape: https (http only to loopback when allowed), no credentials, no fragment. Returns the normalised URL. */
export function checkWebhookUrlShape(raw: string, policy: WebhookUrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused(raw, 'not a URL');
  }
  if (url.username || url.password) throw refused(raw, 'credentials in the URL');
  if (url.hash) throw refused(raw, 'a fragment is never sent');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (METADATA_HOSTS.has(host)) throw refused(raw, 'cloud metadata host');
  const literal = isIP(host) !== 0;
  if (url.protocol === 'http:') {
    const loopback = host === 'localhost' || (literal && LOOPBACK.check(unmapped(host), isIP(unmapped(host)) === 6 ? 'ipv6' : 'ipv4'));
    if (!(policy.allowHttpLoopback && loopback)) throw refused(raw, 'https only');
  } else if (url.protocol !== 'https:') {
    throw refused(raw, 'https only');
  }
  if (literal) {
    const reason = addressRefusal(host, policy);
    if (reason) throw refused(raw, reason);
  }
  return url;
}

/**
 * Resolves the URL's host and refuses it when any address is one a webhook must never reach.
 * Called when an endpoint is saved and again before every send (DNS can change in between);
 * returns the address to connect to, so the check and the connection use the same one.
 */
export async function resolveWebhookTarget(raw: string, policy: WebhookUrlPolicy): Promise<{ url: URL; address: string; family: 4 | 6 }> {
  const url = checkWebhookUrlShape(raw, policy);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true, verbatim: true });
  } catch {
    throw refused(raw, 'the host name does not resolve');
  }
  for (const { address } of addresses) {
    const reason = addressRefusal(address, policy);
    if (reason) throw refused(raw, reason);
  }
  const first = addresses[0];
  if (!first) throw refused(raw, 'the host name does not resolve');
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
