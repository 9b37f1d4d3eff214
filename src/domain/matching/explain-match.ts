import type { Locale, MessageKey } from '../../i18n/messages.js';
import { translate } from '../../i18n/translate.js';
import type { EngagementType } from '../shared/constants.js';
import type { MatchResult } from './match-score.js';

function hoursText(hours: number, locale: Locale): string {
  const text = Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
  return locale === 'vi' ? text.replace('.', ',') : text;
}

/**
 * The reasons behind a match as one line a person reads at a glance, e.g. "Has 2 of 3
 * must-have skills (react, nodejs; missing kubernetes) · also typescript · offers remote
 * consulting · speaks vi, en · 3.5 h of shared working time".
 */
export function explainMatch(result: MatchResult, locale: Locale, engagementType?: EngagementType): string {
  const e = result.explanation;
  const t = (key: MessageKey, params: Record<string, unknown> = {}) => translate(locale, key, params);
  const parts: string[] = [];
  const total = e.matchedMust.length + e.missingMust.length;
  if (total > 0) {
    // Either half may be empty; joining only the non-empty ones avoids "(; missing go)".
    const missing = e.missingMust.length > 0 ? t('match.missing', { list: e.missingMust.join(', ') }) : '';
    const list = [e.matchedMust.join(', '), missing].filter((part) => part.length > 0).join('; ');
    parts.push(t('match.must', { matched: e.matchedMust.length, total, list }));
  }
  if (e.matchedNice.length > 0) parts.push(t('match.nice', { list: e.matchedNice.join(', ') }));
  if (engagementType) {
    const type = t(`engagement.${engagementType}`);
    parts.push(t(e.engagementMatches ? 'match.engagement' : 'match.no_engagement', { type }));
  }
  if (e.sharedLanguages.length > 0) parts.push(t('match.languages', { list: e.sharedLanguages.join(', ') }));
  if (e.overlapHours > 0) parts.push(t('match.overlap', { hours: hoursText(e.overlapHours, locale) }));
  if (e.availability !== 'available') parts.push(t(`match.availability.${e.availability}`));
  return parts.join(' · ');
}
