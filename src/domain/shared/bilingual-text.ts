import { z } from 'zod';
import { validationKey, type ValidationMessageKey } from '../../i18n/validation-messages.js';
import { personText } from './person-text.js';

/** A text people write in Vietnamese, English or both (`{vi?, en?}`), each side cleaned as `personText`. */
export function bilingualText(max: number, options: { min?: number } = {}) {
  const side = () => personText({ min: options.min ?? 1, max, multiline: true }).optional();
  return z.strictObject({ vi: side(), en: side() });
}

/** The same, with at least one of the two languages written; `message` names what is missing. */
export function requiredBilingualText(max: number, message: ValidationMessageKey = 'validation.bilingual_text') {
  return bilingualText(max).refine((text) => Boolean(text.vi ?? text.en), validationKey(message));
}
