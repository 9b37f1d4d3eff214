import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { AppError } from '../app-error.js';
import { resolveWebhookTarget, type WebhookUrlPolicy } from './webhook-url.js';

/** What one POST to a receiver came to. */
export interface SendOutcome {
  ok: boolean;
  /** No retry can help: a 4xx other than 408 and 429, or a URL now refused. */
  final: boolean;
  statusCode?: number;
  latencyMs: number;
  /** From a 429's or 503's Retry-After, in seconds. */
  retryAfterSeconds?: number;
  error?: string;
}

export interface SendOptions {
  policy: WebhookUrlPolicy;
  timeoutMs?: number;
  /** Bytes of the answer read (and then dropped); receivers owe us nothing but a status. */
  maxResponseBytes?: number;
}

const USER_AGENT = 'vn-expert-bridge-webhooks/1';

function retryAfter(response: IncomingMessage): number | undefined {
  const raw = response.headers['retry-after'];
  if (!raw) return undefined;
  const seconds = /^\d+$/.test(raw) ? Number(raw) : Math.ceil((Date.parse(raw) - Date.now()) / 1000);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** 2xx is delivered; 408, 429 and 5xx (and redirects, which are never followed) are tried again; other 4xx are final. */
export function classifyStatus(status: number): { ok: boolean; final: boolean } {
  if (status >= 200 && status < 300) return { ok: true, final: false };
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return { ok: false, final: true };
  return { ok: false, final: false };
}

/**
 * POSTs one signed JSON body. The host is resolved and checked again right before the
 * connection (a name may now point inside the network) and the connection goes to exactly
 * the address checked; redirects are not followed; at most `maxResponseBytes` are read.
 */
export async function sendWebhook(rawUrl: string, body: string, headers: Record<string, string>, options: SendOptions): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let target: Awaited<ReturnType<typeof resolveWebhookTarget>>;
  try {
    target = await resolveWebhookTarget(rawUrl, options.policy);
  } catch (error) {
    const reason = error instanceof AppError ? String(error.details.reason) : 'refused';
    return { ok: false, final: true, latencyMs: elapsed(), error: `URL refused: ${reason}` };
  }
  const pinned: LookupFunction = (_host, opts, callback) => {
    if ((opts as { all?: boolean }).all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  const limit = options.maxResponseBytes ?? 4096;
  return new Promise<SendOutcome>((resolve) => {
    const req = request(
      target.url,
      {
        method: 'POST',
        lookup: pinned,
        timeout: options.timeoutMs ?? 10_000,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': USER_AGENT },
      },
      (response) => {
        let read = 0;
        const finish = () => {
          const status = response.statusCode ?? 0;
          const after = retryAfter(response);
          resolve({ ...classifyStatus(status), statusCode: status, latencyMs: elapsed(), ...(after === undefined ? {} : { retryAfterSeconds: after }) });
        };
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > limit) {
            response.destroy();
            finish();
          }
        });
        response.on('end', finish);
        response.on('error', finish);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs ?? 10_000} ms`)));
    req.on('error', (error) => resolve({ ok: false, final: false, latencyMs: elapsed(), error: error.message }));
    req.end(body);
  });
}
