import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A refusal in Discord's JSON error shape: `{ message, code, errors? }` with the HTTP status.
 * discord.js turns these into `DiscordAPIError` with `.status`, `.code` and `.rawError`.
 */
export class DiscordApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: Record<string, unknown>,
  ) {
    super(message);
  }

  toJSON(): Record<string, unknown> {
    return { message: this.message, code: this.code, ...(this.errors ? { errors: this.errors } : {}) };
  }
}

/** Discord's catalogue of the errors the fake produces (status, JSON code, message). */
export const Errors = {
  unauthorized: () => new DiscordApiError(401, 0, '401: Unauthorized'),
  notFound: () => new DiscordApiError(404, 0, '404: Not Found'),
  unknownChannel: () => new DiscordApiError(404, 10003, 'Unknown Channel'),
  unknownMessage: () => new DiscordApiError(404, 10008, 'Unknown Message'),
  unknownUser: () => new DiscordApiError(404, 10013, 'Unknown User'),
  /** What POST /users/@me/channels answers for a recipient_id that is not a reachable user. */
  invalidRecipient: () => new DiscordApiError(400, 50033, 'Invalid Recipient(s)'),
  unknownWebhook: () => new DiscordApiError(404, 10015, 'Unknown Webhook'),
  unknownCommand: () => new DiscordApiError(404, 10063, 'Unknown application command'),
  unknownInteraction: () => new DiscordApiError(404, 10062, 'Unknown interaction'),
  alreadyAcknowledged: () => new DiscordApiError(400, 40060, 'Interaction has already been acknowledged.'),
  emptyMessage: () => new DiscordApiError(400, 50006, 'Cannot send an empty message'),
  cannotMessageUser: () => new DiscordApiError(403, 50007, 'Cannot send messages to this user'),
  invalidWebhookToken: () => new DiscordApiError(401, 50027, 'Invalid Webhook Token'),
  /** 50035 with Discord's nested `errors` object: `{ field: { _errors: [{ code, message }] } }`. */
  invalidFormBody: (path: Array<string | number>, code: string, message: string) => {
    let errors: Record<string, unknown> = { _errors: [{ code, message }] };
    for (const key of [...path].reverse()) errors = { [String(key)]: errors };
    return new DiscordApiError(400, 50035, 'Invalid Form Body', errors);
  },
};

/**
 * Read a JSON body, or the `payload_json` part of a multipart body (discord.js switches to
 * multipart when a message carries files); file parts are listed as attachments.
 */
export async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return {};
  const type = req.headers['content-type'] ?? '';
  if (type.includes('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const payload = form.get('payload_json');
    const body = typeof payload === 'string' ? (JSON.parse(payload) as Record<string, unknown>) : {};
    const files = [...form.entries()].filter(([, v]) => typeof v !== 'string');
    if (files.length > 0) body.__files = files.map(([field, v]) => ({ field, name: (v as File).name }));
    return body;
  }
  try {
    return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new DiscordApiError(400, 50109, 'The request body contains invalid JSON.');
  }
}

/** Answer with JSON (or 204 when `body` is undefined), keeping any rate-limit headers set earlier. */
export function writeJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  if (body === undefined) {
    res.writeHead(status === 200 ? 204 : status);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
