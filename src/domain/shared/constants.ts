/** Ways an overseas expert can work with a local firm or the city's programme. */
export const ENGAGEMENT_TYPES = [
  'remote_consulting',
  'mentoring',
  'short_visit',
  'long_term_placement',
  'investment',
  'partnership',
] as const;
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];

/** ISO 639-1 codes we accept for spoken languages. */
export const LANGUAGE_CODE = /^[a-z]{2}$/;

/** ISO 3166-1 alpha-2 country codes ("VN", "DE", "US"). */
export const COUNTRY_CODE = /^[A-Z]{2}$/;
