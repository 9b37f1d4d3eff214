import type { Request, Response } from 'express';
import type { MessageKey } from '../src/i18n/messages.js';
import { localeFromAcceptLanguage, translate } from '../src/i18n/translate.js';

/** Refuses a platform webhook call with the API's error shape, in the caller's language. */
export function refuseWebhook(req: Request, res: Response, status: number, code: MessageKey): void {
  res.status(status).json({ error: { code, message: translate(localeFromAcceptLanguage(req.get('accept-language')), code), details: {} } });
}
