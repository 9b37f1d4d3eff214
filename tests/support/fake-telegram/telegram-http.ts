import type { IncomingMessage, ServerResponse } from 'node:http';

/** A refusal the fake answers with `{ok:false, error_code, description, parameters?}`. */
export class BotApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(description);
  }
}

export type Params = Record<string, unknown>;

/**
 * Read Bot API parameters from wherever a client may put them: the query string, a JSON
 * body (grammY without files), urlencoded or multipart forms (grammY with files, curl).
 * Form values are strings, so JSON-looking values are decoded the way Telegram decodes them.
 */
export async function readParams(req: IncomingMessage, url: URL): Promise<Params> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  const params: Params = {};
  const formValues: Array<[string, string]> = [...url.searchParams];
  if (body.length > 0 && type.includes('application/json')) {
    try {
      Object.assign(params, JSON.parse(body.toString('utf8')) as Params);
    } catch {
      throw new BotApiError(400, "Bad Request: can't parse JSON object");
    }
  } else if (body.length > 0 && type.includes('application/x-www-form-urlencoded')) {
    formValues.push(...new URLSearchParams(body.toString('utf8')));
  } else if (body.length > 0 && type.includes('multipart/form-data')) {
    const form = await new Response(body, { headers: { 'content-type': type } }).formData();
    for (const [key, value] of form) {
      if (typeof value === 'string') formValues.push([key, value]);
      else params[key] = { file: value.name, size: value.size };
    }
  }
  for (const [key, value] of formValues) params[key] ??= decodeFormValue(key, value);
  return params;
}

// Free text (text, callback_data, url…) stays a string even when it looks like a number.
const NUMERIC_KEYS = /(^|_)(id|offset|limit|timeout|max_connections|cache_time)$/;
const JSON_KEYS = new Set(['reply_markup', 'entities', 'commands', 'allowed_updates', 'scope', 'link_preview_options', 'reply_parameters']);

function decodeFormValue(key: string, value: string): unknown {
  if (NUMERIC_KEYS.test(key) && /^-?\d+$/.test(value)) return Number(value);
  if (key !== 'text' && (value === 'true' || value === 'false')) return value === 'true';
  if (JSON_KEYS.has(key)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

/** Write a Bot API envelope: `{ok:true,result}` or the error shape with its HTTP status. */
export function writeResult(res: ServerResponse, outcome: { result: unknown } | BotApiError): void {
  if (res.writableEnded || res.destroyed) return;
  const body =
    outcome instanceof BotApiError
      ? {
          ok: false,
          error_code: outcome.errorCode,
          description: outcome.description,
          ...(outcome.retryAfter !== undefined ? { parameters: { retry_after: outcome.retryAfter } } : {}),
        }
      : { ok: true, result: outcome.result };
  const status = outcome instanceof BotApiError ? outcome.errorCode : 200;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** A numeric chat id, or the Bot API's "chat not found" for anything it cannot resolve. */
export function chatIdParam(params: Params): number {
  const raw = params.chat_id;
  if (raw === undefined || raw === '') throw new BotApiError(400, 'Bad Request: chat_id is empty');
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
  // Telegram takes a chat id as a number or as its decimal string.
  if (typeof raw === 'string' && /^-?\d{1,20}$/.test(raw)) return Number(raw);
  throw new BotApiError(400, 'Bad Request: chat not found');
}

/** An optional string parameter (numbers sent as form fields come back as strings). */
export function stringParam(params: Params, name: string): string | undefined {
  const raw = params[name];
  if (raw === undefined || raw === null) return undefined;
  return typeof raw === 'string' ? raw : String(raw as number);
}

/** An optional integer parameter with a default. */
export function intParam(params: Params, name: string, fallback: number): number {
  const raw = params[name];
  return typeof raw === 'number' && Number.isFinite(raw) ? Math.trunc(raw) : fallback;
}
