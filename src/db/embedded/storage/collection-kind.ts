import { ErrorCode, MongoError } from '../mongo-errors.js';
import { parseCollation } from '../query/collation.js';
import { isPlainObject, type Doc } from './document-paths.js';

// mongod's bucket span for each time-series granularity (what listCollections shows).
const BUCKET_SPAN: Record<string, number> = { seconds: 3600, minutes: 86400, hours: 2592000 };

/**
 * Checks and completes a create command's collection options as mongod 7 does: a capped
 * collection needs a size; a time-series one gets its granularity and bucket span filled in.
 * A time-series collection is stored as a plain collection: inserts and finds behave the same.
 */
export function normalizeCollectionOptions(options: Doc): Doc {
  // mongod reads `capped` as a flag: any true value, so a number (`capped: 1024`) counts too.
  const capped = options.capped === true || (typeof options.capped === 'number' && options.capped !== 0);
  if (capped && !(typeof options.size === 'number' && options.size > 0)) {
    throw new MongoError(ErrorCode.InvalidOptions, "the 'size' field is required when 'capped' is true");
  }
  if (options.collation !== undefined) options = withCollation(options);
  const timeseries = options.timeseries;
  if (timeseries === undefined) return options;
  if (!isPlainObject(timeseries) || typeof timeseries.timeField !== 'string') {
    throw new MongoError(ErrorCode.InvalidOptions, "BSON field 'timeseries.timeField' is missing but a required field");
  }
  const granularity = typeof timeseries.granularity === 'string' ? timeseries.granularity : 'seconds';
  const span = BUCKET_SPAN[granularity];
  if (span === undefined) {
    throw new MongoError(ErrorCode.BadValue, `Enumeration value '${granularity}' for field 'timeseries.granularity' is not a valid value.`);
  }
  return { ...options, timeseries: { ...timeseries, granularity, bucketMaxSpanSeconds: span } };
}

/** A default collation stored in full, as listCollections shows it; `{locale: 'simple'}` is no default at all. */
function withCollation(options: Doc): Doc {
  const { collation, ...rest } = options;
  const spec = parseCollation(collation);
  return spec ? { ...rest, collation: spec } : rest;
}

/** An index's collation: its own in full (`{locale: 'simple'}` kept when it overrides a default), else the collection's. */
export function indexCollation(spec: Doc, collectionOptions: Doc): Doc {
  const { collation, ...rest } = spec;
  const inherited = collectionOptions.collation;
  if (collation === undefined) return isPlainObject(inherited) ? { ...rest, collation: inherited } : rest;
  const parsed = parseCollation(collation);
  if (parsed) return { ...rest, collation: parsed };
  return isPlainObject(inherited) ? { ...rest, collation: { locale: 'simple' } } : rest;
}

/** The `type` listCollections reports. */
export function collectionType(options: Doc): 'collection' | 'timeseries' {
  return isPlainObject(options.timeseries) ? 'timeseries' : 'collection';
}
