import { ErrorCode, MongoError } from '../mongo-errors.js';
import { isPlainObject, type Doc } from '../storage/document-paths.js';
import { formatValue } from '../storage/unique-index.js';

/** A collation as mongod stores and lists it once parsed (every field filled in). */
export type CollationSpec = Doc & { locale: string; strength: number; caseLevel: boolean; caseFirst: string; numericOrdering: boolean; alternate: string };

const DEFAULTS = { caseLevel: false, caseFirst: 'off', strength: 3, numericOrdering: false, alternate: 'non-ignorable', maxVariable: 'punct', normalization: false, backwards: false };
const KNOWN_FIELDS = new Set(['locale', ...Object.keys(DEFAULTS), 'version']);
// The ICU version mongod 7 ships; stored in every collation it lists.
const ICU_VERSION = '57.1';

function bad(code: number, message: string): MongoError {
  return new MongoError(code, message);
}

/**
 * Parses a `collation` argument as mongod does: undefined for none or `{locale: 'simple'}`
 * (binary comparison), else the full spec. Strings compare through Intl.Collator, the ICU
 * build the platform ships.
 */
export function parseCollation(value: unknown): CollationSpec | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw bad(ErrorCode.TypeMismatch, "BSON field 'collation' is the wrong type, expected type 'object'");
  const unknown = Object.keys(value).find((k) => !KNOWN_FIELDS.has(k));
  if (unknown !== undefined) throw bad(40415, `BSON field 'collation.${unknown}' is an unknown field.`);
  const locale = value.locale;
  if (locale === undefined) throw bad(40414, "BSON field 'collation.locale' is missing but a required field");
  if (typeof locale !== 'string') throw bad(ErrorCode.TypeMismatch, "BSON field 'collation.locale' is the wrong type, expected type 'string'");
  if (locale === 'simple') {
    if (Object.keys(value).length > 1) throw bad(ErrorCode.FailedToParse, `If locale=simple, no other fields should be present in: ${formatValue(value)}`);
    return undefined;
  }
  if (locale === '' || !isSupportedLocale(locale)) throw bad(ErrorCode.BadValue, `Field 'locale' is invalid in: ${formatValue(value)}`);
  const strength = value.strength ?? DEFAULTS.strength;
  if (typeof strength !== 'number' || !Number.isInteger(strength) || strength < 1 || strength > 5) {
    throw bad(ErrorCode.FailedToParse, `Field 'strength' must be an integer 1 through 5. Got: ${String(strength)}`);
  }
  if (value.version !== undefined && value.version !== ICU_VERSION) {
    throw bad(ErrorCode.IncompatibleCollationVersion, `Requested collation version ${String(value.version)} but the only available collator version was ${ICU_VERSION}. Requested collation spec: ${formatValue(value)}`);
  }
  return { ...DEFAULTS, ...value, locale, strength, version: ICU_VERSION } as CollationSpec;
}

function isSupportedLocale(locale: string): boolean {
  try {
    return Intl.Collator.supportedLocalesOf([locale.replace(/_/g, '-')]).length > 0;
  } catch {
    return false;
  }
}

const collators = new Map<string, Intl.Collator>();

/** The Intl.Collator comparing strings as the spec says (strength 1 ignores case and accents). */
export function collatorFor(spec: CollationSpec): Intl.Collator {
  const key = JSON.stringify(spec);
  let collator = collators.get(key);
  if (!collator) {
    const base = spec.strength === 1 ? 'base' : spec.strength === 2 ? 'accent' : 'variant';
    const sensitivity = spec.caseLevel && base === 'base' ? 'case' : spec.caseLevel && base === 'accent' ? 'variant' : base;
    collator = new Intl.Collator(spec.locale.replace(/_/g, '-'), {
      sensitivity,
      numeric: spec.numericOrdering === true,
      caseFirst: spec.caseFirst === 'upper' || spec.caseFirst === 'lower' ? spec.caseFirst : 'false',
      ignorePunctuation: spec.alternate === 'shifted',
      usage: 'sort',
    });
    collators.set(key, collator);
  }
  return collator;
}

// Commands run one at a time, so the collation of the running one can be ambient: matching,
// sorting and planning consult it without every signature carrying it.
let active: { spec: CollationSpec; collator: Intl.Collator } | null = null;

/** Runs `work` with this collation in force (undefined = binary comparison). */
export function withCollation<T>(spec: CollationSpec | undefined, work: () => T): T {
  const outer = active;
  active = spec ? { spec, collator: collatorFor(spec) } : null;
  try {
    return work();
  } finally {
    active = outer;
  }
}

/** The collator of the running command, or null for binary comparison. */
export function activeCollator(): Intl.Collator | null {
  return active?.collator ?? null;
}

/** The collation spec of the running command (for mingo's $sort and cache keys). */
export function activeCollation(): CollationSpec | undefined {
  return active?.spec;
}
